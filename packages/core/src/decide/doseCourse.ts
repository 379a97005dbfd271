import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { addDuration } from '../time/dates';
import { round12 } from '../units/exact';
import { doseSegmentsFrom } from './doseHistory';
import { coverOf, type DoseRecord } from './dosing';
import type { Duration } from './records';
import { type WindowLength, windowSure } from './window';

/**
 * `M daily dose [as T] >= X for at least D [within [less than] W before screening]`: a course, on
 * day numbers and daily doses in the unit compared (decide/dosing.ts). True when some run of
 * consecutive days, on each of which the daily dose passed the comparison, lasts at least D with
 * both ends counted (14 days from 18 April is through 1 May), and its last day falls in the window:
 * a course that started before the window and ran into it counts, since the patient was on it
 * inside the window. Without a window any run up to the screening date counts.
 *
 * Each day's daily dose is read as doseHistory.ts reads it (from the highest dose of the exposures
 * that surely cover the day, are surely the element's and state a dose, to the sum over every
 * exposure that may cover it), over the whole history rather than a window: a day is surely in
 * the course when even the lower end passes, perhaps when the upper end may. Days before the
 * first record are days without the drug in a complete history, and of a dose not known in an
 * open one (as are the days an undated start may reach back to): there, a course may have run
 * for any length before the records begin.
 *
 * False when no run of days that perhaps passed lasts D and reaches the window; unknown between:
 * a dose not recorded, an exposure that may not be the element's, a date too partial to count
 * the days, or, in an open world, days with no record.
 */

/** The comparison and the lengths of a course; the threshold X is known between `xLo` and `xHi`. */
export interface CourseTest {
  /** `>` rather than `>=`. */
  readonly above: boolean;
  readonly xLo: number;
  readonly xHi: number;
  readonly duration: Duration;
  /** W; undefined for the whole history. */
  readonly window: WindowLength | undefined;
}

/** A run of days from `from` to `to` (∞ before the records: `from` −∞). */
interface Run {
  from: number;
  to: number;
}

/** Whether a run of days lasts `duration` with both ends counted: the day after it is at least D after its first. */
export function runLasts(from: number, to: number, duration: Duration): boolean {
  if (from === Number.NEGATIVE_INFINITY) return true;
  return addDuration(from, duration.amount, duration.unit) <= to + 1;
}

/** The first day of the window, for a course that must reach it (−∞ without one). */
export function courseWindowFrom(asOf: number, window: WindowLength | undefined): number {
  return window === undefined ? Number.NEGATIVE_INFINITY : windowSure(asOf, window);
}

/**
 * The course decision. `shown` receives the exposures (indices) that may cover a day of the
 * window (every exposure without one), for explanations.
 */
export function courseTruth(
  records: readonly DoseRecord[],
  asOf: number,
  test: CourseTest,
  complete: boolean,
  shown: number[] = [],
): Tri {
  const windowFrom = courseWindowFrom(asOf, test.window);
  const covers = records.map((r) => coverOf(r, asOf));
  // The days looked at run from the first any record may cover; those before are the lead-in.
  let start = asOf;
  let undatedStart = false;
  covers.forEach((c, i) => {
    if (c === undefined) return;
    if (c.mayTo >= windowFrom) shown.push(i);
    if (c.mayFrom === Number.NEGATIVE_INFINITY) undatedStart = true;
    else start = Math.min(start, c.mayFrom);
    start = Math.min(start, c.sureFrom);
  });

  const passes = (dose: number, threshold: number) =>
    test.above ? round12(dose) > round12(threshold) : round12(dose) >= round12(threshold);
  // Before the first record: no drug in a complete history (an undated start aside), any dose in an open one.
  const leadMay = !complete || undatedStart ? true : passes(0, test.xLo);
  const sureRuns: Run[] = [];
  const mayRuns: Run[] = [];
  let sure: Run | undefined;
  let may: Run | undefined = leadMay ? { from: Number.NEGATIVE_INFINITY, to: start - 1 } : undefined;
  for (const s of doseSegmentsFrom(records, start, asOf, complete)) {
    if (passes(s.lo, test.xHi)) {
      if (sure) sure.to = s.to;
      else sure = { from: s.from, to: s.to };
    } else if (sure) {
      sureRuns.push(sure);
      sure = undefined;
    }
    if (passes(s.hi, test.xLo)) {
      if (may) may.to = s.to;
      else may = { from: s.from, to: s.to };
    } else if (may) {
      mayRuns.push(may);
      may = undefined;
    }
  }
  if (sure) sureRuns.push(sure);
  if (may) mayRuns.push(may);

  const counts = (r: Run) => r.to >= windowFrom && runLasts(r.from, r.to, test.duration);
  if (sureRuns.some(counts)) return TRUE;
  return mayRuns.some(counts) ? UNKNOWN : FALSE;
}
