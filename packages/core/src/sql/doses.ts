import type { EquivalenceTable } from '../codes/equivalents';
import { type CourseTest, courseTruth } from '../decide/doseCourse';
import { DAILY_DOSE_UNIT, stableFrom } from '../decide/dosing';
import { windowSure } from '../decide/window';
import { type Element, NONE, OK, type Val, type Window } from '../evaluate/ir';
import { CODE_SYSTEMS } from '../protocol';
import { round12 as round12Number } from '../units/exact';
import { conversionFactor } from '../units/ucum';
import { NotCompilable, type SqlContext } from './context';
import { doubleLiteral, literal, round12 } from './dialect';
import { givenOf, routeOpen } from './records';
import { type SqlVal, sqlVal } from './values';
import { addDurationSql } from './windows';

/**
 * Daily doses (decide/dosing.ts dailyDoseRange, read as evaluate/dosing.ts doseRecordsOf reads
 * them) in SQL. Each exposure's daily dose in mg/d: given directly, else one dose in mg times
 * the doses a day, times the equivalence factor of the drug when a table is named. Of the
 * exposures ongoing or perhaps ongoing on the screening date (records equal in every field
 * counted once), the daily dose is known from the highest surely ongoing, surely the element's
 * one, to their sum; unbounded above when one has no dose. With none ongoing: 0 mg/d where the
 * history is complete or the input says none, else not known.
 */
export function doseVal(v: Extract<Val, { k: 'dose' }>, ctx: SqlContext): SqlVal {
  if (v.window !== undefined) return highestDoseVal(v, v.window, ctx);
  const d = ctx.dialect;
  const el = v.el;
  const asOf = ctx.asOf;
  const all = exposuresCte(v, ctx);
  const ongoing = `(CASE WHEN (start_lo IS NOT NULL AND start_lo > ${asOf}) OR (end_lo IS NOT NULL AND end_hi < ${asOf}) THEN 0 WHEN (start_lo IS NULL OR start_hi <= ${asOf}) AND (end_lo IS NULL OR end_lo >= ${asOf}) THEN 1 ELSE 2 END)`;
  const key = `dose:${el.id}:${v.tableName ?? ''}`;
  const exposures = ctx.cte(`${key}:ongoing`, 'x', () => ({
    comment: [`${el.id}: exposures ongoing or perhaps ongoing on the screening date, each regimen once`],
    body: `SELECT DISTINCT pid, drug, start_lo, start_hi, end_lo, end_hi, open_record, daily, ongoing FROM (SELECT x.*, ${ongoing} AS ongoing FROM ${all} x) r WHERE ongoing <> 0`,
  }));
  const given = givenOf(ctx, el);
  const t = ctx.cte(key, 'q', () => ({
    comment: [`${el.id}: the daily dose on the screening date, from the highest sure one to the sum`],
    body: [
      `SELECT g.pid, g.given, COALESCE(x.n, 0) AS n, x.top, x.total, x.undosed FROM ${given} g LEFT JOIN (`,
      `  SELECT pid, COUNT(*) AS n, MAX(CASE WHEN ongoing = 1 AND open_record = 0 THEN daily END) AS top, SUM(daily) AS total,`,
      `  MAX(CASE WHEN daily IS NULL THEN 1 ELSE 0 END) AS undosed FROM ${exposures} GROUP BY pid`,
      `) x ON x.pid = g.pid`,
    ].join('\n'),
  }));
  // No exposure ongoing: none taken where that is known, else the current regimen is not on record.
  const noneKnown = el.closedWorld ? 'TRUE' : `COALESCE(${t}.given, 0) = 2`;
  const taking = `COALESCE(${t}.n, 0) > 0`;
  const zero = doubleLiteral(d, 0);
  return {
    state: `(CASE WHEN ${taking} OR ${noneKnown} THEN ${OK} ELSE ${NONE} END)`,
    lo: `(CASE WHEN ${taking} THEN GREATEST(${zero}, COALESCE(${t}.top, ${zero})) WHEN ${noneKnown} THEN ${zero} END)`,
    hi: `(CASE WHEN ${taking} THEN (CASE WHEN ${t}.undosed = 1 THEN NULL ELSE ${t}.total END) WHEN ${noneKnown} THEN ${zero} END)`,
    loOpen: '0',
    hiOpen: '0',
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: literal(d, DAILY_DOSE_UNIT),
    dayLo: String(asOf),
    dayHi: String(asOf),
    exact: false,
    joins: [t],
  };
}

