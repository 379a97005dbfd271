import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CompiledProtocol, type FunnelResult, protocolToSql, type SqlProblem } from '@eligo/core';
import { loadBulkExport } from '../bulk/load';
import { openParquet, writeParquet } from '../bulk/parquet';
import type { LoadProblem } from '../bulk/problems';
import { duckDbEngine, postgresEngine, type SqlEngine } from '../engines/engine';
import { type LoadProgress, loadFactsFromResources, type UnreadPatient } from './fromResources';
import { funnelInSlices } from './funnelInSlices';

export interface PopulationRunOptions {
  readonly protocol: CompiledProtocol;
  /**
   * A FHIR bulk export folder (NDJSON files, optionally a manifest), or the Parquet a run kept of
   * one (`saveParquet`): a `.parquet` file, or a glob of them read in name order.
   */
  readonly dir: string;
  /** Keeps the loaded export as a Parquet file here, which later runs read instead of the NDJSON. */
  readonly saveParquet?: string;
  readonly asOf: string;
  readonly engine?: 'duckdb' | 'postgres';
  /** For `postgres`: the server, and the schema to create the input tables in (dropped afterwards). */
  readonly databaseUrl?: string;
  readonly schema?: string;
  /** Run with the criteria that do not compile left unknown (and listed) instead of refusing. */
  readonly partial?: boolean;
  readonly onProgress?: (stage: 'load' | 'read' | 'screen', progress: LoadProgress) => void;
  /** Stops the run between chunks of the read (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /**
   * DuckDB's memory limit (`'4GB'`); the export is loaded into a database file in a temporary
   * folder, so what does not fit is read back from disk instead of held. DuckDB's default
   * (80 % of the machine's memory) unless given.
   */
  readonly memoryLimit?: string;
  /**
   * Patients one funnel query counts at most (1,000,000 unless given): a larger population is
   * counted a slice at a time and the counts added, so the query's memory does not grow with it.
   */
  readonly slicePatients?: number;
  /**
   * Observations keyed and filled in SQL, each distinct shape read once by @eligo/fhir
   * (population/observationTemplates.ts), instead of every one read in Node. DuckDB only; by
   * default for up to 250,000 patients (fromResources.ts OBSERVATIONS_IN_SQL_UP_TO).
   */
  readonly observationsInSql?: boolean;
}

export type PopulationRunResult =
  | {
      readonly ok: true;
      readonly summary: FunnelResult;
      /** Criteria left unknown for every patient because they do not compile to SQL (with `partial`). */
      readonly skipped: readonly SqlProblem[];
      readonly unread: readonly UnreadPatient[];
      readonly problems: readonly LoadProblem[];
      /** Patients counted: read, and not left out. */
      readonly patients: number;
      readonly seconds: { readonly load: number; readonly read: number; readonly screen: number };
      /** How many funnel queries counted the population (see `slicePatients`). */
      readonly slices: number;
    }
  | { readonly ok: false; readonly problems: readonly SqlProblem[] };

/**
 * A bulk export screened where SQL runs: loaded into DuckDB without schema inference, each
 * patient's resources read through @eligo/fhir into the input tables (of DuckDB, or of PostgreSQL),
 * the protocol compiled to one query, and the funnel counted by the engine in one pass.
 */
export async function runPopulation(options: PopulationRunOptions): Promise<PopulationRunResult> {
  const { protocol, asOf } = options;
  // Refuse before reading anything when the protocol cannot be computed in SQL.
  const precheck = protocolToSql(protocol, { dialect: 'duckdb', asOf, partial: options.partial === true });
  if (!precheck.ok) return { ok: false, problems: precheck.problems };
  // A database file rather than memory: a large export then costs disk, not the machine's memory.
  const work = mkdtempSync(join(tmpdir(), 'eligo-population-'));
  const local = await duckDbEngine(join(work, 'export.duckdb'));
  let target: SqlEngine = local;
  try {
    if (options.memoryLimit !== undefined)
      await local.connection.run(`SET memory_limit = '${memoryLimit(options.memoryLimit)}'`);
    const t0 = performance.now();
    const loaded = isParquet(options.dir)
      ? { problems: [], ...(await openParquet(local.connection, options.dir)) }
      : { grouped: false, ...(await loadBulkExport(local.connection, options.dir)) };
    if (options.saveParquet !== undefined)
      await writeParquet(local.connection, options.saveParquet, {
        ...(loaded.grouped ? { order: 'source_file, source_row' } : {}),
      });
    const t1 = performance.now();
    if (options.engine === 'postgres') {
      if (options.databaseUrl === undefined) throw new Error('the postgres engine needs a database URL');
      target = await postgresEngine(options.databaseUrl, options.schema ?? 'eligo_population');
    }
    const read = await loadFactsFromResources(local.connection, protocol, asOf, {
      grouped: loaded.grouped,
      ...('patients' in loaded && loaded.patients !== undefined ? { patients: loaded.patients } : {}),
      ...(options.observationsInSql === undefined ? {} : { observationsInSql: options.observationsInSql }),
      onProgress: (p) => options.onProgress?.('read', p),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(target === local ? {} : { sink: (batch, first, refs) => target.load(batch, first, refs) }),
    });
    const t2 = performance.now();
    const funnel = await funnelInSlices(
      target,
      protocol,
      { asOf, units: await target.units(), partial: options.partial === true },
      options.slicePatients,
      (done, total) => {
        options.signal?.throwIfAborted();
        options.onProgress?.('screen', { done, total });
      },
    );
    if (!funnel.ok) return { ok: false, problems: funnel.problems };
    const t3 = performance.now();
    return {
      ok: true,
      summary: funnel.summary,
      skipped: funnel.skipped,
      slices: funnel.slices,
      unread: [...read.unread, ...funnel.leftOut],
      problems: loaded.problems,
      patients: read.patients - funnel.leftOut.length,
      seconds: { load: (t1 - t0) / 1000, read: (t2 - t1) / 1000, screen: (t3 - t2) / 1000 },
    };
  } finally {
    if (target !== local) await target.close();
    await local.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Parquet a run kept of an export (a file or a glob), rather than an export folder. */
function isParquet(path: string): boolean {
  return /\.parquet$/i.test(path);
}

/** A size as DuckDB takes it (`512MB`, `4GB`); anything else is refused before it reaches SQL. */
function memoryLimit(text: string): string {
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(text))
    throw new RangeError(`memory limit '${text}' is not a size such as 512MB or 4GB`);
  return text;
}
