import { type EngineResult, enginesPhase } from './engines';

export interface LeanRun {
  readonly patients: number;
  readonly engines: EngineResult[];
}

/** The engines the lean comparison needs: Eligo's two verdict paths and the two lean baselines. */
export const LEAN_ENGINES = ['eligo-fast', 'eligo-population', 'lean-columns', 'lean-flat'];

/**
 * Eligo's population path against the leanest hand-written code on columns, and its fast path
 * against the leanest on plain objects, side by side in one process, once per population size.
 */
export async function leanPhase(options: { sizes: readonly number[] }): Promise<LeanRun[]> {
  const runs: LeanRun[] = [];
  for (const patients of options.sizes) {
    // enginesPhase budgets are per million patients.
    runs.push({ patients, engines: await enginesPhase({ scale: patients / 1_000_000, only: LEAN_ENGINES }) });
  }
  return runs;
}