/** The element's exposures of a route it takes, each with its daily dose in mg/d (as the table's equivalents). */
function exposuresCte(v: DoseSource, ctx: SqlContext): string {
  const d = ctx.dialect;
  const el = v.el;
  return ctx.cte(`dose:${el.id}:${v.tableName ?? ''}:exposures`, 'x', () => {
    const route = routeOpen(el);
    const toMg = perUnit(ctx, el, 'dose_unit', 'mg');
    const toMgPerDay = perUnit(ctx, el, 'daily_unit', DAILY_DOSE_UNIT);
    const factor = v.table === undefined ? doubleLiteral(d, 1) : equivalence(ctx, v.table);
    const daily = `(COALESCE(daily_dose * ${toMgPerDay}, dose * ${toMg} * per_day) * ${factor})`;
    return {
      comment: [
        `${el.id}: exposures and their daily doses in mg/d${v.table === undefined ? '' : ` as ${v.tableName}`}`,
      ],
      body: `SELECT pid, seq, COALESCE(drug_code, '') AS drug, start_lo, start_hi, end_lo, end_hi, CASE WHEN ${route.open} THEN 1 ELSE 0 END AS open_record, ${daily} AS daily FROM ${ctx.tables.record} WHERE element = ${literal(d, el.id)} AND NOT ${route.skip}`,
    };
  });
}

/** Before every real day: an undated start may have been at any time. */
const UNDATED = -1_000_000_000;

/** What the dose readings read: the element, and the equivalence table named (`as prednisone`). */
interface DoseSource {
  readonly el: Element;
  readonly table: EquivalenceTable | undefined;
  readonly tableName: string | undefined;
}

/** decide/dosing.ts coverOf per exposure begun by the screening date: the days it surely and perhaps covers. */
function coversCte(v: DoseSource, ctx: SqlContext): string {
  const el = v.el;
  const asOf = ctx.asOf;
  const all = exposuresCte(v, ctx);
  return ctx.cte(`dose:${el.id}:${v.tableName ?? ''}:covers`, 'x', () => {
    const lastLo = `(CASE WHEN end_lo IS NULL THEN ${asOf} ELSE LEAST(end_lo, ${asOf}) END)`;
    const lastHi = `(CASE WHEN end_lo IS NULL THEN ${asOf} ELSE LEAST(end_hi, ${asOf}) END)`;
    return {
      comment: [`${el.id}: the days each exposure surely and perhaps covers, up to the screening date`],
      body: `SELECT x.*, COALESCE(start_lo, ${UNDATED}) AS may_from, ${lastHi} AS may_to, CASE WHEN start_lo IS NULL THEN ${lastLo} ELSE start_hi END AS sure_from, ${lastLo} AS sure_to FROM ${all} x WHERE start_lo IS NULL OR start_lo <= ${asOf}`,
    };
  });
}

/**
 * decide/doseHistory.ts doseSegments: the window's days (from `from` to the screening date) cut
 * wherever an exposure's cover may begin or end; per run, the exposures that may cover it (`n`),
 * the highest dose of those surely covering all of it (`lo`), and the sum of those that may cover
 * it, each regimen once (`total`; `undosed` when one has no dose). Also the covers (with `seq`)
 * and the runs' days, for the readings that compare runs.
 */
