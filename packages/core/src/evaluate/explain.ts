import type { CompareOp } from '../ast';
import { type EquivalenceTable, equivalenceFactor } from '../codes/equivalents';
import { given3 } from '../decide/given';
import { isResolvedMode } from '../decide/records';
import type { Status, Trace } from '../screen/types';
import { parseDate, readDays, readDaysResult } from '../time/dates';
import { displayUnit } from '../units/display';
import { compareNumbers } from '../units/exact';
import { and3, count3, if3, not3, or3 } from './compare';
import { shiftBy } from './days';
import { doseRiseLeaf, exposuresWithin, ongoingExposures, stableLeaf } from './dosing';
import {
  AMBIGUOUS,
  BAD_UNIT,
  type Bool,
  type Element,
  FALSE,
  NONE,
  OK,
  Reading,
  TRUE,
  type Tri,
  UNKNOWN,
  type Val,
} from './ir';
import {
  anchorDays,
  answerTruth,
  anyReadingLeaf,
  anyReadingShown,
  betweenTruth,
  compareTruth,
  dateWithinLeaf,
  dayResults,
  doseCourseLeaf,
  elementOf,
  isTruth,
  limitValue,
  medicationLeaf,
  type Point,
  positiveThreshold,
  recordTruth,
  steadyTruth,
  trendTruth,
  withinLeaf,
} from './leaves';
import type { Patient } from './patient';
import { fillFrom, type RawMeasurement, resultsOf } from './read';
import { allergyTruth, conditionTruth, decidingRecord, recordsOf } from './records';
import { readVal } from './values';

/**
 * The explaining evaluator: the same leaves as the fast path, plus a trace a person can read and,
 * for an unknown result, the data elements whose values would decide it.
 */

export interface Explained {
  readonly t: Tri;
  readonly trace: Trace;
  /**
   * The one-line reason: the leaves that decided the result (for `a and b` not met, only the
   * parts not met), so an explanation names what matters rather than the whole rule.
   */
  readonly reasons: readonly string[];
  /** Element ids, when unknown. */
  readonly missing: ReadonlySet<string>;
  /** For a record test, what it asks and what is on record, so that `not` can say it in words. */
  readonly record?: RecordWords;
}

interface RecordWords {
  /** `Antineoplastic agent`, `colony-stimulating factor within 14 days before 2025-03-12` */
  readonly head: string;
  /** `L01XA01 2024-01-01 to ongoing`, `no record`, `not known` */
  readonly summary: string;
}

const NOTHING: ReadonlySet<string> = new Set();

export function statusOf(t: Tri): Status {
  return t === TRUE ? 'met' : t === FALSE ? 'not_met' : 'unknown';
}

export function statusWord(s: Status): string {
  return s === 'not_met' ? 'not met' : s;
}

/** A trace under construction; its keys are set in the order the published shape lists them. */
type MutableTrace = { -readonly [K in keyof Trace]: Trace[K] };

/** `missing` is read only for an unknown result; callers that compute it pass NO_MISSING otherwise. */
function result(
  t: Tri,
  text: string,
  missing: Iterable<string>,
  children?: Explained[],
  extra?: Partial<Trace>,
  reasons: readonly string[] = [text],
): Explained {
  const trace: MutableTrace = { text, status: statusOf(t) };
  if (extra !== undefined) {
    if (extra.elements !== undefined) trace.elements = extra.elements;
    if (extra.date !== undefined) trace.date = extra.date;
  }
  if (children && children.length > 0) trace.children = children.map((c) => c.trace);
  return { t, trace, reasons, missing: t === UNKNOWN ? new Set(missing) : NOTHING };
}

/** Missing elements of a result that is not unknown: never read. */
const NO_MISSING: readonly string[] = [];

function line(e: Explained): string {
  return `${e.trace.text}: ${statusWord(e.trace.status)}`;
}

function wrapped(e: Explained, b: Bool): string {
  const composite =
    b.k === 'and' || b.k === 'or' || b.k === 'unless' || b.k === 'given' || b.k === 'if' || b.k === 'quant';
  return composite ? `(${line(e)})` : line(e);
}

/** The reasons of the parts whose status is the whole's: those are the ones that decided it. */
function decisive(t: Tri, parts: readonly { t: Tri; reasons: readonly string[] }[]): string[] {
  const some = parts.some((p) => p.t === t);
  return distinct(parts.filter((p) => !some || p.t === t).map((p) => p.reasons));
}

/** Each reason once, in order: the same leaf may decide two branches. */
function distinct(groups: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const group of groups) for (const r of group) if (!out.includes(r)) out.push(r);
  return out;
}

function union(...sets: ReadonlySet<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const id of s) out.add(id);
  return out;
}

/**
 * `traced` false skips what only the trace tree reads: composite nodes get an empty text and no
 * children. Statuses, reasons and missing elements are the same either way (reasons come from the
 * leaves, whose texts are always built).
 */
/** A composite's children for its trace, when there is one (a module function: no closure per call). */
function childrenIf(traced: boolean, es: Explained[]): Explained[] | undefined {
  return traced ? es : undefined;
}

