import { shiftBy } from '../evaluate/days';
import { type Bool, OK, type Val } from '../evaluate/ir';
import { dayFromIso } from '../time/dates';
import { NotCompilable, type SqlContext } from './context';
import { dayToKey, doubleLiteral, literal } from './dialect';
import { rowReading } from './results';
import { compareSql } from './rules';
import { birthDateCte, ckdEnds, ckdUndecided, codeCte, type SqlVal, sqlVal } from './values';

/**
 * Trends over a lab's series (evaluate/leaves.ts trendTruth and steadyTruth): every result by the
 * screening date, converted to the lab's unit, one row each. A series of a computed value (the
 * latest of several, a calculator over each result) has no SQL form yet.
 */

type Trend = Extract<Bool, { k: 'trend' }>;

/** The series of a trend's value as a CTE: pid, seq, days, whether a number, and its interval. */
function series(ctx: SqlContext, node: Trend): { name: string; el: string } {
  return seriesOf(ctx, node.s);
}

/**
 * Every value of `v` up to the screening date, one row each (evaluate/leaves.ts seriesOf): a lab's
 * results in its unit; for `latest of`, every alternative's series in the first one's unit, a
 * result on the same day as one listed before it left out; for CKD-EPI, the estimate of each
 * creatinine result with the age on its date, where sex and birth date allow one.
 */
function seriesOf(ctx: SqlContext, v: Val): { name: string; el: string } {
  if (v.k === 'define') return seriesOf(ctx, v.body);
  if (v.k === 'lab') {
    const el = v.el;
    const { value, ok } = rowReading(ctx, el, 'r');
    const name = ctx.cte(`series:${el.id}`, 't', () => ({
      comment: [`${el.id}: every result by the screening date, in ${el.unit ?? 'its own unit'}`],
      body: [
        `SELECT r.pid, r.seq, ${value.dayLo} AS lo_d, ${value.dayHi} AS hi_d, CASE WHEN ${ok} THEN 1 ELSE 0 END AS ok,`,
        `  ${value.lo} AS lo, ${value.hi} AS hi, ${value.loOpen} AS lo_open, ${value.hiOpen} AS hi_open`,
        `FROM ${ctx.tables.result} r WHERE r.element = ${literal(ctx.dialect, el.id)} AND ${value.dayLo} <= ${ctx.asOf}`,
      ].join('\n'),
    }));
    return { name, el: el.id };
  }
  if (v.k === 'latest') {
    const parts = v.alts.map((alt) => seriesOf(ctx, alt));
    const el = parts.map((p) => p.el).join('+');
    const d = ctx.dialect;
    const conv = (i: number, x: string) => {
      const c = v.factors[i]!;
      return c.factor === 1 && c.offset === 0
        ? x
        : `(${x} * ${doubleLiteral(d, c.factor)} + ${doubleLiteral(d, c.offset)})`;
    };
    const union = parts
      .map(
        (p, i) =>
          `SELECT pid, ${i} * ${SEQ_SPAN} + seq AS seq, lo_d, hi_d, ok, ${conv(i, 'lo')} AS lo, ${conv(i, 'hi')} AS hi, lo_open, hi_open FROM ${p.name}`,
      )
      .join(' UNION ALL ');
    const name = ctx.cte(`series:latest:${el}`, 't', () => ({
      comment: [
        `the series of the latest of ${parts.map((p) => p.el).join(', ')}: a day's first listed value only`,
      ],
      body: `SELECT pid, seq, lo_d, hi_d, ok, lo, hi, lo_open, hi_open FROM (SELECT u.*, ROW_NUMBER() OVER (PARTITION BY pid, lo_d, hi_d ORDER BY seq) AS rn FROM (${union}) u) w WHERE lo_d <> hi_d OR rn = 1`,
    }));
    return { name, el };
  }
  if (v.k === 'ckd') {
    const scr = seriesOf(ctx, v.creatinine);
    const sex = codeCte(ctx, v.sex);
    const birth = birthDateCte(ctx, v.birth);
    const { lo, hi } = ckdEnds(
      ctx,
      v,
      { lo: 'c.lo', hi: 'c.hi', dayLo: 'c.lo_d', dayHi: 'c.hi_d' },
      `${sex}.code`,
      birth,
    );
    const el = `ckd(${scr.el})`;
    const name = ctx.cte(`series:${el}:${v.version}:${v.sex.id}:${v.birth.id}`, 't', () => ({
      comment: [`CKD-EPI ${v.version} of each ${scr.el} result, with the age on its date`],
      body: [
        `SELECT c.pid, c.seq, c.lo_d, c.hi_d, 1 AS ok, ${lo} AS lo, ${hi} AS hi, c.hi_open AS lo_open, c.lo_open AS hi_open`,
        `FROM ${scr.name} c JOIN ${sex} ON ${sex}.pid = c.pid JOIN ${birth} ON ${birth}.pid = c.pid`,
        // A result ckdOf leaves undecided is no point of the series (evaluate/leaves.ts ckdAt).
        `WHERE c.ok = 1 AND ${sex}.code IN ('male', 'female') AND NOT ${ckdUndecided({ hi: 'c.hi' })}`,
      ].join('\n'),
    }));
    return { name, el };
  }
  throw new NotCompilable('a trend over a computed series (`latest of`, a calculator)');
}