function doseRuns(
  v: DoseSource,
  from: number | 'history',
  ctx: SqlContext,
): { covers: string; starts: string; segments: string; runs: string } {
  const el = v.el;
  const asOf = ctx.asOf;
  const key = `dose:${el.id}:${v.tableName ?? ''}:within:${from}`;
  const covers = coversCte(v, ctx);
  // Where each patient's days begin: the window's first day, or (`history`) the first day any
  // record may cover (an undated start noted apart), as decide/doseCourse.ts courseTruth has it.
  const starts = ctx.cte(`${key}:starts`, 'x', () => ({
    comment: [`${el.id}: the first day looked at`],
    body:
      from === 'history'
        ? `SELECT pid, LEAST(${asOf}, COALESCE(MIN(CASE WHEN may_from <> ${UNDATED} THEN may_from END), ${asOf}), MIN(sure_from)) AS start, MAX(CASE WHEN may_from = ${UNDATED} THEN 1 ELSE 0 END) AS undated FROM ${covers} GROUP BY pid`
        : `SELECT DISTINCT pid, ${from} AS start, 0 AS undated FROM ${covers}`,
  }));
  const segments = ctx.cte(`${key}:segments`, 'x', () => {
    const edges = ['may_from', 'sure_from', 'sure_to + 1', 'may_to + 1']
      .map((e) => `SELECT pid, ${e} AS day FROM ${covers}`)
      .join(' UNION ALL ');
    return {
      comment: [`${el.id}: the days cut where an exposure's cover changes`],
      body: `SELECT pid, day AS s, COALESCE(LEAD(day) OVER (PARTITION BY pid ORDER BY day) - 1, ${asOf}) AS e FROM (SELECT DISTINCT c.pid, c.day FROM (SELECT pid, start AS day FROM ${starts} UNION ALL ${edges}) c JOIN ${starts} f ON f.pid = c.pid WHERE c.day >= f.start AND c.day <= ${asOf}) k`,
    };
  });
  const runs = ctx.cte(`${key}:runs`, 'x', () => ({
    comment: [
      `${el.id}: each run's dose, from the highest sure exposure to the sum of those that may cover it`,
    ],
    body: [
      `SELECT g.pid, g.s, g.e, COALESCE(a.n, 0) AS n, a.lo, b.total, b.undosed FROM ${segments} g`,
      `LEFT JOIN (SELECT g.pid, g.s, COUNT(*) AS n, MAX(CASE WHEN c.open_record = 0 AND c.daily IS NOT NULL AND c.sure_from <= g.s AND g.e <= c.sure_to THEN c.daily END) AS lo`,
      `  FROM ${segments} g JOIN ${covers} c ON c.pid = g.pid AND c.may_from <= g.s AND c.may_to >= g.s GROUP BY g.pid, g.s) a ON a.pid = g.pid AND a.s = g.s`,
      `LEFT JOIN (SELECT pid, s, SUM(daily) AS total, MAX(CASE WHEN daily IS NULL THEN 1 ELSE 0 END) AS undosed FROM (`,
      `  SELECT DISTINCT g.pid, g.s, c.drug, c.start_lo, c.start_hi, c.end_lo, c.end_hi, c.open_record, c.daily`,
      `  FROM ${segments} g JOIN ${covers} c ON c.pid = g.pid AND c.may_from <= g.s AND c.may_to >= g.s) u GROUP BY pid, s) b ON b.pid = g.pid AND b.s = g.s`,
    ].join('\n'),
  }));
  return { covers, starts, segments, runs };
}

/**
 * `M highest daily dose within D` (decide/doseHistory.ts doseSegments and highestDailyDose): the
 * window's days cut wherever an exposure's cover may begin or end; on each run of days the dose
 * is known from the highest exposure surely covering all of it to the sum of those that may
 * cover it (each regimen once), unbounded where one has no dose or, in an open world, none may.
 * The highest: from the highest low end to the highest high end. Not known at all in an open
 * world when no exposure may fall in the window.
 */
function highestDoseVal(v: Extract<Val, { k: 'dose' }>, window: Window, ctx: SqlContext): SqlVal {
  const d = ctx.dialect;
  const el = v.el;
  const asOf = ctx.asOf;
  const from = windowSure(asOf, window);
  const key = `dose:${el.id}:${v.tableName ?? ''}:within:${from}`;
  const { runs } = doseRuns(v, from, ctx);
  const given = givenOf(ctx, el);
  const complete = el.closedWorld ? 'TRUE' : 'COALESCE(g.given, 0) = 2';
  const t = ctx.cte(key, 'q', () => ({
    comment: [`${el.id}: the highest daily dose within the window`],
    body: [
      `SELECT g.pid, CASE WHEN ${complete} THEN 1 ELSE 0 END AS complete, COALESCE(r.in_window, 0) AS in_window, r.lo,`,
      `  CASE WHEN r.undosed = 1 OR (r.uncovered = 1 AND NOT (${complete})) THEN 1 ELSE 0 END AS unbounded, r.hi`,
      `FROM ${given} g LEFT JOIN (SELECT pid, SUM(n) AS in_window, MAX(COALESCE(lo, 0)) AS lo, MAX(CASE WHEN n > 0 AND undosed = 0 THEN total ELSE 0 END) AS hi,`,
      `  MAX(CASE WHEN n > 0 AND undosed = 1 THEN 1 ELSE 0 END) AS undosed, MAX(CASE WHEN n = 0 THEN 1 ELSE 0 END) AS uncovered FROM ${runs} GROUP BY pid) r ON r.pid = g.pid`,
    ].join('\n'),
  }));
  const zero = doubleLiteral(d, 0);
  const known = `(COALESCE(${t}.in_window, 0) > 0 OR ${el.closedWorld ? 'TRUE' : `COALESCE(${t}.complete, 0) = 1`})`;
  return {
    state: `(CASE WHEN ${known} THEN ${OK} ELSE ${NONE} END)`,
    lo: `(CASE WHEN ${known} THEN GREATEST(${zero}, COALESCE(${t}.lo, ${zero})) END)`,
    hi: `(CASE WHEN ${known} AND COALESCE(${t}.unbounded, 0) = 0 THEN COALESCE(${t}.hi, ${zero}) END)`,
    loOpen: '0',
    hiOpen: '0',
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: literal(d, DAILY_DOSE_UNIT),
    dayLo: String(asOf),
    dayHi: String(asOf),
    exact: false,
    joins: [t],
  };
}

