import { CONFIRMED, NEVER } from '../decide/records';
import { NONE, OK, type Val } from '../evaluate/ir';
import type { SqlContext } from './context';
import { literal } from './dialect';
import { verification } from './records';
import type { SqlVal } from './values';

/**
 * A condition's first onset as a date (decide/records.ts onsetRecord and onsetKnown) in SQL:
 * refuted and entered-in-error records, and onsets after the screening date, do not count. The
 * onset is known when some record is surely the condition's (confirmed, classified), every such
 * record is dated, and no record that may be the condition's is undated: then it lies from the
 * earliest day any counted record allows to the earliest last day of a sure one.
 */
export function onsetVal(v: Extract<Val, { k: 'onset' }>, ctx: SqlContext): SqlVal {
  const asOf = ctx.asOf;
  const t = ctx.cte(`onset:${v.el.id}`, 'o', () => ({
    comment: [`${v.el.id}: its first onset, where the records name it`],
    body: [
      `SELECT pid, CASE WHEN MAX(sure) = 1 AND MAX(sure * undated) = 0 AND MAX((1 - sure) * undated) = 0 AND MIN(start_lo) IS NOT NULL AND MIN(CASE WHEN sure = 1 THEN last_day END) IS NOT NULL THEN ${OK} ELSE ${NONE} END AS state,`,
      `  MIN(start_lo) AS day_lo, MIN(CASE WHEN sure = 1 THEN last_day END) AS day_hi`,
      `FROM (SELECT pid, start_lo, CASE WHEN start_hi > ${asOf} THEN ${asOf} ELSE start_hi END AS last_day,`,
      `  CASE WHEN ${verification(ctx)} = ${CONFIRMED} AND unclassified = 0 THEN 1 ELSE 0 END AS sure,`,
      `  CASE WHEN start_lo IS NULL THEN 1 ELSE 0 END AS undated`,
      `  FROM ${ctx.tables.record} WHERE element = ${literal(ctx.dialect, v.el.id)} AND ${verification(ctx)} <> ${NEVER} AND (start_lo IS NULL OR start_lo <= ${asOf})) r`,
      `GROUP BY pid`,
    ].join('\n'),
  }));
  return {
    state: `COALESCE(${t}.state, ${NONE})`,
    lo: 'NULL',
    hi: 'NULL',
    loOpen: '0',
    hiOpen: '0',
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: 'NULL',
    dayLo: `(CASE WHEN ${t}.state = ${OK} THEN ${t}.day_lo END)`,
    dayHi: `(CASE WHEN ${t}.state = ${OK} THEN ${t}.day_hi END)`,
    exact: false,
    joins: [t],
  };
}
