import { canonicalSystem, normalizeCode } from '../codes/match';
import type { Element, RecordFilter } from '../evaluate/ir';
import { CODE_SYSTEMS, type CodePatternInfo } from '../protocol';
import { NotCompilable, type SqlContext } from './context';
import { literal } from './dialect';
import { TABLE_COLUMNS } from './tables';

/**
 * Record filters (`site …`, `for …`; evaluate/records.ts recordsOf and decide/records.ts
 * filteredRecord) as SQL: each record's codings of the field in the filter's code systems are
 * counted as among its codes or not (codes/filter.ts filterTally, over the detail table); a
 * record the filter takes stays as it is, one stating none of those codings stays as one that
 * may or may not be the element's (unclassified), and any other is not the element's at all.
 */

/** The rows an element's record rules read: the record table, or its records the filter keeps. */
export function recordTable(ctx: SqlContext, el: Element): string {
  const filter = el.filter;
  if (filter === undefined) return ctx.tables.record;
  if (filter.field === 'appliesTo') throw new NotCompilable('a reference-range filter on records');
  return ctx.cte(`filtered:${el.id}`, 'f', () => filtered(ctx, el, filter));
}

/** A stored code as codes/match.ts normalizeCode reads it (the table keeps it trimmed). */
function normalizedSql(system: string, column: string): string {
  if (system === CODE_SYSTEMS.icd10) return `UPPER(REPLACE(${column}, '.', ''))`;
  if (system === CODE_SYSTEMS.atc) return `UPPER(${column})`;
  return column;
}

/** codes/match.ts matchesCode for one pattern, over a detail row. */
function patternSql(ctx: SqlContext, p: CodePatternInfo): string {
  const d = ctx.dialect;
  const system = canonicalSystem(p.system);
  const value = normalizedSql(system, 'code');
  const target = normalizeCode(system, p.code);
  const ofSystem = `system = ${literal(d, system)}`;
  if (target === '') return p.match === 'prefix' ? `(${ofSystem} AND ${value} <> '')` : 'FALSE';
  // Codes order as JavaScript strings do: by code unit, whatever PostgreSQL's collation.
  const ordered = (x: string) => (d === 'postgres' ? `${x} COLLATE "C"` : x);
  switch (p.match) {
    case 'exact':
      return `(${ofSystem} AND ${value} = ${literal(d, target)})`;
    case 'prefix':
      return `(${ofSystem} AND SUBSTR(${value}, 1, ${target.length}) = ${literal(d, target)})`;
    case 'range': {
      const to = normalizeCode(system, p.to ?? p.code);
      return `(${ofSystem} AND LENGTH(${value}) >= ${Math.max(target.length, to.length)} AND ${ordered(`SUBSTR(${value}, 1, ${target.length})`)} >= ${literal(d, target)} AND ${ordered(`SUBSTR(${value}, 1, ${to.length})`)} <= ${literal(d, to)})`;
    }
  }
}

function filtered(ctx: SqlContext, el: Element, filter: RecordFilter): { comment: string[]; body: string } {
  const d = ctx.dialect;
  const systems = [...new Set(filter.codes.map((p) => canonicalSystem(p.system)))];
  const inSet = filter.codes.map((p) => patternSql(ctx, p)).join(' OR ') || 'FALSE';
  const tally = [
    `SELECT pid, seq, SUM(CASE WHEN ${inSet} THEN 1 ELSE 0 END) AS in_set, SUM(CASE WHEN ${inSet} THEN 0 ELSE 1 END) AS out_set`,
    `FROM ${ctx.tables.detail} WHERE element = ${literal(d, el.id)} AND field = ${literal(d, filter.field)}`,
    `AND system IN (${systems.map((s) => literal(d, s)).join(', ')}) GROUP BY pid, seq`,
  ].join(' ');
  const takes = filter.except ? 'COALESCE(t.out_set, 0) > 0' : 'COALESCE(t.in_set, 0) > 0';
  const stated = 'COALESCE(t.in_set, 0) + COALESCE(t.out_set, 0) > 0';
  const columns = TABLE_COLUMNS.record.map(([name]) =>
    name === 'unclassified'
      ? `CASE WHEN ${takes} THEN rec.unclassified ELSE 1 END AS unclassified`
      : `rec.${name}`,
  );
  return {
    comment: [
      `${el.id}: the records its ${filter.field === 'bodySite' ? 'body-site' : 'reason'} filter keeps (unclassified where not stated)`,
    ],
    body: [
      `SELECT ${columns.join(', ')}`,
      `FROM ${ctx.tables.record} rec LEFT JOIN (${tally}) t ON t.pid = rec.pid AND t.seq = rec.seq`,
      `WHERE rec.element = ${literal(d, el.id)} AND (${takes} OR NOT (${stated}))`,
    ].join('\n'),
  };
}
