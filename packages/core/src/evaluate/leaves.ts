import type { CompareOp } from '../ast';
import { classifies, codedTruth, onlyTruth } from '../decide/coded';
import { AnyReadingFold } from '../decide/readings';
import {
  dateInWindow,
  eventWithin,
  momentWithin,
  type WindowLength,
  windowMay,
  windowSure,
} from '../decide/window';
import { MOMENT_KNOWN, readDays, readDaysResult, readMoment, readMomentResult } from '../time/dates';
import { round12 } from '../units/exact';
import { applyConversion } from '../units/ucum';
import { and3, compare } from './compare';
import { earliestDay, latestDay, shiftBy, shiftMonths } from './days';
import { courseLeaf } from './dosing';
import { type Bool, type Element, FALSE, OK, Reading, TRUE, type Tri, UNKNOWN, type Val } from './ir';
import type { Patient } from './patient';
import { conversionTo, fillFrom, pickLatest, type RawMeasurement, resultsOf } from './read';
import {
  allergyTruth,
  conditionTruth,
  encounterTruth,
  eventWithinTruth,
  medicationTruth,
  procedureTruth,
} from './records';
import { ckdOf, readVal } from './values';

/**
 * The leaves of a rule: comparisons, `is`, record tests, answers and trends. Both evaluators call
 * these; only the connectives and the explanations differ between them.
 */

const limitScratch = new Reading();

/** The value a limit multiple stands for: factor × the other side's ULN/LLN, or undefined. */
export function limitValue(node: Extract<Val, { k: 'limit' }>, other: Reading): Reading | undefined {
  const limit = node.limit === 'ULN' ? other.high : other.low;
  if (Number.isNaN(limit)) return undefined;
  limitScratch.setPoint(node.factor * limit);
  limitScratch.state = OK;
  return limitScratch;
}

export function compareTruth(l: Val, op: CompareOp, r: Val, patient: Patient): Tri {
  if (r.k === 'limit') {
    const left = readVal(l, patient);
    if (left.state !== OK || left.code !== undefined) return UNKNOWN;
    const right = limitValue(r, left);
    return right ? compare(left, op, right) : UNKNOWN;
  }
  if (l.k === 'limit') {
    const right = readVal(r, patient);
    if (right.state !== OK || right.code !== undefined) return UNKNOWN;
    const left = limitValue(l, right);
    return left ? compare(left, op, right) : UNKNOWN;
  }
  const left = readVal(l, patient);
  const right = readVal(r, patient);
  if (left.state !== OK || right.state !== OK) return UNKNOWN;
  if (left.code !== undefined || right.code !== undefined) {
    if (left.code === undefined || right.code === undefined) return UNKNOWN;
    if (op === '=') return left.code === right.code ? TRUE : FALSE;
    if (op === '!=') return left.code === right.code ? FALSE : TRUE;
    return UNKNOWN;
  }
  return compare(left, op, right);
}

export function betweenTruth(v: Val, lo: Val, hi: Val, patient: Patient): Tri {
  return and3(compareTruth(v, '>=', lo, patient), compareTruth(v, '<=', hi, patient));
}

/** `E is VALUE`, `E is known VALUE` on the value's reading (decide/coded.ts). */
export function isTruth(s: Val, value: string, negated: boolean, known: boolean, patient: Patient): Tri {
  return codedTruth(readVal(s, patient), elementOf(s), value, negated, known);
}

/** The results `E is only VALUE` weighs: the day of the latest result, and each result of it. */
export interface DayResults {
  /** The day, or '' when no result counts or the dates cannot tell which is the latest. */
  readonly day: string;
  /** Lower-cased codes (or `?` for a result that is not coded) of the results on that day. */
  readonly codes: readonly string[];
  readonly truth: Tri;
}

/**
 * `E is only VALUE`: every result dated on the day of the most recent one (within E's window) —
 * one slide's species, one Observation each — shows VALUE, and there is at least one
 * (decide/coded.ts onlyTruth).
 */
export function onlyTruthOf(s: Val, value: string, patient: Patient): Tri {
  return dayResults(s, value, patient).truth;
}

