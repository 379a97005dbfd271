import type { CompareOp } from '../ast';
import { type Bool, type Element, NONE, OK, type Val, type Window } from '../evaluate/ir';
import { elementOf } from '../evaluate/leaves';
import { conversionTo } from '../evaluate/read';
import { applyConversion } from '../units/ucum';
import { NotCompilable, type SqlContext } from './context';
import { doubleLiteral, infinity, literal, round12 } from './dialect';
import { doseCourseSql, doseRiseSql, stableDosingSql } from './doses';
import { encounterRecordSql, encounterSpanSource, encounterWithinRecordSql } from './encounters';
import { recordTable } from './filters';
import {
  allergyRecordSql,
  conditionRecordSql,
  durationTruth,
  eventWithinRecordSql,
  exposureDurationFold,
  exposureRecordSql,
  exposureSpanSource,
  exposureWithinRecordSql,
  foldTruth,
  givenOf,
  procedureRecordSql,
  recordFold,
  type SqlWindow,
} from './records';
import { anyReadingSql, onlySql } from './results';
import { fellBySql, stableSql } from './trends';
import { type SqlVal, sqlVal } from './values';
import { windowBefore } from './windows';

/**
 * A rule as one SQL expression giving each patient's truth ordinal (context.ts), over per-patient
 * CTEs collected in `joins`. Each case follows the population path's rule (population/rules.ts):
 * the same readings, the same decisions, written for a set-at-a-time engine.
 */
export function sqlRule(b: Bool, ctx: SqlContext, joins: Set<string>): string {
  const use = (v: SqlVal) => {
    for (const j of v.joins) joins.add(j);
    return v;
  };
  switch (b.k) {
    case 'and':
      return `LEAST(${sqlRule(b.a, ctx, joins)}, ${sqlRule(b.b, ctx, joins)})`;
    case 'or':
      return `GREATEST(${sqlRule(b.a, ctx, joins)}, ${sqlRule(b.b, ctx, joins)})`;
    case 'not':
      return `(2 - ${sqlRule(b.a, ctx, joins)})`;
    case 'unless':
      return `LEAST(${sqlRule(b.a, ctx, joins)}, 2 - ${sqlRule(b.b, ctx, joins)})`;
    case 'given':
      // decide/given.ts: A once B is true; unknown otherwise.
      return `(CASE WHEN ${sqlRule(b.b, ctx, joins)} = 2 THEN ${sqlRule(b.a, ctx, joins)} ELSE 1 END)`;
    case 'if': {
      const c = sqlRule(b.c, ctx, joins);
      const t = sqlRule(b.t, ctx, joins);
      const e = sqlRule(b.e, ctx, joins);
      return `(CASE WHEN ${c} = 2 THEN ${t} WHEN ${c} = 0 THEN ${e} WHEN ${t} = ${e} THEN ${t} ELSE 1 END)`;
    }
    case 'quant': {
      // evaluate/compare.ts count3: decided once N are true, or once too few can still be.
      const ops = b.ops.map((op) => sqlRule(op, ctx, joins));
      const trues = ops.map((o) => `(CASE WHEN ${o} = 2 THEN 1 ELSE 0 END)`).join(' + ') || '0';
      const maybes = ops.map((o) => `(CASE WHEN ${o} >= 1 THEN 1 ELSE 0 END)`).join(' + ') || '0';
      return `(CASE WHEN ${trues} >= ${b.n} THEN 2 WHEN ${maybes} < ${b.n} THEN 0 ELSE 1 END)`;
    }
    case 'const':
      return String(b.value === 0 ? 0 : b.value === 1 ? 2 : 1);
    case 'answer':
      // A population has no one to ask.
      return '1';
    case 'define':
      return sqlRule(b.d.body, ctx, joins);
    case 'cmp':
      return cmpSql(b.l, b.op, b.r, ctx, use);
    case 'between':
      return `LEAST(${cmpSql(b.v, '>=', b.lo, ctx, use)}, ${cmpSql(b.v, '<=', b.hi, ctx, use)})`;
    case 'is': {
      if (b.only) return onlySql(b, ctx, joins);
      return isSql(b, ctx, use);
    }
    case 'cond': {
      const fold = recordFold(
        ctx,
        `cond:${b.mode}:${b.ago?.amount ?? ''}${b.ago?.unit ?? ''}`,
        b.el,
        conditionRecordSql(ctx, b.mode, b.ago),
        `condition records, ${b.mode}`,
      );
      const given = givenOf(ctx, b.el);
      joins.add(fold);
      joins.add(given);
      return foldTruth(
        b.el,
        fold,
        given,
        b.mode === 'resolved' || b.mode === 'resolvedAtLeast' ? 'all' : 'any',
      );
    }
    case 'record':
      return recordSql(b.el, ctx, joins);
    case 'severe': {
      const fold = recordFold(
        ctx,
        'severe',
        b.el,
        allergyRecordSql(ctx, true),
        'allergies of high criticality or severe reaction',
      );
      const given = givenOf(ctx, b.el);
      joins.add(fold);
      joins.add(given);
      return foldTruth(b.el, fold, given, 'any');
    }
    case 'med':
      return medSql(b, ctx, joins, use);
    case 'trend':
      return b.change === 'stable' ? stableSql(b, ctx, joins) : fellBySql(b, ctx, joins);
    case 'within': {
      const el = b.el;
      return anchoredTruth(
        ctx,
        el,
        b.window,
        b.anchor,
        joins,
        use,
        (win) => eventWithinRecordSql(ctx, el, win),
        () => recordSql(el, ctx, joins),
      );
    }
    case 'dateWithin': {
      // evaluate/leaves.ts dateWithinLeaf: without the date itself it is unknown, whatever the
      // anchor; a population has no answers, so a date asked on the form is never there.
      const date = sqlVal(b.s, ctx);
      if (date.joins.length === 0 && date.state === String(NONE)) return '1';
      throw new NotCompilable('a date read from a record within a window');
    }
    case 'anyReading':
      return anyReadingSql(b, ctx, joins);
    case 'stable':
      return stableDosingSql(b, ctx, joins);
    case 'doseRise':
      return doseRiseSql(b, ctx, joins);
    case 'doseCourse':
      return doseCourseSql(b, ctx, joins);
  }
}

