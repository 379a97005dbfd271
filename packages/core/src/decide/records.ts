import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { addDuration } from '../time/dates';

/**
 * The record rules' decisions, one record at a time, over plain values: days as day numbers
 * (`NO_DAY` when undated), statuses as small classes. Every backend feeds these: the object
 * evaluator from facts (evaluate/records.ts), the column path from typed arrays
 * (population/records.ts). Neither decides anything itself; it loops, calls, and folds with
 * `finish`.
 *
 * An element's result is the Kleene `or` of its records' (`and` for `resolved more than …`).
 * A record marked unclassified may or may not be the element's, so it can never decide the fold
 * by itself: where it would, it says unknown instead (`maybe`, `maybeAll`).
 */

/** An undated record, or a missing date. */
export const NO_DAY = -2147483648;

/** The record does not count at all (refuted, entered in error, or after the screening date). */
export const SKIP = 3;
export type RecordTruth = Tri | typeof SKIP;

/** Clinical status classes: active, recurrence and relapse; inactive, remission and resolved; anything else. */
export const ACTIVE = 0;
export const INACTIVE = 1;
export const OTHER_STATUS = 2;

/** Verification classes: confirmed; provisional, differential or unconfirmed; refuted or entered in error. */
export const CONFIRMED = 0;
export const UNCONFIRMED = 1;
export const NEVER = 2;

export type ConditionMode = 'active' | 'suspected' | 'ever' | 'resolved';

export interface Duration {
  readonly amount: number;
  readonly unit: 'hour' | 'day' | 'week' | 'month' | 'year';
}

/** In an `or` fold: an unclassified record that would make the element true only might. */
function maybe(t: Tri, unclassified: boolean): Tri {
  return unclassified && t === TRUE ? UNKNOWN : t;
}

/** In an `and` fold: an unclassified record that would make the element false only might. */
function maybeAll(t: Tri, unclassified: boolean): Tri {
  return unclassified && t === FALSE ? UNKNOWN : t;
}

/**
 * One condition record. Onset after the screening date: the record does not count yet; an onset
 * that may or may not be after it leaves a true answer open. `resolved` asks whether the record
 * abated more than `years` before the screening date.
 */
export function conditionRecord(
  mode: ConditionMode,
  clinical: number,
  verification: number,
  onsetLo: number,
  onsetHi: number,
  endLo: number,
  endHi: number,
  asOf: number,
  years: number,
  unclassified: boolean,
): RecordTruth {
  if (verification === NEVER) return SKIP;
  let onsetUnsure = false;
  if (onsetLo !== NO_DAY) {
    if (onsetLo > asOf) return SKIP;
    onsetUnsure = onsetHi > asOf;
  }
  if (mode === 'resolved') {
    return maybeAll(resolvedRecord(clinical, endLo, endHi, asOf, years), unclassified);
  }
  let t: Tri;
  if (mode === 'ever') t = verification === CONFIRMED ? TRUE : UNKNOWN;
  else if (clinical !== ACTIVE) t = FALSE;
  else t = verification === CONFIRMED || mode === 'suspected' ? TRUE : UNKNOWN;
  if (t === TRUE && onsetUnsure) t = UNKNOWN;
  return maybe(t, unclassified);
}

/** Inactive, in remission or resolved, with the abatement more than `years` before the screening date. */
function resolvedRecord(clinical: number, endLo: number, endHi: number, asOf: number, years: number): Tri {
  if (clinical === ACTIVE) return FALSE;
  if (clinical !== INACTIVE || endLo === NO_DAY) return UNKNOWN;
  if (addDuration(endHi, years, 'year') < asOf) return TRUE;
  if (addDuration(endLo, years, 'year') >= asOf) return FALSE;
  return UNKNOWN;
}

/** One exposure started by the screening date (a start that may be after it leaves it open). */
export function exposureRecord(
  startLo: number,
  startHi: number,
  asOf: number,
  unclassified: boolean,
): RecordTruth {
  if (startLo !== NO_DAY && startLo > asOf) return SKIP;
  return maybe(startLo !== NO_DAY && startHi > asOf ? UNKNOWN : TRUE, unclassified);
}

/**
 * One exposure overlapping the window before an anchor day (known between anchorLo and anchorHi;
 * the window starting `sure` at the latest and `may` at the earliest, decide/window.ts): certain
 * when the shortest the exposure can be overlaps every window the anchor allows, possible when
 * the longest overlaps any. No end means ongoing at the screening date.
 */
