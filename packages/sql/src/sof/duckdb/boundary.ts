import { text } from './sql';

/**
 * lowBoundary()/highBoundary() of partial dates, dateTimes and times (FHIRPath 3.0, experimental
 * in SQL on FHIR): the earliest and latest instants a value of that precision can stand for.
 * `kind` comes from an `ofType(…)` before the call when there is one; otherwise a string with a
 * `T` is a dateTime, one like `12:34` a time, and anything else a date.
 */
export type TemporalKind = 'date' | 'dateTime' | 'time' | 'unknown';

const dateTimePattern = text(
  '^([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)(?:T([0-9]{2})(?::([0-9]{2}))?(?::([0-9]{2}))?(?:\\.([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?)?$',
);
const timePattern = text('^([0-9]{2})(?::([0-9]{2}))?(?::([0-9]{2}))?(?:\\.([0-9]+))?$');

function dateBoundary(s: string, high: boolean): string {
  if (!high) return `CASE length(${s}) WHEN 4 THEN ${s} || '-01-01' WHEN 7 THEN ${s} || '-01' ELSE ${s} END`;
  return (
    `CASE length(${s}) WHEN 4 THEN ${s} || '-12-31' ` +
    `WHEN 7 THEN strftime(last_day(CAST(${s} || '-01' AS DATE)), '%Y-%m-%d') ELSE ${s} END`
  );
}

function part(s: string, pattern: string, group: number, fill: string): string {
  return `coalesce(nullif(regexp_extract(${s}, ${pattern}, ${group}), ''), ${text(fill)})`;
}

function millis(s: string, pattern: string, group: number, high: boolean): string {
  return `rpad(${part(s, pattern, group, '')}, 3, ${high ? "'9'" : "'0'"})`;
}

function dateTimeBoundary(s: string, high: boolean): string {
  const p = dateTimePattern;
  const date = dateBoundary(`regexp_extract(${s}, ${p}, 1)`, high);
  const time =
    `${part(s, p, 2, high ? '23' : '00')} || ':' || ${part(s, p, 3, high ? '59' : '00')} || ':' || ` +
    `${part(s, p, 4, high ? '59' : '00')} || '.' || ${millis(s, p, 5, high)}`;
  return `CASE WHEN regexp_matches(${s}, ${p}) THEN ${date} || 'T' || ${time} || ${part(s, p, 6, high ? '-12:00' : '+14:00')} END`;
}

function timeBoundary(s: string, high: boolean): string {
  const p = timePattern;
  return (
    `CASE WHEN regexp_matches(${s}, ${p}) THEN ${part(s, p, 1, '00')} || ':' || ${part(s, p, 2, high ? '59' : '00')} || ':' || ` +
    `${part(s, p, 3, high ? '59' : '00')} || '.' || ${millis(s, p, 4, high)} END`
  );
}

/** The boundary of the string `s` (SQL VARCHAR, never NULL-checked: NULL stays NULL). */
export function temporalBoundary(s: string, kind: TemporalKind, high: boolean): string {
  switch (kind) {
    case 'date':
      return `CASE WHEN regexp_matches(${s}, '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$') THEN ${dateBoundary(s, high)} END`;
    case 'dateTime':
      return dateTimeBoundary(s, high);
    case 'time':
      return timeBoundary(s, high);
    case 'unknown':
      return (
        `CASE WHEN contains(${s}, 'T') THEN ${dateTimeBoundary(s, high)} ` +
        `WHEN regexp_matches(${s}, '^[0-9]{2}(:|$)') THEN ${timeBoundary(s, high)} ` +
        `ELSE ${temporalBoundary(s, 'date', high)} END`
      );
  }
}