function recordSql(el: Element, ctx: SqlContext, joins: Set<string>): string {
  let fold: string;
  switch (el.kind) {
    case 'condition':
      fold = recordFold(
        ctx,
        'cond:active:',
        el,
        conditionRecordSql(ctx, 'active', undefined),
        'condition records, active',
      );
      break;
    case 'medication':
      fold = recordFold(
        ctx,
        'med:any',
        el,
        exposureRecordSql(ctx, el),
        'exposures started by the screening date',
      );
      break;
    case 'procedure':
      fold = recordFold(ctx, 'procedure', el, procedureRecordSql(ctx), 'procedures by the screening date');
      break;
    case 'allergy':
      fold = recordFold(ctx, 'allergy', el, allergyRecordSql(ctx, false), 'allergies');
      break;
    case 'encounter':
      fold = recordFold(
        ctx,
        'encounter:any',
        el,
        encounterRecordSql(ctx, el),
        'encounters started by the screening date',
      );
      break;
    default:
      return '1';
  }
  const given = givenOf(ctx, el);
  joins.add(fold);
  joins.add(given);
  return foldTruth(el, fold, given, 'any');
}

function medSql(
  b: Extract<Bool, { k: 'med' }>,
  ctx: SqlContext,
  joins: Set<string>,
  use: (v: SqlVal) => SqlVal,
): string {
  const el = b.el;
  // Encounters are periods too, read by the same rules with their status and class.
  const encounter = el.kind === 'encounter';
  const any = () => recordSql(el, ctx, joins);
  if (b.mode === 'any') return any();
  if (b.mode === 'atLeast' || b.mode === 'moreThan') {
    const source = encounter ? encounterSpanSource(ctx, el) : exposureSpanSource(el);
    const fold = exposureDurationFold(ctx, el, b.duration!, b.mode === 'moreThan', source);
    const given = givenOf(ctx, el);
    joins.add(fold);
    joins.add(given);
    return durationTruth(el, fold, given);
  }
  const w = b.duration!;
  const within = (win: SqlWindow) =>
    encounter ? encounterWithinRecordSql(ctx, el, win) : exposureWithinRecordSql(ctx, el, win);
  return anchoredTruth(ctx, el, w, b.anchor, joins, use, within, any);
}

/**
 * A record rule over a window before an anchor: the screening date (thresholds worked out here),
 * or a value's date read per patient (the window then moves per patient: linear in days, hours and
 * weeks only). Without the anchor's date only a patient with no record is decided (`never`).
 */