export function dayResults(s: Val, value: string, patient: Patient): DayResults {
  const lab = s.k === 'define' ? labOf(s.body) : labOf(s);
  if (lab === undefined) return { day: '', codes: [], truth: UNKNOWN };
  const from = lab.window ? patient.windowStart(lab.window) : undefined;
  const results = resultsOf(patient, lab.el);
  const latest = pickLatest(results, patient.asOfDay, from);
  if (latest < 0) return { day: '', codes: [], truth: UNKNOWN };
  const [dayLo, dayHi] = daysOf(results[latest]!, patient.asOf);
  const codes: string[] = [];
  let shows = 0;
  let others = 0;
  let unsure = 0;
  for (const m of results) {
    const [lo, hi] = daysOf(m, patient.asOf);
    if (lo === '' || lo > patient.asOf || hi < dayLo || lo > dayHi) continue;
    if (from !== undefined && hi < from) continue;
    const code = typeof m.code === 'string' ? m.code.toLowerCase() : undefined;
    const certain = lo === hi && dayLo === dayHi && lo === dayLo;
    if (certain) codes.push(code ?? '?');
    if (code === value) shows += certain ? 1 : 0;
    else if (certain && code !== undefined && classifies(lab.el, code)) others++;
    else unsure++;
  }
  return { day: dayLo === dayHi ? dayLo : '', codes, truth: onlyTruth(shows, others, unsure) };
}

function labOf(v: Val): Extract<Val, { k: 'lab' }> | undefined {
  return v.k === 'lab' ? v : v.k === 'define' ? labOf(v.body) : undefined;
}

/** A result's earliest and latest possible day; an undated one is of the screening date. */
function daysOf(m: RawMeasurement, asOf: string): [string, string] {
  if (typeof m !== 'object' || m === null) return ['', ''];
  if (m.date === undefined) return [asOf, asOf];
  return [earliestDay(m.date), latestDay(m.date)];
}

/** The threshold a positivity rule uses for a reading, for explanations. */
export function positiveThreshold(el: Element, r: Reading): number {
  const rule = el.positive;
  if (!rule) return Number.NaN;
  if (rule.kind === 'limit') return rule.limit === 'ULN' ? r.high : r.low;
  if (r.unit === undefined || r.unit === rule.unit) return rule.value;
  const conversion = conversionTo(el, rule.unit, r.unit);
  return conversion === undefined ? Number.NaN : applyConversion(conversion, rule.value);
}

export function elementOf(v: Val): Element | undefined {
  if (v.k === 'lab' || v.k === 'sex' || v.k === 'answer' || v.k === 'date') return v.el;
  if (v.k === 'define') return elementOf(v.body);
  return undefined;
}

/** Medications and encounters: periods, read by the same rules. */
export function medicationLeaf(node: Extract<Bool, { k: 'med' }>, patient: Patient): Tri {
  const truth = node.el.kind === 'encounter' ? encounterTruth : medicationTruth;
  if (node.mode !== 'within') return truth(patient, node.el, node.mode, node.duration, 0, 0);
  if (!anchorDays(node.anchor, patient)) {
    // Without the anchor's date only a patient never exposed is decided.
    return truth(patient, node.el, 'any', undefined, 0, 0) === FALSE ? FALSE : UNKNOWN;
  }
  return truth(patient, node.el, 'within', node.duration, anchorLo, anchorHi);
}

/**
 * `M daily dose [as T] >= X for at least D [within W before screening]` (decide/doseCourse.ts).
 * A threshold that cannot be read (an unanswered question) is any number at all: no day surely
 * passes it and every day may.
 */
export function doseCourseLeaf(
  node: Extract<Bool, { k: 'doseCourse' }>,
  patient: Patient,
  shown?: number[],
): Tri {
  const x = readVal(node.r, patient);
  const known = x.state === OK && x.code === undefined;
  const xLo = known ? x.lo : Number.NEGATIVE_INFINITY;
  const xHi = known ? x.hi : Number.POSITIVE_INFINITY;
  const { above, duration, window } = node;
  return courseLeaf(patient, node.el, node.table, { above, xLo, xHi, duration, window }, shown);
}

