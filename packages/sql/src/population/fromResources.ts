import type { DuckDBConnection } from '@duckdb/node-api';
import { type CompiledProtocol, type PopulationBatch, PopulationBuilder } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { bundleOf, type Resource } from '../bulk/bundle';
import { appendBatch, siblingConnection } from '../engines/duckdb';

/** A patient whose resources could not be read as one patient's record, left out of the counts. */
export interface UnreadPatient {
  readonly patient: string;
  readonly message: string;
}

export interface LoadProgress {
  readonly done: number;
  readonly total: number;
}

export interface FactsLoadResult {
  readonly patients: number;
  readonly unread: readonly UnreadPatient[];
}

const MEDICATION_REFERENCE = /^Medication\/(.+)$/;

/**
 * A loaded bulk export (`resources(resource_type, id, patient_id, resource JSON)`) read patient by
 * patient through @eligo/fhir, the readers every other path uses, into the SQL input tables: the
 * records are classified by the protocol's bindings exactly as a single screening classifies them.
 * Shared Medication resources are looked up by reference for each patient that names one.
 *
 * One ordered pass: the resources are streamed by patient (then in the export's own order, which
 * decides ties between same-day results as it does in a Bundle), so every resource is read once
 * however many patients there are, and memory holds one batch. Medication resources (shared, not
 * any one patient's) are held in memory. Reading the records with the ViewDefinitions in SQL was
 * measured and is slower on DuckDB (docs/sql.md), so the rules have this one implementation.
 */
export async function loadFactsFromResources(
  connection: DuckDBConnection,
  protocol: CompiledProtocol,
  asOf: string,
  options: {
    batchSize?: number;
    resources?: string;
    onProgress?: (p: LoadProgress) => void;
    /** Stops the read between chunks (the promise rejects with the signal's reason). */
    signal?: AbortSignal;
    /** Where the batches go: the same DuckDB by default, or another engine's tables. */
    sink?: (batch: PopulationBatch, first: number, refs: readonly string[]) => Promise<void>;
  } = {},
): Promise<FactsLoadResult> {
  const table = options.resources ?? 'resources';
  const batchSize = options.batchSize ?? 5000;
  const medications = new Map<string, unknown>();
  const meds = await connection.runAndReadAll(
    `SELECT id, CAST(resource AS VARCHAR) FROM ${table} WHERE resource_type = 'Medication'`,
  );
  for (const [id, json] of meds.getRows() as [string, string][]) medications.set(id, JSON.parse(json));
  const count = await connection.runAndReadAll(
    `SELECT COUNT(DISTINCT patient_id) FROM ${table} WHERE patient_id IS NOT NULL`,
  );
  const total = Number(count.getRows()[0]![0]);
  const writer = options.sink === undefined ? await siblingConnection(connection) : undefined;
  const sink = options.sink ?? ((b, f, r) => appendBatch(writer!, b, f, r));
  try {
    const stream = await connection.stream(
      `SELECT patient_id, CAST(resource AS VARCHAR) FROM ${table} WHERE patient_id IS NOT NULL AND resource_type <> 'Medication' ORDER BY patient_id, rowid`,
    );
    const unread: UnreadPatient[] = [];
    let builder = new PopulationBuilder(protocol.info, asOf);
    let refs: string[] = [];
    let done = 0;
    let seen = 0;
    let ref: string | undefined;
    let entries: Resource[] = [];
    let named = new Set<string>();
    const flushPatient = () => {
      if (ref === undefined) return;
      seen++;
      const facts = bundleToFacts(protocol.info, bundleOf(ref, entries).bundle, asOf);
      if (facts.ok) {
        builder.add(facts.facts);
        refs.push(ref);
      } else
        unread.push({ patient: ref, message: facts.errors.map((e) => `${e.path}: ${e.message}`).join('; ') });
    };
    const flushBatch = async () => {
      const batch = builder.build();
      if (batch.size > 0) await sink(batch, done, refs);
      done += batch.size;
      builder = new PopulationBuilder(protocol.info, asOf);
      refs = [];
      options.onProgress?.({ done: seen, total });
    };
    for (;;) {
      options.signal?.throwIfAborted();
      const chunk = await stream.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const patients = chunk.getColumnVector(0);
      const json = chunk.getColumnVector(1);
      for (let row = 0; row < chunk.rowCount; row++) {
        const patient = patients.getItem(row) as string;
        if (patient !== ref) {
          flushPatient();
          if (refs.length >= batchSize) await flushBatch();
          ref = patient;
          entries = [];
          named = new Set();
        }
        const resource = JSON.parse(json.getItem(row) as string) as Resource & {
          medicationReference?: { reference?: string };
        };
        entries.push(resource);
        const id = resource.medicationReference?.reference?.match(MEDICATION_REFERENCE)?.[1];
        const medication = id === undefined || named.has(id) ? undefined : medications.get(id);
        if (medication !== undefined) {
          named.add(id!);
          entries.push(medication as Resource);
        }
      }
    }
    flushPatient();
    await flushBatch();
    return { patients: done, unread };
  } finally {
    writer?.closeSync();
  }
}
