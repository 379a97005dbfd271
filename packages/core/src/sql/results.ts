import { AMBIGUOUS, type Bool, type Element, OK, type Val } from '../evaluate/ir';
import { windowStart } from '../evaluate/patient';
import { conversionTo } from '../evaluate/read';
import { dayFromIso } from '../time/dates';
import { NotCompilable, type SqlContext } from './context';
import { doubleLiteral, literal } from './dialect';
import { compareSql } from './rules';
import { type SqlVal, sqlVal } from './values';
import { windowBefore } from './windows';

/**
 * Rules that weigh every result of a lab or test, not only the one in use: `is only` (the latest
 * day's results, decide/coded.ts onlyTruth) and `any … within` (decide/readings.ts
 * AnyReadingFold). Each result row is read as evaluate/read.ts fillFrom reads it.
 */

type Lab = Extract<Val, { k: 'lab' }>;

/** The lab a value names, through definitions; undefined for anything computed. */
export function labOf(v: Val): Lab | undefined {
  return v.k === 'lab' ? v : v.k === 'define' ? labOf(v.body) : undefined;
}

/** A result row's days: an undated result is of the screening date. */
export const rowDayLo = (ctx: SqlContext, row: string) => `COALESCE(${row}.day_lo, ${ctx.asOf})`;
export const rowDayHi = (ctx: SqlContext, row: string) => `COALESCE(${row}.day_hi, ${ctx.asOf})`;

/** The first day of a lab's window before the screening date (as the result in use is bounded). */
export function labWindowStart(ctx: SqlContext, lab: Lab): number | undefined {
  return lab.window === undefined ? undefined : dayFromIso(windowStart(ctx.isoAsOf, lab.window as never));
}

/** The factor or offset to the element's unit for a row's unit; NULL for a unit that does not convert. */
function perUnit(
  ctx: SqlContext,
  el: Element,
  unit: string,
  pick: (c: { factor: number; offset: number }) => number,
): string {
  const one = doubleLiteral(ctx.dialect, pick({ factor: 1, offset: 0 }));
  if (el.unit === undefined) return one;
  const arms = [
    `WHEN ${unit} IS NULL OR ${unit} = '' OR ${unit} = ${literal(ctx.dialect, el.unit)} THEN ${one}`,
  ];
  for (const u of ctx.unitsOf(el)) {
    if (u === '' || u === el.unit) continue;
    const c = conversionTo(el, u, el.unit);
    if (c !== undefined)
      arms.push(`WHEN ${unit} = ${literal(ctx.dialect, u)} THEN ${doubleLiteral(ctx.dialect, pick(c))}`);
  }
  return `(CASE ${arms.join(' ')} ELSE NULL END)`;
}

/**
 * One result row (alias `row`) as a value: a number converted to the element's unit, a
 * comparator as an open end (NULL); `ok` whether it is a number that could be read.
 */
export function rowReading(ctx: SqlContext, el: Element, row: string): { value: SqlVal; ok: string } {
  const factor = perUnit(ctx, el, `${row}.unit`, (c) => c.factor);
  const shift = perUnit(ctx, el, `${row}.unit`, (c) => c.offset);
  const x = `(${row}.value * ${factor} + ${shift})`;
  const cmp = `${row}.comparator`;
  const value: SqlVal = {
    state: String(OK),
    lo: `(CASE WHEN ${cmp} IN ('<', '<=') THEN NULL ELSE ${x} END)`,
    hi: `(CASE WHEN ${cmp} IN ('>', '>=') THEN NULL ELSE ${x} END)`,
    loOpen: `(CASE WHEN ${cmp} IN ('<', '<=', '>') THEN 1 ELSE 0 END)`,
    hiOpen: `(CASE WHEN ${cmp} IN ('<', '>=', '>') THEN 1 ELSE 0 END)`,
    low: 'NULL',
    high: 'NULL',
    code: `${row}.code`,
    unit: `${row}.unit`,
    dayLo: rowDayLo(ctx, row),
    dayHi: rowDayHi(ctx, row),
    exact: false,
    joins: [],
  };
  return { value, ok: `(${row}.code IS NULL AND ${row}.value IS NOT NULL AND ${factor} IS NOT NULL)` };
}

/**
 * `E is only VALUE` (evaluate/leaves.ts dayResults): the results that may be of the day of the
 * result in use (within E's window, by the screening date), tallied as showing VALUE (certainly
 * of that day), another of E's values (certainly of that day), or unsure. No result in use, or
 * one the dates leave open: unknown.
 */