/** `C within D before A` for conditions and procedures. */
export function withinLeaf(node: Extract<Bool, { k: 'within' }>, patient: Patient): Tri {
  if (!anchorDays(node.anchor, patient)) {
    // Without the anchor's date only a patient with no record at all is decided.
    return recordTruth(node.el, patient) === FALSE ? FALSE : UNKNOWN;
  }
  return eventWithinTruth(patient, node.el, node.window, anchorLo, anchorHi, anchorAt);
}

/**
 * `Q within D before/after A` for a date answered on the screening form (decide/window.ts).
 * Without the date or the anchor's date it is unknown; a computed length that cannot be read
 * (an unanswered half-life) leaves every date on the window's side of the anchor open.
 */
export function dateWithinLeaf(node: Extract<Bool, { k: 'dateWithin' }>, patient: Patient): Tri {
  if (!anchorDays(node.s, patient)) return UNKNOWN;
  const dateLo = anchorLo;
  const dateHi = anchorHi;
  if (!anchorDays(node.anchor, patient)) return UNKNOWN;
  windowLengths(node, patient);
  return dateInWindow(dateLo, dateHi, anchorLo, anchorHi, shortestLength, longestLength, node.after);
}

const NO_LENGTH: WindowLength = { amount: 0, unit: 'hour' };
/** The window's length at its shortest and longest, from the last `windowLengths` call. */
export let shortestLength: WindowLength = NO_LENGTH;
export let longestLength: WindowLength | undefined;

/**
 * A window's length: the duration written, or a computed time read for the patient, in hours
 * (counted exactly, as hours are). One not known, or negative, is any length at all.
 */
export function windowLengths(node: Extract<Bool, { k: 'dateWithin' }>, patient: Patient): void {
  if (node.length !== undefined) {
    shortestLength = node.length;
    longestLength = node.length;
    return;
  }
  const r = readVal(node.computed!, patient);
  const lo = round12(r.lo * node.toHours);
  const hi = round12(r.hi * node.toHours);
  if (r.state !== OK || !(lo >= 0) || !(hi >= lo)) {
    shortestLength = NO_LENGTH;
    longestLength = undefined;
    return;
  }
  shortestLength = { amount: lo, unit: 'hour', strict: node.strict };
  longestLength = { amount: hi, unit: 'hour', strict: node.strict };
}

const fold = new AnyReadingFold();
const each = new Reading();

/**
 * Index of the result that met the last `anyReadingLeaf`, or of one that may, for explanations;
 * -1 when none.
 */
export let anyReadingShown = -1;

/**
 * `any L within D before A OP V`: each result of L is placed in the window (on moments when it and
 * the anchor have a time of day with its offset and D is in hours, else on days) and put to the
 * comparison. Results dated after the screening date are not known at screening.
 */
export function anyReadingLeaf(node: Extract<Bool, { k: 'anyReading' }>, patient: Patient): Tri {
  anyReadingShown = -1;
  // Without the anchor, no result can be placed; results are open-world, so none decides.
  if (!anchorDays(node.anchor, patient)) return UNKNOWN;
  const { el, window, op } = node;
  const threshold = node.r.out;
  const sure = windowSure(anchorHi, window);
  const may = windowMay(anchorLo, window);
  const byMoment = window.unit === 'hour' && !Number.isNaN(anchorAt);
  const asOf = patient.asOfDay;
  const results = resultsOf(patient, el);
  fold.reset();
  for (let i = 0; i < results.length; i++) {
    const m = results[i];
    if (typeof m !== 'object' || m === null) continue;
    const date = m.date;
    let place: Tri;
    if (date === undefined) {
      // Undated results are taken as of the screening date (as for the latest result).
      place = eventWithin(asOf, asOf, sure, may, anchorLo, anchorHi);
    } else if (!readDays(date)) continue;
    else if (readDaysResult.lo > asOf) continue;
    else if (byMoment && readMoment(date) === MOMENT_KNOWN) {
      place = momentWithin(readMomentResult.at, anchorAt, window.amount, window.strict === true);
    } else {
      place = eventWithin(readDaysResult.lo, readDaysResult.hi, sure, may, anchorLo, anchorHi);
    }
    if (place === FALSE) continue;
    fillFrom(patient, el, m, i, each);
    const passes = each.state === OK && each.code === undefined ? compare(each, op, threshold) : UNKNOWN;
    if (passes !== FALSE && anyReadingShown === -1) anyReadingShown = i;
    if (fold.add(place, passes)) {
      anyReadingShown = i;
      break;
    }
  }
  return fold.truth;
}

