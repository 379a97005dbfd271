/**
 * @eligo/fhir: FHIR R4 Bundles to a protocol's facts, through the protocol's code bindings,
 * and the one input-preparation step the CLI, the API and the web app share.
 */
export { parseBundle } from './bundle';
export { documentRef } from './documentRef';
export type { InputError } from './issues';
export { readPopulationLine } from './populationLine';
export { type PreparedInput, type PrepareResult, prepareScreeningInput } from './prepare';
export {
  type CompactDocumentResult,
  type ReadDocumentResult,
  readDocument,
  type ScreenDocumentResult,
  screenDocument,
  screenDocumentCompact,
} from './screenDocument';
export { type BundleFactsResult, bundleToFacts } from './toFacts';