/** Units every query converts, with or without data: the common ones of doses as prescribed. */
const COMMON = { mg: ['mg', 'g', 'ug', 'ng'], [DAILY_DOSE_UNIT]: ['mg/d', 'g/d', 'ug/d'] } as const;

/** A dose unit column's factor to `target` (mg, mg/d) by UCUM, for each unit the data holds; NULL for one that does not convert. */
function perUnit(
  ctx: SqlContext,
  el: Extract<Val, { k: 'dose' }>['el'],
  column: string,
  target: 'mg' | 'mg/d',
): string {
  const units = [...new Set([...COMMON[target], ...ctx.unitsOf(el)])].filter((u) => u !== '');
  const arms: string[] = [];
  for (const u of units) {
    const f = conversionFactor(u, target);
    if (f !== undefined && Number.isFinite(f))
      arms.push(`WHEN ${literal(ctx.dialect, u)} THEN ${doubleLiteral(ctx.dialect, f)}`);
  }
  return `(CASE ${column} ${arms.join(' ')} ELSE NULL END)`;
}

/**
 * codes/equivalents.ts equivalenceFactor as a CASE: a drug without a code, or coded in another
 * system than ATC, has no factor; else its entry's (the first that takes the route).
 */
function equivalence(ctx: SqlContext, table: EquivalenceTable): string {
  const d = ctx.dialect;
  const arms = table.entries.map((e) => {
    const routes =
      e.routes === undefined ? '' : ` AND route IN (${e.routes.map((r) => literal(d, r)).join(', ')})`;
    return `WHEN UPPER(TRIM(drug_code)) = ${literal(d, e.atc)}${routes} THEN ${doubleLiteral(d, table.referenceDose / e.dose)}`;
  });
  return `(CASE WHEN drug_code IS NULL OR (drug_system IS NOT NULL AND drug_system <> ${literal(d, CODE_SYSTEMS.atc)}) THEN NULL ${arms.join(' ')} ELSE NULL END)`;
}

/**
 * `M daily dose [as T] increased within D` (decide/doseHistory.ts doseIncreasedTruth): met when a
 * run's lowest dose is above the lowest highest dose of an earlier run; not met when every run's
 * dose is surely no higher than every earlier run's (and than itself over its own days): by the
 * numbers, or because only exposures that surely ran through the earlier run may cover the later;
 * unknown otherwise.
 */
