import { availableParallelism } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type CompiledProtocol, dayFromIso, type PopulationBatch } from '@eligo/core';
import type { Resource } from '../bulk/bundle';
import { sqlString } from '../bulk/sql';
import { siblingConnection, tableAppenders } from '../engines/duckdb';
import { observationKeysSql, observationTemplates } from './observationTemplates';
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
  /** With observationsInSql: what SQL wrote. */
  readonly observations?: ObservationsInSql;
}

export interface ObservationsInSql {
  /** Distinct Observation shapes, and those read without a problem. */
  readonly keys: number;
  readonly usableKeys: number;
  /** Patients whose Observations SQL wrote, and the results it wrote for them. */
  readonly patients: number;
  readonly results: number;
}

/**
 * Up to this many patients Observations are read in SQL unless a caller says otherwise: the read
 * took 15-17 % less time on 20,000 patients (docs/benchmarks.md), but the keyed Observations are a
 * temporary table of about 390 bytes each, some 7.5 GB per million patients, which past this size
 * costs more disk than the time saved is worth.
 */
export const OBSERVATIONS_IN_SQL_UP_TO = 250_000;

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
 * are held in memory. With `observationsInSql`, Observations are read per distinct shape by the
 * same readers and written by SQL (observationTemplates.ts): the rules keep one implementation.
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
    /** The resources' distinct patients, when the caller has counted them already (`openParquet`). */
    patients?: number;
    /**
     * Observations read per distinct shape (observationTemplates.ts) and written by SQL, the rest
     * of each patient read in Node; only with the default sink (this DuckDB's tables). By default
     * for up to OBSERVATIONS_IN_SQL_UP_TO patients.
     */
    observationsInSql?: boolean;
    /** Up to how many patients read whole in Node are listed in the streaming query (tests lower it). */
    inlineUpTo?: number;
  } = {},
): Promise<FactsLoadResult> {
  const table = options.resources ?? 'resources';
  const chunkSize = options.chunkSize ?? 500;
  const medications = new Map<string, Resource>();
  const meds = await connection.runAndReadAll(
    `SELECT id, CAST(resource AS VARCHAR) FROM ${table} WHERE resource_type = 'Medication'`,
  );
  for (const [id, json] of meds.getRows() as [string, string][]) medications.set(id, JSON.parse(json));
  const total = options.patients ?? (await distinctPatients(connection, table));
  // This thread streams and appends, the others read (on two cores a second reader was slower).
  const cores = availableParallelism();
  const threads = options.threads ?? (total >= THREADS_FROM && cores > 1 ? cores - 1 : 0);
  const inSql =
    (options.observationsInSql ?? total <= OBSERVATIONS_IN_SQL_UP_TO) && options.sink === undefined;
  const order = options.grouped ? 'source_row' : 'rowid';
  const inNode = inSql ? await classifyObservations(connection, protocol, asOf, table, order) : undefined;
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
    // The Observations SQL writes are not read here. A filter on a constant list keeps the
    // rows in their order, which a join need not (a grouped file is streamed as it lies).
    const inline = inNode !== undefined && inNode.size <= (options.inlineUpTo ?? 1000);
    const text =
      inNode === undefined
        ? 'CAST(resource AS VARCHAR)'
        : `CASE WHEN resource_type = 'Observation'${inline && inNode.size > 0 ? ` AND patient_id NOT IN (${[...inNode].map(sqlString).join(', ')})` : ''}${inline ? '' : ' AND FALSE'} THEN NULL ELSE CAST(resource AS VARCHAR) END`;
    const columns = `patient_id, ${text}, resource_type = 'Observation'${options.grouped ? ', source_file' : ''}`;
    const stream = await connection.stream(
      options.grouped
        ? `SELECT ${columns} FROM ${table} WHERE patient_id IS NOT NULL AND resource_type <> 'Medication'`
        : `SELECT ${columns} FROM ${table} WHERE patient_id IS NOT NULL AND resource_type <> 'Medication' ORDER BY patient_id, rowid`,
    );
    // Too many patients to list in SQL: their Observations come here and the others are dropped here.
    const dropHere = inNode !== undefined && !inline;
    let chunk: PatientTexts[] = [];
    let current: { ref: string; resources: string[] } | undefined;
    let file: string | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      const rows = await stream.fetchChunk();
      if (rows === null || rows.rowCount === 0) break;
      const patients = rows.getColumnVector(0);
      const json = rows.getColumnVector(1);
      const observation = rows.getColumnVector(2);
      const files = options.grouped ? rows.getColumnVector(3) : undefined;
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
        const resource = json.getItem(row) as string | null;
        if (resource === null || (dropHere && observation.getItem(row) === true && !inNode.has(patient)))
          continue;
        current.resources.push(resource);
      }
    }
    if (current !== undefined) chunk.push(current);
    await submit(chunk);
    while (inFlight.length > 0) await appendNext();
    appenders?.close();
    const observations = inSql ? await writeObservations(connection, asOf) : undefined;
    return { patients: done, unread, ...(observations === undefined ? {} : { observations }) };
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

const KEYED = 'eligo_observation_keys';
const TEMPLATES = 'eligo_observation_templates';
const SQL_PATIENTS = 'eligo_sql_observation_patients';
const IN_NODE = 'eligo_node_observation_patients';