/** Room for one alternative's sequence numbers, so that the first listed sorts first. */
const SEQ_SPAN = 1_000_000;

/** A series row (alias `p`) as a value, each end scaled by `factor` (1 for the value itself). */
function point(ctx: SqlContext, p: string, factor?: number): SqlVal {
  const scale = (x: string) => (factor === undefined ? x : `(${x} * ${doubleLiteral(ctx.dialect, factor)})`);
  return {
    state: String(OK),
    lo: scale(`${p}.lo`),
    hi: scale(`${p}.hi`),
    loOpen: factor === undefined ? `${p}.lo_open` : '0',
    hiOpen: factor === undefined ? `${p}.hi_open` : '0',
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: 'NULL',
    dayLo: `${p}.lo_d`,
    dayHi: `${p}.hi_d`,
    exact: false,
    joins: [],
  };
}

/**
 * The calendar key of the day `n` months from each patient's `day` (a column of CTE `t`), as
 * time/dates.ts addMonths moves it: the same day, clamped to the month's end. One step per layer,
 * so that no expression repeats another (as records.ts does for durations).
 */
function spanStart(ctx: SqlContext, t: string, day: string, n: number): string {
  const floorDiv = (x: string, k: number) => `CAST(FLOOR(${x} / ${k}.0) AS INTEGER)`;
  const leap = `((ny - ${floorDiv('ny', 4)} * 4 = 0 AND ny - ${floorDiv('ny', 100)} * 100 <> 0) OR ny - ${floorDiv('ny', 400)} * 400 = 0)`;
  const dim = `(CASE WHEN nm = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN nm IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
  return ctx.cte(`monthsFrom:${t}:${day}:${n}`, 't', () => ({
    comment: [`the day ${n} month(s) from the value in use, as a calendar key`],
    body: [
      `SELECT pid, ny * 10000 + nm * 100 + LEAST(dd, ${dim}) AS from_key FROM (`,
      `SELECT pid, dd, ny, total - ny * 12 + 1 AS nm FROM (`,
      `SELECT pid, dd, total, ${floorDiv('total', 12)} AS ny FROM (`,
      `SELECT pid, sk - ${floorDiv('sk', 100)} * 100 AS dd, ${floorDiv('sk', 10000)} * 12 + (${floorDiv('sk', 100)} - ${floorDiv('sk', 10000)} * 100) - 1 + ${n} AS total FROM (`,
      `SELECT ${t}.pid, ${dayToKey(ctx.dialect, day)} AS sk FROM ${t} WHERE ${day} IS NOT NULL`,
      `) k1) k2) k3) k4`,
    ].join('\n'),
  }));
}

/**
 * `V fell by at least N % within M months`: the value in use is at most (100 − N) % of some
 * earlier result dated within M months before it (by the calendar). A result that may fall on
 * either side of that start, or is not a number, leaves it open; none in the span: unknown.
 */
export function fellBySql(node: Trend, ctx: SqlContext, joins: Set<string>): string {
  const d = ctx.dialect;
  const months = node.within.unit === 'year' ? node.within.amount * 12 : node.within.amount;
  if (!Number.isInteger(months)) throw new NotCompilable('a trend over fractional months');
  const { name: s, el } = series(ctx, node);
  const latest = sqlVal(node.s, ctx);
  const t = latest.joins[0];
  if (t === undefined || latest.joins.length !== 1)
    throw new NotCompilable('a trend over a computed series (`latest of`, a calculator)');
  const ratio = (100 - node.percent) / 100;
  const start = spanStart(ctx, t, latest.dayLo, -months);
  // Calendar keys worked out once per row, in the inner query.
  const keys = `${dayToKey(d, 'p.lo_d')} AS lo_key, ${dayToKey(d, 'p.hi_d')} AS hi_key, ${start}.from_key`;
  // Skipped: not earlier than the value in use, or surely before the span.
  const skip = `(p.hi_d >= ${latest.dayLo} OR p.hi_key < p.from_key)`;
  const open = `(p.lo_key < p.from_key OR p.ok = 0)`;
  const cmp = compareSql(ctx, latest, '<=', {
    ...point(ctx, 'p', ratio),
    loOpen: 'p.lo_open',
    hiOpen: 'p.hi_open',
  });
  const q = ctx.cte(`fell:${el}:${node.percent}:${months}:${t}`, 'q', () => ({
    comment: [
      `${el}: earlier results within ${months} month(s) of the value in use, and whether one is ${node.percent} % above it`,
    ],
    body: [
      `SELECT pid, MAX(met) AS met, MAX(decided) AS decided, MAX(open) AS open FROM (`,
      `  SELECT p.pid, CASE WHEN ${skip} OR ${open} THEN 0 WHEN ${cmp} = 2 THEN 1 ELSE 0 END AS met,`,
      `    CASE WHEN ${skip} OR ${open} THEN 0 ELSE 1 END AS decided,`,
      `    CASE WHEN ${skip} THEN 0 WHEN ${open} THEN 1 WHEN ${cmp} = 1 THEN 1 ELSE 0 END AS open`,
      `  FROM (SELECT p.*, ${keys} FROM ${s} p JOIN ${t} ON ${t}.pid = p.pid JOIN ${start} ON ${start}.pid = p.pid WHERE ${latest.state} = ${OK} AND ${latest.code} IS NULL) p`,
      `  JOIN ${t} ON ${t}.pid = p.pid`,
      `) x GROUP BY pid`,
    ].join('\n'),
  }));
  for (const j of latest.joins) joins.add(j);
  joins.add(q);
  return `(CASE WHEN ${latest.state} <> ${OK} OR ${latest.code} IS NOT NULL THEN 1 WHEN ${q}.met = 1 THEN 2 WHEN ${q}.decided = 1 AND ${q}.open = 0 THEN 0 ELSE 1 END)`;
}

/**
 * `V stable within N % for at least D`: the baseline is the last number on or before the day D
 * before screening (the first listed on a tie); every result after that day lies within N % of
 * it. No baseline, or no later result: unknown; a result that may fall on either side of that
 * day, or is not a number, leaves it open.
 */
export function stableSql(node: Trend, ctx: SqlContext, joins: Set<string>): string {
  const from = dayFromIso(shiftBy(ctx.isoAsOf, -node.within.amount, node.within.unit));
  const { name: s, el } = series(ctx, node);
  const base = ctx.cte(`baseline:${el}:${from}`, 't', () => ({
    comment: [`${el}: the last number on or before the period's first day`],
    body: `SELECT * FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY pid ORDER BY lo_d DESC, seq) AS rn FROM ${s} p WHERE hi_d <= ${from} AND ok = 1) b WHERE rn = 1`,
  }));
  const value = point(ctx, 'p');
  const low = point(ctx, 'b', (100 - node.percent) / 100);
  const high = point(ctx, 'b', (100 + node.percent) / 100);
  const inside = `LEAST(${compareSql(ctx, value, '>=', low)}, ${compareSql(ctx, value, '<=', high)})`;
  const later = `p.lo_d > ${from}`;
  const q = ctx.cte(`stable:${el}:${node.percent}:${from}`, 'q', () => ({
    comment: [`${el}: the results after the period's first day against the baseline ± ${node.percent} %`],
    body: [
      `SELECT b.pid, SUM(CASE WHEN ${later} THEN 1 ELSE 0 END) AS later,`,
      `  MAX(CASE WHEN ${later} AND p.ok = 1 AND ${inside} = 0 THEN 1 ELSE 0 END) AS outside,`,
      `  MAX(CASE WHEN p.hi_d > ${from} AND p.lo_d <= ${from} THEN 1 WHEN ${later} AND (p.ok = 0 OR ${inside} = 1) THEN 1 ELSE 0 END) AS open`,
      `FROM ${base} b JOIN ${s} p ON p.pid = b.pid GROUP BY b.pid`,
    ].join('\n'),
  }));
  joins.add(q);
  return `(CASE WHEN ${q}.pid IS NULL THEN 1 WHEN ${q}.outside = 1 THEN 0 WHEN ${q}.later = 0 OR ${q}.open = 1 THEN 1 ELSE 2 END)`;
}
