import { availableParallelism } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledProtocol, PopulationBatch } from '@eligo/core';
import type { Resource } from '../bulk/bundle';
import { siblingConnection, tableAppenders } from '../engines/duckdb';
import type { PatientTexts, ReadPatients, UnreadPatient } from './readPatients';
import { readPool } from './readPool';

export type { UnreadPatient } from './readPatients';

export interface LoadProgress {
  readonly done: number;
  readonly total: number;
}

export interface FactsLoadResult {
  readonly patients: number;
  readonly unread: readonly UnreadPatient[];
}

/** Below this many patients, starting reading threads costs more than it saves. */
const THREADS_FROM = 2000;

/**
 * A loaded bulk export (`resources(resource_type, id, patient_id, resource JSON)`) read patient by
 * patient through @eligo/fhir, the readers every other path uses, into the SQL input tables: the
 * records are classified by the protocol's bindings exactly as a single screening classifies them.
 * Shared Medication resources are looked up by reference for each patient that names one.
 *
 * One ordered pass: the resources are streamed by patient (then in the export's own order, which
 * decides ties between same-day results as it does in a Bundle), so every resource is read once
 * however many patients there are. Chunks of patients are read by threads of their own (one per core
 * but this one's) while this thread streams the next ones and appends the batches read, in
 * order; memory holds the chunks in flight. Medication resources (shared, not any one patient's)
 * are held in memory. Reading the records with the ViewDefinitions in SQL was measured and is
 * slower on DuckDB (docs/sql.md), so the rules have this one implementation.
 */
export async function loadFactsFromResources(
  connection: DuckDBConnection,
  protocol: CompiledProtocol,
  asOf: string,
  options: {
    /** Patients per chunk handed to a reader. */
    chunkSize?: number;
    /** Reading threads; 0 reads on this thread. By default one per core but this one's, none for small exports. */
    threads?: number;
    resources?: string;
    onProgress?: (p: LoadProgress) => void;
    /** Stops the read between chunks (the promise rejects with the signal's reason). */
    signal?: AbortSignal;
    /** Where the batches go: the same DuckDB by default, or another engine's tables. */
    sink?: (batch: PopulationBatch, first: number, refs: readonly string[]) => Promise<void>;
    /**
     * The resources are a view over Parquet grouped by patient (`openParquet`): streamed in their
     * files' order instead of sorted, so a large export costs neither a sort nor a copy.
     */
    grouped?: boolean;
  } = {},
): Promise<FactsLoadResult> {
  const table = options.resources ?? 'resources';
  const chunkSize = options.chunkSize ?? 500;
  const medications = new Map<string, Resource>();
  const meds = await connection.runAndReadAll(
    `SELECT id, CAST(resource AS VARCHAR) FROM ${table} WHERE resource_type = 'Medication'`,
  );
  for (const [id, json] of meds.getRows() as [string, string][]) medications.set(id, JSON.parse(json));
  const count = await connection.runAndReadAll(
    `SELECT COUNT(DISTINCT patient_id) FROM ${table} WHERE patient_id IS NOT NULL`,
  );
  const total = Number(count.getRows()[0]![0]);
  // This thread streams and appends, the others read (on two cores a second reader was slower).
  const cores = availableParallelism();
  const threads = options.threads ?? (total >= THREADS_FROM && cores > 1 ? cores - 1 : 0);
  const pool = readPool(protocol.info, asOf, medications, threads);
  const writer = options.sink === undefined ? await siblingConnection(connection) : undefined;
  const appenders = writer === undefined ? undefined : tableAppenders(writer);
  const sink = options.sink ?? ((b, f, r) => appenders!.append(b, f, r));
  const unread: UnreadPatient[] = [];
  const inFlight: Promise<ReadPatients>[] = [];
  let done = 0;
  let seen = 0;
  const appendNext = async () => {
    const read = await inFlight.shift()!;
    seen += read.refs.length + read.unread.length;
    unread.push(...read.unread);
    if (read.batch.size > 0) await sink(read.batch, done, read.refs);
    done += read.batch.size;
    options.onProgress?.({ done: seen, total });
  };
  const submit = async (patients: PatientTexts[]) => {
    if (patients.length === 0) return;
    const read = pool.read(patients);
    // Awaited in order by appendNext; until then a failure must not count as unhandled.
    read.catch(() => {});
    inFlight.push(read);
    if (inFlight.length > 2 * Math.max(threads, 1)) await appendNext();
  };
  try {
    const stream = await connection.stream(
      options.grouped
        ? `SELECT patient_id, CAST(resource AS VARCHAR), source_file FROM ${table} WHERE patient_id IS NOT NULL AND resource_type <> 'Medication'`
        : `SELECT patient_id, CAST(resource AS VARCHAR) FROM ${table} WHERE patient_id IS NOT NULL AND resource_type <> 'Medication' ORDER BY patient_id, rowid`,
    );
    let chunk: PatientTexts[] = [];
    let current: { ref: string; resources: string[] } | undefined;
    let file: string | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      const rows = await stream.fetchChunk();
      if (rows === null || rows.rowCount === 0) break;
      const patients = rows.getColumnVector(0);
      const json = rows.getColumnVector(1);
      const files = options.grouped ? rows.getColumnVector(2) : undefined;
      for (let row = 0; row < rows.rowCount; row++) {
        const patient = patients.getItem(row) as string;
        if (patient !== current?.ref) {
          if (files !== undefined) {
            // A grouped file is sorted by patient: a patient met again would be read as two.
            const from = files.getItem(row) as string;
            if (from === file && current !== undefined && !utf8Before(current.ref, patient))
              throw new Error(`${from} is not grouped by patient: '${patient}' comes after '${current.ref}'`);
            file = from;
          }
          if (current !== undefined) chunk.push(current);
          if (chunk.length >= chunkSize) {
            await submit(chunk);
            chunk = [];
          }
          current = { ref: patient, resources: [] };
        }
        current.resources.push(json.getItem(row) as string);
      }
    }
    if (current !== undefined) chunk.push(current);
    await submit(chunk);
    while (inFlight.length > 0) await appendNext();
    appenders?.close();
    return { patients: done, unread };
  } finally {
    await pool.close();
    writer?.closeSync();
  }
}

/** Whether `a` sorts before `b` as DuckDB sorts text: by UTF-8 bytes, that is by code points. */
export function utf8Before(a: string, b: string): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length < b.length;
}