export function exposureWithinRecord(
  startLo: number,
  startHi: number,
  endLo: number,
  endHi: number,
  asOf: number,
  sure: number,
  may: number,
  anchorLo: number,
  anchorHi: number,
  unclassified: boolean,
): RecordTruth {
  const undated = startLo === NO_DAY;
  if (!undated && startLo > asOf) return SKIP;
  const ended = endLo !== NO_DAY;
  // Taken surely up to its end (or the screening date, when later or not given); possibly up to
  // its end, or beyond the screening date when ongoing: an anchor after it (a planned first
  // dose) may still find the patient on the drug.
  const lastLo = ended ? Math.min(endLo, asOf) : asOf;
  const lastHi = ended ? endHi : Number.POSITIVE_INFINITY;
  const certainStart = undated ? lastLo : startHi;
  const earliest = undated ? Number.NEGATIVE_INFINITY : startLo;
  const certain = certainStart <= anchorLo && certainStart <= lastLo && lastLo >= sure;
  const possible = earliest <= anchorHi && lastHi >= may;
  return maybe(certain ? TRUE : possible ? UNKNOWN : FALSE, unclassified);
}

/** A procedure done by the screening date (undated ones count; one that may be after it is open). */
export function procedureRecord(dateLo: number, dateHi: number, asOf: number, unclassified: boolean): Tri {
  if (dateLo === NO_DAY || dateHi <= asOf) return maybe(TRUE, unclassified);
  return dateLo <= asOf ? UNKNOWN : FALSE;
}

/** Criticality and severity classes of an allergy record. */
export const NOT_STATED = 0;
export const HIGH = 1;
export const UNASSESSED = 2;
export const LOWER = 3;

/** An allergy record; with `severe`, one of high criticality or with a severe reaction. */
export function allergyRecord(
  severe: boolean,
  criticality: number,
  severeReaction: boolean | undefined,
  unclassified: boolean,
): Tri {
  if (!severe) return maybe(TRUE, unclassified);
  if (criticality === HIGH || severeReaction === true) return maybe(TRUE, unclassified);
  if (criticality === UNASSESSED || (criticality === NOT_STATED && severeReaction === undefined))
    return UNKNOWN;
  return FALSE;
}

/** With no record that counts: absent where the history is complete or the input says none, else unknown. */
export function noRecord(closedWorld: boolean, explicitlyNone: boolean): Tri {
  return closedWorld || explicitlyNone ? FALSE : UNKNOWN;
}

/** The fold's answer: in an open world, records that do not match prove nothing. */
export function finish(result: Tri, closedWorld: boolean): Tri {
  return result === FALSE && !closedWorld ? UNKNOWN : result;
}

// ---------------------------------------------------------------- durations of exposure

/** A span of exposure, first and last day inclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * `for at least/more than D`: exposure lasting D, from the records' spans at their shortest
 * (certain, classified records only) and at their longest (possible, all). `lasts` is true when
 * some merged span reaches D; `strictly` for `more than`.
 */
export function spansTruth(
  shortest: Span[],
  longest: Span[],
  duration: Duration,
  strictly: boolean,
  closedWorld: boolean,
  explicitlyNone: boolean,
): Tri {
  if (longest.length === 0) return noRecord(closedWorld, explicitlyNone);
  if (lasts(shortest, duration, strictly)) return TRUE;
  if (!lasts(longest, duration, strictly)) return closedWorld || explicitlyNone ? FALSE : UNKNOWN;
  return UNKNOWN;
}

/** The spans an exposure record can have: pushed onto `shortest` (when certain) and `longest`. */
export function exposureSpans(
  startLo: number,
  startHi: number,
  endLo: number,
  endHi: number,
  asOf: number,
  unclassified: boolean,
  shortest: Span[],
  longest: Span[],
): void {
  const undated = startLo === NO_DAY;
  if (!undated && startLo > asOf) return;
  const ended = endLo !== NO_DAY;
  const lastLo = ended ? Math.min(endLo, asOf) : asOf;
  const lastHi = ended ? Math.min(endHi, asOf) : asOf;
  longest.push({ start: undated ? Number.NEGATIVE_INFINITY : startLo, end: lastHi });
  const firstSure = undated ? lastLo : startHi;
  if (!unclassified && firstSure <= lastLo) shortest.push({ start: firstSure, end: lastLo });
}

function lasts(spans: Span[], duration: Duration, strictly: boolean): boolean {
  for (const s of merge(spans)) {
    if (s.start === Number.NEGATIVE_INFINITY) {
      // Undated start: it lasted as long as can be, which proves nothing certain (shortest spans
      // never start undated) but makes any duration possible.
      return true;
    }
    const due = addDuration(s.start, duration.amount, duration.unit);
    if (strictly ? s.end > due : s.end >= due) return true;
  }
  return false;
}

/** Overlapping or adjacent spans (the next starts by the day after one ends) join. */
export function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end + 1) {
      if (s.end > last.end) last.end = s.end;
    } else merged.push({ ...s });
  }
  return merged;
}
