/** @eligo/sql: population feasibility on SQL engines. */

export { type LoadOptions, type LoadResult, loadBulkExport } from './bulk/load';
export { loadParquet, type ParquetOptions, writeParquet } from './bulk/parquet';
export { patientIdOf, patientIdOfReference, resourceRowsSql } from './bulk/patientRef';
export type { LoadProblem } from './bulk/problems';
export { batchRows, type Row, type TableRows } from './engines/batch-rows';
export { appendBatch, funnelRow, openDuckDb, screenRows, unitsInData } from './engines/duckdb';
export { duckDbEngine, postgresEngine, postgresReachable, type SqlEngine } from './engines/engine';
export {
  appendBatchPostgres,
  clearPostgres,
  openPostgres,
  screenRowsPostgres,
  unitsInPostgres,
} from './engines/postgres';
export {
  type FactsLoadResult,
  type LoadProgress,
  loadFactsFromResources,
  type UnreadPatient,
} from './population/fromResources';
export { RefusedNumbersError } from './population/funnelInSlices';
export { type PopulationRunOptions, type PopulationRunResult, runPopulation } from './population/run';
export {
  type CompiledColumn,
  type CompiledView,
  type CompileResult,
  compileView,
  compileViewToDuckDb,
} from './sof/compile';
export { type EmitOptions, emitDuckDb } from './sof/duckdb/emit';
export {
  createResourceTable,
  type FhirResource,
  loadResources,
  runView,
  type ViewRow,
} from './sof/duckdb/run';
export { SofError } from './sof/errors';
export { parsePath } from './sof/fhirpath/parse';
export { planView, type SelectPlan, type ViewPlan } from './sof/plan';
export { type ViewDefinition, viewDefinitionSchema } from './sof/viewDefinition';
export { bundleOf, bundleOfPatient, type PatientBundle, patientBundles } from './synthetic/bundles';
export {
  type BulkExportOptions,
  type BulkExportResult,
  type ExportedFile,
  exportFileName,
  generateBulkExport,
} from './synthetic/export';
export { DEFAULT_AS_OF, type SyntheticPatient, syntheticPatient } from './synthetic/patient';
export { mulberry32 } from './synthetic/random';
