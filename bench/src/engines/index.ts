import { cqlEngine } from './cql';
import { eligoExplain } from './eligo-explain';
import { eligoFast } from './eligo-fast';
import { eligoPopulation } from './eligo-population';
import type { Engine } from './engine';
import { handwritten } from './handwritten';
import { handwrittenColumns } from './handwritten-columns';
import { jsonLogicEngine } from './json-logic';
import { leanColumns } from './lean-columns';
import { leanFlat } from './lean-flat';

/**
 * Every engine, with how many patients it screens in the side-by-side run: the slow ones see a
 * prefix of the same stream, and their throughput is extrapolated from it. To add an engine, add
 * a file beside this one and a line here.
 */
export const ENGINES: readonly {
  readonly engine: Engine;
  readonly patients: number;
  readonly key: string;
}[] = [
  { key: 'handwritten', engine: handwritten, patients: 1_000_000 },
  { key: 'eligo-fast', engine: eligoFast, patients: 1_000_000 },
  { key: 'handwritten-columns', engine: handwrittenColumns, patients: 1_000_000 },
  { key: 'eligo-population', engine: eligoPopulation, patients: 1_000_000 },
  { key: 'lean-columns', engine: leanColumns, patients: 1_000_000 },
  { key: 'lean-flat', engine: leanFlat, patients: 1_000_000 },
  { key: 'eligo-explain', engine: eligoExplain, patients: 100_000 },
  { key: 'json-logic', engine: jsonLogicEngine, patients: 200_000 },
  { key: 'cql', engine: cqlEngine, patients: 20_000 },
];
