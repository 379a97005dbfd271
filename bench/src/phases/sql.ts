import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CompiledProtocol,
  compile,
  createFunnel,
  type PopulationBatch,
  protocolToSql,
} from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { readProtocolSource } from '@eligo/protocols';
import { duckDbEngine, generateBulkExport, loadBulkExport, patientBundles, runPopulation } from '@eligo/sql';
import { compileOrThrow } from '../engines/eligo';
import { PatientGenerator } from '../generate';
import { ColumnSink } from '../generate-columns';
import { summarize } from '../stats';
import { runWorker } from './child';
import { AS_OF, benchProtocolText, CHUNK, SEED } from './protocol';
import { handwrittenSql } from './sql-handwritten';

/** Timed runs of the compiled and the hand-written query each, after one warm-up of each. */
const SQL_ROUNDS = 5;

export interface SqlScreenRun {
  readonly patients: number;
  /** Appending the population's columns to DuckDB's input tables (not part of the screening). */
  readonly appendMs: number;
  /** The compiled query's verdicts counted per cohort, in DuckDB. */
  readonly compiledMs: number;
  /** The same eleven criteria written by hand in SQL over the same tables. */
  readonly handwrittenMs: number;
  /** The in-process population path over the same columns. */
  readonly populationMs: number;
  /** Patients whose verdicts differ between the compiled query and the population path, and the hand-written query. */
  readonly disagreeCompiled: number;
  readonly disagreeHandwritten: number;
}

export interface SqlExportRun {
  /** NDJSON files, or the Parquet kept of such an export (written in parts of up to a million patients). */
  readonly source: 'ndjson' | 'parquet';
  readonly patients: number;
  readonly resources: number;
  /** The export's size on disk. */
  readonly bytes: number;
  /** DuckDB just reading the files (NDJSON: `count(*)` over read_ndjson_objects; Parquet: every resource's text). */
  readonly readOnlyMs: number;
  /** The export into the resources table (typed keys, JSON column). */
  readonly loadMs: number;
  /** Each patient's resources through @eligo/fhir into the input tables. */
  readonly factsMs: number;
  /** The compiled query and its funnel. */
  readonly screenMs: number;
  /** The in-process path over the same patients' Bundles (read, screened, counted); up to 100,000 patients. */
  readonly inProcessMs?: number;
  /** The bench process's peak resident memory (DuckDB runs in it), and DuckDB's limit when one was set. */
  readonly peakRssMb: number;
  readonly memoryLimit?: string;
  readonly notCompiled: readonly string[];
}

export interface SqlResult {
  readonly screen: SqlScreenRun[];
  readonly exports: SqlExportRun[];
}

/**
 * The SQL path measured two ways. On the bench protocol's columns (the engines phase's data):
 * DuckDB running the compiled query against the same criteria written by hand in SQL over the
 * same tables, and against the in-process population path, every patient's verdict compared. On a
 * synthetic FHIR bulk export of NCT06469190 patients: from the files on disk to the funnel, each
 * stage timed, against DuckDB just reading the files and against the in-process path.
 */
export async function sqlPhase(options: {
  sizes: readonly number[];
  exportPatients: number;
  /** Patients of a Parquet export run (0: none). */
  parquetPatients?: number;
  /** A folder the Parquet parts are kept in (and taken from when there): not deleted. */
  parquetKeep?: string | undefined;
  memoryLimit?: string | undefined;
}): Promise<SqlResult> {
  const screen: SqlScreenRun[] = [];
  for (const patients of options.sizes) screen.push(await screenRun(patients));
  const exports =
    options.exportPatients > 0 ? [await exportRun(options.exportPatients, options.memoryLimit)] : [];
  if ((options.parquetPatients ?? 0) > 0)
    exports.push(await parquetRun(options.parquetPatients!, options.memoryLimit, options.parquetKeep));
  return { screen, exports };
}

