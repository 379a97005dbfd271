import { relative, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { exportFiles } from './files';
import { writeParquet } from './parquet';
import { resourceRowsSql } from './patientRef';
import { type LoadProblem, problems } from './problems';
import { scanProblems } from './scan';
import { sqlStringList, tableName } from './sql';

/*
 * Why the export is read with read_ndjson_objects and never read_json / read_json_auto:
 * DuckDB's JSON schema inference samples the first 20,480 rows (sample_size) and builds a STRUCT
 * from them. A key first seen after the sample is silently dropped (duckdb/duckdb#25826, open since
 * 1.5.1), and on sparse, heterogeneous data such as FHIR, where an Observation may carry any of a
 * dozen value[x] and extensions, inference can give up and collapse everything into one JSON
 * column, or type a field from its first values and fail or null it later. A FHIR reader that
 * loses `valueQuantity.comparator` or `dataAbsentReason` on row 20,481 changes verdicts without a
 * word. So each line is kept whole as a JSON value, and every field is extracted explicitly.
 */

export interface LoadOptions {
  /** Table to (re)create; `resources` unless given. */
  readonly table?: string;
  /** Also write the table to this Parquet file once loaded. */
  readonly parquet?: string;
}

export interface LoadResult {
  /** Resources in the table. */
  readonly loaded: number;
  /** Lines that are not resources (with file and line), and files the manifest names but lacks. */
  readonly problems: readonly LoadProblem[];
  /** The NDJSON files read, relative to the export folder. */
  readonly files: readonly string[];
}

export const RESOURCES_COLUMNS =
  'resource_type VARCHAR, id VARCHAR, patient_id VARCHAR, resource JSON' as const;

/** A row of the export is a resource when it is an object with a string resourceType. */
const IS_RESOURCE = `coalesce(json_type(json, '$.resourceType') = 'VARCHAR', false)`;

/**
 * Loads a FHIR Bulk Data export folder into `resources(resource_type, id, patient_id, resource)`.
 * Never throws on the export's content: a line that is not a resource is left out and reported
 * with its file and line number. A clean export is read once; only when DuckDB finds unreadable
 * rows are the files read again to count them per file, and the flagged files scanned line by line.
 */
export async function loadBulkExport(
  connection: DuckDBConnection,
  dir: string,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const table = tableName(options.table ?? 'resources');
  const root = resolve(dir);
  const found = exportFiles(root);
  const files = found.paths.map((path) => relative(root, path));
  await connection.run(`CREATE OR REPLACE TABLE ${table} (${RESOURCES_COLUMNS})`);
  const reported = [...found.problems];
  if (found.paths.length > 0) {
    const clean = await insertAll(connection, table, found.paths);
    if (!clean) reported.push(...(await insertReadable(connection, table, root, found.paths)));
  }
  if (options.parquet !== undefined) await writeParquet(connection, options.parquet, { table });
  const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return { loaded: Number(count.getRowObjectsJson()[0]?.n ?? 0), problems: reported, files };
}

/** A row that is not a resource gets a NULL resource_type, which the fast path checks for. */
function selectResources(paths: readonly string[], ignoreErrors: boolean, onlyResources = false): string {
  const read = `read_ndjson_objects(${sqlStringList(paths)}, ignore_errors = ${ignoreErrors})`;
  return resourceRowsSql(onlyResources ? `(SELECT json FROM ${read} WHERE ${IS_RESOURCE})` : read);
}

/** The fast path: one read. False (and nothing inserted) when some row is not a resource. */
async function insertAll(
  connection: DuckDBConnection,
  table: string,
  paths: readonly string[],
): Promise<boolean> {
  try {
    await connection.run('BEGIN TRANSACTION');
    await connection.run(`INSERT INTO ${table} ${selectResources(paths, false)}`);
    const bad = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM ${table} WHERE resource_type IS NULL`,
    );
    if (Number(bad.getRowObjectsJson()[0]?.n) === 0) {
      await connection.run('COMMIT');
      return true;
    }
  } catch (error) {
    if (!/Malformed JSON|Invalid Input Error/i.test((error as Error).message)) {
      await connection.run('ROLLBACK');
      throw error;
    }
  }
  await connection.run('ROLLBACK');
  return false;
}

/** The slow path: count unreadable rows per file, insert the readable ones, locate the others. */
async function insertReadable(
  connection: DuckDBConnection,
  table: string,
  root: string,
  paths: readonly string[],
): Promise<LoadProblem[]> {
  const perFile = await connection.runAndReadAll(
    `SELECT filename, count(*)::INTEGER AS n
       FROM read_ndjson_objects(${sqlStringList(paths)}, ignore_errors = true, filename = true)
      WHERE NOT ${IS_RESOURCE}
      GROUP BY filename ORDER BY filename`,
  );
  await connection.run(`INSERT INTO ${table} ${selectResources(paths, true)} WHERE ${IS_RESOURCE}`);
  const located: LoadProblem[] = [];
  for (const row of perFile.getRowObjectsJson()) {
    const path = String(row.filename);
    const file = relative(root, path);
    const scan = await scanProblems(path, file);
    let unlocated = Number(row.n) - scan.problems.length;
    if (scan.bom && unlocated > 0) {
      located.push(problems.byteOrderMark(file));
      unlocated -= 1;
    }
    located.push(...scan.problems);
    if (unlocated > 0) located.push(problems.unlocatedRows(file, unlocated));
  }
  return located;
}