export function doseRiseSql(
  b: DoseSource & { readonly window: Window },
  ctx: SqlContext,
  joins: Set<string>,
): string {
  const d = ctx.dialect;
  const el = b.el;
  const asOf = ctx.asOf;
  const from = windowSure(asOf, b.window);
  const { covers, segments, runs } = doseRuns(b, from, ctx);
  const given = givenOf(ctx, el);
  const key = `dose:${el.id}:${b.tableName ?? ''}:within:${from}:rise`;
  const complete = el.closedWorld ? 'TRUE' : 'COALESCE(g.given, 0) = 2';
  const seg = ctx.cte(`${key}:runs`, 'x', () => ({
    comment: [`${el.id}: each run's dose as a range, and whether it is on record at all`],
    body: [
      `SELECT r.pid, r.s, r.e, CASE WHEN r.n > 0 OR ${complete} THEN 1 ELSE 0 END AS known, GREATEST(0, COALESCE(r.lo, 0)) AS lo,`,
      `  CASE WHEN r.n = 0 THEN (CASE WHEN ${complete} THEN 0 END) WHEN r.undosed = 1 THEN NULL ELSE r.total END AS hi`,
      `FROM ${runs} r LEFT JOIN ${given} g ON g.pid = r.pid`,
    ].join('\n'),
  }));
  const r12 = (x: string) => round12(d, x);
  const t = ctx.cte(key, 'x', () => {
    const order = 'PARTITION BY pid ORDER BY s';
    const running = `SELECT pid, s, lo, MIN(hi) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto FROM ${seg}`;
    const rises = `SELECT pid, MAX(CASE WHEN before IS NOT NULL AND ${r12('lo')} > ${r12('before')} THEN 1 ELSE 0 END) AS rises FROM (SELECT pid, s, lo, LAG(upto) OVER (${order}) AS before FROM (${running}) u) w GROUP BY pid`;
    const may = `SELECT g.pid, g.s, c.seq FROM ${segments} g JOIN ${covers} c ON c.pid = g.pid AND c.may_from <= g.s AND c.may_to >= g.s`;
    const sure = `SELECT g.pid, g.s, c.seq FROM ${segments} g JOIN ${covers} c ON c.pid = g.pid AND c.open_record = 0 AND c.daily IS NOT NULL AND c.sure_from <= g.s AND g.e <= c.sure_to`;
    const pairs = `SELECT a.pid, a.s AS si, b.s AS sj, a.lo AS lo_i, b.known AS known_j, b.hi AS hi_j FROM ${seg} a JOIN ${seg} b ON a.pid = b.pid AND (a.s < b.s OR (a.s = b.s AND b.e > b.s))`;
    const missing = `SELECT p.pid, p.si, p.sj, COUNT(*) AS n FROM (${pairs}) p JOIN (${may}) m ON m.pid = p.pid AND m.s = p.sj LEFT JOIN (${sure}) u ON u.pid = p.pid AND u.s = p.si AND u.seq = m.seq WHERE u.seq IS NULL GROUP BY p.pid, p.si, p.sj`;
    const open = `SELECT p.pid, MAX(CASE WHEN p.known_j = 1 AND ((p.hi_j IS NOT NULL AND ${r12('p.hi_j')} <= ${r12('p.lo_i')}) OR COALESCE(x.n, 0) = 0) THEN 0 ELSE 1 END) AS open FROM (${pairs}) p LEFT JOIN (${missing}) x ON x.pid = p.pid AND x.si = p.si AND x.sj = p.sj GROUP BY p.pid`;
    // No run on record: the window is one run without exposures, undecided unless complete.
    const none = asOf > from ? `(CASE WHEN ${complete} THEN 0 ELSE 1 END)` : '0';
    return {
      comment: [`${el.id}: whether the daily dose rose within the window: 2 surely, 0 surely not, 1 perhaps`],
      body: [
        `SELECT g.pid, CASE WHEN r.rises = 1 THEN 2 WHEN r.pid IS NULL THEN ${none} WHEN COALESCE(o.open, 0) = 1 THEN 1 ELSE 0 END AS truth`,
        `FROM ${given} g LEFT JOIN (${rises}) r ON r.pid = g.pid LEFT JOIN (${open}) o ON o.pid = g.pid`,
      ].join('\n'),
    };
  });
  joins.add(t);
  const absent = el.closedWorld || asOf === from ? '0' : '1';
  return `COALESCE(${t}.truth, ${absent})`;
}

/**
 * `M daily dose [as T] >= X for at least D [within W before screening]` (decide/doseCourse.ts
 * courseTruth): the days from the first any record may cover, cut into runs; consecutive runs
 * whose dose surely passes make a sure course, those whose dose may pass a possible one (reaching
 * back without end when the days before the records may hold any dose: an open world, or an
 * undated start). Met when a sure course lasts D and reaches the window; not met when no possible
 * one does. A patient with no exposure by the screening date is decided by courseTruth itself.
 */
