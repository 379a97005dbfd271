import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString, tableName } from './sql';

export interface ParquetOptions {
  /** The resources table; `resources` unless given. */
  readonly table?: string;
}

/**
 * Writes the resources table to one Parquet file, rows in the table's order (DuckDB keeps the
 * order of the export's files and lines, so the same export gives the same bytes). Not sorted:
 * an ORDER BY over 100,000 patients' resources took the peak memory from 3.0 to 4.8 GB for no
 * gain in time. The JSON column keeps DuckDB's JSON logical type.
 */
export async function writeParquet(
  connection: DuckDBConnection,
  path: string,
  options: ParquetOptions = {},
): Promise<void> {
  const table = tableName(options.table ?? 'resources');
  await connection.run(`COPY ${table} TO ${sqlString(path)} (FORMAT parquet)`);
}

/** (Re)creates the resources table from a Parquet file written by `writeParquet`; returns its row count. */
export async function loadParquet(
  connection: DuckDBConnection,
  path: string,
  options: ParquetOptions = {},
): Promise<{ loaded: number }> {
  const table = tableName(options.table ?? 'resources');
  await connection.run(
    `CREATE OR REPLACE TABLE ${table} AS
       SELECT resource_type::VARCHAR AS resource_type, id::VARCHAR AS id,
              patient_id::VARCHAR AS patient_id, resource::JSON AS resource
         FROM read_parquet(${sqlString(path)})`,
  );
  const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return { loaded: Number(count.getRowObjectsJson()[0]?.n ?? 0) };
}
