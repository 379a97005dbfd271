import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { addDuration } from '../time/dates';
import { round12 } from '../units/exact';
import { type Duration, merge, NO_DAY, noRecord, type Span } from './records';

/**
 * The dosing decisions, over plain values: routes as words, days as day numbers, daily doses as
 * numbers in mg/d (NaN when not known). Every backend feeds these; none decides anything itself.
 *
 * - Route: an exposure by a route the element does not take does not count at all; one whose
 *   route is not stated, where the element asks for some, may or may not be the element's, like an
 *   unclassified record (`open`).
 * - Daily dose: of the exposures ongoing on the screening date. Several may restate one regimen (a
 *   prescription and a statement of it) or add up (a morning and an evening dose recorded apart),
 *   so the daily dose is known only from the highest of them to their sum; one is exact. An
 *   ongoing exposure without a dose leaves the sum, and so the upper end, open.
 * - Stable: the same drugs at the same daily doses on every day of the last D.
 */

/** The unit daily doses are read and compared in. */
export const DAILY_DOSE_UNIT = 'mg/d';

/** How an exposure's route meets the element's `route …` list: one of them, another, or not stated. */
export const ROUTE_MATCHES = 0;
export const ROUTE_OTHER = 1;
export const ROUTE_UNSTATED = 2;

/** The route match of an exposure by `route` (undefined when not stated) for an element taking `routes` (all when undefined). */
export function routeMatch(routes: readonly string[] | undefined, route: string | undefined): number {
  if (routes === undefined) return ROUTE_MATCHES;
  if (route === undefined) return ROUTE_UNSTATED;
  return routes.includes(route) ? ROUTE_MATCHES : ROUTE_OTHER;
}

/** Whether a record that counts may still not be the element's: unclassified, or of a route not stated. */
export function openRecord(unclassified: boolean, match: number): boolean {
  return unclassified || match === ROUTE_UNSTATED;
}

/**
 * The daily dose an exposure states: given directly (`daily`, mg/d), else one dose (mg) times the
 * doses a day; NaN when neither is known. `factor` turns it into equivalents of a table's
 * reference drug (1 without a table; NaN when the table has no entry for the drug).
 */
export function exposureDaily(daily: number, dose: number, perDay: number, factor: number): number {
  return (Number.isNaN(daily) ? dose * perDay : daily) * factor;
}

/** Whether an exposure is under way on the screening date: surely, perhaps (a partial date), or not. */
export const NOT_ONGOING = 0;
export const ONGOING = 1;
export const MAYBE_ONGOING = 2;

/** An undated start counts as started; no end means still taken on the screening date. */
export function ongoingOn(
  startLo: number,
  startHi: number,
  endLo: number,
  endHi: number,
  asOf: number,
): number {
  if (startLo !== NO_DAY && startLo > asOf) return NOT_ONGOING;
  if (endLo !== NO_DAY && endHi < asOf) return NOT_ONGOING;
  const started = startLo === NO_DAY || startHi <= asOf;
  const goesOn = endLo === NO_DAY || endLo >= asOf;
  return started && goesOn ? ONGOING : MAYBE_ONGOING;
}

/** One exposure as the dose decisions see it; records of another route are left out before. */
export interface DoseRecord {
  readonly startLo: number;
  readonly startHi: number;
  readonly endLo: number;
  readonly endHi: number;
  /** It may not be the element's (openRecord). */
  readonly open: boolean;
  /** Its daily dose in the unit compared (exposureDaily); NaN when not known. */
  readonly daily: number;
  /** Which drug: its code, '' when it has none. */
  readonly drug: string;
}

/** A daily dose known between `lo` and `hi`, or not known at all (`known` false). */
export interface DoseRange {
  readonly known: boolean;
  readonly lo: number;
  readonly hi: number;
  /** The exposures that are or may be ongoing, by index, for explanations. */
  readonly ongoing: readonly number[];
}

