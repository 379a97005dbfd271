/** @eligo/sql: population feasibility on SQL engines. */
export { batchRows, type Row, type TableRows } from './engines/batch-rows';
export { appendBatch, compileFor, funnelRow, openDuckDb, screenRows, unitsInData } from './engines/duckdb';

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
