import { OK, type Val, type Window } from '../evaluate/ir';
import type { SqlContext } from './context';
import { literal } from './dialect';
import { encounterSpanSource } from './encounters';
import { recordTable } from './filters';
import { exposureSpanSource, givenOf, type SpanSource } from './records';
import type { SqlVal } from './values';
import { addDurationSql } from './windows';

/**
 * `episodes of R [separated by more than D]` (decide/records.ts episodePeriod, episodeBounds and
 * countEpisodes) in SQL. Each record that may have begun by the screening date is a period: at
 * its longest when surely the element's and surely begun (the `sure` periods, whose episodes are
 * the fewest there can be), to the day when its days are known (the `exact` periods), else one
 * more episode at most. Periods join, in order of their first day, when one begins no later than
 * the day after the running end (or than D after it).
 */
export function episodesVal(v: Extract<Val, { k: 'episodes' }>, ctx: SqlContext): SqlVal {
  const d = ctx.dialect;
  const el = v.el;
  const asOf = ctx.asOf;
  const source = episodeSource(ctx, v.el);
  const key = `episodes:${el.id}:${v.window === undefined ? '' : `${v.window.amount}${v.window.unit}`}`;
  const periods = ctx.cte(`${key}:periods`, 'e', () => {
    const { endLo, endHi } = source;
    const lastLo = `(CASE WHEN ${endLo} IS NULL THEN ${asOf} ELSE LEAST(${endLo}, ${asOf}) END)`;
    const lastHi = `(CASE WHEN ${endLo} IS NULL THEN ${asOf} ELSE LEAST(${endHi}, ${asOf}) END)`;
    const open = `(${source.open})`;
    return {
      comment: [
        `${el.id}: each record as a period, surely the element's and begun (sure), known to the day (exact), or neither`,
      ],
      body: [
        `SELECT pid, start_lo,`,
        `  CASE WHEN NOT ${open} AND (start_lo IS NULL OR start_hi <= ${asOf}) THEN 1 ELSE 0 END AS is_sure,`,
        `  CASE WHEN start_lo IS NULL THEN ${lastHi} ELSE GREATEST(${lastHi}, start_lo) END AS sure_end,`,
        `  CASE WHEN NOT ${open} AND start_lo IS NOT NULL AND start_lo = start_hi AND ${lastLo} = ${lastHi} AND ${lastLo} >= start_lo THEN 1 ELSE 0 END AS is_exact,`,
        `  ${lastLo} AS exact_end`,
        `FROM ${recordTable(ctx, el)} WHERE element = ${literal(d, el.id)} AND NOT (${source.skip} OR (start_lo IS NOT NULL AND start_lo > ${asOf}))`,
      ].join('\n'),
    };
  });
  const reach = (end: string) => reachAfter(ctx, end, v.window);
  const count = (which: 'sure' | 'exact') => {
    const rows = `SELECT pid, start_lo AS s, ${which}_end AS e FROM ${periods} WHERE is_${which} = 1`;
    const order = `PARTITION BY pid ORDER BY COALESCE(s, ${UNDATED}), e`;
    const running = `SELECT pid, s, e, MAX(e) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto FROM (${rows}) r`;
    const ordered = `SELECT pid, s, e, LAG(upto) OVER (${order}) AS prev FROM (${running}) u`;
    return `SELECT pid, SUM(CASE WHEN prev IS NULL THEN 1 WHEN s IS NULL THEN 0 WHEN s > ${reach('prev')} THEN 1 ELSE 0 END) AS n FROM (${ordered}) o GROUP BY pid`;
  };
  const given = givenOf(ctx, el);
  const t = ctx.cte(key, 'e', () => ({
    comment: [`${el.id}: the fewest episodes (of sure periods), and the exact ones with the other records`],
    body: [
      `SELECT g.pid, g.given, COALESCE(s.n, 0) AS fewest, COALESCE(x.n, 0) AS exact, COALESCE(o.n, 0) AS other`,
      `FROM ${given} g LEFT JOIN (${count('sure')}) s ON s.pid = g.pid LEFT JOIN (${count('exact')}) x ON x.pid = g.pid`,
      `LEFT JOIN (SELECT pid, SUM(1 - is_exact) AS n FROM ${periods} GROUP BY pid) o ON o.pid = g.pid`,
    ].join('\n'),
  }));
  const fewest = `COALESCE(${t}.fewest, 0)`;
  const bounded = el.closedWorld ? 'TRUE' : `COALESCE(${t}.given, 0) = 2`;
  const most = `(COALESCE(${t}.exact, 0) + COALESCE(${t}.other, 0))`;
  return {
    state: String(OK),
    lo: fewest,
    hi: `(CASE WHEN ${bounded} THEN GREATEST(${fewest}, ${most}) END)`,
    loOpen: '0',
    hiOpen: '0',
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: v.unit === undefined ? 'NULL' : literal(d, v.unit),
    dayLo: String(asOf),
    dayHi: String(asOf),
    exact: false,
    joins: [t],
  };
}

/** Before every real day: undated periods come first, as -∞ does in countEpisodes. */
const UNDATED = -1_000_000_000;

/** Where each record kind's periods end (a procedure on its day unless it gives an end or is under way). */
function episodeSource(ctx: SqlContext, el: Extract<Val, { k: 'episodes' }>['el']): SpanSource {
  if (el.kind === 'encounter') return encounterSpanSource(ctx, el);
  if (el.kind === 'procedure') {
    const underWay = `status = ${literal(ctx.dialect, 'in-progress')}`;
    return {
      skip: 'FALSE',
      open: 'unclassified = 1',
      endLo: `(CASE WHEN ${underWay} THEN NULL WHEN end_lo IS NULL THEN start_lo ELSE end_lo END)`,
      endHi: `(CASE WHEN ${underWay} THEN NULL WHEN end_lo IS NULL THEN start_hi ELSE end_hi END)`,
      noShortest: 'FALSE',
    };
  }
  return exposureSpanSource(el);
}

/** The last day a period may begin on and still join one ending on `end` (time/dates.ts addDuration). */
function reachAfter(ctx: SqlContext, end: string, separatedBy: Window | undefined): string {
  return separatedBy === undefined ? `(${end} + 1)` : addDurationSql(ctx.dialect, end, separatedBy);
}