export function doseCourseSql(
  b: DoseSource & {
    readonly above: boolean;
    readonly r: Val;
    readonly duration: Window;
    readonly window: Window | undefined;
  },
  ctx: SqlContext,
  joins: Set<string>,
): string {
  const d = ctx.dialect;
  const el = b.el;
  const asOf = ctx.asOf;
  const x = sqlVal(b.r, ctx);
  // A threshold a population cannot read (a question) is any number: no day surely passes it.
  const unread = x.joins.length === 0 && x.state === String(NONE);
  if (b.r.k !== 'qty' && !unread) throw new NotCompilable('a course against a computed dose');
  const test: CourseTest = {
    above: b.above,
    xLo: b.r.k === 'qty' ? b.r.out.lo : Number.NEGATIVE_INFINITY,
    xHi: b.r.k === 'qty' ? b.r.out.hi : Number.POSITIVE_INFINITY,
    duration: b.duration,
    window: b.window,
  };
  const windowFrom = b.window === undefined ? undefined : windowSure(asOf, b.window);
  const { starts, runs } = doseRuns(b, 'history', ctx);
  const given = givenOf(ctx, el);
  const complete = el.closedWorld ? 'TRUE' : 'COALESCE(g.given, 0) = 2';
  const cmp = b.above ? '>' : '>=';
  const r12 = (v: string) => round12(d, v);
  // The dose of a day with no drug, 0 mg/d, against the threshold: worked out here.
  const zero = round12Number(0);
  const passesZero = (b.above ? zero > round12Number(test.xLo) : zero >= round12Number(test.xLo))
    ? 'TRUE'
    : 'FALSE';
  const key = `course:${el.id}:${b.tableName ?? ''}:${cmp}${unread ? 'any' : x.lo}:${b.duration.amount}${b.duration.unit}:${windowFrom ?? ''}`;
  const passes = ctx.cte(`${key}:passes`, 'x', () => ({
    comment: [`${el.id}: each run of days, and whether its daily dose surely and perhaps passes`],
    body: [
      `SELECT r.pid, r.s, r.e, f.start, CASE WHEN NOT (${complete}) OR f.undated = 1 OR ${passesZero} THEN 1 ELSE 0 END AS lead_may,`,
      `  CASE WHEN ${unread ? 'FALSE' : `${r12('GREATEST(0, COALESCE(r.lo, 0))')} ${cmp} ${x.hi}`} THEN 1 ELSE 0 END AS sure_pass,`,
      `  ${unread ? '1' : `CASE WHEN r.n = 0 AND NOT (${complete}) THEN 1 WHEN r.n = 0 THEN (CASE WHEN ${passesZero} THEN 1 ELSE 0 END) WHEN r.undosed = 1 THEN 1 WHEN ${r12('r.total')} ${cmp} ${x.lo} THEN 1 ELSE 0 END`} AS may_pass`,
      `FROM ${runs} r JOIN ${starts} f ON f.pid = r.pid LEFT JOIN ${given} g ON g.pid = r.pid`,
    ].join('\n'),
  }));
  // A course's first day, −∞ (NULL) for a possible one reaching back before the records.
  const lasts = (from: string, to: string) =>
    `(${from} IS NULL OR ${addDurationSql(d, from, b.duration)} <= ${to} + 1)`;
  const reaches = (to: string) => (windowFrom === undefined ? 'TRUE' : `${to} >= ${windowFrom}`);
  const courses = (which: 'sure' | 'may') => {
    const islands = `SELECT pid, s, e, start, lead_may, pass, ROW_NUMBER() OVER (PARTITION BY pid ORDER BY s) - ROW_NUMBER() OVER (PARTITION BY pid, pass ORDER BY s) AS island FROM (SELECT p.*, ${which}_pass AS pass FROM ${passes} p) q`;
    return `SELECT pid, MIN(s) AS s, MAX(e) AS e, MIN(start) AS start, MAX(lead_may) AS lead_may FROM (${islands}) i WHERE pass = 1 GROUP BY pid, island`;
  };
  const t = ctx.cte(key, 'x', () => {
    const sure = `SELECT pid, MAX(CASE WHEN ${reaches('e')} AND ${lasts('s', 'e')} THEN 1 ELSE 0 END) AS n FROM (${courses('sure')}) c GROUP BY pid`;
    // A possible course starting on the first day joins the lead-in when that may hold any dose.
    const mayFrom = `(CASE WHEN s = start AND lead_may = 1 THEN NULL ELSE s END)`;
    const may = `SELECT pid, MAX(CASE WHEN ${reaches('e')} AND ${lasts(mayFrom, 'e')} THEN 1 ELSE 0 END) AS n FROM (${courses('may')}) c GROUP BY pid`;
    const lead = `SELECT pid, MAX(CASE WHEN lead_may = 1 AND ${reaches('start - 1')} THEN 1 ELSE 0 END) AS n FROM ${passes} GROUP BY pid`;
    const none = courseTruth([], asOf, test, false);
    const noneComplete = courseTruth([], asOf, test, true);
    const noRecord = (tri: number) => (tri === 1 ? 2 : tri === 0 ? 0 : 1);
    return {
      comment: [
        `${el.id}: whether a course ${cmp} ${x.lo} mg/d lasted ${b.duration.amount} ${b.duration.unit}(s)${windowFrom === undefined ? '' : ' reaching the window'}: 2 surely, 0 surely not, 1 perhaps`,
      ],
      body: [
        `SELECT g.pid, CASE WHEN f.pid IS NULL THEN (CASE WHEN ${complete} THEN ${noRecord(noneComplete)} ELSE ${noRecord(none)} END)`,
        `  WHEN COALESCE(s.n, 0) = 1 THEN 2 WHEN COALESCE(m.n, 0) = 1 OR COALESCE(l.n, 0) = 1 THEN 1 ELSE 0 END AS truth`,
        `FROM ${given} g LEFT JOIN ${starts} f ON f.pid = g.pid LEFT JOIN (${sure}) s ON s.pid = g.pid LEFT JOIN (${may}) m ON m.pid = g.pid LEFT JOIN (${lead}) l ON l.pid = g.pid`,
      ].join('\n'),
    };
  });
  joins.add(t);
  return `COALESCE(${t}.truth, ${(() => {
    const tri = courseTruth([], asOf, test, el.closedWorld);
    return tri === 1 ? 2 : tri === 0 ? 0 : 1;
  })()})`;
}