function anchoredTruth(
  ctx: SqlContext,
  el: Element,
  w: Window,
  anchorVal: Val | undefined,
  joins: Set<string>,
  use: (v: SqlVal) => SqlVal,
  recordSql: (w: SqlWindow) => string,
  never: () => string,
): string {
  const given = givenOf(ctx, el);
  joins.add(given);
  const span = `${w.amount}${w.unit}${w.strict ? ' strict' : ''}`;
  if (anchorVal === undefined) {
    const win = windowBefore(w, ctx.asOf);
    const fold = recordFold(
      ctx,
      `window:${span}:${recordSql(win)}`,
      el,
      recordSql(win),
      `records within ${w.amount} ${w.unit}(s) before the screening date`,
    );
    joins.add(fold);
    return foldTruth(el, fold, given, 'any');
  }
  const anchor = use(sqlVal(anchorVal, ctx));
  // An anchor a population cannot read (a date answered on the form): only `never` decides.
  if (anchor.joins.length === 0 && anchor.state === String(NONE))
    return `(CASE WHEN ${never()} = 0 THEN 0 ELSE 1 END)`;
  const a = anchor.joins[0];
  if (a === undefined || anchor.joins.length !== 1)
    throw new NotCompilable('a window before a computed date');
  const local = (x: string) => x.replaceAll(`${a}.`, 'a.');
  const win = windowBefore(w, { dayLo: local(anchor.dayLo), dayHi: local(anchor.dayHi) }, ctx.dialect);
  const body = recordSql(win);
  const table = recordTable(ctx, el);
  const fold = ctx.cte(`records:${el.id}:anchored:${a}:${span}:${body}`, 'k', () => ({
    comment: [`${el.id}: records within ${w.amount} ${w.unit}(s) before the date of ${a}`],
    body: `SELECT pid, MAX(t) AS t_max, MIN(t) AS t_min, COUNT(t) AS counted FROM (SELECT rec.*, ${body.replaceAll(/\b(start_lo|start_hi|end_lo|end_hi|unclassified|route|status|encounter_class|verification|clinical|severity|criticality)\b/g, 'rec.$1')} AS t FROM ${table} rec JOIN ${a} a ON a.pid = rec.pid WHERE rec.element = ${literal(ctx.dialect, el.id)} AND ${local(anchor.state)} = ${OK}) x GROUP BY pid`,
  }));
  joins.add(fold);
  const unanchored = never();
  return `(CASE WHEN ${anchor.state} <> ${OK} THEN (CASE WHEN ${unanchored} = 0 THEN 0 ELSE 1 END) ELSE ${foldTruth(el, fold, given, 'any')} END)`;
}

// ------------------------------------------------------------------ comparisons

/**
 * A value's end as values/interval.ts compares it: an end without a bound (NULL) is the infinity
 * on its side, as `<20` is (−∞, 20) there, so that an end which is infinite as a number (a limit
 * of 1e308 tripled) compares as it does in-process; rounded to 12 significant digits unless it
 * needs none (SqlVal.exact: a literal, never NULL).
 */
function end(ctx: SqlContext, v: SqlVal, side: 'lo' | 'hi'): string {
  const x = side === 'lo' ? v.lo : v.hi;
  return v.exact
    ? x
    : round12(ctx.dialect, `COALESCE(${x}, ${infinity(ctx.dialect, side === 'lo' ? -1 : 1)})`);
}

/** Every point of a is below every point of b (values/interval.ts allBelow). */
function allBelow(ctx: SqlContext, a: SqlVal, b: SqlVal): string {
  const ah = end(ctx, a, 'hi');
  const bl = end(ctx, b, 'lo');
  return `(${ah} < ${bl} OR (${ah} = ${bl} AND (${a.hiOpen} = 1 OR ${b.loOpen} = 1)))`;
}

function allAtMost(ctx: SqlContext, a: SqlVal, b: SqlVal): string {
  return `(${end(ctx, a, 'hi')} <= ${end(ctx, b, 'lo')})`;
}

function isPoint(ctx: SqlContext, v: SqlVal): string {
  return `(${end(ctx, v, 'lo')} = ${end(ctx, v, 'hi')} AND ${v.loOpen} = 0 AND ${v.hiOpen} = 0)`;
}

/** evaluate/compare.ts compare, on intervals: met when every pair of points agrees, not met when none does. */
export function compareSql(ctx: SqlContext, a: SqlVal, op: CompareOp, b: SqlVal): string {
  const decide = (yes: string, no: string) => `(CASE WHEN ${yes} THEN 2 WHEN ${no} THEN 0 ELSE 1 END)`;
  switch (op) {
    case '<':
      return decide(allBelow(ctx, a, b), allAtMost(ctx, b, a));
    case '<=':
      return decide(allAtMost(ctx, a, b), allBelow(ctx, b, a));
    case '>':
      return decide(allBelow(ctx, b, a), allAtMost(ctx, a, b));
    case '>=':
      return decide(allAtMost(ctx, b, a), allBelow(ctx, a, b));
    case '=':
    case '!=': {
      const equal = `(${isPoint(ctx, a)} AND ${isPoint(ctx, b)} AND ${end(ctx, a, 'lo')} = ${end(ctx, b, 'lo')})`;
      const apart = `(${allBelow(ctx, a, b)} OR ${allBelow(ctx, b, a)})`;
      return op === '=' ? decide(equal, apart) : decide(apart, equal);
    }
  }
}

