import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { round12 } from '../units/exact';
import { coverOf, type DoseRecord, sameRecord } from './dosing';
import type { Duration } from './records';
import { windowSure } from './window';

/**
 * A medication's daily dose over a window, day by day: `M highest daily dose within D` and
 * `M daily dose increased within D`. The window is the days from D before the screening date (as
 * `within D before screening` counts them) to the screening date itself.
 *
 * The daily dose of one day is read as on the screening date (decide/dosing.ts): known from the
 * highest daily dose of the exposures that surely cover the day, are surely the element's and
 * state a dose, to the sum of every exposure that may cover it (records equal in every field
 * counted once; one without a dose leaves the sum open). A day no exposure may cover is a day
 * without the drug, 0 mg/d, where the history is complete; in an open world it is a day whose
 * dose is not known (a gap in the records may hide any dose).
 *
 * An exposure covers a day surely from its latest possible start to its earliest possible end
 * (an undated start: only its last day, as `stable for at least` reads it), perhaps from its
 * earliest start to its latest end.
 */

/** A run of days on which every exposure's cover is the same, so is what is known of the dose. */
export interface DoseSegment {
  readonly from: number;
  readonly to: number;
  /** The daily dose is at least `lo` and at most `hi` (+∞: not bounded, or not known at all). */
  readonly lo: number;
  readonly hi: number;
  /** The exposures that may cover these days (indices). */
  readonly may: readonly number[];
  /** Those that surely cover them, are surely the element's and state a dose. */
  readonly sure: readonly number[];
  /** Whether the days' dose is on record at all: some exposure may cover them, or the history is complete. */
  readonly known: boolean;
}

/** The first day of the window `within D`: the screening date less D. */
export function doseWindowFrom(asOf: number, duration: Duration): number {
  return windowSure(asOf, duration);
}

/** The window's days cut where any exposure's cover changes, with the dose known on each run. */
export function doseSegments(
  records: readonly DoseRecord[],
  asOf: number,
  duration: Duration,
  complete: boolean,
): DoseSegment[] {
  return doseSegmentsFrom(records, doseWindowFrom(asOf, duration), asOf, complete);
}

/** The days from `from` to the screening date cut where any exposure's cover changes (doseSegments). */
export function doseSegmentsFrom(
  records: readonly DoseRecord[],
  from: number,
  asOf: number,
  complete: boolean,
): DoseSegment[] {
  const covers = records.map((r) => coverOf(r, asOf));
  const cuts = new Set<number>([from]);
  for (const c of covers) {
    if (c === undefined) continue;
    for (const d of [c.mayFrom, c.sureFrom, c.sureTo + 1, c.mayTo + 1]) {
      if (d > from && d <= asOf) cuts.add(d);
    }
  }
  const starts = [...cuts].sort((a, b) => a - b);
  return starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! - 1 : asOf;
    const may: number[] = [];
    const sure: number[] = [];
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < records.length; i++) {
      const c = covers[i];
      if (c === undefined || c.mayFrom > start || c.mayTo < start) continue;
      const r = records[i]!;
      const repeated = may.some((j) => sameRecord(records[j]!, r));
      may.push(i);
      const certain = !r.open && !Number.isNaN(r.daily);
      if (certain && c.sureFrom <= start && end <= c.sureTo) {
        sure.push(i);
        if (r.daily > lo) lo = r.daily;
      }
      if (!repeated) hi += Number.isNaN(r.daily) ? Number.POSITIVE_INFINITY : r.daily;
    }
    const known = may.length > 0 || complete;
    return { from: start, to: end, lo, hi: known ? hi : Number.POSITIVE_INFINITY, may, sure, known };
  });
}

/** A daily dose known between `lo` and `hi`, or not on record at all (`known` false). */
export interface HighestDose {
  readonly known: boolean;
  readonly lo: number;
  readonly hi: number;
  /** The exposures that may fall in the window (indices), for explanations. */
  readonly inWindow: readonly number[];
}

/**
 * `M highest daily dose within D`: the highest of the window's daily doses, from the highest of
 * their lower ends to the highest of their upper ends. Not known at all in an open world when no
 * exposure may fall in the window (the regimen is not on record).
 */
export function highestDailyDose(
  records: readonly DoseRecord[],
  asOf: number,
  duration: Duration,
  complete: boolean,
): HighestDose {
  const segments = doseSegments(records, asOf, duration, complete);
  const inWindow = [...new Set(segments.flatMap((s) => s.may))].sort((a, b) => a - b);
  if (!complete && inWindow.length === 0) return { known: false, lo: 0, hi: 0, inWindow };
  let lo = 0;
  let hi = 0;
  for (const s of segments) {
    if (s.lo > lo) lo = s.lo;
    if (s.hi > hi) hi = s.hi;
  }
  return { known: true, lo, hi, inWindow };
}

/** Whether the dose on the days of `later` is surely no higher than on those of `earlier`. */
function notAbove(earlier: DoseSegment, later: DoseSegment): boolean {
  if (!later.known) return false;
  if (round12(later.hi) <= round12(earlier.lo)) return true;
  // The same exposures, or fewer of them: whether they restate one regimen or add up, they give
  // no more than they gave before.
  return later.may.every((i) => earlier.sure.includes(i));
}

/**
 * `M daily dose increased within D`: on some day of the window the daily dose was higher than on
 * an earlier day of it. True when some day's dose surely exceeds an earlier day's (its lower end
 * above the other's upper end); false when every day's dose is surely no higher than every
 * earlier day's (stable or falling: by the numbers, or because only exposures that surely ran on
 * the earlier day may run on the later); unknown otherwise: a dose not recorded, a date too
 * partial to order a change, an exposure that may not be the element's, or, in an open world, a
 * day with no exposure on record. Starting the drug inside the window is an increase from none
 * (surely so in a complete history). `inWindow` receives the exposures that may fall in the
 * window, for explanations.
 */
export function doseIncreasedTruth(
  records: readonly DoseRecord[],
  asOf: number,
  duration: Duration,
  complete: boolean,
  inWindow: number[] = [],
): Tri {
  const segments = doseSegments(records, asOf, duration, complete);
  inWindow.push(...[...new Set(segments.flatMap((s) => s.may))].sort((a, b) => a - b));
  let lowestHiBefore = Number.POSITIVE_INFINITY;
  for (const s of segments) {
    if (round12(s.lo) > round12(lowestHiBefore)) return TRUE;
    if (s.hi < lowestHiBefore) lowestHiBefore = s.hi;
  }
  for (let j = 0; j < segments.length; j++) {
    const later = segments[j]!;
    // A run of several days holds pairs of its own.
    if (later.to > later.from && !notAbove(later, later)) return UNKNOWN;
    for (let i = 0; i < j; i++) if (!notAbove(segments[i]!, later)) return UNKNOWN;
  }
  return FALSE;
}