export function explain(b: Bool, p: Patient, traced = true): Explained {
  switch (b.k) {
    case 'and':
    case 'or': {
      const a = explain(b.a, p, traced);
      const c = explain(b.b, p, traced);
      const t = b.k === 'and' ? and3(a.t, c.t) : or3(a.t, c.t);
      const text = traced ? `${wrapped(a, b.a)} ${b.k} ${wrapped(c, b.b)}` : '';
      const missing = t === UNKNOWN ? unknownsOf([a, c]) : NO_MISSING;
      return result(t, text, missing, childrenIf(traced, [a, c]), undefined, decisive(t, [a, c]));
    }
    case 'unless': {
      const a = explain(b.a, p, traced);
      const c = explain(b.b, p, traced);
      const t = and3(a.t, not3(c.t));
      const exception = { t: not3(c.t), reasons: c.reasons.map((r) => `unless ${r}`) };
      const reasons = decisive(t, [a, exception]);
      return result(
        t,
        traced ? `${wrapped(a, b.a)} unless ${wrapped(c, b.b)}` : '',
        t === UNKNOWN ? unknownsOf([a, c]) : NO_MISSING,
        childrenIf(traced, [a, c]),
        undefined,
        reasons,
      );
    }
    case 'given': {
      const premise = explain(b.b, p, traced);
      const answer = explain(b.a, p, traced);
      const t = given3(answer.t, premise.t);
      const text = traced ? `${wrapped(answer, b.a)} given ${wrapped(premise, b.b)}` : '';
      const children = childrenIf(traced, [answer, premise]);
      if (premise.t === TRUE)
        return result(
          t,
          text,
          answer.missing,
          children,
          undefined,
          distinct([premise.reasons, answer.reasons]),
        );
      // The premise decides first: until it holds, the answer is no evidence either way.
      const needs = premise.t === UNKNOWN ? premise.missing : new Set(b.needs);
      const missing = answer.t === UNKNOWN ? union(needs, answer.missing) : needs;
      const state = premise.t === FALSE ? 'does not hold' : 'is not known';
      const found = premise.reasons.join('; ');
      const given =
        b.b.k === 'define' ? `${b.b.d.label}, which ${state}: ${found}` : `${found}, which ${state}`;
      const reason = `${answer.reasons.join('; ')} counts only given ${given}`;
      return result(t, text, missing, children, undefined, [reason]);
    }
    case 'not': {
      const a = explain(b.a, p, traced);
      if (a.record) {
        const text = negatedRecord(a.t, a.record);
        return result(not3(a.t), text, a.missing, childrenIf(traced, [a]), undefined, [text]);
      }
      const text = traced ? `not (${line(a)})` : '';
      return result(not3(a.t), text, a.missing, childrenIf(traced, [a]), undefined, a.reasons);
    }
    case 'if': {
      const c = explain(b.c, p, traced);
      const th = explain(b.t, p, traced);
      const el = explain(b.e, p, traced);
      const t = if3(c.t, th.t, el.t);
      const taken = c.t === TRUE ? [th] : c.t === FALSE ? [el] : [c, th, el];
      const text = traced ? `if ${wrapped(c, b.c)} then ${wrapped(th, b.t)} else ${wrapped(el, b.e)}` : '';
      const reasons = distinct([c, ...taken.filter((e) => e !== c)].map((e) => e.reasons));
      return result(
        t,
        text,
        t === UNKNOWN ? unknownsOf(taken) : NO_MISSING,
        childrenIf(traced, [c, th, el]),
        undefined,
        reasons,
      );
    }
    case 'quant': {
      const ops = b.ops.map((o) => explain(o, p, traced));
      let trues = 0;
      let unknowns = 0;
      for (const o of ops) {
        if (o.t === TRUE) trues++;
        else if (o.t === UNKNOWN) unknowns++;
      }
      const t = count3(trues, unknowns, b.n);
      const head = b.q === 'any' ? 'any of' : b.q === 'all' ? 'all of' : `at least ${b.n} of`;
      const text = traced ? `${head} (${ops.map((o, i) => wrapped(o, b.ops[i]!)).join(', ')})` : '';
      return result(
        t,
        text,
        t === UNKNOWN ? unknownsOf(ops) : NO_MISSING,
        childrenIf(traced, ops),
        undefined,
        decisive(t, ops),
      );
    }
    case 'cmp':
      return explainCompare(b.l, b.op, b.r, p);
    case 'between': {
      const t = betweenTruth(b.v, b.lo, b.hi, p);
      const n = distinguishing([pointOf(b.v, p), pointOf(b.lo, p), pointOf(b.hi, p)]);
      const text = `${valueText(b.v, p, undefined, n)} between ${valueText(b.lo, p, undefined, n)} and ${valueText(b.hi, p, undefined, n)}`;
      return result(
        t,
        text,
        t === UNKNOWN ? union(missingOf(b.v, p), missingOf(b.lo, p), missingOf(b.hi, p)) : NO_MISSING,
        undefined,
        extras(b.v),
      );
    }
    case 'is': {
      if (b.only) {
        const day = dayResults(b.s, b.value, p);
        const shown = day.codes.length ? day.codes.join(', ') : 'no result';
        const when = day.day === '' ? '' : ` on ${day.day}`;
        const text = `${nameOf(b.s)}${when}: ${shown} is only ${b.value}`;
        return result(day.truth, text, day.truth === UNKNOWN ? depsOfVal(b.s) : NO_MISSING, undefined, {
          elements: [...depsOfVal(b.s)],
        });
      }
      const t = isTruth(b.s, b.value, b.negated, b.known, p);
      const r = readVal(b.s, p);
      const el = elementOf(b.s);
      let detail = '';
      let n: Digits = num;
      if (r.state === OK && r.code === undefined && el?.positive) {
        const limit = positiveThreshold(el, r);
        if (r.lo === r.hi) n = distinguishing([r.lo, limit]);
        const rule = el.positive.kind === 'limit' ? `${el.positive.limit} ` : '';
        detail = Number.isNaN(limit)
          ? ', no reference range'
          : `, positive above ${rule}${n(limit)}${unitText(r.unit)}`;
      }
      const value = valueText(b.s, p, undefined, n);
      const text = `${value}${detail ? ` (${detail.slice(2)})` : ''} is ${b.negated ? 'not ' : b.known ? 'known ' : ''}${b.value}`;
      return result(t, text, t === UNKNOWN ? missingOf(b.s, p) : NO_MISSING, undefined, extras(b.s));
    }
    case 'cond': {
      const t = conditionTruth(p, b.el, b.mode, b.ago);
      const which = decidingRecord;
      const qualifier =
        b.mode === 'active'
          ? ''
          : isResolvedMode(b.mode)
            ? ` resolved ${b.mode === 'resolved' ? 'more than' : 'at least'} ${b.ago ? duration(b.ago) : '0 days'} ago`
            : ` ${b.mode}`;
      return recordResult(t, `${b.el.name}${qualifier}`, recordSummary(p, b.el, which), [b.el.id], b.el);
    }
    case 'med': {
      const t = medicationLeaf(b, p);
      const which = decidingRecord;
      let text = b.el.name;
      const missing = [b.el.id];
      if (b.mode === 'atLeast' || b.mode === 'moreThan') {
        text += ` for ${b.mode === 'atLeast' ? 'at least' : 'more than'} ${duration(b.duration!)}`;
      } else if (b.mode === 'within') {
        text += ` within ${duration(b.duration!)} before ${anchorText(b.anchor, p, missing, b.el)}`;
      }
      return recordResult(t, text, recordSummary(p, b.el, which), missing, b.el);
    }
    case 'stable': {
      const shown: number[] = [];
      const t = stableLeaf(p, b.el, b.duration, shown);
      const text = `${b.el.name} stable for at least ${duration(b.duration)} (${exposureSummary(p, b.el, shown, undefined, undefined)})`;
      return result(t, text, [b.el.id], undefined, { elements: [b.el.id] });
    }
    case 'doseRise': {
      const shown: number[] = [];
      const t = doseRiseLeaf(p, b.el, b.table, b.window, shown);
      const as = b.tableName ? ` as ${b.tableName}` : '';
      const within = `within ${duration(b.window)}`;
      const summary = exposureSummary(p, b.el, shown, b.table, b.tableName, `no exposure ${within}`);
      const text = `${b.el.name} daily dose${as} increased ${within} (${summary})`;
      return result(t, text, [b.el.id], undefined, { elements: [b.el.id] });
    }
    case 'doseCourse': {
      const shown: number[] = [];
      const t = doseCourseLeaf(b, p, shown);
      const as = b.tableName ? ` as ${b.tableName}` : '';
      const x = readVal(b.r, p);
      const known = x.state === OK && x.code === undefined;
      const threshold = `${b.above ? SYMBOL['>'] : SYMBOL['>=']} ${known ? `${interval(x)}${unitText(b.r.unit)}` : valueText(b.r, p)}`;
      const within = b.window ? ` within ${duration(b.window)} before ${p.asOf}` : '';
      const summary = exposureSummary(p, b.el, shown, b.table, b.tableName, `no exposure${within}`);
      const text = `${b.el.name} daily dose${as} ${threshold} for at least ${duration(b.duration)}${within} (${summary})`;
      // An unread threshold is what leaves it open; the records only where it is read.
      const missing = known ? [b.el.id] : missingOf(b.r, p);
      return result(t, text, missing, undefined, { elements: [b.el.id] });
    }
    case 'within': {
      const t = withinLeaf(b, p);
      const which = decidingRecord;
      const missing = [b.el.id];
      const what = b.el.kind === 'condition' ? 'onset' : 'done';
      const text = `${b.el.name} ${what} within ${duration(b.window)} before ${anchorText(b.anchor, p, missing, b.el)}`;
      return recordResult(t, text, recordSummary(p, b.el, which), missing, b.el);
    }
    case 'dateWithin': {
      const t = dateWithinLeaf(b, p);
      const el = elementOf(b.s)!;
      const answer = p.answers[el.id];
      const dated = typeof answer === 'string' && anchorDays(b.s, p);
      const missing: string[] = dated ? [] : [el.id];
      const length = b.length
        ? duration(b.length)
        : `${b.strict ? 'less than ' : ''}${valueText(b.computed!, p)}`;
      if (b.computed && readVal(b.computed, p).state !== OK) missing.push(...missingOf(b.computed, p));
      const anchor = anchorText(b.anchor, p, missing, el);
      const text = `${el.label} ${dated ? answer : 'not answered'} within ${length} ${b.after ? 'after' : 'before'} ${anchor}`;
      // Known to the day on both sides, only the times of day (an exact length) leave it open.
      if (t === UNKNOWN && missing.length === 0) missing.push(el.id);
      return result(t, text, missing, undefined, { elements: [el.id] });
    }
    case 'anyReading': {
      const t = anyReadingLeaf(b, p);
      const shown = anyReadingShown;
      const placed = anchorDays(b.anchor, p);
      const missing = [b.el.id];
      const head = `any ${b.el.name} within ${duration(b.window)} before ${anchorText(b.anchor, p, missing, b.el)} ${b.op} ${interval(b.r.out)}${unitText(b.r.unit ?? b.el.unit)}`;
      // Without the anchor no result can be placed: its date decides, not more results.
      if (!placed) missing.pop();
      const threshold = `${b.op} ${interval(b.r.out)}${unitText(b.r.unit ?? b.el.unit)}`;
      const summary = placed ? readingsSummary(b, p, t, shown, threshold) : 'the window cannot be placed';
      return result(t, `${head} (${summary})`, missing, undefined, {
        elements: [b.el.id],
      });
    }
    case 'record': {
      const t = recordTruth(b.el, p);
      return recordResult(t, b.el.name, recordSummary(p, b.el, decidingRecord), [b.el.id], b.el);
    }
    case 'severe': {
      const t = allergyTruth(p, b.el, true);
      return recordResult(t, `${b.el.name} severe`, recordSummary(p, b.el, decidingRecord), [b.el.id], b.el);
    }
    case 'answer': {
      const t = answerTruth(b.el, p);
      const answer = p.answers[b.el.id];
      const said = answer === undefined || answer === null ? 'not answered' : `answered ${String(answer)}`;
      return result(t, `${b.el.label} ${said}`, [b.el.id], undefined, { elements: [b.el.id] });
    }
    case 'define': {
      const inner = explain(b.d.body, p, traced);
      return result(
        inner.t,
        traced ? `${b.d.label}: ${line(inner)}` : '',
        inner.missing,
        childrenIf(traced, [inner]),
        undefined,
        inner.reasons,
      );
    }
    case 'trend': {
      if (b.change === 'stable') {
        const s = steadyTruth(b, p);
        const amount = (x: Point) =>
          `${x.lo === x.hi ? num(x.lo) : `${num(x.lo)} to ${num(x.hi)}`}${unitText(b.s.unit)}`;
        const day = (x: Point) => (x.date === x.dateHi ? x.date : `${x.date} to ${x.dateHi}`);
        let base = s.baseline
          ? `baseline ${amount(s.baseline)} on ${s.baseline.date}, ${s.later} result${s.later === 1 ? '' : 's'} since`
          : `no result on or before ${shiftBy(p.asOf, -b.within.amount, b.within.unit)} to compare with`;
        if (s.outside)
          base += `; ${amount(s.outside)} on ${day(s.outside)} is more than ${b.percent} % from it`;
        else if (s.straddling)
          base += `; a result dated ${day(s.straddling)} may fall on either side of the baseline day`;
        const text = `${valueText(b.s, p)} stable within ${b.percent} % for at least ${duration(b.within)} (${base})`;
        return result(s.truth, text, depsOfVal(b.s), undefined, extras(b.s));
      }
      const t = trendTruth(b, p);
      const text = `${valueText(b.s, p)} fell by at least ${b.percent} % within ${duration(b.within)}`;
      return result(t, text, depsOfVal(b.s), undefined, extras(b.s));
    }
    case 'const':
      return result(b.value, 'not evaluable', []);
  }
}

