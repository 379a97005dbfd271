import type { DuckDBConnection } from '@duckdb/node-api';
import type { PopulationBatch, SqlDialect } from '@eligo/core';
import type pg from 'pg';
import { appendBatch, openDuckDb, screenRows, unitsInData } from './duckdb';
import {
  appendBatchPostgres,
  clearPostgres,
  openPostgres,
  screenRowsPostgres,
  unitsInPostgres,
} from './postgres';

/** One SQL engine holding the input tables: what the tests and the command line run queries on. */
export interface SqlEngine {
  readonly dialect: SqlDialect;
  load(batch: PopulationBatch, first?: number, refs?: readonly string[]): Promise<void>;
  units(): Promise<Record<string, string[]>>;
  rows(sql: string): Promise<Record<string, number | string>[]>;
  /** Empties the input tables. */
  clear(): Promise<void>;
  /**
   * Whether an error is the engine refusing to compute with a number (PostgreSQL raises one where
   * a double overflows or underflows; DuckDB gives infinity or 0, as JavaScript does).
   */
  refusesNumber?(error: unknown): boolean;
  close(): Promise<void>;
}

export async function duckDbEngine(path = ':memory:'): Promise<SqlEngine & { connection: DuckDBConnection }> {
  let connection = await openDuckDb(path);
  return {
    dialect: 'duckdb',
    connection,
    load: (batch, first, refs) => appendBatch(connection, batch, first, refs),
    units: () => unitsInData(connection),
    rows: (sql) => screenRows(connection, sql),
    async clear() {
      connection.closeSync();
      connection = await openDuckDb(path);
    },
    async close() {
      connection.closeSync();
    },
  };
}

export async function postgresEngine(
  url: string,
  schema: string,
): Promise<SqlEngine & { client: pg.Client }> {
  const client = await openPostgres(url, schema);
  return {
    dialect: 'postgres',
    client,
    load: (batch, first, refs) => appendBatchPostgres(client, batch, first, refs),
    units: () => unitsInPostgres(client),
    rows: (sql) => screenRowsPostgres(client, sql),
    clear: () => clearPostgres(client),
    // SQLSTATE 22003, numeric_value_out_of_range: `value out of range: overflow` (or underflow).
    refusesNumber: (error) => (error as { code?: unknown } | null)?.code === '22003',
    async close() {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Whether a PostgreSQL server answers at `url` (tests skip, saying so, where none does). */
export async function postgresReachable(url: string): Promise<boolean> {
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