/** population/rules.ts cmpRule. */
function cmpSql(l: Val, op: CompareOp, rv: Val, ctx: SqlContext, use: (v: SqlVal) => SqlVal): string {
  if (rv.k === 'limit' || l.k === 'limit') {
    const onRight = rv.k === 'limit';
    const node = (onRight ? rv : l) as Extract<Val, { k: 'limit' }>;
    const other = use(sqlVal(onRight ? l : rv, ctx));
    const limit = node.limit === 'ULN' ? other.high : other.low;
    const point: SqlVal = {
      ...other,
      lo: `(${doubleLiteral(ctx.dialect, node.factor)} * ${limit})`,
      hi: `(${doubleLiteral(ctx.dialect, node.factor)} * ${limit})`,
      loOpen: '0',
      hiOpen: '0',
      exact: false,
    };
    const cmp = onRight ? compareSql(ctx, other, op, point) : compareSql(ctx, point, op, other);
    return `(CASE WHEN ${other.state} <> ${OK} OR ${other.code} IS NOT NULL OR ${limit} IS NULL THEN 1 ELSE ${cmp} END)`;
  }
  const a = use(sqlVal(l, ctx));
  const b = use(sqlVal(rv, ctx));
  if (rv.k === 'qty' && l.k !== 'qty')
    return `(CASE WHEN ${a.state} <> ${OK} OR ${a.code} IS NOT NULL THEN 1 ELSE ${compareSql(ctx, a, op, b)} END)`;
  const codes =
    op === '=' || op === '!='
      ? `WHEN ${a.code} IS NOT NULL AND ${b.code} IS NOT NULL THEN (CASE WHEN ${a.code} = ${b.code} THEN ${op === '=' ? 2 : 0} ELSE ${op === '=' ? 0 : 2} END) `
      : '';
  return `(CASE WHEN ${a.state} <> ${OK} OR ${b.state} <> ${OK} THEN 1 ${codes}WHEN ${a.code} IS NOT NULL OR ${b.code} IS NOT NULL THEN 1 ELSE ${compareSql(ctx, a, op, b)} END)`;
}

// ------------------------------------------------------------------ coded results

/** decide/coded.ts codedTruth, with positiveTruth's threshold per reported unit where the element has none. */
function isSql(b: Extract<Bool, { k: 'is' }>, ctx: SqlContext, use: (v: SqlVal) => SqlVal): string {
  const v = use(sqlVal(b.s, ctx));
  const el = elementOf(b.s);
  const d = ctx.dialect;
  const classifies =
    el?.values === undefined
      ? 'TRUE'
      : `${v.code} IN (${el.values.map((x) => literal(d, x)).join(', ') || "''"})`;
  const value = b.value;
  let numeric = '1';
  if ((value === 'positive' || value === 'negative') && el?.positive !== undefined) {
    const rule = el.positive;
    let threshold: string;
    if (rule.kind === 'limit') threshold = rule.limit === 'ULN' ? v.high : v.low;
    else threshold = thresholdSql(ctx, el, rule.value, rule.unit, v);
    const point: SqlVal = { ...v, lo: threshold, hi: threshold, loOpen: '0', hiOpen: '0', exact: false };
    const positive = `(CASE WHEN ${threshold} IS NULL THEN 1 ELSE ${compareSql(ctx, v, '>', point)} END)`;
    numeric = value === 'positive' ? positive : `(2 - ${positive})`;
  }
  const t = [
    `CASE`,
    b.known ? `WHEN ${v.state} = 0 THEN 0` : '',
    `WHEN ${v.state} <> ${OK} THEN 1`,
    `WHEN ${v.code} IS NOT NULL THEN (CASE WHEN NOT (${classifies}) THEN 1 WHEN ${v.code} = ${literal(d, value)} THEN 2 ELSE 0 END)`,
    `ELSE ${numeric} END`,
  ]
    .filter((x) => x !== '')
    .join(' ');
  return b.negated ? `(2 - (${t}))` : `(${t})`;
}

/** A positivity threshold in the unit of the reading: the element's, or the result's own for a test. */
function thresholdSql(ctx: SqlContext, el: Element, value: number, unit: string, v: SqlVal): string {
  const d = ctx.dialect;
  const convert = (to: string): string => {
    if (to === unit) return doubleLiteral(d, value);
    const c = conversionTo(el, unit, to);
    return c === undefined ? 'NULL' : doubleLiteral(d, applyConversion(c, value));
  };
  if (el.unit !== undefined) return convert(el.unit);
  const arms = ctx
    .unitsOf(el)
    .filter((u) => u !== '')
    .map((u) => `WHEN ${literal(d, u)} THEN ${convert(u)}`);
  return `(CASE WHEN ${v.unit} IS NULL OR ${v.unit} = '' THEN ${doubleLiteral(d, value)}${arms.length ? ` ELSE (CASE ${v.unit} ${arms.join(' ')} ELSE NULL END)` : ' ELSE NULL'} END)`;
}