/**
 * The day a window counts back from, as text; when it is not known, what would date it goes first
 * in `missing` (the records themselves are on hand in a complete history).
 */
function anchorText(anchor: Val | undefined, p: Patient, missing: string[], el: Element): string {
  if (anchor === undefined) return p.asOf;
  if (anchor.k === 'answer') {
    const answer = p.answers[anchor.el.id];
    if (typeof answer === 'string' && anchorDays(anchor, p)) return `${anchor.el.label} ${answer}`;
  } else {
    const r = readVal(anchor, p);
    if (r.state === OK && anchorDays(anchor, p))
      return anchor.k === 'onset' ? `the ${nameOf(anchor)} (${dateOf(r)})` : dateOf(r);
  }
  if (el.closedWorld) missing.pop();
  missing.unshift(...missingOf(anchor, p));
  return `${nameOf(anchor)} (no date)`;
}

/** Which result of an `any … within` test decided it, or that none is in the window. */
function readingsSummary(
  b: Extract<Bool, { k: 'anyReading' }>,
  p: Patient,
  t: Tri,
  shown: number,
  threshold: string,
): string {
  const results = resultsOf(p, b.el);
  const m = shown >= 0 ? results[shown] : undefined;
  if (m !== undefined) {
    const r = new Reading();
    fillFrom(p, b.el, m, shown, r);
    const when = typeof m.date === 'string' ? m.date : 'undated';
    const value = r.state === OK && r.code === undefined ? `${interval(r)}${unitText(r.unit)}` : 'a result';
    return t === TRUE ? `${value} at ${when}` : `${value} at ${when} may be in the window`;
  }
  if (t === FALSE) return `no result in the window ${threshold}`;
  return 'no result surely in the window';
}

