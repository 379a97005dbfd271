/** @eligo/sql: population feasibility on SQL engines. */

export { type LoadOptions, type LoadResult, loadBulkExport } from './bulk/load';
export { loadParquet, type ParquetOptions, writeParquet } from './bulk/parquet';
export { patientIdOf, patientIdOfReference, resourceRowsSql } from './bulk/patientRef';
export type { LoadProblem } from './bulk/problems';
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
