import type { CompiledCohort, CompiledCriterion } from '../compile';
import { UNKNOWN } from '../evaluate/ir';
import { cohortVerdict, VERDICTS } from '../fast/verdicts';
import type { Verdict } from '../screen/types';
import type { PopulationBatch } from './columns';
import { type BatchScreen, generateBatchScreen } from './generate';
import { batchContext } from './reading';
import { Binding, type BoundRule, bindRule } from './rules';

/** Verdict codes in a population result. */
export const VERDICT_CODES: readonly Verdict[] = VERDICTS;

export interface PopulationVerdicts {
  readonly size: number;
  /** Patient-major: patient i's verdict for cohort c is `verdicts[i * cohorts + c]`, a VERDICT_CODES index. */
  readonly verdicts: Uint8Array;
  readonly cohorts: number;
  /**
   * With `statuses: true`: patient i's status of criterion k is `statuses[i * criteria + k]`
   * (0 not met, 1 met, 2 unknown; headings 2), k indexed like the protocol's criteria.
   */
  readonly statuses: Uint8Array | undefined;
  readonly criteria: number;
}

/**
 * The population path: each batch binds the compiled rules to its columns once, then every patient
 * is screened by index. Verdicts are the same as the single-patient paths give for the same facts.
 * The rules run as generated code where the host allows it (`generate.ts`), else as closures.
 */
export function populationPath(
  criteria: readonly CompiledCriterion[],
  cohorts: readonly CompiledCohort[],
  how: { generate: boolean } = { generate: true },
): (batch: PopulationBatch, options?: { statuses?: boolean }) => PopulationVerdicts {
  // Made on first use: compiling a protocol for single screenings (or in a browser that forbids
  // generating code) never pays for it.
  let generated: BatchScreen | undefined | null = how.generate ? undefined : null;
  let closures:
    | ((batch: PopulationBatch, options?: { statuses?: boolean }) => PopulationVerdicts)
    | undefined;
  return (batch, options = {}) => {
    if (generated === undefined) generated = generateBatchScreen(criteria, cohorts) ?? null;
    if (generated !== null) return generated(batch, options.statuses === true);
    closures ??= closurePath(criteria, cohorts);
    return closures(batch, options);
  };
}

/** The same screen with the rules bound as closures, per batch. */
function closurePath(
  criteria: readonly CompiledCriterion[],
  cohorts: readonly CompiledCohort[],
): (batch: PopulationBatch, options?: { statuses?: boolean }) => PopulationVerdicts {
  const exclusion = criteria.map((c) => c.info.kind === 'exclusion');
  const counted = cohorts.map((c) => Int32Array.from(c.members.filter((i) => !criteria[i]!.info.heading)));
  const n = criteria.length;
  return (batch, options = {}) => {
    const binding = new Binding(batchContext(batch));
    const rules: (BoundRule | undefined)[] = criteria.map((c) =>
      c.rule ? bindRule(c.rule, binding) : undefined,
    );
    const size = batch.size;
    const verdicts = new Uint8Array(size * counted.length);
    const statuses = new Uint8Array(n).fill(UNKNOWN);
    const all = options.statuses ? new Uint8Array(size * n) : undefined;
    for (let i = 0; i < size; i++) {
      for (let k = 0; k < n; k++) {
        const rule = rules[k];
        if (rule !== undefined) statuses[k] = rule(i);
      }
      if (all !== undefined) all.set(statuses, i * n);
      for (let c = 0; c < counted.length; c++) {
        verdicts[i * counted.length + c] = cohortVerdict(counted[c]!, statuses, 0, exclusion);
      }
    }
    return { size, verdicts, cohorts: counted.length, statuses: all, criteria: n };
  };
}
