import {
  type CompiledProtocol,
  DEFAULT_TABLES,
  type FunnelResult,
  funnelFromRow,
  funnelSql,
  protocolToSql,
  type SqlCompileOptions,
  type SqlProblem,
  type SqlTableNames,
} from '@eligo/core';
import type { SqlEngine } from '../engines/engine';

/** Patients one funnel query counts at most, unless a run says otherwise. */
export const SLICE_PATIENTS = 1_000_000;

export type SlicedFunnel =
  | {
      readonly ok: true;
      readonly summary: FunnelResult;
      readonly skipped: readonly SqlProblem[];
      readonly slices: number;
    }
  | { readonly ok: false; readonly problems: readonly SqlProblem[] };

/**
 * The funnel counted a slice of patients at a time (by position, through views over the input
 * tables) and the slices' counts added up. Every criterion is decided per patient and every funnel
 * column is a sum, so the total is the one query's; but the engine holds one slice's readings at a
 * time: at ten million patients the latest-result windows over every reading at once spill far more
 * than the input tables weigh.
 */
export async function funnelInSlices(
  target: SqlEngine,
  protocol: CompiledProtocol,
  options: Omit<SqlCompileOptions, 'tables' | 'dialect'>,
  slicePatients = SLICE_PATIENTS,
  /** After each slice: the patients counted so far, of all; the run stops here when aborted. */
  onSlice?: (done: number, total: number) => void,
): Promise<SlicedFunnel> {
  if (!Number.isInteger(slicePatients) || slicePatients < 1)
    throw new RangeError(`patients per query must be a positive whole number, not ${slicePatients}`);
  const [bounds] = await target.rows(`SELECT MIN(pid) AS lo, MAX(pid) AS hi FROM ${DEFAULT_TABLES.patient}`);
  const lo = Number(bounds?.lo ?? 0);
  const hi = Number(bounds?.hi ?? -1);
  const whole = hi - lo < slicePatients;
  const tables = whole ? DEFAULT_TABLES : sliceTables();
  const query = protocolToSql(protocol, { ...options, dialect: target.dialect, tables });
  if (!query.ok) return query;
  const funnel = funnelSql(protocol, query);
  const totals: Record<string, number> = {};
  let slices = 0;
  if (!whole && target.dialect === 'postgres') await pidRangeIndexes(target);
  try {
    for (let from = lo; from <= hi || slices === 0; from += slicePatients) {
      if (!whole) await sliceViews(target, from, from + slicePatients);
      const [row] = await target.rows(funnel.sql);
      for (const [column, value] of Object.entries(row ?? {}))
        totals[column] = (totals[column] ?? 0) + Number(value ?? 0);
      slices++;
      onSlice?.(Math.min(hi - lo + 1, slices * slicePatients), hi - lo + 1);
    }
  } finally {
    if (!whole) await dropSliceViews(target);
  }
  return { ok: true, summary: funnelFromRow(protocol, funnel, totals), skipped: query.skipped, slices };
}

/**
 * PostgreSQL reads a whole table for each slice's range unless an index says where the range
 * lies; the input tables are written in patient order, so a block-range index (a few pages, built
 * in one pass) does. DuckDB keeps such ranges per row group without being asked.
 */
async function pidRangeIndexes(target: SqlEngine): Promise<void> {
  for (const table of Object.values(DEFAULT_TABLES))
    await target.rows(`CREATE INDEX IF NOT EXISTS ${table}_pid_range ON ${table} USING brin (pid)`);
}

function sliceTables(): SqlTableNames {
  return Object.fromEntries(
    Object.entries(DEFAULT_TABLES).map(([kind, table]) => [kind, `${table}_slice`]),
  ) as unknown as SqlTableNames;
}

async function sliceViews(target: SqlEngine, from: number, to: number): Promise<void> {
  const sliced = sliceTables();
  for (const [kind, table] of Object.entries(DEFAULT_TABLES) as [keyof SqlTableNames, string][])
    await target.rows(
      `CREATE OR REPLACE VIEW ${sliced[kind]} AS SELECT * FROM ${table} WHERE pid >= ${from} AND pid < ${to}`,
    );
}

async function dropSliceViews(target: SqlEngine): Promise<void> {
  for (const view of Object.values(sliceTables())) await target.rows(`DROP VIEW IF EXISTS ${view}`);
}