/**
 * The anchor's first and last possible day, from the last `anchorDays` call, and its moment when
 * it has a time of day with its offset (NaN otherwise).
 */
let anchorLo = 0;
let anchorHi = 0;
let anchorAt = Number.NaN;

/**
 * Reads the day a window is measured back from: the screening date, a result's date, or a date
 * answered on the screening form (a planned first dose); false when it is not known.
 */
export function anchorDays(anchor: Val | undefined, patient: Patient): boolean {
  anchorAt = Number.NaN;
  if (anchor === undefined) {
    anchorLo = patient.asOfDay;
    anchorHi = patient.asOfDay;
    return true;
  }
  if (anchor.k === 'answer') {
    const answer = patient.answers[anchor.el.id];
    if (typeof answer !== 'string' || !readDays(answer)) return false;
    anchorLo = readDaysResult.lo;
    anchorHi = readDaysResult.hi;
    if (readMoment(answer) === MOMENT_KNOWN) anchorAt = readMomentResult.at;
    return true;
  }
  const r = readVal(anchor, patient);
  if (r.state !== OK || !readDays(r.date)) return false;
  anchorLo = readDaysResult.lo;
  if (!readDays(r.dateHi)) return false;
  anchorHi = readDaysResult.hi;
  // A result or an onset as anchor counts by its day: population columns keep days.
  return true;
}

export function answerTruth(el: Element, patient: Patient): Tri {
  const answer = patient.answers[el.id];
  if (answer === true) return TRUE;
  if (answer === false) return FALSE;
  if (answer === 'yes') return TRUE;
  if (answer === 'no') return FALSE;
  return UNKNOWN;
}

export function recordTruth(el: Element, patient: Patient): Tri {
  if (el.kind === 'condition') return conditionTruth(patient, el, 'active', undefined);
  if (el.kind === 'medication') return medicationTruth(patient, el, 'any', undefined, 0, 0);
  if (el.kind === 'procedure') return procedureTruth(patient, el);
  if (el.kind === 'allergy') return allergyTruth(patient, el, false);
  if (el.kind === 'encounter') return encounterTruth(patient, el, 'any', undefined, 0, 0);
  return UNKNOWN;
}

// ---------------------------------------------------------------- trend

export interface Point {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
  date: string;
  dateHi: string;
  ok: boolean;
}

/** Every result of a value up to the screening date, for trends. */
export function seriesOf(v: Val, patient: Patient): Point[] {
  switch (v.k) {
    case 'lab': {
      const points: Point[] = [];
      const results = resultsOf(patient, v.el);
      const r = new Reading();
      for (let i = 0; i < results.length; i++) {
        r.reset();
        const m = results[i];
        if (typeof m !== 'object' || m === null) continue;
        fillFrom(patient, v.el, m, i, r);
        if (r.date === '' || r.date > patient.asOf) continue;
        points.push(pointOf(r));
      }
      return points;
    }
    case 'define':
      return seriesOf(v.body, patient);
    case 'latest': {
      const merged: Point[] = [];
      v.alts.forEach((alt, i) => {
        const conversion = v.factors[i]!;
        for (const p of seriesOf(alt, patient)) {
          // Same date: the first listed alternative wins.
          if (merged.some((q) => q.date === p.date && q.dateHi === p.dateHi && p.date === p.dateHi)) continue;
          merged.push({ ...p, lo: applyConversion(conversion, p.lo), hi: applyConversion(conversion, p.hi) });
        }
      });
      return merged;
    }
    case 'ckd': {
      // CKD-EPI of each creatinine result with the age on its date: evaluate through a one-result view.
      const points: Point[] = [];
      for (const p of seriesOf(v.creatinine, patient)) {
        const one = ckdAt(v, patient, p);
        if (one) points.push(one);
      }
      return points;
    }
    default: {
      const r = readVal(v, patient);
      return r.state === OK ? [pointOf(r)] : [];
    }
  }
}

