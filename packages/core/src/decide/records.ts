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

export type ConditionMode = 'active' | 'suspected' | 'ever' | 'resolved' | 'resolvedAtLeast' | 'severe';

/** `resolved more than D ago` and `resolved at least D ago`: every record must be resolved, none active. */
export function isResolvedMode(mode: ConditionMode): boolean {
  return mode === 'resolved' || mode === 'resolvedAtLeast';
}

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
 * abated more than `ago` (a calendar duration: months and years move along the calendar) before
 * the screening date.
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
  ago: Duration | undefined,
  unclassified: boolean,
  severity: number = NOT_STATED,
): RecordTruth {
  if (verification === NEVER) return SKIP;
  let onsetUnsure = false;
  if (onsetLo !== NO_DAY) {
    if (onsetLo > asOf) return SKIP;
    onsetUnsure = onsetHi > asOf;
  }
  if (isResolvedMode(mode)) {
    return maybeAll(
      resolvedRecord(clinical, endLo, endHi, asOf, ago ?? NO_TIME, mode === 'resolvedAtLeast'),
      unclassified,
    );
  }
  let t: Tri;
  if (mode === 'severe') t = severeCondition(clinical, verification, severity);
  else if (mode === 'ever') t = verification === CONFIRMED ? TRUE : UNKNOWN;
  else if (clinical !== ACTIVE) t = FALSE;
  else t = verification === CONFIRMED || mode === 'suspected' ? TRUE : UNKNOWN;
  if (t === TRUE && onsetUnsure) t = UNKNOWN;
  return maybe(t, unclassified);
}

/**
 * `C severe`: an active, confirmed diagnosis recorded as severe (Condition.severity); one whose
 * severity is not recorded may be; a mild or moderate one is not.
 */
function severeCondition(clinical: number, verification: number, severity: number): Tri {
  if (clinical !== ACTIVE) return FALSE;
  if (severity === LOWER) return FALSE;
  return verification === CONFIRMED && severity === HIGH ? TRUE : UNKNOWN;
}

const NO_TIME: Duration = { amount: 0, unit: 'day' };

/**
 * Inactive, in remission or resolved, with the abatement more than `ago` before the screening
 * date: the day `ago` after the abatement (by the calendar) falls before the screening date; at
 * least `ago` before it (`atLeast`): that day falls on the screening date or before.
 */
function resolvedRecord(
  clinical: number,
  endLo: number,
  endHi: number,
  asOf: number,
  ago: Duration,
  atLeast: boolean,
): Tri {
  if (clinical === ACTIVE) return FALSE;
  if (clinical !== INACTIVE || endLo === NO_DAY) return UNKNOWN;
  const last = atLeast ? asOf : asOf - 1;
  if (addDuration(endHi, ago.amount, ago.unit) <= last) return TRUE;
  if (addDuration(endLo, ago.amount, ago.unit) > last) return FALSE;
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
  // Under every reading it starts by the anchor and lasts into the window. Its last day is never
  // before its first, so partial dates that overlap (a start and an end both `2024-06`) still
  // place it: it ran at least to its earliest possible start.
  const certain = certainStart <= anchorLo && Math.max(lastLo, earliest) >= sure;
  const possible = earliest <= anchorHi && lastHi >= may;
  return maybe(certain ? TRUE : possible ? UNKNOWN : FALSE, unclassified);
}

// ---------------------------------------------------------------- encounters

/**
 * Encounter status classes, which say what an encounter without an end date means: under way
 * (arrived, triaged, in progress, on leave, or no status stated: it goes on past the screening
 * date, as an exposure without an end does); finished (it ended on some day from its start to
 * the screening date); of unknown status (it ended on some day from its start, or goes on); and
 * never held (planned, cancelled, entered in error), which does not count at all.
 */
export const UNDER_WAY = 0;
export const FINISHED = 1;
/** Shared with the verification classes: planned, cancelled or entered in error. */
export const NOT_HELD = NEVER;
export const STATUS_UNKNOWN = 3;

/** The status class of an encounter status (FHIR R4's Encounter.status; undefined when not stated). */
export function encounterStatusClass(status: string | undefined): number {
  if (status === undefined) return UNDER_WAY;
  if (status === 'finished') return FINISHED;
  if (status === 'unknown') return STATUS_UNKNOWN;
  return status === 'planned' || status === 'cancelled' || status === 'entered-in-error'
    ? NOT_HELD
    : UNDER_WAY;
}

/** How an encounter's class meets the element's `class …` list: one of them, another, or not stated. */
export const CLASS_MATCHES = 0;
export const CLASS_OTHER = 1;
export const CLASS_UNSTATED = 2;