/**
 * The daily dose on the screening date: from the highest daily dose of the exposures surely
 * ongoing and surely the element's, to the sum over every exposure that may be ongoing (records
 * equal in every field counted once). With none ongoing, the patient takes none: 0 mg/d where the
 * history is complete or the input says none, else not known (the current regimen is not on
 * record).
 */
export function dailyDoseRange(
  records: readonly DoseRecord[],
  asOf: number,
  closedWorld: boolean,
  explicitlyNone: boolean,
): DoseRange {
  const ongoing: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const on = ongoingOn(r.startLo, r.startHi, r.endLo, r.endHi, asOf);
    if (on === NOT_ONGOING) continue;
    const repeated = ongoing.some((j) => sameRecord(records[j]!, r));
    ongoing.push(i);
    if (repeated) continue;
    if (Number.isNaN(r.daily)) {
      hi = Number.POSITIVE_INFINITY;
      continue;
    }
    hi += r.daily;
    if (on === ONGOING && !r.open && r.daily > lo) lo = r.daily;
  }
  if (ongoing.length === 0) {
    const none = noRecord(closedWorld, explicitlyNone) === FALSE;
    return { known: none, lo: 0, hi: 0, ongoing };
  }
  return { known: true, lo, hi, ongoing };
}

/** Records equal in every field: one regimen recorded twice, counted once. */
export function sameRecord(a: DoseRecord, b: DoseRecord): boolean {
  return (
    a.drug === b.drug &&
    a.startLo === b.startLo &&
    a.startHi === b.startHi &&
    a.endLo === b.endLo &&
    a.endHi === b.endHi &&
    a.open === b.open &&
    Object.is(a.daily, b.daily)
  );
}

// ---------------------------------------------------------------- stable dosing

/** The latest first day of a span that, ending on the screening date, lasts `duration` (as `for at least` counts). */
export function stableFrom(asOf: number, duration: Duration): number {
  let t = addDuration(asOf, -duration.amount, duration.unit);
  // Calendar months and years clamp to a month's last day: a few later days may still last.
  for (let k = 0; k < 4 && addDuration(t + 1, duration.amount, duration.unit) <= asOf; k++) t++;
  return t;
}

interface Spans {
  /** Days the record surely covers (empty when it may not be the element's or has no dose). */
  readonly sure: Span | undefined;
  /** Days it may cover, up to the screening date. */
  readonly may: Span;
}

/** Days an exposure surely and perhaps covers, up to the screening date; `sureFrom > sureTo` when none surely. */
export interface Cover {
  readonly sureFrom: number;
  readonly sureTo: number;
  readonly mayFrom: number;
  readonly mayTo: number;
}

/**
 * An exposure covers a day surely from its latest possible start (an undated start: only its last
 * day) to its earliest possible end, perhaps from its earliest start to its latest end; an open end
 * runs to the screening date. Undefined for one that starts after the screening date.
 */
export function coverOf(r: DoseRecord, asOf: number): Cover | undefined {
  const undated = r.startLo === NO_DAY;
  if (!undated && r.startLo > asOf) return undefined;
  const ended = r.endLo !== NO_DAY;
  const lastLo = ended ? Math.min(r.endLo, asOf) : asOf;
  const lastHi = ended ? Math.min(r.endHi, asOf) : asOf;
  return {
    sureFrom: undated ? lastLo : r.startHi,
    sureTo: lastLo,
    mayFrom: undated ? Number.NEGATIVE_INFINITY : r.startLo,
    mayTo: lastHi,
  };
}

function spansOf(r: DoseRecord, asOf: number): Spans | undefined {
  const c = coverOf(r, asOf);
  if (c === undefined) return undefined;
  const certain = !r.open && !Number.isNaN(r.daily) && c.sureFrom <= c.sureTo;
  return {
    sure: certain ? { start: c.sureFrom, end: c.sureTo } : undefined,
    may: { start: c.mayFrom, end: c.mayTo },
  };
}

