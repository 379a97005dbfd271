import { yearsBetweenKeys } from '../decide/age';

/**
 * Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), computed with integer
 * arithmetic rather than `Date`, so no local time zone or daylight-saving shift can move a day.
 * The conversions follow H. Hinnant's `days_from_civil` / `civil_from_days`.
 */

export type DayNumber = number;

/** A date known to some precision: `1990` is every day of 1990. */
export interface DateRange {
  readonly earliest: DayNumber;
  readonly latest: DayNumber;
  readonly precision: 'year' | 'month' | 'day';
}

interface Civil {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

function fromCivil(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar fields of the last day passed to `civil`: module state, so reading them allocates nothing. */
let cy = 0;
let cm = 0;
let cd = 0;

function civil(day: DayNumber): void {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  cd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  cm = mp < 10 ? mp + 3 : mp - 9;
  cy = cm <= 2 ? yoe + era * 400 + 1 : yoe + era * 400;
}

function toCivil(day: DayNumber): Civil {
  civil(day);
  return { y: cy, m: cm, d: cd };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]([0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?))?)?)?$/;

/**
 * `1990`, `1990-05`, `1990-05-17`, or a date-time, which counts as the calendar day written in it
 * (`2025-03-12T23:30:00+08:00` is 12 March, whatever the offset). Undefined for anything else,
 * including impossible dates such as `2023-02-29`.
 */
export function parseDate(text: string): DateRange | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const y = Number(match[1]);
  if (match[2] === undefined) {
    return { earliest: fromCivil(y, 1, 1), latest: fromCivil(y, 12, 31), precision: 'year' };
  }
  const m = Number(match[2]);
  if (m < 1 || m > 12) return undefined;
  if (match[3] === undefined) {
    return { earliest: fromCivil(y, m, 1), latest: fromCivil(y, m, daysInMonth(y, m)), precision: 'month' };
  }
  const d = Number(match[3]);
  if (d < 1 || d > daysInMonth(y, m)) return undefined;
  const day = fromCivil(y, m, d);
  return { earliest: day, latest: day, precision: 'day' };
}

/** The day of a full `YYYY-MM-DD` date; NaN for anything else. */
export function dayFromIso(text: string): DayNumber {
  const range = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text) : undefined;
  return range ? range.earliest : Number.NaN;
}

