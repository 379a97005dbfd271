import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  type CompiledProtocol,
  DEFAULT_TABLES,
  funnelSql,
  type PopulationBatch,
  type SqlCompileResult,
  type SqlTableNames,
  TABLE_COLUMNS,
  tableDefinitions,
  unitsInDataSql,
} from '@eligo/core';
import { batchRows, unitsByElement } from './batch-rows';

const instances = new WeakMap<DuckDBConnection, DuckDBInstance>();

/** An embedded DuckDB with the input tables created. */
export async function openDuckDb(path = ':memory:'): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  instances.set(connection, instance);
  for (const ddl of tableDefinitions('duckdb')) await connection.run(ddl);
  return connection;
}

/**
 * Another connection to the database `connection` was opened on (by openDuckDb): a streamed
 * result stays open only while its own connection runs nothing else.
 */
export async function siblingConnection(connection: DuckDBConnection): Promise<DuckDBConnection> {
  const instance = instances.get(connection);
  if (instance === undefined) throw new Error('the connection was not opened by openDuckDb');
  return instance.connect();
}

/** Appends a batch's rows to the input tables (DuckDB's appender: no SQL text per row). */
export async function appendBatch(
  connection: DuckDBConnection,
  batch: PopulationBatch,
  first = 0,
  refs?: readonly string[],
  names: SqlTableNames = DEFAULT_TABLES,
): Promise<void> {
  const appenders = tableAppenders(connection, names);
  await appenders.append(batch, first, refs);
  appenders.close();
}

/**
 * Appenders to the input tables kept open across batches: closing one commits, which costs as
 * much as appending a few thousand rows, so a stream of small batches closes them once at the end.
 */
export function tableAppenders(
  connection: DuckDBConnection,
  names: SqlTableNames = DEFAULT_TABLES,
): { append(batch: PopulationBatch, first: number, refs?: readonly string[]): Promise<void>; close(): void } {
  const open = new Map<keyof SqlTableNames, DuckDBAppender>();
  return {
    async append(batch, first, refs) {
      for (const { table, rows } of batchRows(batch, first, refs)) {
        if (rows.length === 0) continue;
        const types = TABLE_COLUMNS[table].map(([, type]) => type);
        const appender = open.get(table) ?? (await connection.createAppender(names[table]));
        open.set(table, appender);
        for (const row of rows) {
          for (let i = 0; i < row.length; i++) {
            const v = row[i];
            if (v === null || v === undefined) appender.appendNull();
            else if (types[i] === 'text') appender.appendVarchar(String(v));
            else if (types[i] === 'double') appender.appendDouble(Number(v));
            else if (types[i] === 'smallint') appender.appendSmallInt(Number(v));
            else appender.appendInteger(Number(v));
          }
          appender.endRow();
        }
      }
    },
    close() {
      for (const appender of open.values()) appender.closeSync();
      open.clear();
    },
  };
}

/** The units each element's results use, for the conversions the query carries. */
export async function unitsInData(
  connection: DuckDBConnection,
  names: SqlTableNames = DEFAULT_TABLES,
): Promise<Record<string, string[]>> {
  const reader = await connection.runAndReadAll(unitsInDataSql(names));
  return unitsByElement(reader.getRows() as [string, string][]);
}

/** Each patient's statuses (ordinals per criterion) and verdict codes (per cohort), by pid. */
export async function screenRows(
  connection: DuckDBConnection,
  sql: string,
): Promise<Record<string, number | string>[]> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  return (reader.getRows() as unknown[][]).map((row) =>
    Object.fromEntries(
      row.map((v, i) => [names[i]!, typeof v === 'bigint' ? Number(v) : (v as number | string)]),
    ),
  );
}

/** The funnel query's one row of counts. */
export async function funnelRow(
  connection: DuckDBConnection,
  protocol: CompiledProtocol,
  query: Extract<SqlCompileResult, { ok: true }>,
): Promise<{ funnel: ReturnType<typeof funnelSql>; values: Record<string, number> }> {
  const funnel = funnelSql(protocol, query);
  const rows = await screenRows(connection, funnel.sql);
  return { funnel, values: rows[0] as Record<string, number> };
}
