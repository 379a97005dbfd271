import type { CompiledProtocol } from '../compile';
import type { FunnelResult } from '../screen/funnel';
import type { SqlQuery } from './query';

/**
 * The attrition funnel of a compiled query, in one pass over its screened rows: per cohort the
 * verdict counts, and per criterion (headings left out, as screen/funnel.ts does) its met / not
 * met / unknown counts, the patients it excludes, those left after it and the ones before it, and
 * its gain: how many patients would be eligible without it (every other criterion passes, this one
 * does not), as OHDSI Circe reports per inclusion rule.
 */
export interface SqlFunnelColumn {
  readonly cohort: number;
  /** Position in the cohort's funnel criteria, or undefined for a cohort total. */
  readonly criterion: number | undefined;
  readonly metric: string;
  readonly column: string;
}

export interface SqlFunnel {
  readonly sql: string;
  readonly columns: readonly SqlFunnelColumn[];
  /** Per cohort, its funnel's criteria (compiled indices), in the protocol's order. */
  readonly members: readonly (readonly number[])[];
}

export function funnelSql(protocol: CompiledProtocol, query: SqlQuery): SqlFunnel {
  const columns: SqlFunnelColumn[] = [];
  const aggregates: string[] = [];
  const perPatient: string[] = [];
  const byId = new Map(protocol.criteria.map((c) => [c.info.id, c.index]));
  const members = protocol.info.cohorts.map((cohort) =>
    cohort.criteria.filter((c) => !c.heading).map((c) => byId.get(c.id)!),
  );
  const add = (cohort: number, criterion: number | undefined, metric: string, sum: string) => {
    const column = `f${columns.length + 1}`;
    columns.push({ cohort, criterion, metric, column });
    aggregates.push(`SUM(${sum}) AS ${column}`);
  };
  members.forEach((list, k) => {
    const v = query.cohorts[k]!.column;
    add(k, undefined, 'total', '1');
    add(k, undefined, 'ineligible', `CASE WHEN ${v} = 0 THEN 1 ELSE 0 END`);
    add(k, undefined, 'eligible', `CASE WHEN ${v} = 1 THEN 1 ELSE 0 END`);
    add(k, undefined, 'undetermined', `CASE WHEN ${v} = 2 THEN 1 ELSE 0 END`);
    const passes = (i: number) =>
      `${query.criteria[i]!.column} = ${protocol.criteria[i]!.info.kind === 'exclusion' ? 0 : 2}`;
    const excludes = (i: number) =>
      `${query.criteria[i]!.column} = ${protocol.criteria[i]!.info.kind === 'exclusion' ? 2 : 0}`;
    // Per patient: how many criteria do not pass, and the position of the first that excludes.
    perPatient.push(
      `${list.map((i) => `(CASE WHEN ${passes(i)} THEN 0 ELSE 1 END)`).join(' + ') || '0'} AS np${k + 1}`,
      `${list.length ? `CASE ${list.map((i, j) => `WHEN ${excludes(i)} THEN ${j}`).join(' ')} ELSE ${list.length} END` : '0'} AS fx${k + 1}`,
    );
    list.forEach((i, j) => {
      const c = query.criteria[i]!.column;
      add(k, j, 'met', `CASE WHEN ${c} = 2 THEN 1 ELSE 0 END`);
      add(k, j, 'not_met', `CASE WHEN ${c} = 0 THEN 1 ELSE 0 END`);
      add(k, j, 'unknown', `CASE WHEN ${c} = 1 THEN 1 ELSE 0 END`);
      add(k, j, 'excludes', `CASE WHEN ${excludes(i)} THEN 1 ELSE 0 END`);
      add(k, j, 'remaining', `CASE WHEN fx${k + 1} > ${j} THEN 1 ELSE 0 END`);
      add(k, j, 'gain', `CASE WHEN np${k + 1} = 1 AND NOT (${passes(i)}) THEN 1 ELSE 0 END`);
    });
  });
  const sql = `${query.with}, tallied AS (\n  SELECT screened.*, ${perPatient.join(', ') || '0 AS none'} FROM screened\n)\nSELECT ${aggregates.join(',\n  ')}\nFROM tallied`;
  return { sql, columns, members };
}

/** The funnel query's row as the in-process funnel's result (screen/funnel.ts), the shape every path prints. */
export function funnelFromRow(
  protocol: CompiledProtocol,
  funnel: SqlFunnel,
  row: Readonly<Record<string, number | bigint | null>>,
): FunnelResult {
  const value = (cohort: number, criterion: number | undefined, metric: string) => {
    const c = funnel.columns.find(
      (x) => x.cohort === cohort && x.criterion === criterion && x.metric === metric,
    )!;
    return Number(row[c.column] ?? 0);
  };
  return {
    cohorts: protocol.info.cohorts.map((cohort, k) => ({
      id: cohort.id,
      label: cohort.label,
      total: value(k, undefined, 'total'),
      eligible: value(k, undefined, 'eligible'),
      ineligible: value(k, undefined, 'ineligible'),
      undetermined: value(k, undefined, 'undetermined'),
      criteria: funnel.members[k]!.map((i, j) => ({
        id: protocol.criteria[i]!.info.id,
        kind: protocol.criteria[i]!.info.kind,
        excludes: value(k, j, 'excludes'),
        remaining: value(k, j, 'remaining'),
        met: value(k, j, 'met'),
        not_met: value(k, j, 'not_met'),
        unknown: value(k, j, 'unknown'),
        gain: value(k, j, 'gain'),
      })),
    })),
  };
}
