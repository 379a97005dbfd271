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
import type { UnreadPatient } from './readPatients';

/** Patients one funnel query counts at most, unless a run says otherwise. */
export const SLICE_PATIENTS = 1_000_000;

export type SlicedFunnel =
  | {
      readonly ok: true;
      readonly summary: FunnelResult;
      readonly skipped: readonly SqlProblem[];
      readonly slices: number;
      /** Patients left out of the counts because the engine refused a number of theirs (see below). */
      readonly leftOut: readonly UnreadPatient[];
    }
  | { readonly ok: false; readonly problems: readonly SqlProblem[] };

/**
 * More patients than this refused and the run stops: each costs about two queries per halving, and
 * so many absurd numbers say the export itself is broken, not a record or two.
 */
export const REFUSED_LIMIT = 100;

/** The count stopped: too many patients had numbers the engine refuses. */
export class RefusedNumbersError extends Error {
  constructor(readonly patients: readonly string[]) {
    super(
      `PostgreSQL refuses to compute with numbers in more than ${patients.length - 1} patients' records (a value beyond the range of its doubles; the first: ${patients.slice(0, 5).join(', ')}); --engine duckdb counts them`,
    );
    this.name = 'RefusedNumbersError';
  }
}

/** Why a patient is left out when the engine refuses to compute with one of their numbers. */
export const REFUSED_NUMBER =
  'PostgreSQL refuses to compute with a number in this record (a value beyond the range of its doubles); --engine duckdb counts it';

/**
 * The funnel counted a slice of patients at a time (by position, through views over the input
 * tables) and the slices' counts added up. Every criterion is decided per patient and every funnel
 * column is a sum, so the total is the one query's; but the engine holds one slice's readings at a
 * time: at ten million patients the latest-result windows over every reading at once spill far more
 * than the input tables weigh.
 *
 * PostgreSQL raises an error where IEEE arithmetic gives infinity or 0 (a product past 1e308, say),
 * which would stop the whole count for one absurd number. A range whose query raises one is halved
 * until the patients it comes from are found; they are left out and named, everyone else counted.
 */
export async function funnelInSlices(
  target: SqlEngine,
  protocol: CompiledProtocol,
  options: Omit<SqlCompileOptions, 'tables' | 'dialect'>,
  slicePatients = SLICE_PATIENTS,
  /** After each slice: the patients counted so far, of all; the run stops here when aborted. */
  onSlice?: (done: number, total: number) => void,
  refusedLimit = REFUSED_LIMIT,
): Promise<SlicedFunnel> {
  if (!Number.isInteger(slicePatients) || slicePatients < 1)
    throw new RangeError(`patients per query must be a positive whole number, not ${slicePatients}`);
  const [bounds] = await target.rows(`SELECT MIN(pid) AS lo, MAX(pid) AS hi FROM ${DEFAULT_TABLES.patient}`);
  const lo = Number(bounds?.lo ?? 0);
  const hi = Number(bounds?.hi ?? -1);
  const whole = hi - lo < slicePatients;
  const compiled = (tables: SqlTableNames) => {
    const query = protocolToSql(protocol, { ...options, dialect: target.dialect, tables });
    return query.ok ? { query, funnel: funnelSql(protocol, query) } : query;
  };
  const first = compiled(whole ? DEFAULT_TABLES : sliceTables());
  if ('ok' in first) return first;
  let sliced: typeof first | undefined;
  const totals: Record<string, number> = {};
  const leftOut: UnreadPatient[] = [];
  const add = (row: Record<string, number | string> | undefined) => {
    for (const [column, value] of Object.entries(row ?? {}))
      totals[column] = (totals[column] ?? 0) + Number(value ?? 0);
  };
  // The query over the slice views: the first one, or compiled when a whole count must be halved.
  const slicedQuery = async () => {
    if (sliced === undefined) {
      const query = whole ? compiled(sliceTables()) : first;
      if ('ok' in query)
        throw new Error('a protocol that compiles over the tables compiles over their slices');
      sliced = query;
      if (target.dialect === 'postgres') await pidRangeIndexes(target);
    }
    return sliced.funnel.sql;
  };
  // Adds a query's counts; false when the engine refused to compute with a number on the way.
  const counted = async (sql: string): Promise<boolean> => {
    try {
      add((await target.rows(sql))[0]);
      return true;
    } catch (error) {
      if (!target.refusesNumber?.(error)) throw error;
      return false;
    }
  };
  // Counts the patients numbered [from, to); a range whose query the engine refuses is halved.
  const countRange = async (from: number, to: number): Promise<void> => {
    const sql = await slicedQuery();
    await sliceViews(target, from, to);
    if (await counted(sql)) return;
    if (to - from > 1) {
      const middle = from + Math.floor((to - from) / 2);
      await countRange(from, middle);
      await countRange(middle, to);
      return;
    }
    const [patient] = await target.rows(`SELECT ref FROM ${DEFAULT_TABLES.patient} WHERE pid = ${from}`);
    leftOut.push({ patient: String(patient?.ref ?? from), message: REFUSED_NUMBER });
    if (leftOut.length > refusedLimit) throw new RefusedNumbersError(leftOut.map((p) => p.patient));
  };
  let slices = 0;
  try {
    if (whole) {
      if (!(await counted(first.funnel.sql))) await countRange(lo, hi + 1);
      slices = 1;
      onSlice?.(hi - lo + 1, hi - lo + 1);
    } else {
      for (let from = lo; from <= hi; from += slicePatients) {
        await countRange(from, from + slicePatients);
        slices++;
        onSlice?.(Math.min(hi - lo + 1, slices * slicePatients), hi - lo + 1);
      }
    }
  } finally {
    if (sliced !== undefined) await dropSliceViews(target);
  }
  return {
    ok: true,
    summary: funnelFromRow(protocol, first.funnel, totals),
    skipped: first.query.skipped,
    slices,
    leftOut,
  };
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
