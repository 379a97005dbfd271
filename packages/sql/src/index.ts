/** @eligo/sql: population feasibility on SQL engines. */
export { batchRows, type Row, type TableRows } from './engines/batch-rows';
export { appendBatch, compileFor, funnelRow, openDuckDb, screenRows, unitsInData } from './engines/duckdb';
