import { addDays, addMonths, addYears, dayFromIso, formatDay, parseDate } from '../time/dates';

/**
 * Record dates as ISO day strings. Full dates (the common case) compare as strings without parsing,
 * which keeps the batch path free of allocation; partial dates (`1990`, `1990-05`) become the first
 * and last day they could be.
 */

/** The earliest day a record date could be; '' when the text is not a date. */
export function earliestDay(text: string): string {
  if (text.length === 10) return text;
  if (text.length > 10) return text.slice(0, 10);
  const range = parseDate(text);
  return range ? formatDay(range.earliest) : '';
}

/** The latest day a record date could be; '' when the text is not a date. */
export function latestDay(text: string): string {
  if (text.length === 10) return text;
  if (text.length > 10) return text.slice(0, 10);
  const range = parseDate(text);
  return range ? formatDay(range.latest) : '';
}

export function shiftDays(iso: string, days: number): string {
  return formatDay(addDays(dayFromIso(iso), days));
}

export function shiftMonths(iso: string, months: number): string {
  return formatDay(addMonths(dayFromIso(iso), months));
}

export function shiftYears(iso: string, years: number): string {
  return formatDay(addYears(dayFromIso(iso), years));
}

/** Shifts a day by a language duration; weeks are 7 days, months and years calendar ones. */
export function shiftBy(
  iso: string,
  amount: number,
  unit: 'hour' | 'day' | 'week' | 'month' | 'year',
): string {
  if (unit === 'hour') return shiftDays(iso, Math.round(amount / 24));
  if (unit === 'day') return shiftDays(iso, amount);
  if (unit === 'week') return shiftDays(iso, amount * 7);
  if (unit === 'month') return shiftMonths(iso, amount);
  return shiftYears(iso, amount);
}