async function screenRun(patients: number): Promise<SqlScreenRun> {
  const protocol = compileOrThrow(benchProtocolText());
  const generator = new PatientGenerator({ seed: SEED, asOf: AS_OF });
  const sink = new ColumnSink(protocol.info, AS_OF);
  const batches: PopulationBatch[] = [];
  for (let done = 0; done < patients; done += CHUNK) {
    generator.into(sink, Math.min(CHUNK, patients - done));
    batches.push(sink.take());
  }
  const p0 = performance.now();
  const population = new Uint8Array(patients);
  let at = 0;
  for (const batch of batches) {
    const result = protocol.population(batch);
    population.set(result.verdicts, at);
    at += batch.size;
  }
  const populationMs = performance.now() - p0;

  const engine = await duckDbEngine();
  try {
    const a0 = performance.now();
    let first = 0;
    for (const batch of batches) {
      await engine.load(batch, first);
      first += batch.size;
    }
    const appendMs = performance.now() - a0;
    const query = protocolToSql(protocol, { dialect: 'duckdb', asOf: AS_OF, units: await engine.units() });
    if (!query.ok)
      throw new Error(`the bench protocol does not compile to SQL: ${JSON.stringify(query.problems)}`);
    const verdict = query.cohorts[0]!.column;
    const hand = handwrittenSql(AS_OF);
    const counts = {
      compiled: `${query.with}SELECT ${verdict}, COUNT(*) AS n FROM screened GROUP BY ${verdict}`,
      handwritten: `SELECT v, COUNT(*) AS n FROM (${hand}) t GROUP BY v`,
    };
    // Each query once to warm DuckDB's caches, then alternately, the median of each: the first
    // query after loading pays for the cold tables, and the load of a shared machine drifts.
    const times = { compiled: [] as number[], handwritten: [] as number[] };
    for (let round = 0; round <= SQL_ROUNDS; round++)
      for (const which of ['compiled', 'handwritten'] as const) {
        const t0 = performance.now();
        await engine.rows(counts[which]);
        if (round > 0) times[which].push(performance.now() - t0);
      }
    const compiledMs = summarize(times.compiled).median;
    const handwrittenMs = summarize(times.handwritten).median;
    const compiled = await engine.rows(`${query.with}SELECT pid, ${verdict} AS v FROM screened ORDER BY pid`);
    const handRows = await engine.rows(`SELECT pid, v FROM (${hand}) t ORDER BY pid`);
    let disagreeCompiled = 0;
    let disagreeHandwritten = 0;
    compiled.forEach((row, i) => {
      if (row.v !== population[i]) disagreeCompiled++;
      if (handRows[i]?.v !== population[i]) disagreeHandwritten++;
    });
    return {
      patients,
      appendMs,
      compiledMs,
      handwrittenMs,
      populationMs,
      disagreeCompiled,
      disagreeHandwritten,
    };
  } finally {
    await engine.close();
  }
}