/**
 * The class match of an encounter of class `cls` (undefined when not stated) for an element
 * taking `classes` (every class when undefined).
 */
export function classMatch(classes: readonly string[] | undefined, cls: string | undefined): number {
  if (classes === undefined) return CLASS_MATCHES;
  if (cls === undefined) return CLASS_UNSTATED;
  return classes.includes(cls) ? CLASS_MATCHES : CLASS_OTHER;
}

/**
 * An encounter started by the screening date (exposureRecord). One of another class does not
 * count; one whose class is not stated, where the element asks for some, may or may not be the
 * element's, like an unclassified record.
 */
export function encounterRecord(
  status: number,
  match: number,
  startLo: number,
  startHi: number,
  asOf: number,
  unclassified: boolean,
): RecordTruth {
  if (status === NOT_HELD || match === CLASS_OTHER) return SKIP;
  return exposureRecord(startLo, startHi, asOf, unclassified || match === CLASS_UNSTATED);
}

/**
 * Whether an encounter gives no end and is not under way: finished, its end is some day from its
 * start to the screening date; of unknown status, some day from its start on (it may go on).
 */
function endImplied(status: number, endLo: number): boolean {
  return endLo === NO_DAY && status !== UNDER_WAY;
}

function impliedEndHi(status: number, asOf: number): number {
  return status === FINISHED ? asOf : Number.POSITIVE_INFINITY;
}

/**
 * An encounter under way at some time in the window before an anchor day (exposureWithinRecord),
 * with the end its status implies when it gives none. One without any date, finished or of
 * unknown status, may have been at any time: in any window that reaches back to the screening
 * date (finished), in any window at all (unknown).
 */
export function encounterWithinRecord(
  status: number,
  match: number,
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
  if (status === NOT_HELD || match === CLASS_OTHER) return SKIP;
  const open = unclassified || match === CLASS_UNSTATED;
  if (!endImplied(status, endLo))
    return exposureWithinRecord(startLo, startHi, endLo, endHi, asOf, sure, may, anchorLo, anchorHi, open);
  if (startLo === NO_DAY) return status === FINISHED && may > asOf ? FALSE : UNKNOWN;
  const lastHi = impliedEndHi(status, asOf);
  return exposureWithinRecord(startLo, startHi, startLo, lastHi, asOf, sure, may, anchorLo, anchorHi, open);
}

/** The spans an encounter can have (exposureSpans), with the end its status implies when it gives none. */
export function encounterSpans(
  status: number,
  match: number,
  startLo: number,
  startHi: number,
  endLo: number,
  endHi: number,
  asOf: number,
  unclassified: boolean,
  shortest: Span[],
  longest: Span[],
): void {
  if (status === NOT_HELD || match === CLASS_OTHER) return;
  const open = unclassified || match === CLASS_UNSTATED;
  if (!endImplied(status, endLo))
    exposureSpans(startLo, startHi, endLo, endHi, asOf, open, shortest, longest);
  else if (startLo === NO_DAY) longest.push({ start: Number.NEGATIVE_INFINITY, end: asOf });
  else exposureSpans(startLo, startHi, startLo, impliedEndHi(status, asOf), asOf, open, shortest, longest);
}

/** How a record stands to an element that filters on one of its coded fields (`site …`, `for …`). */
export const FILTER_MATCHES = 0;
export const FILTER_OTHER = 1;
export const FILTER_NOT_STATED = 2;

/**
 * A record whose field (a procedure's body sites, a medication's reasons) has `inSet` codings among
 * the filter's codes and `outOfSet` others in the filter's code systems. `site S` takes a record
 * with any site in S; `site except S` one with any site outside S (a course aimed at the brain and
 * the lung is CNS-directed and non-CNS alike). A record stating none may be either: it counts as
 * one the element may or may not hold, never silently in or out.
 */
