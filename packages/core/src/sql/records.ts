import {
  type ConditionMode,
  type Duration,
  HIGH,
  isResolvedMode,
  NOT_STATED,
  UNASSESSED,
} from '../decide/records';
import type { Element } from '../evaluate/ir';
import { CLINICAL_STATUSES, CRITICALITIES, SEVERITIES, VERIFICATION_STATUSES } from '../population/columns';
import {
  CLINICAL_CLASS,
  CRITICALITY_CLASS,
  SEVERE_REACTION,
  VERIFICATION_CLASS,
} from '../population/records';
import { addDuration } from '../time/dates';
import { NotCompilable, type SqlContext } from './context';
import { dayToKey, literal } from './dialect';
import { recordTable } from './filters';

/**
 * The record rules of decide/records.ts as SQL: each record's decision as a CASE (NULL where the
 * record does not count: SKIP), folded per patient. Status words map to the decisions' classes
 * through the same tables the column path uses (population/records.ts), so both read a status the
 * same way. Thresholds that depend only on the screening date are worked out here, once.
 */

/** A status column as its class, from a list of words and their classes. */
function classOf(
  ctx: SqlContext,
  column: string,
  words: readonly string[],
  classes: ArrayLike<number>,
): string {
  const arms = words.map((w, i) => `WHEN ${literal(ctx.dialect, w)} THEN ${classes[i]}`);
  return `(CASE ${column} ${arms.join(' ')} ELSE ${classes[0]} END)`;
}

const clinical = (ctx: SqlContext) => classOf(ctx, 'clinical', CLINICAL_STATUSES, CLINICAL_CLASS);
export const verification = (ctx: SqlContext) =>
  classOf(ctx, 'verification', VERIFICATION_STATUSES, VERIFICATION_CLASS);

/** `maybe`: an unclassified record (or one whose route is not stated) that would make the element true only might. */
export function maybe(t: string, open: string): string {
  return `(CASE WHEN ${t} = 2 AND (${open}) THEN 1 ELSE ${t} END)`;
}

