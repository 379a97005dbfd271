/** @eligo/sql: population feasibility on SQL engines. */
export {};
export { type LoadOptions, type LoadResult, loadBulkExport } from './bulk/load';
export { loadParquet, type ParquetOptions, writeParquet } from './bulk/parquet';
export { patientIdOf, patientIdSql } from './bulk/patientRef';
export type { LoadProblem } from './bulk/problems';