function pointOf(r: Reading): Point {
  return {
    lo: r.lo,
    hi: r.hi,
    loOpen: r.loOpen,
    hiOpen: r.hiOpen,
    date: r.date,
    dateHi: r.dateHi,
    ok: r.state === OK && r.code === undefined,
  };
}

function ckdAt(v: Extract<Val, { k: 'ckd' }>, patient: Patient, p: Point): Point | undefined {
  const r = ckdOf(v, patient, p, new Reading());
  return r.state === OK ? pointOf(r) : undefined;
}

const scaled = new Reading();

/**
 * `fell by`: the latest value is at most (100 − N) % of some earlier value dated within M months
 * before it. `stable within`: see steadyTruth.
 */
export function trendTruth(node: Extract<Bool, { k: 'trend' }>, patient: Patient): Tri {
  if (node.change === 'stable') return steadyTruth(node, patient).truth;
  const latest = readVal(node.s, patient);
  if (latest.state !== OK || latest.code !== undefined) return UNKNOWN;
  const months = node.within.unit === 'year' ? node.within.amount * 12 : node.within.amount;
  const from = shiftMonths(latest.date, -months);
  const ratio = (100 - node.percent) / 100;
  let decided = false;
  let open = false;
  for (const p of seriesOf(node.s, patient)) {
    if (p.dateHi >= latest.date || p.dateHi < from) continue;
    if (p.date < from || !p.ok) {
      open = true;
      continue;
    }
    scaled.lo = p.lo * ratio;
    scaled.hi = p.hi * ratio;
    scaled.loOpen = p.loOpen;
    scaled.hiOpen = p.hiOpen;
    const t = compare(latest, '<=', scaled);
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) open = true;
    decided = true;
  }
  return decided && !open ? FALSE : UNKNOWN;
}

export interface Steadiness {
  truth: Tri;
  /** The last result on or before the period's first day, if one is known. */
  baseline: Point | undefined;
  /** The results inside the period. */
  later: number;
  /** A result outside the band, when one decides it. */
  outside: Point | undefined;
  /** A result that may fall on either side of the period's first day. */
  straddling: Point | undefined;
}

/**
 * `V stable within N % for at least D`: the baseline is the last result on or before the day D
 * before screening; every result after that day up to screening lies within N % of it (both
 * edges included). Without a baseline or a later result nothing shows stability: unknown. A result
 * whose date may fall on either side of that day, or that is not a number, leaves it open.
 */
export function steadyTruth(node: Extract<Bool, { k: 'trend' }>, patient: Patient): Steadiness {
  const from = shiftBy(patient.asOf, -node.within.amount, node.within.unit);
  const points = seriesOf(node.s, patient);
  let baseline: Point | undefined;
  let straddling: Point | undefined;
  for (const p of points) {
    if (p.dateHi <= from) {
      if (p.ok && (baseline === undefined || p.date > baseline.date)) baseline = p;
    } else if (p.date <= from) straddling = p;
  }
  if (baseline === undefined) return { truth: UNKNOWN, baseline, later: 0, outside: undefined, straddling };
  const low = new Reading();
  const high = new Reading();
  low.lo = baseline.lo * ((100 - node.percent) / 100);
  low.hi = baseline.hi * ((100 - node.percent) / 100);
  high.lo = baseline.lo * ((100 + node.percent) / 100);
  high.hi = baseline.hi * ((100 + node.percent) / 100);
  const value = new Reading();
  let later = 0;
  let outside: Point | undefined;
  let open = straddling !== undefined;
  for (const p of points) {
    if (p.date <= from) continue;
    later++;
    if (!p.ok) {
      open = true;
      continue;
    }
    value.lo = p.lo;
    value.hi = p.hi;
    value.loOpen = p.loOpen;
    value.hiOpen = p.hiOpen;
    const inside = and3(compare(value, '>=', low), compare(value, '<=', high));
    if (inside === FALSE) outside ??= p;
    if (inside === UNKNOWN) open = true;
  }
  const truth = outside ? FALSE : later === 0 || open ? UNKNOWN : TRUE;
  return { truth, baseline, later, outside, straddling };
}
