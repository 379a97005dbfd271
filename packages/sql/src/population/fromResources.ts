import type { DuckDBConnection } from '@duckdb/node-api';
import { type CompiledProtocol, type PopulationBatch, PopulationBuilder } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { bundleOf, type Resource } from '../bulk/bundle';
import { appendBatch } from '../engines/duckdb';

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
 */
export async function loadFactsFromResources(
  connection: DuckDBConnection,
  protocol: CompiledProtocol,
  asOf: string,
  options: {
    batchSize?: number;
    resources?: string;
    onProgress?: (p: LoadProgress) => void;
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
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE eligo_patient_order AS SELECT patient_id, ROW_NUMBER() OVER (ORDER BY patient_id) - 1 AS ord FROM (SELECT DISTINCT patient_id FROM ${table} WHERE patient_id IS NOT NULL) t`,
  );
  const count = await connection.runAndReadAll('SELECT COUNT(*) FROM eligo_patient_order');
  const total = Number(count.getRows()[0]![0]);
  const unread: UnreadPatient[] = [];
  let done = 0;
  for (let first = 0; first < total; first += batchSize) {
    const rows = await connection.runAndReadAll(
      `SELECT o.ord, o.patient_id, CAST(r.resource AS VARCHAR) FROM eligo_patient_order o JOIN ${table} r ON r.patient_id = o.patient_id WHERE o.ord >= ${first} AND o.ord < ${first + batchSize} AND r.resource_type <> 'Medication' ORDER BY o.ord`,
    );
    const builder = new PopulationBuilder(protocol.info, asOf);
    const refs: string[] = [];
    let at = -1;
    let entries: Resource[] = [];
    let named = new Set<string>();
    let ref = '';
    const flush = () => {
      if (at < 0) return;
      const facts = bundleToFacts(protocol.info, bundleOf(ref, entries).bundle, asOf);
      if (facts.ok) {
        builder.add(facts.facts);
        refs.push(ref);
      } else
        unread.push({ patient: ref, message: facts.errors.map((e) => `${e.path}: ${e.message}`).join('; ') });
    };
    for (const [ord, patient, json] of rows.getRows() as [bigint | number, string, string][]) {
      if (Number(ord) !== at) {
        flush();
        at = Number(ord);
        ref = patient;
        entries = [];
        named = new Set();
      }
      const resource = JSON.parse(json) as Resource & { medicationReference?: { reference?: string } };
      entries.push(resource);
      const id = resource.medicationReference?.reference?.match(MEDICATION_REFERENCE)?.[1];
      const medication = id === undefined || named.has(id) ? undefined : medications.get(id);
      if (medication !== undefined) {
        named.add(id!);
        entries.push(medication as Resource);
      }
    }
    flush();
    const batch = builder.build();
    await (options.sink ?? ((b, f, r) => appendBatch(connection, b, f, r)))(batch, done, refs);
    done += batch.size;
    options.onProgress?.({ done: first + Math.min(batchSize, total - first), total });
  }
  return { patients: done, unread };
}
