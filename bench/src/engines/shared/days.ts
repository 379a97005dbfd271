/**
 * Calendar days for engines that need date arithmetic, on `YYYY-MM-DD` strings without allocating:
 * ISO strings compare correctly as strings, so only shifts go through day numbers.
 */

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const year = (s: string) => digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
const month = (s: string) => digit(s, 5) * 10 + digit(s, 6);
const dayOfMonth = (s: string) => digit(s, 8) * 10 + digit(s, 9);

/** Days since 1970-01-01 of a full date (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayNumber(iso: string): number {
  let y = year(iso);
  const m = month(iso);
  const d = dayOfMonth(iso);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The day `n` days before `iso`. */
export function daysBefore(iso: string, n: number): string {
  return isoDay(dayNumber(iso) - n);
}

/**
 * Age in completed years on `day`; the age goes up on the birthday itself (29 February births on
 * 1 March in common years, which comparing month and day as one number gives).
 */
export function ageOn(birth: string, day: string): number {
  const years = year(day) - year(birth);
  const md = month(day) * 100 + dayOfMonth(day);
  const bmd = month(birth) * 100 + dayOfMonth(birth);
  return md < bmd ? years - 1 : years;
}
