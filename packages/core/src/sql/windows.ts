import { windowMay, windowSure } from '../decide/window';
import type { Window } from '../evaluate/ir';
import { MEAN_MONTH_DAYS } from '../time/dates';
import { NotCompilable } from './context';
import { addMonthsSql, type SqlDialect } from './dialect';
import type { SqlWindow } from './records';

/**
 * A window before an anchor (decide/window.ts windowSure and windowMay) as SQL: before the
 * screening date its days are worked out here; before a day read per patient (`dayLo`, `dayHi`:
 * SQL expressions) it moves per patient, in calendar months by the engine's month arithmetic.
 */
export function windowBefore(
  w: Window,
  anchor: { dayLo: string; dayHi: string } | number,
  dialect?: SqlDialect,
): SqlWindow {
  if (typeof anchor === 'number') {
    const day = String(anchor);
    return {
      sure: String(windowSure(anchor, w)),
      may: String(windowMay(anchor, w)),
      anchorLo: day,
      anchorHi: day,
    };
  }
  if (w.unit === 'month' || w.unit === 'year') {
    if (dialect === undefined)
      throw new NotCompilable('a window of months or years before a date read per patient');
    // time/dates.ts addDuration: whole calendar months, then the fraction in mean-month days.
    const months = -(w.unit === 'year' ? w.amount * 12 : w.amount);
    const whole = Math.trunc(months);
    const days = Math.round((months - whole) * MEAN_MONTH_DAYS) + (w.strict ? 1 : 0);
    const shift = (day: string) => `(${addMonthsSql(dialect, day, whole)} + ${days})`;
    return {
      sure: shift(anchor.dayHi),
      may: shift(anchor.dayLo),
      anchorLo: anchor.dayLo,
      anchorHi: anchor.dayHi,
    };
  }
  const days = w.unit === 'week' ? 7 * w.amount : w.unit === 'day' ? w.amount : undefined;
  const strict = w.strict ? 1 : 0;
  return {
    sure:
      days !== undefined
        ? `${anchor.dayHi} - ${days - strict}`
        : w.strict
          ? `${anchor.dayHi} + ${2 - Math.ceil(w.amount / 24)}`
          : `${anchor.dayHi} + ${1 - Math.floor(w.amount / 24)}`,
    may:
      days !== undefined
        ? `${anchor.dayLo} - ${days - strict}`
        : `${anchor.dayLo} - ${Math.ceil(w.amount / 24)}`,
    anchorLo: anchor.dayLo,
    anchorHi: anchor.dayHi,
  };
}

/** The day `w` after day `day` (a SQL expression), as time/dates.ts addDuration counts it. */
export function addDurationSql(dialect: SqlDialect, day: string, w: Window): string {
  const { amount, unit } = w;
  if (unit === 'hour') return `(${day} + ${Math.round(amount / 24)})`;
  if (unit === 'day') return `(${day} + ${Math.round(amount)})`;
  if (unit === 'week') return `(${day} + ${Math.round(amount * 7)})`;
  const months = unit === 'year' ? amount * 12 : amount;
  const whole = Math.trunc(months);
  return `(${addMonthsSql(dialect, day, whole)} + ${Math.round((months - whole) * MEAN_MONTH_DAYS)})`;
}