/** The last day `d` with `addDuration(d, ago) <= last`: the calendar rule turned into one threshold. */
export function lastDayBefore(last: number, ago: Duration): number {
  let lo = last - 1 - 400 * Math.max(1, ago.amount) - 400;
  let hi = last;
  while (addDuration(lo, ago.amount, ago.unit) > last) lo -= 10_000;
  // Invariant: addDuration(lo) <= last; find the largest such day (addDuration never decreases).
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (addDuration(mid, ago.amount, ago.unit) <= last) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** decide/records.ts conditionRecord, as SQL over one record row (NULL: SKIP). */
export function conditionRecordSql(ctx: SqlContext, mode: ConditionMode, ago: Duration | undefined): string {
  const asOf = ctx.asOf;
  const c = clinical(ctx);
  const v = verification(ctx);
  const skip = `${v} = 2 OR (start_lo IS NOT NULL AND start_lo > ${asOf})`;
  let t: string;
  if (isResolvedMode(mode)) {
    const last = mode === 'resolvedAtLeast' ? asOf : asOf - 1;
    const limit = lastDayBefore(last, ago ?? { amount: 0, unit: 'day' });
    const resolved = `(CASE WHEN ${c} = 0 THEN 0 WHEN ${c} <> 1 OR end_lo IS NULL THEN 1 WHEN end_hi <= ${limit} THEN 2 WHEN end_lo > ${limit} THEN 0 ELSE 1 END)`;
    // maybeAll: an unclassified record that would make the element false only might.
    t = `(CASE WHEN ${resolved} = 0 AND unclassified = 1 THEN 1 ELSE ${resolved} END)`;
  } else {
    const base =
      mode === 'severe'
        ? severeConditionSql(ctx, c, v)
        : mode === 'ever'
          ? `(CASE WHEN ${v} = 0 THEN 2 ELSE 1 END)`
          : mode === 'suspected'
            ? `(CASE WHEN ${c} <> 0 THEN 0 ELSE 2 END)`
            : `(CASE WHEN ${c} <> 0 THEN 0 WHEN ${v} = 0 THEN 2 ELSE 1 END)`;
    t = maybe(base, `unclassified = 1 OR (start_lo IS NOT NULL AND start_hi > ${asOf})`);
  }
  return `CASE WHEN ${skip} THEN NULL ELSE ${t} END`;
}

/**
 * decide/records.ts severeCondition: active and recorded as severe (certain when confirmed); mild
 * or moderate is not severe; a severity not recorded may be. The builder keeps a condition's
 * severity in the severity column, in the same words as an allergy reaction's.
 */
function severeConditionSql(ctx: SqlContext, clinicalClass: string, verificationClass: string): string {
  const lower = SEVERITIES.filter((s) => s !== '' && s !== 'severe').map((s) => literal(ctx.dialect, s));
  return `(CASE WHEN ${clinicalClass} <> 0 OR severity IN (${lower.join(', ')}) THEN 0 WHEN ${verificationClass} = 0 AND severity = ${literal(ctx.dialect, 'severe')} THEN 2 ELSE 1 END)`;
}

/** The route match of a medication record (decide/dosing.ts routeMatch): NULL when of another route. */
export function routeOpen(el: Element): { skip: string; open: string } {
  if (el.routes === undefined) return { skip: 'FALSE', open: 'unclassified = 1' };
  const list = el.routes.map((r) => `'${r}'`).join(', ');
  return {
    skip: `(route IS NOT NULL AND route NOT IN (${list}))`,
    open: 'unclassified = 1 OR route IS NULL',
  };
}

/** decide/records.ts exposureRecord: an exposure started by the screening date. */
export function exposureRecordSql(ctx: SqlContext, el: Element): string {
  const asOf = ctx.asOf;
  const route = routeOpen(el);
  const t = maybe(`(CASE WHEN start_lo IS NOT NULL AND start_hi > ${asOf} THEN 1 ELSE 2 END)`, route.open);
  return `CASE WHEN ${route.skip} OR (start_lo IS NOT NULL AND start_lo > ${asOf}) THEN NULL ELSE ${t} END`;
}

/** A window before an anchor day (decide/window.ts), as SQL expressions (per patient when the anchor is a result's date). */
export interface SqlWindow {
  readonly sure: string;
  readonly may: string;
  readonly anchorLo: string;
  readonly anchorHi: string;
}

/** Period columns of a record row: an exposure's, or a procedure's performed over days. */
export interface Period {
  readonly startLo: string;
  readonly startHi: string;
  readonly endLo: string;
  readonly endHi: string;
}

export const ROW_PERIOD: Period = {
  startLo: 'start_lo',
  startHi: 'start_hi',
  endLo: 'end_lo',
  endHi: 'end_hi',
};

/**
 * decide/records.ts exposureWithinRecord without its SKIP (the caller's): certain when the
 * shortest the period can be overlaps every window the anchor allows, possible when the longest
 * overlaps any. No end means ongoing at the screening date.
 */
export function periodWithin(ctx: SqlContext, p: Period, w: SqlWindow, open: string): string {
  const asOf = ctx.asOf;
  const lastLo = `(CASE WHEN ${p.endLo} IS NULL THEN ${asOf} ELSE LEAST(${p.endLo}, ${asOf}) END)`;
  const certainStart = `(CASE WHEN ${p.startLo} IS NULL THEN ${lastLo} ELSE ${p.startHi} END)`;
  // Undated: the earliest start is unbounded, so the greatest of it and lastLo is lastLo.
  const lasting = `(CASE WHEN ${p.startLo} IS NULL THEN ${lastLo} ELSE GREATEST(${lastLo}, ${p.startLo}) END)`;
  const certain = `${certainStart} <= ${w.anchorLo} AND ${lasting} >= ${w.sure}`;
  const possible = `(${p.startLo} IS NULL OR ${p.startLo} <= ${w.anchorHi}) AND (${p.endLo} IS NULL OR ${p.endHi} >= ${w.may})`;
  return maybe(`(CASE WHEN ${certain} THEN 2 WHEN ${possible} THEN 1 ELSE 0 END)`, open);
}

/** decide/records.ts exposureWithinRecord: an exposure overlapping the window before an anchor day. */
export function exposureWithinRecordSql(ctx: SqlContext, el: Element, w: SqlWindow): string {
  const route = routeOpen(el);
  return `CASE WHEN ${route.skip} OR (start_lo IS NOT NULL AND start_lo > ${ctx.asOf}) THEN NULL ELSE ${periodWithin(ctx, ROW_PERIOD, w, route.open)} END`;
}

/**
 * evaluate/records.ts eventWithinTruth's record: a condition by its onset, a procedure by its date
 * (decide/window.ts eventWithinRecord), or a procedure performed over days (an end, or under way)
 * as an exposure; refuted and entered-in-error records do not count.
 */
export function eventWithinRecordSql(ctx: SqlContext, el: Element, w: SqlWindow): string {
  const asOf = ctx.asOf;
  const v = verification(ctx);
  const skip = `${v} = 2 OR (start_lo IS NOT NULL AND start_lo > ${asOf})`;
  const event = `(CASE WHEN start_lo IS NULL THEN 1 WHEN start_lo >= ${w.sure} AND start_hi <= ${w.anchorLo} THEN 2 WHEN start_hi >= ${w.may} AND start_lo <= ${w.anchorHi} THEN 1 ELSE 0 END)`;
  const dated = `(CASE WHEN ${event} = 2 AND (${v} <> 0 OR unclassified = 1) THEN 1 ELSE ${event} END)`;
  if (el.kind === 'condition') return `CASE WHEN ${skip} THEN NULL ELSE ${dated} END`;
  const underWay = `status = 'in-progress'`;
  const period: Period = {
    ...ROW_PERIOD,
    endLo: `(CASE WHEN ${underWay} THEN NULL ELSE end_lo END)`,
    endHi: `(CASE WHEN ${underWay} THEN NULL ELSE end_hi END)`,
  };
  return `CASE WHEN ${skip} THEN NULL WHEN end_lo IS NOT NULL OR ${underWay} THEN ${periodWithin(ctx, period, w, 'unclassified = 1')} ELSE ${dated} END`;
}

/** decide/records.ts procedureRecord. */
export function procedureRecordSql(ctx: SqlContext): string {
  const asOf = ctx.asOf;
  return `CASE WHEN start_lo IS NULL OR start_hi <= ${asOf} THEN ${maybe('2', 'unclassified = 1')} WHEN start_lo <= ${asOf} THEN 1 ELSE 0 END`;
}

/** decide/records.ts allergyRecord. */
export function allergyRecordSql(ctx: SqlContext, severe: boolean): string {
  if (!severe) return maybe('2', 'unclassified = 1');
  const criticality = classOf(ctx, 'criticality', CRITICALITIES.slice(1), CRITICALITY_CLASS.slice(1));
  const crit = `(CASE WHEN criticality IS NULL THEN ${NOT_STATED} ELSE ${criticality} END)`;
  const severeWords = SEVERITIES.filter((s, i) => s !== '' && SEVERE_REACTION[i] === true);
  const stated = `severity IS NOT NULL`;
  const isSevere = `severity IN (${severeWords.map((s) => literal(ctx.dialect, s)).join(', ')})`;
  return `CASE WHEN ${crit} = ${HIGH} OR ${isSevere} THEN ${maybe('2', 'unclassified = 1')} WHEN ${crit} = ${UNASSESSED} OR (${crit} = ${NOT_STATED} AND NOT ${stated}) THEN 1 ELSE 0 END`;
}

/**
 * An element's records folded per patient (evaluate's `or` fold, or `and` for resolved modes):
 * one row per patient with records, the fold's extremes and how many records counted.
 */
export function recordFold(
  ctx: SqlContext,
  key: string,
  el: Element,
  recordSql: string,
  comment: string,
): string {
  const table = recordTable(ctx, el);
  return ctx.cte(`records:${el.id}:${key}`, 'k', () => ({
    comment: [`${el.id}: ${comment}`],
    body: `SELECT pid, MAX(t) AS t_max, MIN(t) AS t_min, COUNT(t) AS counted FROM (SELECT pid, ${recordSql} AS t FROM ${table} WHERE element = ${literal(ctx.dialect, el.id)}) x GROUP BY pid`,
  }));
}

/** Whether the input gave the element for a patient: NULL not at all, 1 with records, 2 explicitly none. */
export function givenOf(ctx: SqlContext, el: Element): string {
  return ctx.cte(`given:${el.id}`, 'g', () => ({
    comment: [`${el.id}: whether the input gave it, and whether as none`],
    body: `SELECT pid, given FROM ${ctx.tables.given} WHERE element = ${literal(ctx.dialect, el.id)}`,
  }));
}

/**
 * The element's truth from its fold (population/records.ts): with no record that counts, absent
 * (decide/records.ts noRecord); else the fold, finished for an open world (`finish`) unless it is
 * a resolved-mode `and` fold.
 */
export function foldTruth(el: Element, fold: string, given: string, how: 'any' | 'all'): string {
  const absent = el.closedWorld ? '0' : `(CASE WHEN ${given}.given = 2 THEN 0 ELSE 1 END)`;
  const value = how === 'all' ? `${fold}.t_min` : `${fold}.t_max`;
  const finish =
    how === 'all' || el.closedWorld ? value : `(CASE WHEN ${value} = 0 THEN 1 ELSE ${value} END)`;
  return `(CASE WHEN ${given}.given IS NULL OR ${given}.given <> 1 OR COALESCE(${fold}.counted, 0) = 0 THEN ${absent} ELSE ${finish} END)`;
}

/** The earliest start of an undated exposure: before every real day, so it merges with all. */
const UNDATED_START = -1_000_000_000;

/**
 * Where a record kind's spans come from (decide/records.ts exposureSpans): which rows do not count
 * (beside a start after the screening date), which may not be the element's, the end columns (an
 * encounter's implied end), and which rows have no certain span at all.
 */
export interface SpanSource {
  readonly skip: string;
  readonly open: string;
  readonly endLo: string;
  readonly endHi: string;
  readonly noShortest: string;
}

/** A medication's exposures: another route does not count; a route not stated may not be the element's. */
export function exposureSpanSource(el: Element): SpanSource {
  const route = routeOpen(el);
  return { skip: route.skip, open: route.open, endLo: 'end_lo', endHi: 'end_hi', noShortest: 'FALSE' };
}

/**
 * `M for at least/more than D` (decide/records.ts exposureSpans, merge and spansTruth): each
 * record's span at its shortest (certain, classified records only) and at its longest, merged
 * per patient where they overlap or touch (gaps and islands), and whether some merged span lasts
 * D. Returns the per-patient CTE: any_span, sure_lasts, may_lasts.
 */
export function exposureDurationFold(
  ctx: SqlContext,
  el: Element,
  duration: Duration,
  strictly: boolean,
  source: SpanSource = exposureSpanSource(el),
): string {
  const d = ctx.dialect;
  const asOf = ctx.asOf;
  if (duration.unit === 'hour') throw new NotCompilable('a duration of exposure in hours');
  const months = duration.unit === 'year' ? duration.amount * 12 : duration.amount;
  if ((duration.unit === 'month' || duration.unit === 'year') && !Number.isInteger(months))
    throw new NotCompilable('a duration of exposure in fractional months');
  const key = `${el.id}:${duration.amount}${duration.unit}:${strictly}`;
  const table = recordTable(ctx, el);
  const spans = ctx.cte(`spans:${key}`, 'x', () => {
    const { endLo, endHi } = source;
    const lastLo = `(CASE WHEN ${endLo} IS NULL THEN ${asOf} ELSE LEAST(${endLo}, ${asOf}) END)`;
    const lastHi = `(CASE WHEN ${endLo} IS NULL THEN ${asOf} ELSE LEAST(${endHi}, ${asOf}) END)`;
    const firstSure = `(CASE WHEN start_lo IS NULL THEN ${lastLo} ELSE start_hi END)`;
    const from = `FROM ${table} WHERE element = ${literal(d, el.id)} AND NOT (${source.skip} OR (start_lo IS NOT NULL AND start_lo > ${asOf}))`;
    return {
      comment: [
        `${el.id}: each record's span at its longest (sure = 0) and, when certain, its shortest (sure = 1)`,
      ],
      body: [
        `SELECT pid, 0 AS sure, COALESCE(start_lo, ${UNDATED_START}) AS s, ${lastHi} AS e ${from}`,
        'UNION ALL',
        `SELECT pid, 1 AS sure, ${firstSure} AS s, ${lastLo} AS e ${from} AND NOT (${source.open}) AND NOT (${source.noShortest}) AND ${firstSure} <= ${lastLo}`,
      ].join('\n'),
    };
  });
  const islands = ctx.cte(`islands:${key}`, 'x', () => ({
    comment: [`${el.id}: spans that overlap or touch (the next starts by the day after one ends) joined`],
    body: [
      `SELECT pid, sure, MIN(s) AS s, MAX(e) AS e FROM (`,
      `  SELECT pid, sure, s, e, SUM(CASE WHEN prev IS NULL OR s > prev + 1 THEN 1 ELSE 0 END) OVER (PARTITION BY pid, sure ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS island`,
      `  FROM (SELECT pid, sure, s, e, LAG(reach) OVER (PARTITION BY pid, sure ORDER BY s, e) AS prev FROM (`,
      `    SELECT pid, sure, s, e, MAX(e) OVER (PARTITION BY pid, sure ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reach FROM ${spans}`,
      `  ) r) t`,
      `) u GROUP BY pid, sure, island`,
    ].join('\n'),
  }));
  const cmp = strictly ? '>' : '>=';
  // An undated start lasted as long as can be: any duration is possible (never certain: shortest spans are dated).
  let lasts: string;
  let from: string;
  if (duration.unit === 'day' || duration.unit === 'week') {
    lasts = `(s = ${UNDATED_START} OR e ${cmp} s + ${duration.unit === 'week' ? 7 * duration.amount : duration.amount})`;
    from = islands;
  } else {
    // Calendar months on date keys (time/dates.ts addMonths: the same day n months on, clamped to
    // the month's end), one step per layer so that no expression repeats another.
    const key = (x: string) => `(CASE WHEN ${x} = ${UNDATED_START} THEN 0 ELSE ${dayToKey(d, x)} END)`;
    const floorDiv = (x: string, n: number) => `CAST(FLOOR(${x} / ${n}.0) AS INTEGER)`;
    const leap = `((ny - ${floorDiv('ny', 4)} * 4 = 0 AND ny - ${floorDiv('ny', 100)} * 100 <> 0) OR ny - ${floorDiv('ny', 400)} * 400 = 0)`;
    const dim = `(CASE WHEN nm = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN nm IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
    from = [
      `(SELECT pid, sure, s, e, ek, ny * 10000 + nm * 100 + LEAST(dd, ${dim}) AS due FROM (`,
      `SELECT pid, sure, s, e, ek, dd, ny, total - ny * 12 + 1 AS nm FROM (`,
      `SELECT pid, sure, s, e, ek, dd, total, ${floorDiv('total', 12)} AS ny FROM (`,
      `SELECT pid, sure, s, e, ek, sk - ${floorDiv('sk', 100)} * 100 AS dd, ${floorDiv('sk', 10000)} * 12 + (${floorDiv('sk', 100)} - ${floorDiv('sk', 10000)} * 100) - 1 + ${months} AS total FROM (`,
      `SELECT pid, sure, s, e, ${key('s')} AS sk, ${key('e')} AS ek FROM ${islands}`,
      `) k1) k2) k3) k4) k5`,
    ].join('\n');
    lasts = `(s = ${UNDATED_START} OR ek ${cmp} due)`;
  }
  return ctx.cte(`lasts:${key}`, 'k', () => ({
    comment: [
      `${el.id}: whether some merged span lasts ${strictly ? 'more than' : 'at least'} ${duration.amount} ${duration.unit}(s)`,
    ],
    body: `SELECT pid, MAX(CASE WHEN sure = 0 THEN 1 ELSE 0 END) AS any_span, MAX(CASE WHEN sure = 1 AND ${lasts} THEN 1 ELSE 0 END) AS sure_lasts, MAX(CASE WHEN sure = 0 AND ${lasts} THEN 1 ELSE 0 END) AS may_lasts FROM ${from} GROUP BY pid`,
  }));
}

/** decide/records.ts spansTruth over the fold of exposureDurationFold. */
export function durationTruth(el: Element, fold: string, given: string): string {
  const absent = el.closedWorld ? '0' : `(CASE WHEN ${given}.given = 2 THEN 0 ELSE 1 END)`;
  const none = el.closedWorld ? '0' : '1';
  return `(CASE WHEN ${given}.given IS NULL OR ${given}.given <> 1 THEN ${absent} WHEN COALESCE(${fold}.any_span, 0) = 0 THEN ${none} WHEN ${fold}.sure_lasts = 1 THEN 2 WHEN ${fold}.may_lasts = 0 THEN ${none} ELSE 1 END)`;
}