export function filteredRecord(except: boolean, inSet: number, outOfSet: number): number {
  if (except ? outOfSet > 0 : inSet > 0) return FILTER_MATCHES;
  return inSet + outOfSet === 0 ? FILTER_NOT_STATED : FILTER_OTHER;
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

// ---------------------------------------------------------------- episodes

/**
 * `episodes of R`: how many separate periods an element's records make (lines of therapy,
 * admissions). The count is known as a range: at least the episodes of the records surely the
 * element's, each stretched to the longest period its dates allow (stretching only joins); at most
 * the episodes of the records known to the day, plus one for every other record (a record adds at
 * most one episode), and without bound in an open world.
 */
export interface EpisodeTally {
  /** Records surely the element's and surely begun by the screening date, at their longest. */
  readonly sure: Span[];
  /** Records surely the element's whose first and last days are known: their periods. */
  readonly exact: Span[];
  /** Every other record that may have begun by the screening date. */
  extra: number;
}

/** One period record (an exposure, a procedure's day) into the tally. */
export function episodePeriod(
  startLo: number,
  startHi: number,
  endLo: number,
  endHi: number,
  asOf: number,
  unclassified: boolean,
  tally: EpisodeTally,
): void {
  const undated = startLo === NO_DAY;
  if (!undated && startLo > asOf) return;
  const ended = endLo !== NO_DAY;
  const lastLo = ended ? Math.min(endLo, asOf) : asOf;
  const lastHi = ended ? Math.min(endHi, asOf) : asOf;
  if (!unclassified && (undated || startHi <= asOf))
    tally.sure.push({ start: undated ? Number.NEGATIVE_INFINITY : startLo, end: Math.max(lastHi, startLo) });
  if (!unclassified && !undated && startLo === startHi && lastLo === lastHi && lastLo >= startLo)
    tally.exact.push({ start: startLo, end: lastLo });
  else tally.extra++;
}

/** An encounter into the tally, with the end its status implies when it gives none. */
export function encounterEpisode(
  status: number,
  match: number,
  startLo: number,
  startHi: number,
  endLo: number,
  endHi: number,
  asOf: number,
  unclassified: boolean,
  tally: EpisodeTally,
): void {
  if (status === NOT_HELD || match === CLASS_OTHER) return;
  const open = unclassified || match === CLASS_UNSTATED;
  if (!endImplied(status, endLo)) episodePeriod(startLo, startHi, endLo, endHi, asOf, open, tally);
  else if (startLo === NO_DAY) episodePeriod(NO_DAY, NO_DAY, NO_DAY, NO_DAY, asOf, open, tally);
  else episodePeriod(startLo, startHi, startLo, impliedEndHi(status, asOf), asOf, open, tally);
}

/**
 * The fewest and the most episodes the tally allows: `[lo, hi]`, `hi` infinite in an open world.
 * Periods join when the next begins by the day after one ends, or with `separatedBy`, no more
 * than that long after it ends.
 */
export function episodeBounds(
  tally: EpisodeTally,
  separatedBy: Duration | undefined,
  closedWorld: boolean,
  explicitlyNone: boolean,
): [number, number] {
  const lo = countEpisodes(tally.sure, separatedBy);
  const hi = closedWorld || explicitlyNone ? countEpisodes(tally.exact, separatedBy) + tally.extra : Infinity;
  return [lo, Math.max(lo, hi)];
}

function countEpisodes(spans: readonly Span[], separatedBy: Duration | undefined): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let count = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    const reach =
      count === 0 || !Number.isFinite(end)
        ? end
        : separatedBy
          ? addDuration(end, separatedBy.amount, separatedBy.unit)
          : end + 1;
    if (count > 0 && (s.start <= reach || end === Number.POSITIVE_INFINITY)) {
      if (s.end > end) end = s.end;
    } else {
      count++;
      end = s.end;
    }
  }
  return count;
}

// ---------------------------------------------------------------- first onset

/**
 * The first onset of a condition (`… before metastatic_disease`: the day it was first diagnosed),
 * as a range of days folded over its records: a confirmed record narrows it, an unconfirmed or
 * unclassified one may only move it earlier, and an undated confirmed one leaves it unknown.
 */
export interface OnsetFold {
  lo: number;
  hi: number;
  /** A record surely the condition's has been seen. */
  sure: boolean;
  /** A record surely the condition's has no onset date. */
  undated: boolean;
}

export function onsetRecord(
  verification: number,
  onsetLo: number,
  onsetHi: number,
  asOf: number,
  unclassified: boolean,
  fold: OnsetFold,
): void {
  if (verification === NEVER) return;
  if (onsetLo !== NO_DAY && onsetLo > asOf) return;
  const surely = verification === CONFIRMED && !unclassified;
  if (onsetLo === NO_DAY) {
    if (surely) {
      fold.sure = true;
      fold.undated = true;
    } else fold.lo = Number.NEGATIVE_INFINITY;
    return;
  }
  if (onsetLo < fold.lo) fold.lo = onsetLo;
  if (surely) {
    fold.sure = true;
    const hi = Math.min(onsetHi, asOf);
    if (hi < fold.hi) fold.hi = hi;
  }
}

/** Whether the fold names the first onset: a sure record, every sure one dated, the range bounded. */
export function onsetKnown(fold: OnsetFold): boolean {
  return fold.sure && !fold.undated && Number.isFinite(fold.lo) && Number.isFinite(fold.hi);
}
