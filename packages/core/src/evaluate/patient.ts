import type { Answers, Facts } from '../facts/shapes';
import type { InputWarning } from '../screen/types';
import { readDays, readDaysResult } from '../time/dates';
import { shiftBy } from './days';
import type { Window } from './ir';

let nextEpoch = 0;

/**
 * One patient being screened. Value nodes cache what they read under the patient's epoch, so an
 * element used by several criteria is read once per patient and nothing is cleared between patients.
 */
export class Patient {
  readonly epoch = nextEpoch++;
  /** The screening date as a day number (NaN when it is not a date). */
  readonly asOfDay: number;

  constructor(
    readonly facts: Facts,
    readonly answers: Answers,
    /** The screening date, YYYY-MM-DD. */
    readonly asOf: string,
    /** Collects input problems when explaining; the fast path passes undefined. */
    readonly warnings: InputWarning[] | undefined,
  ) {
    this.asOfDay = readDays(asOf) ? readDaysResult.lo : Number.NaN;
  }

  /** The first day of a window ending on the screening date (`within 7 days`: asOf − 7 days). */
  windowStart(window: Window): string {
    return windowStart(this.asOf, window);
  }

  warn(warning: InputWarning): void {
    if (this.warnings && !this.warnings.some((w) => w.path === warning.path && w.code === warning.code)) {
      this.warnings.push(warning);
    }
  }
}

const starts = new Map<string, string>();

export function windowStart(asOf: string, window: Window): string {
  const key = `${asOf}|${window.amount}|${window.unit}`;
  let start = starts.get(key);
  if (start === undefined) {
    if (starts.size > 4096) starts.clear();
    start = shiftBy(asOf, -window.amount, window.unit);
    starts.set(key, start);
  }
  return start;
}