async function exportRun(patients: number, memoryLimit: string | undefined): Promise<SqlExportRun> {
  const dir = mkdtempSync(join(tmpdir(), 'eligo-bench-sql-'));
  try {
    const written = generateBulkExport({ seed: SEED, patients, dir, filesPerType: 4, asOf: AS_OF });
    const { protocol } = compile(readProtocolSource('NCT06469190').text);
    const engine = await duckDbEngine();
    let readOnlyMs: number;
    try {
      const r0 = performance.now();
      await engine.rows(`SELECT COUNT(*) AS n FROM read_ndjson_objects('${dir}/*.ndjson')`);
      readOnlyMs = performance.now() - r0;
    } finally {
      await engine.close();
    }
    const run = await screenExport(protocol!, dir, memoryLimit);
    // The in-process path holds the whole export in memory as Bundles: measured up to 100,000 patients.
    let inProcessMs: number | undefined;
    if (patients <= 100_000) {
      const i0 = performance.now();
      const funnel = createFunnel(protocol!.info);
      for await (const { bundle } of patientBundles(dir)) {
        const read = bundleToFacts(protocol!.info, bundle, AS_OF);
        if (!read.ok) continue;
        const input = { asOf: AS_OF, facts: read.facts };
        funnel.add({ verdicts: protocol!.verdicts(input), statuses: protocol!.evaluate(input).statuses });
      }
      inProcessMs = performance.now() - i0;
    }
    return {
      source: 'ndjson',
      resources: written.resources,
      bytes: written.bytes,
      readOnlyMs,
      ...run,
      ...(inProcessMs === undefined ? {} : { inProcessMs }),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Populations from which an export run reports its progress. */
const PROGRESS_FROM = 1_000_000;

/** `eligo population` over an export (a folder or kept Parquet), each stage's time; criteria with no SQL form left unknown. */
async function screenExport(
  protocol: CompiledProtocol,
  dir: string,
  memoryLimit: string | undefined,
): Promise<
  Pick<SqlExportRun, 'patients' | 'loadMs' | 'factsMs' | 'screenMs' | 'memoryLimit' | 'notCompiled'>
> {
  // A run of millions takes most of an hour: say where it is, each tenth of the read and each slice counted.
  let tenth = 0;
  const run = await runPopulation({
    protocol,
    dir,
    asOf: AS_OF,
    partial: true,
    ...(memoryLimit === undefined ? {} : { memoryLimit }),
    onProgress: (stage, { done, total }) => {
      if (total < PROGRESS_FROM) return;
      if (stage === 'read' && done >= ((tenth + 1) * total) / 10) tenth = Math.floor((done * 10) / total);
      else if (stage !== 'screen') return;
      const what = stage === 'read' ? 'read' : 'counted';
      process.stderr.write(
        `bench: ${done} of ${total} patients ${what} (${new Date().toISOString().slice(11, 19)})\n`,
      );
    },
  });
  if (!run.ok) throw new Error('a partial run always gives a funnel');
  return {
    patients: run.patients,
    loadMs: run.seconds.load * 1000,
    factsMs: run.seconds.read * 1000,
    screenMs: run.seconds.screen * 1000,
    ...(memoryLimit === undefined ? {} : { memoryLimit }),
    notCompiled: run.skipped.map((s) => s.criterion),
  };
}

/**
 * Patients per part of a Parquet export: each part's NDJSON (about 7.5 GB for half a million) is
 * written, kept as Parquet, then deleted; two parts are written at a time, one per process.
 */
const PARQUET_PART = 500_000;
const PARQUET_WRITERS = 2;

export interface ParquetPartSpec {
  readonly first: number;
  readonly patients: number;
  /** The part's own working folder (NDJSON and a database file), removed afterwards. */
  readonly work: string;
  readonly out: string;
  readonly memoryLimit: string | undefined;
}

/** One part of a large export written as NDJSON and kept as Parquet (run in a process of its own); its size. */
export async function parquetPartWorker(specJson: string): Promise<{ bytes: number }> {
  const spec = JSON.parse(specJson) as ParquetPartSpec;
  const ndjson = join(spec.work, 'ndjson');
  try {
    generateBulkExport({
      seed: SEED,
      first: spec.first,
      patients: spec.patients,
      dir: ndjson,
      filesPerType: 4,
      asOf: AS_OF,
    });
    const engine = await duckDbEngine(join(spec.work, 'part.duckdb'));
    try {
      if (spec.memoryLimit !== undefined) await engine.rows(`SET memory_limit = '${spec.memoryLimit}'`);
      await loadBulkExport(engine.connection, ndjson, { parquet: `${spec.out}.partial` });
    } finally {
      await engine.close();
    }
    renameSync(`${spec.out}.partial`, spec.out);
    return { bytes: statSync(spec.out).size };
  } finally {
    rmSync(spec.work, { recursive: true, force: true });
  }
}

/**
 * A large export as the Parquet `eligo population --save-parquet` keeps, written in parts so that
 * the disk holds two parts' NDJSON at a time (not timed), then screened from the parts' glob end
 * to end, against DuckDB just reading every resource of the parts.
 */
async function parquetRun(
  patients: number,
  memoryLimit: string | undefined,
  keep: string | undefined,
): Promise<SqlExportRun> {
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'eligo-bench-parquet-'));
  try {
    const parts = join(dir, 'parts');
    mkdirSync(parts, { recursive: true });
    const specs: ParquetPartSpec[] = [];
    for (let first = 0, k = 0; first < patients; first += PARQUET_PART, k++)
      specs.push({
        first,
        patients: Math.min(PARQUET_PART, patients - first),
        work: join(dir, `work-${k}`),
        out: join(parts, `part-${String(k).padStart(4, '0')}.parquet`),
        memoryLimit,
      });
    // A kept folder's parts are written once: a later run screens them again.
    const missing = specs.filter((spec) => !existsSync(spec.out));
    let next = 0;
    const writer = async () => {
      while (next < missing.length) {
        const spec = missing[next++]!;
        rmSync(spec.work, { recursive: true, force: true });
        mkdirSync(spec.work);
        const { bytes } = await runWorker<{ bytes: number }>('parquet-part', [
          '--file',
          JSON.stringify(spec),
        ]);
        process.stderr.write(
          `bench: Parquet part ${spec.out} written, ${(bytes / 1e6).toFixed(0)} MB (${spec.first + spec.patients} patients)\n`,
        );
      }
    };
    await Promise.all(Array.from({ length: PARQUET_WRITERS }, writer));
    const glob = join(parts, '*.parquet');
    const bytes = readdirSync(parts).reduce((sum, f) => sum + statSync(join(parts, f)).size, 0);
    const { protocol } = compile(readProtocolSource('NCT06469190').text);
    const engine = await duckDbEngine();
    let readOnlyMs: number;
    let resources: number;
    try {
      const r0 = performance.now();
      await engine.rows(`SELECT SUM(strlen(CAST(resource AS VARCHAR))) AS n FROM read_parquet('${glob}')`);
      readOnlyMs = performance.now() - r0;
      resources = Number((await engine.rows(`SELECT count(*) AS n FROM read_parquet('${glob}')`))[0]!.n);
    } finally {
      await engine.close();
    }
    const run = await screenExport(protocol!, glob, memoryLimit);
    return {
      source: 'parquet',
      resources,
      bytes,
      readOnlyMs,
      ...run,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    if (keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
}