/**
 * Keys every Observation (observationTemplates.ts), reads each distinct key once through
 * @eligo/fhir, and lists the patients whose Observations SQL writes: those with every one keyed
 * with a plain subject and a key read without a problem, and a Patient resource (which every
 * reference form resolves to). Returns the others, whose Observations are read in Node.
 */
async function classifyObservations(
  connection: DuckDBConnection,
  protocol: CompiledProtocol,
  asOf: string,
  table: string,
  order: string,
): Promise<ReadonlySet<string>> {
  await connection.run(observationKeysSql(table, order, KEYED));
  const keys = (await connection.runAndReadAll(`SELECT DISTINCT key FROM ${KEYED}`))
    .getRows()
    .map((r) => r[0] as string);
  const templates = observationTemplates(protocol.info, asOf, keys);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${TEMPLATES} (key VARCHAR, element VARCHAR, value DOUBLE, value_from_row BOOLEAN, unit VARCHAR, comparator VARCHAR, code VARCHAR, day_lo INTEGER, day_hi INTEGER, day_from_row BOOLEAN, low DOUBLE, high DOUBLE, usable BOOLEAN)`,
  );
  const appender = await connection.createAppender(TEMPLATES, 'main', 'temp');
  for (const [key, rows] of templates) {
    // A key that gives no result (a status that does not count, a code no element binds) is still read.
    for (const row of rows === undefined || rows.length === 0 ? [undefined] : rows) {
      appender.appendVarchar(key);
      if (row === undefined) {
        for (let i = 0; i < 11; i++) appender.appendNull();
        appender.appendBoolean(rows !== undefined);
      } else {
        appender.appendVarchar(row.element);
        optional(appender, row.value, (v) => appender.appendDouble(v));
        appender.appendBoolean(row.valueFromRow);
        appender.appendVarchar(row.unit);
        optional(appender, row.comparator, (v) => appender.appendVarchar(v));
        optional(appender, row.code, (v) => appender.appendVarchar(v));
        optional(appender, row.dayLo, (v) => appender.appendInteger(v));
        optional(appender, row.dayHi, (v) => appender.appendInteger(v));
        appender.appendBoolean(row.dayFromRow);
        optional(appender, row.low, (v) => appender.appendDouble(v));
        optional(appender, row.high, (v) => appender.appendDouble(v));
        appender.appendBoolean(true);
      }
      appender.endRow();
    }
  }
  appender.closeSync();
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${IN_NODE} AS
       SELECT DISTINCT k.patient_id FROM ${KEYED} k
         WHERE NOT k.subject_ok OR NOT EXISTS (SELECT 1 FROM ${TEMPLATES} t WHERE t.key = k.key AND t.usable)
       UNION
       (SELECT patient_id FROM ${KEYED} EXCEPT SELECT patient_id FROM ${table} WHERE resource_type = 'Patient')`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${SQL_PATIENTS} AS SELECT DISTINCT patient_id FROM ${KEYED} EXCEPT SELECT patient_id FROM ${IN_NODE}`,
  );
  const inNode = (await connection.runAndReadAll(`SELECT patient_id FROM ${IN_NODE}`))
    .getRows()
    .map((r) => r[0] as string);
  return new Set(inNode);
}

function optional<T>(appender: { appendNull(): void }, value: T | null, append: (v: T) => void): void {
  if (value === null) appender.appendNull();
  else append(value);
}

/** The Observations' results, once the Node reading has numbered the patients in eligo_patient. */
async function writeObservations(connection: DuckDBConnection, asOf: string): Promise<ObservationsInSql> {
  const asOfDay = dayFromIso(asOf);
  const [keys, usableKeys, patients] = (
    await connection.runAndReadAll(
      `SELECT (SELECT count(DISTINCT key) FROM ${TEMPLATES}), (SELECT count(DISTINCT key) FROM ${TEMPLATES} WHERE usable),
         (SELECT count(*) FROM ${SQL_PATIENTS} s JOIN eligo_patient p ON p.ref = s.patient_id)`,
    )
  )
    .getRows()[0]!
    .map(Number);
  const inserted = await connection.run(
    `INSERT INTO eligo_result
       SELECT p.pid, t.element, CAST(k.ord AS INTEGER),
         CASE WHEN t.value_from_row THEN k.value ELSE t.value END, t.unit, t.comparator, t.code,
         CASE WHEN t.day_from_row THEN k.day ELSE t.day_lo END, CASE WHEN t.day_from_row THEN k.day ELSE t.day_hi END,
         t.low, t.high
       FROM ${KEYED} k
       JOIN ${TEMPLATES} t ON t.key = k.key AND t.element IS NOT NULL
       JOIN eligo_patient p ON p.ref = k.patient_id
       WHERE k.patient_id IN (SELECT patient_id FROM ${SQL_PATIENTS}) AND NOT (t.day_from_row AND k.day > ${asOfDay})`,
  );
  for (const t of [KEYED, TEMPLATES, SQL_PATIENTS, IN_NODE]) await connection.run(`DROP TABLE ${t}`);
  return { keys: keys!, usableKeys: usableKeys!, patients: patients!, results: Number(inserted.rowsChanged) };
}

async function distinctPatients(connection: DuckDBConnection, table: string): Promise<number> {
  const count = await connection.runAndReadAll(
    `SELECT COUNT(DISTINCT patient_id) FROM ${table} WHERE patient_id IS NOT NULL`,
  );
  return Number(count.getRows()[0]![0]);
}
