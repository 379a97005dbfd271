import type { EquivalenceTable } from '../codes/equivalents';
import { DAILY_DOSE_UNIT } from '../decide/dosing';
import { NONE, OK, type Val } from '../evaluate/ir';
import { CODE_SYSTEMS } from '../protocol';
import { conversionFactor } from '../units/ucum';
import { NotCompilable, type SqlContext } from './context';
import { doubleLiteral, literal } from './dialect';
import { givenOf, routeOpen } from './records';
import type { SqlVal } from './values';

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
  if (v.window !== undefined) throw new NotCompilable('the highest daily dose within a window');
  const d = ctx.dialect;
  const el = v.el;
  const route = routeOpen(el);
  const toMg = perUnit(ctx, el, 'dose_unit', 'mg');
  const toMgPerDay = perUnit(ctx, el, 'daily_unit', DAILY_DOSE_UNIT);
  const factor = v.table === undefined ? doubleLiteral(d, 1) : equivalence(ctx, v.table);
  const daily = `(COALESCE(daily_dose * ${toMgPerDay}, dose * ${toMg} * per_day) * ${factor})`;
  const asOf = ctx.asOf;
  const ongoing = `(CASE WHEN (start_lo IS NOT NULL AND start_lo > ${asOf}) OR (end_lo IS NOT NULL AND end_hi < ${asOf}) THEN 0 WHEN (start_lo IS NULL OR start_hi <= ${asOf}) AND (end_lo IS NULL OR end_lo >= ${asOf}) THEN 1 ELSE 2 END)`;
  const key = `dose:${el.id}:${v.tableName ?? ''}`;
  const exposures = ctx.cte(`${key}:exposures`, 'x', () => ({
    comment: [
      `${el.id}: exposures ongoing or perhaps ongoing on the screening date, each regimen once, daily doses in mg/d${v.table === undefined ? '' : ` as ${v.tableName}`}`,
    ],
    body: `SELECT DISTINCT pid, drug, start_lo, start_hi, end_lo, end_hi, open_record, daily, ongoing FROM (SELECT pid, COALESCE(drug_code, '') AS drug, start_lo, start_hi, end_lo, end_hi, CASE WHEN ${route.open} THEN 1 ELSE 0 END AS open_record, ${daily} AS daily, ${ongoing} AS ongoing FROM ${ctx.tables.record} WHERE element = ${literal(d, el.id)} AND NOT ${route.skip}) r WHERE ongoing <> 0`,
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
    constant: false,
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
