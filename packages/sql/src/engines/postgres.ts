import {
  DEFAULT_TABLES,
  type PopulationBatch,
  type SqlTableNames,
  sessionSettings,
  TABLE_COLUMNS,
  tableDefinitions,
  unitsInDataSql,
} from '@eligo/core';
import pg from 'pg';
import { batchRows, unitsByElement } from './batch-rows';

const PG_TYPES = { int: 'int4', double: 'float8', text: 'text', smallint: 'int2' } as const;

/** A PostgreSQL connection whose search path is `schema`, with the input tables created there (empty). */
export async function openPostgres(url: string, schema: string): Promise<pg.Client> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`schema '${schema}': expected a plain lower-case name`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  for (const setting of sessionSettings('postgres')) await client.query(setting);
  for (const ddl of tableDefinitions('postgres')) await client.query(ddl);
  return client;
}

/** Empties the input tables for the next population. */
export async function clearPostgres(client: pg.Client, names: SqlTableNames = DEFAULT_TABLES): Promise<void> {
  await client.query(`TRUNCATE ${Object.values(names).join(', ')}`);
}

/** Appends a batch's rows, one INSERT … SELECT FROM unnest(arrays) per table. */
export async function appendBatchPostgres(
  client: pg.Client,
  batch: PopulationBatch,
  first = 0,
  refs?: readonly string[],
  names: SqlTableNames = DEFAULT_TABLES,
): Promise<void> {
  for (const { table, rows } of batchRows(batch, first, refs)) {
    if (rows.length === 0) continue;
    const columns = TABLE_COLUMNS[table];
    const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
    const params = columns.map(([, type], i) => `$${i + 1}::${PG_TYPES[type]}[]`).join(', ');
    await client.query(
      `INSERT INTO ${names[table]} (${columns.map(([n]) => n).join(', ')}) SELECT * FROM unnest(${params})`,
      arrays,
    );
  }
}

export async function unitsInPostgres(
  client: pg.Client,
  names: SqlTableNames = DEFAULT_TABLES,
): Promise<Record<string, string[]>> {
  // Asked once the tables are loaded and before the query runs: fresh statistics, or PostgreSQL
  // plans the readings' CTEs for one row each and joins them in nested loops.
  await client.query(`ANALYZE ${Object.values(names).join(', ')}`);
  const { rows } = await client.query<{ element: string; unit: string }>(unitsInDataSql(names));
  return unitsByElement(rows.map(({ element, unit }) => [element, unit]));
}

export async function screenRowsPostgres(
  client: pg.Client,
  sql: string,
): Promise<Record<string, number | string>[]> {
  const { rows } = await client.query<Record<string, unknown>>(sql);
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'string' && k !== 'ref' ? Number(v) : (v as number | string),
      ]),
    ),
  );
}