/** `YYYY-MM-DD`. */
export function formatDay(day: DayNumber): string {
  const { y, m, d } = toCivil(day);
  const year = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(day: DayNumber, n: number): DayNumber {
  return day + n;
}

/**
 * Calendar months; a day that does not exist in the target month becomes its last day
 * (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(day: DayNumber, n: number): DayNumber {
  const { y, m, d } = toCivil(day);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return fromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Calendar years; 29 February becomes 28 February in a common year. */
export function addYears(day: DayNumber, n: number): DayNumber {
  return addMonths(day, n * 12);
}

/** Mean length of a Gregorian month, for the fractional part of a duration in months. */
export const MEAN_MONTH_DAYS = 365.2425 / 12;

/**
 * A duration in the language's units. Whole months and years move along the calendar; a
 * fractional remainder (`1.5 months`) is added as days of a mean month, rounded to a whole day.
 */
export function addDuration(
  day: DayNumber,
  amount: number,
  unit: 'hour' | 'day' | 'week' | 'month' | 'year',
): DayNumber {
  switch (unit) {
    case 'hour':
      // Days carry no time: whole days of 24 hours (the checker allows hours only where
      // decide/window.ts judges them on days).
      return day + Math.round(amount / 24);
    case 'day':
      return day + Math.round(amount);
    case 'week':
      return day + Math.round(amount * 7);
    case 'month':
    case 'year': {
      const months = unit === 'year' ? amount * 12 : amount;
      const whole = Math.trunc(months);
      return addMonths(day, whole) + Math.round((months - whole) * MEAN_MONTH_DAYS);
    }
  }
}

/**
 * Completed years on `on`: the age goes up on the birthday itself, and someone born on
 * 29 February turns a year older on 1 March in common years.
 */
export function ageInYears(birth: DayNumber, on: DayNumber): number {
  const b = toCivil(birth);
  const o = toCivil(on);
  return completedYears(b.y, b.m, b.d, o.y, o.m, o.d);
}

/**
 * The day as the number YYYYMMDD. Completed years between two days are then
 * `Math.floor((on - birth) / 10000)`: the month and day decide the last year without a branch,
 * which spares a population screening an object per date.
 */
export function dayKey(day: DayNumber): number {
  civil(day);
  return cy * 10000 + cm * 100 + cd;
}

/**
 * Completed years from a birth date to a day, from their calendar fields. Comparing (month, day)
 * puts a 29 February birthday after 28 February, so in common years it comes on 1 March.
 */
export function completedYears(by: number, bm: number, bd: number, y: number, m: number, d: number): number {
  return yearsBetweenKeys(by * 10000 + bm * 100 + bd, y * 10000 + m * 100 + d);
}

/**
 * Completed months from a birth date to a day, by the rule of completedYears: a child born on the
 * 31st completes a month on the 31st, or on the 1st of the next month when a month has no 31st.
 */
export function completedMonths(by: number, bm: number, bd: number, y: number, m: number, d: number): number {
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

/** The ages in completed months a partially known birth date allows on `on`. */
export function ageRangeInMonths(birth: DateRange, on: DayNumber): { min: number; max: number } {
  const o = toCivil(on);
  const late = toCivil(birth.latest);
  const early = toCivil(birth.earliest);
  return {
    min: completedMonths(late.y, late.m, late.d, o.y, o.m, o.d),
    max: completedMonths(early.y, early.m, early.d, o.y, o.m, o.d),
  };
}

/** The ages a partially known birth date allows on `on`: born late in the range is youngest. */
export function ageRange(birth: DateRange, on: DayNumber): { min: number; max: number } {
  return { min: ageInYears(birth.latest, on), max: ageInYears(birth.earliest, on) };
}

/**
 * The ages in days (a WHO growth table's age) a partially known birth date allows between the days
 * `from` and `to` (a measurement's date, or the range a partial one allows). Negative when the
 * measurement may predate the birth.
 */
export function ageRangeInDays(
  birth: DateRange,
  from: DayNumber,
  to: DayNumber,
): { min: number; max: number } {
  return { min: from - birth.latest, max: to - birth.earliest };
}

/** The earliest and latest day of the last text read by `readDays`: module state, so reading allocates nothing. */
export const readDaysResult = { lo: 0, hi: 0 };

/**
 * Reads a date text (`1990`, `1990-05`, `1990-05-17`, a date-time) into `readDaysResult`;
 * false when it is not a calendar date. Full days, the common case, are read without a pattern.
 */
export function readDays(text: string): boolean {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digitsAt(text, 0, 4);
    const m = digitsAt(text, 5, 7);
    const d = digitsAt(text, 8, 10);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) {
      const day = fromCivil(y, m, d);
      readDaysResult.lo = day;
      readDaysResult.hi = day;
      return true;
    }
    return false;
  }
  const range = parseDate(text);
  if (range === undefined) return false;
  readDaysResult.lo = range.earliest;
  readDaysResult.hi = range.latest;
  return true;
}

/** The number the digits of text[from, to) write; -1 when one is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const MOMENT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

/** What `readMoment` found: a date alone, a moment (a time of day with its offset), or neither. */
export const NOT_A_DATE = 0;
export const DAY_ONLY = 1;
export const MOMENT_KNOWN = 2;
/** A time of day written without its UTC offset: the moment it names is not known. */
export const NO_OFFSET = 3;

/**
 * The moment a date-time names, in milliseconds since 1970-01-01T00:00Z, from the last
 * `readMoment` that returned MOMENT_KNOWN: module state, so reading allocates nothing.
 */
export const readMomentResult = { at: 0 };

/**
 * Reads a date-time (`2025-10-12T10:00:00+07:00`, `…Z`) into `readMomentResult.at`. A full date
 * alone is DAY_ONLY; a time of day without its offset is NO_OFFSET, since the same clock time is a
 * different moment in each zone; anything else (a partial date, an impossible day or time) is
 * NOT_A_DATE, or DAY_ONLY for a partial date (its days are read by `readDays`).
 */
export function readMoment(text: string): number {
  if (text.length <= 10) return parseDate(text) === undefined ? NOT_A_DATE : DAY_ONLY;
  const m = MOMENT.exec(text);
  if (m === null) return NOT_A_DATE;
  const day = dayFromIso(m[1] as string);
  const h = Number(m[2]);
  const min = Number(m[3]);
  const s = m[4] === undefined ? 0 : Number(m[4]);
  if (Number.isNaN(day) || h > 23 || min > 59 || s > 59) return NOT_A_DATE;
  if (m[6] === undefined) return NO_OFFSET;
  let offset = 0;
  if (m[6] !== 'Z') {
    const oh = Number(m[8]);
    const om = Number(m[9]);
    if (oh > 14 || om > 59) return NOT_A_DATE;
    offset = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[5] === undefined ? 0 : Math.floor(Number(`0.${m[5]}`) * 1000);
  readMomentResult.at = ((day * 1440 + h * 60 + min - offset) * 60 + s) * 1000 + fraction;
  return MOMENT_KNOWN;
}

export const HOUR_MS = 3_600_000;