/** A record test's result: `Antineoplastic agent (L01XA01 2024-01-01 to ongoing)`. */
function recordResult(
  t: Tri,
  head: string,
  summary: string,
  missing: Iterable<string>,
  el: Element,
): Explained {
  const e = result(t, `${head} (${summary})`, missing, undefined, { elements: [el.id] });
  return { ...e, record: { head, summary } };
}

/** Summaries that say there is nothing on record. */
const NO_RECORD = new Set(['no record', 'no record listed']);

/**
 * `not R` in words that agree with its status: what is on record when R holds (so `not R` is not
 * met), that nothing is when it does not, and the records considered when none of them counts.
 */
function negatedRecord(t: Tri, { head, summary }: RecordWords): string {
  // "2 records: a; b" lists them when none decided; after "on record" the count says nothing more.
  const records = summary.replace(/^\d+ records?: /, '');
  if (t === TRUE) return summary === 'on record' ? `${head} on record` : `${head} on record (${records})`;
  if (t === FALSE)
    return NO_RECORD.has(summary) ? `no ${head} on record` : `no ${head} (on record: ${records})`;
  return `no ${head} (${records})`;
}

function unknownsOf(es: Explained[]): ReadonlySet<string> {
  return union(...es.filter((e) => e.t === UNKNOWN).map((e) => e.missing));
}

const SYMBOL: Record<CompareOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=', '!=': '≠' };

function explainCompare(l: Val, op: CompareOp, r: Val, p: Patient): Explained {
  const t = compareTruth(l, op, r, p);
  // A side with nothing to compare says so on its own: "White blood cell count: no result on or before …".
  const open = isOpen(l, p) ? l : isOpen(r, p) ? r : undefined;
  let text: string;
  if (open) text = valueText(open, p);
  else {
    const n = distinguishing([pointOf(l, p, r), pointOf(r, p, l)]);
    text = `${valueText(l, p, r, n)} ${SYMBOL[op]} ${valueText(r, p, l, n)}`;
  }
  const missing = t === UNKNOWN ? union(missingOf(l, p), missingOf(r, p)) : NO_MISSING;
  return result(t, text, missing, undefined, extras(l.k === 'limit' ? r : l));
}

function isOpen(v: Val, p: Patient): boolean {
  return v.k !== 'qty' && v.k !== 'limit' && readVal(v, p).state !== OK;
}

function extras(v: Val): Partial<Trace> {
  const r = v.out;
  const deps = depsOfVal(v);
  const extra: MutableTrace = {} as MutableTrace;
  if (deps.size > 0) extra.elements = [...deps];
  if (r.state === OK && r.date !== '' && r.record !== undefined) extra.date = r.date;
  return extra;
}

/** Elements whose data would decide a value that is not usable (or all it reads, when it is usable but undecided). */
export function missingOf(v: Val, p: Patient): ReadonlySet<string> {
  const r = readVal(v, p);
  switch (v.k) {
    case 'qty':
      return new Set();
    case 'limit':
      return new Set();
    case 'define':
      return missingOf(v.body, p);
    case 'ckd': {
      const out = new Set<string>();
      const scr = readVal(v.creatinine, p);
      if (scr.state !== OK) return missingOf(v.creatinine, p);
      const sex = p.facts[v.sex.id];
      if (sex !== 'male' && sex !== 'female') out.add(v.sex.id);
      if (typeof p.facts[v.birth.id] !== 'string') out.add(v.birth.id);
      return out.size > 0 ? out : depsOfVal(v.creatinine);
    }
    case 'bmi': {
      const w = readVal(v.weight, p);
      const h = readVal(v.height, p);
      if (w.state === OK && h.state === OK) return union(depsOfVal(v.weight), depsOfVal(v.height));
      return union(
        w.state === OK ? new Set() : missingOf(v.weight, p),
        h.state === OK ? new Set() : missingOf(v.height, p),
      );
    }
    case 'arith': {
      const l = readVal(v.l, p);
      const rr = readVal(v.r, p);
      if (l.state === OK && rr.state === OK) return union(depsOfVal(v.l), depsOfVal(v.r));
      return union(
        l.state === OK ? new Set() : missingOf(v.l, p),
        rr.state === OK ? new Set() : missingOf(v.r, p),
      );
    }
    case 'calc': {
      // The inputs with no usable value; when all have one, those known only as a range (a partial
      // birth date, a result below a limit); when all are exact, everything it reads.
      const out = lackingInputs(v, p);
      if (out.size > 0) return out;
      const ranges = rangedInputs(v, p);
      return ranges.size > 0 ? ranges : depsOfVal(v);
    }
    case 'latest': {
      if (r.state === OK && r.chosen >= 0) return missingOf(v.alts[r.chosen]!, p);
      const open = v.alts.filter((a) => a.out.state !== OK);
      return union(...(open.length > 0 ? open : v.alts).map((a) => missingOf(a, p)));
    }
    default:
      return depsOfVal(v);
  }
}

