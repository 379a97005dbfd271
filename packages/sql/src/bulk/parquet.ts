import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString, tableName } from './sql';

export interface ParquetOptions {
  /** The resources table; `resources` unless given. */
  readonly table?: string;
}

/** The key-value metadata that marks a Parquet file whose rows are grouped by patient. */
const GROUPED_KEY = 'eligo_grouped_by';

/**
 * Writes the resources table to one Parquet file grouped by patient: each patient's resources
 * together, in the export's own order (which decides ties between same-day results), patients in
 * id order, resources without a patient (shared Medications) last. The file says so in its
 * key-value metadata, so a later run streams it as it lies instead of sorting the whole export
 * (`openParquet`). The JSON column keeps DuckDB's JSON logical type.
 */
export async function writeParquet(
  connection: DuckDBConnection,
  path: string,
  options: ParquetOptions & {
    /** What keeps the export's order within a patient: the table's rowid unless given. */
    readonly order?: string;
  } = {},
): Promise<void> {
  const table = tableName(options.table ?? 'resources');
  const order = options.order ?? 'rowid';
  await connection.run(
    `COPY (SELECT resource_type, id, patient_id, resource FROM ${table}
             ORDER BY patient_id NULLS LAST, ${order})
       TO ${sqlString(path)} (FORMAT parquet, KV_METADATA {${GROUPED_KEY}: 'patient_id'})`,
  );
}

/** (Re)creates the resources table from a Parquet file written by `writeParquet`; returns its row count. */
export async function loadParquet(
  connection: DuckDBConnection,
  path: string,
  options: ParquetOptions = {},
): Promise<{ loaded: number }> {
  const table = tableName(options.table ?? 'resources');
  await dropResources(connection, table);
  await connection.run(
    `CREATE TABLE ${table} AS
       SELECT resource_type::VARCHAR AS resource_type, id::VARCHAR AS id,
              patient_id::VARCHAR AS patient_id, resource::JSON AS resource
         FROM read_parquet(${sqlString(path)})`,
  );
  const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return { loaded: Number(count.getRowObjectsJson()[0]?.n ?? 0) };
}

export interface OpenedParquet {
  readonly loaded: number;
  /**
   * The resources are a view over the files, grouped by patient (`source_file`, `source_row` give
   * each row's place), so they can be read in file order without sorting or copying them. False
   * when a file lacks the mark or a patient's resources are in two files: the files were then
   * copied into a table, to be sorted as an export folder is.
   */
  readonly grouped: boolean;
  /** The distinct patients, when the files' disjointness check counted them (several files). */
  readonly patients?: number;
}

/**
 * The resources of Parquet files kept by `writeParquet` (a file, or a glob read in name order),
 * read where they lie when every file is grouped by patient and no patient is in two files;
 * otherwise copied into the table as `loadParquet` does.
 */
export async function openParquet(
  connection: DuckDBConnection,
  path: string,
  options: ParquetOptions = {},
): Promise<OpenedParquet> {
  const table = tableName(options.table ?? 'resources');
  const files = (
    await connection.runAndReadAll(
      `SELECT file_name, bool_or(decode(key) = '${GROUPED_KEY}' AND decode(value) = 'patient_id') AS grouped
         FROM parquet_kv_metadata(${sqlString(path)}) GROUP BY file_name`,
    )
  ).getRows() as [string, boolean][];
  const all = (await connection.runAndReadAll(`SELECT count(*) FROM glob(${sqlString(path)})`)).getRows();
  const marked = files.filter(([, grouped]) => grouped).length;
  if (marked === 0 || marked !== Number(all[0]![0]))
    return { ...(await loadParquet(connection, path, options)), grouped: false };
  await dropResources(connection, table);
  await connection.run(
    `CREATE VIEW ${table} AS
       SELECT resource_type::VARCHAR AS resource_type, id::VARCHAR AS id,
              patient_id::VARCHAR AS patient_id, resource::JSON AS resource,
              filename AS source_file, file_row_number AS source_row
         FROM read_parquet(${sqlString(path)}, filename = true, file_row_number = true)`,
  );
  let patients: number | undefined;
  if (marked > 1) {
    const [distinct, pairs] = (
      await connection.runAndReadAll(
        `SELECT count(DISTINCT patient_id), count(DISTINCT (source_file, patient_id)) FROM ${table} WHERE patient_id IS NOT NULL`,
      )
    ).getRows()[0]!;
    if (distinct !== pairs) {
      await connection.run(`DROP VIEW ${table}`);
      return { ...(await loadParquet(connection, path, options)), grouped: false };
    }
    patients = Number(distinct);
  }
  const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return {
    loaded: Number(count.getRowObjectsJson()[0]?.n ?? 0),
    grouped: true,
    ...(patients === undefined ? {} : { patients }),
  };
}

/** Drops the resources table or view of an earlier read: neither replaces the other in place. */
async function dropResources(connection: DuckDBConnection, table: string): Promise<void> {
  const found = await connection.runAndReadAll(
    `SELECT table_type FROM information_schema.tables WHERE table_name = '${table}' AND table_schema = current_schema()`,
  );
  const type = found.getRows()[0]?.[0];
  if (type === 'VIEW') await connection.run(`DROP VIEW ${table}`);
  else if (type !== undefined) await connection.run(`DROP TABLE ${table}`);
}
