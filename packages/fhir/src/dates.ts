/**
 * FHIR dates and date-times as Eligo reads them: partial dates (`1990`, `1990-05`) kept at their
 * precision, and a record's date-time kept whole when it has its UTC offset (FHIR requires one
 * with a time of day), so that hour windows can count between moments; everything by day counts
 * on the calendar day written in the record.
 */

const FHIR_DATE_TIME =
  /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

// Arithmetic rather than a Date per call: every date in a bundle is checked on every request.
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number written by the ASCII digits of `text` from `start` to `end`. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * Whether a text that has matched one of the patterns above names a real month and day. The
 * patterns fix where they are: a month at 5–6 when there is more than the year, a day at 8–9
 * when there is more than the month.
 */
function validCalendar(text: string): boolean {
  if (text.length < 7) return true;
  const month = digits(text, 5, 7);
  if (month < 1 || month > 12) return false;
  if (text.length < 10) return true;
  const day = digits(text, 8, 10);
  return day >= 1 && day <= daysInMonth(digits(text, 0, 4), month);
}

/** Whether `text` is a FHIR date or dateTime on a real calendar day (or month, or year). */
export function isFhirDateTime(text: string): boolean {
  return FHIR_DATE_TIME.test(text) && validCalendar(text);
}

/** Whether `text` is a full calendar day `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  return DAY.test(text) && validCalendar(text);
}

/** `2025-03-12T08:30:00+01:00` → `2025-03-12`; `1990-05` stays `1990-05`. Expects a valid FHIR date. */
export function toPartialDate(text: string): string {
  return text.length > 10 ? text.slice(0, 10) : text;
}

const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A record's date as Eligo keeps it: `2025-03-12T08:30:00+07:00` whole (a moment), a date-time
 * without its offset cut to its day, a date kept at its precision. Expects a valid FHIR date.
 */
export function toRecordDate(text: string): string {
  return MOMENT.test(text) ? text : toPartialDate(text);
}

/**
 * Whether every day a (partial) date could be falls after `asOf`: `2025-04` is after
 * `2025-03-15`, `2025-03` is not (it may be the 1st).
 */
export function isAfter(date: string, asOf: string): boolean {
  if (date.length > 10) return toPartialDate(date) > asOf;
  const first = date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
  return first > asOf;
}