/** A calculator's inputs with no usable value. */
function lackingInputs(v: Extract<Val, { k: 'calc' }>, p: Patient): Set<string> {
  const out = new Set<string>();
  for (const a of v.args) {
    if (a.kind === 'value') {
      if (readVal(a.val, p).state !== OK) for (const id of missingOf(a.val, p)) out.add(id);
    } else {
      const fact = p.facts[a.el.id];
      const usable =
        a.el.kind === 'patient' && a.el.unit === 'date'
          ? typeof fact === 'string'
          : fact === 'male' || fact === 'female';
      if (!usable) out.add(a.el.id);
    }
  }
  return out;
}

/** A calculator's inputs known only as a range: a value with two ends, a birth date short of a day. */
function rangedInputs(v: Extract<Val, { k: 'calc' }>, p: Patient): Set<string> {
  const out = new Set<string>();
  v.args.forEach((a, i) => {
    if (a.kind === 'value') {
      const r = readVal(a.val, p);
      if (r.code === undefined && r.lo !== r.hi) for (const id of depsOfVal(a.val)) out.add(id);
    } else if (v.def.parameters[i]!.kind !== 'sex') {
      const fact = p.facts[a.el.id];
      if (typeof fact === 'string' && parseDate(fact)?.precision !== 'day') out.add(a.el.id);
    }
  });
  return out;
}

/** What each value node reads never changes, so it is worked out once per node (and never modified). */
const depsCache = new WeakMap<Val, ReadonlySet<string>>();

export function depsOfVal(v: Val): ReadonlySet<string> {
  let deps = depsCache.get(v);
  if (deps === undefined) {
    deps = depsOfValUncached(v);
    depsCache.set(v, deps);
  }
  return deps;
}

function depsOfValUncached(v: Val): ReadonlySet<string> {
  switch (v.k) {
    case 'qty':
    case 'limit':
      return new Set();
    case 'lab':
    case 'sex':
    case 'answer':
    case 'date':
    case 'episodes':
    case 'onset':
      return new Set([v.el.id]);
    case 'age':
      return new Set([v.birth.id]);
    case 'define':
      return depsOfVal(v.body);
    case 'ckd':
      return union(depsOfVal(v.creatinine), new Set([v.sex.id, v.birth.id]));
    case 'bmi':
      return union(depsOfVal(v.weight), depsOfVal(v.height));
    case 'latest':
      return union(...v.alts.map(depsOfVal));
    case 'calc':
      return union(...v.args.map((a) => (a.kind === 'value' ? depsOfVal(a.val) : new Set([a.el.id]))));
    case 'arith':
      return union(depsOfVal(v.l), depsOfVal(v.r));
    case 'dose':
      return new Set([v.el.id]);
  }
}

// ---------------------------------------------------------------- text

/** A number as a person writes it: no float residue, a sensible number of decimals. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const abs = Math.abs(x);
  // Most values are written as reported (7, 5.7, 0.64): when the shortest form already has no more
  // digits than the rounding below keeps, rounding gives the same number back, so that form is the
  // answer, without toFixed/toPrecision and a parse.
  const plain = String(x);
  if (fitsRounding(plain, abs)) return plain;
  const rounded =
    abs >= 10
      ? Number(x.toFixed(1))
      : abs >= 1
        ? Number(x.toFixed(3))
        : abs === 0
          ? 0
          : Number(x.toPrecision(4));
  return String(rounded);
}

/**
 * Whether `text` (the shortest decimal form of a finite number of magnitude `abs`) has at most as
 * many digits as `num` keeps: one decimal from 10 up, three from 1, four significant digits below.
 * Such a number is within a fraction of its last place of that decimal, which therefore is what
 * the rounding produces.
 */
function fitsRounding(text: string, abs: number): boolean {
  const dot = text.indexOf('.');
  if (dot < 0) return text.indexOf('e') < 0;
  if (text.indexOf('e') >= 0) return false;
  const decimals = text.length - dot - 1;
  if (abs >= 10) return decimals <= 1;
  if (abs >= 1) return decimals <= 3;
  let first = dot + 1;
  while (first < text.length && text.charCodeAt(first) === 48) first++;
  return text.length - first <= 4;
}

/** How numbers are written in one line of an explanation. */
type Digits = (x: number) => string;

/**
 * `num`, or, when two of `values` differ but `num` writes them alike, a writer with as many
 * decimals as it takes to tell them apart, so that no line reads "20.3 s ≤ 20.3 s: not met"
 * (20.26 against 20.25). Values equal to 12 significant digits compare as equal and keep `num`.
 * Rounding never reverses an order, so the digits that tell them apart also show which is larger.
 */