/**
 * `M stable for at least D` (decide/dosing.ts stableTruth): over the last D up to the screening
 * date. Met when every exposure that may fall in those days is certain and each regimen (a drug at
 * a daily dose) runs through all of them, its exposures joined where they meet. Not met when a
 * regimen is surely taken on one of the days that matter and, on another, no exposure that could
 * be of it may be, while another regimen surely is (or the history is complete); or, in a complete
 * history, when on one of those days no exposure may be taken. Unknown otherwise.
 */
export function stableDosingSql(
  b: { readonly el: Element; readonly duration: Window },
  ctx: SqlContext,
  joins: Set<string>,
): string {
  const d = ctx.dialect;
  const el = b.el;
  const asOf = ctx.asOf;
  const from = stableFrom(asOf, b.duration);
  const covers = coversCte({ el, table: undefined, tableName: undefined }, ctx);
  const given = givenOf(ctx, el);
  const complete = el.closedWorld ? 'TRUE' : 'COALESCE(g.given, 0) = 2';
  const r12 = (x: string) => round12(d, x);
  const certain = `(c.open_record = 0 AND c.daily IS NOT NULL AND c.sure_from <= c.sure_to)`;
  const key = `stable:${el.id}:${from}`;
  const spans = ctx.cte(`${key}:spans`, 'x', () => ({
    comment: [
      `${el.id}: each exposure's spans, whether it may fall in the last days looked at, and its regimen`,
    ],
    body: `SELECT c.pid, c.seq, c.drug, c.daily, ${r12('c.daily')} AS regimen, c.may_from, c.may_to, CASE WHEN ${certain} THEN 1 ELSE 0 END AS certain, c.sure_from, c.sure_to, CASE WHEN c.may_to >= ${from} THEN 1 ELSE 0 END AS relevant FROM ${covers} c`,
  }));
  // The days on which what may be taken changes: the ends of the period and of every span.
  const days = ctx.cte(`${key}:days`, 'x', () => {
    const edges = [
      'may_from - 1',
      'may_to + 1',
      'CASE WHEN certain = 1 THEN sure_from END',
      'CASE WHEN certain = 1 THEN sure_to END',
    ]
      .map((e) => `SELECT pid, ${e} AS day FROM ${spans}`)
      .join(' UNION ALL ');
    return {
      comment: [`${el.id}: the days of the period where what may be taken changes`],
      body: `SELECT DISTINCT pid, day FROM (SELECT pid, ${from} AS day FROM ${spans} UNION ALL SELECT pid, ${asOf} AS day FROM ${spans} UNION ALL ${edges}) k WHERE day >= ${from} AND day <= ${asOf}`,
    };
  });
  const t = ctx.cte(key, 'x', () => {
    // Met: every relevant exposure certain, and each regimen's joined spans cover the whole period.
    const merged = `SELECT pid, drug, regimen, MIN(sure_from) AS s, MAX(sure_to) AS e FROM (SELECT pid, drug, regimen, sure_from, sure_to, SUM(CASE WHEN prev IS NULL OR sure_from > prev + 1 THEN 1 ELSE 0 END) OVER (PARTITION BY pid, drug, regimen ORDER BY sure_from, sure_to ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS island FROM (SELECT pid, drug, regimen, sure_from, sure_to, LAG(upto) OVER (PARTITION BY pid, drug, regimen ORDER BY sure_from, sure_to) AS prev FROM (SELECT pid, drug, regimen, sure_from, sure_to, MAX(sure_to) OVER (PARTITION BY pid, drug, regimen ORDER BY sure_from, sure_to ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto FROM ${spans} WHERE relevant = 1 AND certain = 1) a) b) c GROUP BY pid, drug, regimen, island`;
    const throughout = `SELECT pid, MIN(through) AS all_through FROM (SELECT pid, drug, regimen, MAX(CASE WHEN s <= ${from} AND e >= ${asOf} THEN 1 ELSE 0 END) AS through FROM (${merged}) m GROUP BY pid, drug, regimen) r GROUP BY pid`;
    const met = `SELECT s.pid, CASE WHEN SUM(s.relevant) > 0 AND SUM(s.relevant * (1 - s.certain)) = 0 AND COALESCE(MAX(t.all_through), 0) = 1 THEN 1 ELSE 0 END AS met FROM ${spans} s LEFT JOIN (${throughout}) t ON t.pid = s.pid GROUP BY s.pid`;
    // Per day: whether some exposure surely covers it, and whether any may.
    const perDay = `SELECT k.pid, k.day, MAX(CASE WHEN s.certain = 1 AND s.sure_from <= k.day AND k.day <= s.sure_to THEN 1 ELSE 0 END) AS taken, MAX(CASE WHEN s.may_from <= k.day AND k.day <= s.may_to THEN 1 ELSE 0 END) AS maybe FROM ${days} k JOIN ${spans} s ON s.pid = k.pid GROUP BY k.pid, k.day`;
    const couldBe = `(q.drug = i.drug OR q.drug = '' OR i.drug = '') AND (q.daily IS NULL OR q.regimen = i.regimen)`;
    // Not met: a regimen surely taken on one day that matters and on another none that could be it may be.
    const present = `SELECT DISTINCT i.pid, i.seq FROM ${spans} i JOIN ${days} k ON k.pid = i.pid WHERE i.relevant = 1 AND i.certain = 1 AND i.sure_from <= k.day AND k.day <= i.sure_to`;
    const possible = `SELECT DISTINCT i.pid, i.seq, k.day FROM ${spans} i JOIN ${days} k ON k.pid = i.pid JOIN ${spans} q ON q.pid = i.pid AND ${couldBe} AND q.may_from <= k.day AND k.day <= q.may_to WHERE i.relevant = 1 AND i.certain = 1`;
    const stopped = `SELECT p.pid, MAX(CASE WHEN x.pid IS NULL AND (${complete} OR pd.taken = 1) THEN 1 ELSE 0 END) AS stopped FROM (${present}) p JOIN ${days} k ON k.pid = p.pid JOIN (${perDay}) pd ON pd.pid = k.pid AND pd.day = k.day LEFT JOIN ${given} g ON g.pid = p.pid LEFT JOIN (${possible}) x ON x.pid = p.pid AND x.seq = p.seq AND x.day = k.day GROUP BY p.pid`;
    const gap = `SELECT pd.pid, MAX(CASE WHEN ${complete} AND pd.maybe = 0 THEN 1 ELSE 0 END) AS gap FROM (${perDay}) pd LEFT JOIN ${given} g ON g.pid = pd.pid GROUP BY pd.pid`;
    const noRecord = el.closedWorld ? '0' : `(CASE WHEN COALESCE(g.given, 0) = 2 THEN 0 ELSE 1 END)`;
    return {
      comment: [
        `${el.id}: whether the same drugs at the same daily doses ran through the last ${b.duration.amount} ${b.duration.unit}(s): 2 surely, 0 surely not, 1 perhaps`,
      ],
      body: [
        `SELECT g.pid, CASE WHEN m.pid IS NULL THEN ${noRecord} WHEN m.met = 1 THEN 2 WHEN COALESCE(st.stopped, 0) = 1 OR COALESCE(gp.gap, 0) = 1 THEN 0 ELSE 1 END AS truth`,
        `FROM ${given} g LEFT JOIN (${met}) m ON m.pid = g.pid LEFT JOIN (${stopped}) st ON st.pid = g.pid LEFT JOIN (${gap}) gp ON gp.pid = g.pid`,
      ].join('\n'),
    };
  });
  joins.add(t);
  return `COALESCE(${t}.truth, ${el.closedWorld ? 0 : 1})`;
}