/** One regimen: a drug at a daily dose (rounded as comparisons round, so 1 g/d is 1000 mg/d). */
function keyOf(r: DoseRecord): string {
  return `${r.drug}\u0000${round12(r.daily)}`;
}

/** Whether a record could be of the regimen `key`: the same drug (or none named) and the same daily dose, or none known. */
function couldBe(r: DoseRecord, drug: string, daily: number): boolean {
  const sameDrug = r.drug === drug || r.drug === '' || drug === '';
  return sameDrug && (Number.isNaN(r.daily) || round12(r.daily) === round12(daily));
}

const covers = (s: Span, day: number) => s.start <= day && day <= s.end;

/**
 * `M stable for at least D`: on every day of the last D up to the screening date (from
 * `stableFrom`), the patient took the same drugs at the same daily doses. Adjacent or
 * overlapping records of one drug and dose join. True when every record that may fall in those
 * days surely is the element's with a known dose, and each of their regimens surely runs through
 * all of them. False when some regimen is surely taken on one of those days and surely not on
 * another on which another regimen surely is (a dose change the records show), or, where the
 * history is complete, when some regimen surely stops or starts in them, or no record may cover
 * some day of them. `inWindow` receives the records that may fall in the days, for explanations.
 */
export function stableTruth(
  records: readonly DoseRecord[],
  asOf: number,
  duration: Duration,
  closedWorld: boolean,
  explicitlyNone: boolean,
  inWindow: number[] = [],
): Tri {
  if (records.length === 0) return noRecord(closedWorld, explicitlyNone);
  const from = stableFrom(asOf, duration);
  const spans: (Spans | undefined)[] = records.map((r) => spansOf(r, asOf));
  const relevant: number[] = [];
  spans.forEach((s, i) => {
    if (s !== undefined && s.may.start <= asOf && s.may.end >= from) relevant.push(i);
  });
  inWindow.push(...relevant);

  // True: every record that may fall in the days is certain, and each regimen runs through them.
  if (relevant.length > 0 && relevant.every((i) => spans[i]!.sure !== undefined)) {
    const byKey = new Map<string, Span[]>();
    for (const i of relevant) {
      const key = keyOf(records[i]!);
      const list = byKey.get(key) ?? [];
      list.push(spans[i]!.sure!);
      byKey.set(key, list);
    }
    const throughout = [...byKey.values()].every((list) =>
      merge(list).some((s) => s.start <= from && s.end >= asOf),
    );
    if (throughout) return TRUE;
  }

  // The days on which what may be taken changes: the ends of the window and of every span.
  const days = new Set<number>([from, asOf]);
  for (const s of spans) {
    if (s === undefined) continue;
    for (const d of [s.may.start - 1, s.may.end + 1, s.sure?.start, s.sure?.end]) {
      if (d !== undefined && d >= from && d <= asOf) days.add(d);
    }
  }
  // False: a regimen surely taken on one day and surely not on another, on which, unless the
  // history is complete, another regimen surely is (a stop alone may be a gap in the records).
  const complete = closedWorld || explicitlyNone;
  const otherTaken = (d: number) => spans.some((s) => s?.sure !== undefined && covers(s.sure, d));
  for (const i of relevant) {
    const sure = spans[i]!.sure;
    if (sure === undefined) continue;
    const r = records[i]!;
    const present = [...days].some((d) => covers(sure, d));
    if (!present) continue;
    const absentSomeday = [...days].some(
      (d) =>
        (complete || otherTaken(d)) &&
        records.every(
          (q, j) => !couldBe(q, r.drug, r.daily) || spans[j] === undefined || !covers(spans[j]!.may, d),
        ),
    );
    if (absentSomeday) return FALSE;
  }
  // False, in a complete history: a day on which no record may have been taken.
  if (complete) {
    const gap = [...days].some((d) => spans.every((s) => s === undefined || !covers(s.may, d)));
    if (gap) return FALSE;
  }
  return UNKNOWN;
}