export function distinguishing(values: readonly (number | undefined)[]): Digits {
  let decimals = -1;
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
      // Cheapest test first: most pairs differ already in `num`, and rounding to 12 digits is slow.
      if (a === b || num(a) !== num(b) || compareNumbers(a, b) === 0) continue;
      for (let k = 0; k <= 20; k++) {
        if (Number(a.toFixed(k)) !== Number(b.toFixed(k))) {
          decimals = Math.max(decimals, k);
          break;
        }
      }
    }
  }
  if (decimals < 0) return num;
  return (x) => {
    if (!Number.isFinite(x)) return num(x);
    const fixed = String(Number(x.toFixed(decimals)));
    const plain = num(x);
    return decimalsOf(fixed) > decimalsOf(plain) ? fixed : plain;
  };
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The number a value stands for in a comparison, when it is a single one. */
function pointOf(v: Val, p: Patient, other?: Val): number | undefined {
  if (v.k === 'qty') return v.value;
  if (v.k === 'limit') {
    if (!other) return undefined;
    const o = readVal(other, p);
    const scaled = o.state === OK ? limitValue(v, o) : undefined;
    return scaled && scaled.lo === scaled.hi ? scaled.lo : undefined;
  }
  const r = readVal(v, p);
  return r.state === OK && r.code === undefined && r.lo === r.hi ? r.lo : undefined;
}

function duration(d: { amount: number; unit: string; strict?: boolean | undefined }): string {
  return `${d.strict ? 'less than ' : ''}${d.amount} ${d.unit}${d.amount === 1 ? '' : 's'}`;
}

function dateOf(r: Reading): string {
  return r.date === r.dateHi ? r.date : `${r.date} to ${r.dateHi}`;
}

function nameOf(v: Val): string {
  switch (v.k) {
    case 'lab':
    case 'sex':
    case 'answer':
    case 'date':
      return v.el.name;
    case 'define':
      return shortLabel(v.label);
    case 'age':
      return v.months ? 'age in months' : 'age';
    case 'ckd':
      return 'eGFR';
    case 'bmi':
      return 'BMI';
    case 'latest':
      return 'latest value';
    case 'calc':
      return v.def.title;
    case 'arith':
      return 'calculated value';
    case 'dose': {
      const as = v.tableName ? ` as ${v.tableName}` : '';
      return v.window
        ? `${v.el.name} highest daily dose${as} within ${duration(v.window)}`
        : `${v.el.name} daily dose${as}`;
    }
    case 'episodes':
      return `episodes of ${v.el.name}${v.window ? ` (separated by more than ${duration(v.window)})` : ''}`;
    case 'onset':
      return `first onset of ${v.el.name}`;
    default:
      return 'value';
  }
}

function shortLabel(label: string): string {
  const cut = label.indexOf(' (');
  return cut > 0 ? label.slice(0, cut) : label;
}

function interval(r: Reading, n: Digits = num): string {
  if (r.lo === r.hi) return n(r.lo);
  if (r.lo === Number.NEGATIVE_INFINITY) return `${r.hiOpen ? '<' : '≤'}${n(r.hi)}`;
  if (r.hi === Number.POSITIVE_INFINITY) return `${r.loOpen ? '>' : '≥'}${n(r.lo)}`;
  return `${n(r.lo)} to ${n(r.hi)}`;
}

/** A unit after a number, as people write it (` ×10⁹/L`); nothing for a ratio such as `{INR}`. */
function unitText(unit: string | undefined): string {
  const written = unit === undefined ? '' : displayUnit(unit);
  return written === '' ? '' : ` ${written}`;
}

function noResult(v: Val, p: Patient): string {
  const r = v.out;
  const name = nameOf(v);
  if (r.state === AMBIGUOUS) return `${name}: the result dates cannot tell which result counts`;
  if (r.state === BAD_UNIT) {
    return `${name}: the result's unit does not convert to ${(v.unit && displayUnit(v.unit)) || v.unit}`;
  }
  if (v.k === 'lab' && v.window) return `${name}: no result between ${p.windowStart(v.window)} and ${p.asOf}`;
  if (v.k === 'lab') return `${name}: no result on or before ${p.asOf}`;
  if (v.k === 'sex') return `${name}: not known`;
  if (v.k === 'answer') return `${v.el.label}: not answered`;
  if (v.k === 'age') return `age: no ${v.birth.name.toLowerCase()}`;
  return `${name}: not known`;
}

/** How a value reads in a trace; `other` is the opposite side of a comparison (for ULN multiples). */
const literalText = new WeakMap<Val, string>();

export function valueText(v: Val, p: Patient, other?: Val, n: Digits = num): string {
  if (v.k === 'qty') {
    if (n !== num) return `${n(v.value)}${unitText(v.unit)}`;
    // A literal reads the same for every patient: formatted once.
    let text = literalText.get(v);
    if (text === undefined) {
      text = `${num(v.value)}${unitText(v.unit)}`;
      literalText.set(v, text);
    }
    return text;
  }
  if (v.k === 'limit') {
    const head = `${v.factor} × ${v.limit}`;
    if (!other) return head;
    const o = readVal(other, p);
    if (o.state !== OK) return head;
    const limit = v.limit === 'ULN' ? o.high : o.low;
    if (Number.isNaN(limit)) return `${head} (no reference range)`;
    const scaled = limitValue(v, o)!;
    return `${head} (${v.limit} ${n(limit)}${unitText(o.unit)} → ${n(scaled.lo)}${unitText(o.unit)})`;
  }
  const r = readVal(v, p);
  if (r.state !== OK) {
    if (v.k === 'dose') {
      const when = v.window ? `within ${duration(v.window)}` : `ongoing on ${p.asOf}`;
      return `${nameOf(v)}: no exposure ${when} on record`;
    }
    if (
      v.k === 'ckd' ||
      v.k === 'latest' ||
      v.k === 'define' ||
      v.k === 'bmi' ||
      v.k === 'calc' ||
      v.k === 'arith'
    ) {
      return `${nameOf(v)}: ${describeOpen(v, p)}`;
    }
    return noResult(v, p);
  }
  if (r.code !== undefined) {
    return v.k === 'answer'
      ? `${v.el.label} ${r.code}`
      : `${nameOf(v)} ${r.code}${r.record ? ` (${dateOf(r)})` : ''}`;
  }
  const value = `${interval(r, n)}${unitText(r.unit ?? v.unit)}`;
  switch (v.k) {
    case 'lab':
      return `${v.el.name} ${value} (${labSource(v.el, r, p)})`;
    case 'age':
      return `age ${r.lo === r.hi ? n(r.lo) : `${n(r.lo)} to ${n(r.hi)}`}${v.months ? ' months' : ''}`;
    case 'define':
      if (v.body.k === 'age') return `${nameOf(v)} ${valueText(v.body, p, undefined, n).slice(4)}`;
      return `${nameOf(v)} ${value} (${derivation(v, p)})`;
    case 'answer':
      return `${v.el.label} ${value}`;
    case 'dose': {
      if (v.window === undefined) {
        return `${nameOf(v)} ${value} (${exposureSummary(p, v.el, ongoingExposures(p, v.el, v.table), v.table, v.tableName)})`;
      }
      const within = `within ${duration(v.window)}`;
      const shown = exposuresWithin(p, v.el, v.table, v.window);
      return `${nameOf(v)} ${value} (${exposureSummary(p, v.el, shown, v.table, v.tableName, `no exposure ${within}`)})`;
    }
    case 'episodes':
      return `${nameOf(v)}: ${episodeText(r)}`;
    default:
      return `${nameOf(v)} ${value} (${derivation(v, p)})`;
  }
}