export function onlySql(b: Extract<Bool, { k: 'is' }>, ctx: SqlContext, joins: Set<string>): string {
  const lab = labOf(b.s);
  if (lab === undefined) return '1';
  const latest = sqlVal(lab, ctx);
  const t = latest.joins[0];
  if (t === undefined || latest.joins.length !== 1)
    throw new NotCompilable('`is only` over a computed value');
  const d = ctx.dialect;
  const el = lab.el;
  const lo = rowDayLo(ctx, 'r');
  const hi = rowDayHi(ctx, 'r');
  const certain = `(${lo} = ${hi} AND ${latest.dayLo} = ${latest.dayHi} AND ${lo} = ${latest.dayLo})`;
  const shows = `(r.code IS NOT NULL AND r.code = ${literal(d, b.value)})`;
  const classifies =
    el.values === undefined
      ? 'TRUE'
      : `r.code IN (${el.values.map((v) => literal(d, v)).join(', ') || "''"})`;
  const other = `(${certain} AND r.code IS NOT NULL AND ${classifies})`;
  const from = labWindowStart(ctx, lab);
  const q = ctx.cte(`only:${el.id}:${b.value}:${t}`, 'q', () => ({
    comment: [`${el.id}: the results of the latest day, showing ${b.value}, another value, or maybe another`],
    body: [
      `SELECT r.pid,`,
      `  SUM(CASE WHEN ${shows} AND ${certain} THEN 1 ELSE 0 END) AS shows,`,
      `  SUM(CASE WHEN ${shows} THEN 0 WHEN ${other} THEN 1 ELSE 0 END) AS others,`,
      `  SUM(CASE WHEN ${shows} OR ${other} THEN 0 ELSE 1 END) AS unsure`,
      `FROM ${ctx.tables.result} r JOIN ${t} ON ${t}.pid = r.pid`,
      `WHERE r.element = ${literal(d, el.id)} AND ${latest.dayLo} IS NOT NULL AND ${latest.state} <> ${AMBIGUOUS}`,
      `  AND ${lo} <= ${ctx.asOf} AND ${hi} >= ${latest.dayLo} AND ${lo} <= ${latest.dayHi}${from === undefined ? '' : ` AND ${hi} >= ${from}`}`,
      `GROUP BY r.pid`,
    ].join('\n'),
  }));
  joins.add(q);
  return `(CASE WHEN ${q}.pid IS NULL THEN 1 WHEN ${q}.others > 0 THEN 0 WHEN ${q}.unsure > 0 OR ${q}.shows = 0 THEN 1 ELSE 2 END)`;
}

/**
 * `any L within D before A OP V` (evaluate/leaves.ts anyReadingLeaf, decide/readings.ts
 * AnyReadingFold): each result by the screening date placed in the window (surely in, possibly,
 * out; an undated one as of the screening date) and put to the comparison. Met when one surely
 * in surely passes; not met when one is surely in and none that may be in may pass. Without the
 * anchor's date: unknown.
 */
export function anyReadingSql(
  b: Extract<Bool, { k: 'anyReading' }>,
  ctx: SqlContext,
  joins: Set<string>,
): string {
  const d = ctx.dialect;
  const el = b.el;
  let anchor: SqlVal | undefined;
  let table = '';
  if (b.anchor !== undefined) {
    anchor = sqlVal(b.anchor, ctx);
    // An anchor a population cannot read (a date answered on the form) places no result.
    if (anchor.joins.length === 0) return '1';
    if (anchor.joins.length !== 1) throw new NotCompilable('a window before a computed date');
    table = anchor.joins[0]!;
  }
  const w =
    anchor === undefined
      ? windowBefore(b.window, ctx.asOf)
      : windowBefore(b.window, { dayLo: anchor.dayLo, dayHi: anchor.dayHi }, d);
  const threshold = sqlVal(b.r, ctx);
  const { value, ok } = rowReading(ctx, el, 'r');
  const passes = `(CASE WHEN NOT ${ok} THEN 1 ELSE ${compareSql(ctx, value, b.op, threshold)} END)`;
  const lo = rowDayLo(ctx, 'r');
  const hi = rowDayHi(ctx, 'r');
  const place = `(CASE WHEN ${lo} >= ${w.sure} AND ${hi} <= ${w.anchorLo} THEN 2 WHEN ${hi} >= ${w.may} AND ${lo} <= ${w.anchorHi} THEN 1 ELSE 0 END)`;
  const anchored =
    anchor === undefined ? '' : ` JOIN ${table} ON ${table}.pid = r.pid AND ${anchor.state} = ${OK}`;
  const key = `any:${el.id}:${b.op}:${threshold.lo}:${threshold.hi}:${w.sure}:${w.may}:${table}`;
  const q = ctx.cte(key, 'q', () => ({
    comment: [`${el.id}: results in the window: one surely in passes, one is surely in, one may pass`],
    body: [
      `SELECT pid, MAX(CASE WHEN place = 2 AND passes = 2 THEN 1 ELSE 0 END) AS met,`,
      `  MAX(CASE WHEN place = 2 THEN 1 ELSE 0 END) AS seen,`,
      `  MAX(CASE WHEN place <> 0 AND NOT (place = 2 AND passes = 2) AND passes <> 0 THEN 1 ELSE 0 END) AS open`,
      `FROM (SELECT r.pid, ${place} AS place, ${passes} AS passes FROM ${ctx.tables.result} r${anchored}`,
      `  WHERE r.element = ${literal(d, el.id)} AND ${lo} <= ${ctx.asOf}) x`,
      `GROUP BY pid`,
    ].join('\n'),
  }));
  joins.add(q);
  return `(CASE WHEN ${q}.pid IS NULL THEN 1 WHEN ${q}.met = 1 THEN 2 WHEN ${q}.seen = 1 AND ${q}.open = 0 THEN 0 ELSE 1 END)`;
}