/**
 * The exposures a dose rule rests on, each with its drug, dose, route and dates; with a table,
 * each dose's equivalent.
 */
function exposureSummary(
  p: Patient,
  el: Element,
  indices: readonly number[],
  table: EquivalenceTable | undefined,
  tableName: string | undefined,
  none = `no exposure ongoing on ${p.asOf}`,
): string {
  const records = recordsOf(p, el) ?? [];
  if (indices.length === 0) return none;
  return indices
    .map((i) => {
      const r = records[i] as Record<string, unknown>;
      let dose = doseText(r);
      if (table && tableName) {
        const factor = equivalenceFactor(
          table,
          r.system as string | undefined,
          r.code as string | undefined,
          r.route as string | undefined,
        );
        dose += Number.isNaN(factor) ? `, no ${tableName} equivalent` : ` × ${num(factor)} as ${tableName}`;
      }
      const name = codedName(r);
      const parts = [name ? `${name} ${dose}` : dose];
      if (typeof r.route === 'string') parts.push(r.route);
      else if (el.routes !== undefined) parts.push('route not stated');
      parts.push(`${r.start ?? '?'} to ${r.end ?? 'ongoing'}`);
      const reason = codingsText(r.reason);
      if (reason) parts.push(`for ${reason}`);
      if (typeof r.notStated === 'string') parts.push(`${r.notStated} not stated`);
      else if (r.unclassified === true) parts.push('unclassified');
      return parts.join(', ');
    })
    .join('; ');
}

/** The coding's display beside its code, when the record carries one: `prednisone (H02AB07)`. */
function codedName(r: Record<string, unknown>): string | undefined {
  const display = typeof r.display === 'string' && r.display.trim() !== '' ? r.display.trim() : undefined;
  if (typeof r.code === 'string') return display ? `${display} (${r.code})` : r.code;
  return display;
}

/** A coded field's codes, each with its display: `Brain structure (12738006)`. */
function codingsText(codings: unknown): string | undefined {
  if (!Array.isArray(codings) || codings.length === 0) return undefined;
  return codings.map((c) => codedName(c as Record<string, unknown>) ?? '?').join(', ');
}

/** `1000 mg × 2/d`, `1.5 g/d`, `no dose`. */
function doseText(r: Record<string, unknown>): string {
  const q = (x: unknown) => {
    const o = x as { value?: unknown; unit?: unknown } | undefined;
    return o && typeof o.value === 'number' && typeof o.unit === 'string'
      ? `${num(o.value)} ${o.unit}`
      : undefined;
  };
  const daily = q(r.dailyDose);
  if (daily) return daily;
  const dose = q(r.dose);
  if (dose && typeof r.perDay === 'number') return `${dose} × ${num(r.perDay)}/d`;
  if (dose) return `${dose}, doses a day not stated`;
  return 'no dose';
}

function labSource(el: Element, r: Reading, p: Patient): string {
  const m = r.record as RawMeasurement | undefined;
  const date = m?.date === undefined ? 'undated' : `${dateOf(r)}, ${ageOf(r, p)}`;
  if (m?.unit !== undefined && m.unit !== el.unit && m.value !== undefined) {
    return `${m.comparator ?? ''}${num(m.value)}${unitText(m.unit)}, ${date}`;
  }
  return date;
}

/** Where a derived value came from: the alternative chosen, the creatinine and age used. */
function derivation(v: Val, p: Patient): string {
  switch (v.k) {
    case 'define':
      return derivation(v.body, p);
    case 'latest': {
      const chosen = v.alts[v.out.chosen];
      if (!chosen) return 'latest';
      if (chosen.k === 'lab') return `${chosen.el.name}, ${labSource(chosen.el, chosen.out, p)}`;
      return derivation(chosen, p);
    }
    case 'ckd': {
      const scr = v.creatinine.out;
      const age = v.out.ageLo === v.out.ageHi ? `${v.out.ageLo}` : `${v.out.ageLo} to ${v.out.ageHi}`;
      const m = scr.record as RawMeasurement | undefined;
      const shown =
        m?.unit !== undefined && m.value !== undefined
          ? `${m.comparator ?? ''}${num(m.value)}${unitText(m.unit)}`
          : `${interval(scr)}${unitText(scr.unit)}`;
      return `CKD-EPI ${v.version} from ${nameOf(v.creatinine).toLowerCase()} ${shown} on ${dateOf(scr)} (${ageOf(scr, p)}), age ${age}`;
    }
    case 'bmi':
      return `from ${valueText(v.weight, p)} and ${valueText(v.height, p)}`;
    case 'arith':
      return `from ${inputsOf(v)
        .map((input) => valueText(input, p))
        .join(', ')}`;
    case 'calc': {
      const parts = v.args.map((a, i) => {
        if (a.kind === 'value') return valueText(a.val, p);
        const kind = v.def.parameters[i]!.kind;
        if (kind === 'sex') return `sex ${String(p.facts[a.el.id])}`;
        const age = v.out.ageLo === v.out.ageHi ? `${v.out.ageLo}` : `${v.out.ageLo} to ${v.out.ageHi}`;
        return kind === 'ageInDays' ? `age ${age} days` : `age ${age}`;
      });
      return `from ${parts.join(', ')}`;
    }
    default:
      return dateOf(v.out);
  }
}

function describeOpen(v: Val, p: Patient): string {
  if (v.k === 'define') return describeOpen(v.body, p);
  if (v.k === 'age') return `no ${v.birth.name.toLowerCase()}`;
  // Every input known and still no value: outside what the calculator's source defines.
  if (v.k === 'calc' && v.def.domain !== undefined && lackingInputs(v, p).size === 0)
    return `${v.def.domain}; ${derivation(v, p)}`;
  if (v.k === 'calc' || v.k === 'arith') return `needs ${[...missingOf(v, p)].join(', ')}`;
  const r = v.out;
  if (r.state === NONE) return `no result on or before ${p.asOf}`;
  if (r.state === AMBIGUOUS) return 'the result dates cannot tell which result counts';
  if (v.k === 'latest') {
    const chosen = v.alts[r.chosen];
    return chosen ? describeOpen(chosen, p) : 'not known';
  }
  if (v.k === 'ckd') {
    const scr = v.creatinine.out;
    if (scr.state !== OK) return noResult(v.creatinine, p);
    const missing = [...missingOf(v, p)].join(', ');
    return `CKD-EPI ${v.version} from creatinine on ${dateOf(scr)} needs ${missing}`;
  }
  return 'not known';
}

/** A short account of an element's records for a trace. */
function recordSummary(p: Patient, el: Element, deciding: number): string {
  const raw = p.facts[el.id];
  if (raw === undefined || raw === null) return el.closedWorld ? 'no record' : 'not known';
  if (raw === true) return 'on record';
  if (raw === false) return 'no record';
  const records = recordsOf(p, el) ?? [];
  const describe = el.kind === 'encounter' ? describeEncounter : describeRecord;
  if (records.length === 0 && el.filter !== undefined && Array.isArray(raw) && raw.length > 0) {
    // Every record is at another body site, or given for another condition: say which.
    const none = el.filter.field === 'bodySite' ? 'at these body sites' : 'given for these conditions';
    return `none ${none}: ${raw.map((x) => describe(x as Record<string, unknown>)).join('; ')}`;
  }
  if (records.length === 0) return el.closedWorld ? 'no record' : 'no record listed';
  const r = records[deciding] as Record<string, unknown> | undefined;
  if (r) return describe(r);
  return `${records.length} record${records.length === 1 ? '' : 's'}: ${records.map((x) => describe(x as Record<string, unknown>)).join('; ')}`;
}

/** `I50.9 inpatient, finished, 2024-05-02 to 2024-05-09`; `…, in-progress, from 2025-03-10, under way`. */
function describeEncounter(r: Record<string, unknown>): string {
  const what = [r.code, r.class].filter((x) => typeof x === 'string').join(' ');
  const start = typeof r.start === 'string' ? r.start : undefined;
  const under = r.status === undefined || !['finished', 'unknown'].includes(r.status as string);
  const when =
    typeof r.end === 'string'
      ? `${start ?? '?'} to ${r.end}`
      : `${start === undefined ? 'undated' : `from ${start}`}, ${under ? 'under way' : 'end not given'}`;
  const parts = [what, typeof r.status === 'string' ? r.status : '', when];
  return parts.filter((p) => p !== '').join(', ');
}

function describeRecord(r: Record<string, unknown>): string {
  const parts: string[] = [];
  const name = codedName(r);
  if (name) parts.push(name);
  if (typeof r.route === 'string') parts.push(r.route);
  if (r.clinicalStatus !== undefined || r.verificationStatus !== undefined || 'onset' in r) {
    parts.push(`${r.clinicalStatus ?? 'active'}, ${r.verificationStatus ?? 'confirmed'}`);
  }
  if (typeof r.onset === 'string') parts.push(`onset ${r.onset}`);
  if (typeof r.abatement === 'string') parts.push(`abated ${r.abatement}`);
  if (typeof r.date === 'string' && typeof r.end === 'string') parts.push(`${r.date} to ${r.end}`);
  else if (typeof r.date === 'string' && (r.inProgress === true || r.status === 'in-progress'))
    parts.push(`from ${r.date}, under way`);
  else if (typeof r.start === 'string' || 'end' in r)
    parts.push(`${r.start ?? '?'} to ${r.end ?? 'ongoing'}`);
  else if (typeof r.date === 'string') parts.push(r.date);
  if (typeof r.criticality === 'string') parts.push(`criticality ${r.criticality}`);
  if (typeof r.severity === 'string') parts.push(r.severity);
  const site = codingsText(r.bodySite);
  if (site) parts.push(`site ${site}`);
  const reason = codingsText(r.reason);
  if (reason) parts.push(`for ${reason}`);
  if (typeof r.notStated === 'string') parts.push(`${r.notStated} not stated`);
  return parts.length > 0 ? parts.join(' ') : 'on record';
}

/** The values a calculation reads, each once, in the order written (constants left out). */
function inputsOf(v: Val, found: Val[] = []): Val[] {
  if (v.k === 'arith') {
    inputsOf(v.l, found);
    inputsOf(v.r, found);
  } else if (v.k !== 'qty' && !found.includes(v)) found.push(v);
  return found;
}

/**
 * How old a result is on the screening date, so a reader can judge it: "the screening date",
 * "5 days before screening", or a range for a partial date.
 */
function ageOf(r: Pick<Reading, 'date' | 'dateHi'>, p: Patient): string {
  if (!readDays(r.date)) return 'date unknown';
  const oldest = p.asOfDay - readDaysResult.lo;
  if (!readDays(r.dateHi)) return 'date unknown';
  const newest = p.asOfDay - readDaysResult.hi;
  if (oldest === 0 && newest === 0) return 'the screening date';
  if (oldest === newest) return `${dayCount(oldest)} before screening`;
  return `${newest} to ${dayCount(oldest)} before screening`;
}

// At module level rather than a closure in `ageOf`: a closure made per call is an allocation (and,
// under tsx's keepNames, a defineProperty) for every result explained.
function dayCount(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** "2", "1 or 2", "at least 1 (the history may be incomplete)". */
function episodeText(r: Reading): string {
  if (r.lo === r.hi) return `${r.lo}`;
  if (r.hi === Number.POSITIVE_INFINITY) return `at least ${r.lo} (the history may be incomplete)`;
  return `${r.lo} to ${r.hi} (records with uncertain dates or codes)`;
}
