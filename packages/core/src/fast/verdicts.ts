import type { CompiledCohort, CompiledCriterion } from '../compile';
import { cohortVerdict, VERDICTS } from '../decide/verdict';
import { UNKNOWN } from '../evaluate/ir';
import { Patient } from '../evaluate/patient';
import type { ScreeningInput } from '../facts/shapes';
import type { Verdict } from '../screen/types';
import { type Rule, toClosure } from './closures';

export interface FastResult {
  /** One per cohort, in the protocol's cohort order. */
  readonly verdicts: Verdict[];
  /** Each criterion's truth (0 not met, 1 met, 2 unknown), indexed like the protocol's criteria; headings are 2. */
  readonly statuses: Uint8Array;
}

/**
 * The verdict-only path: every criterion is evaluated once per patient into a reused status array,
 * and each cohort's verdict is read off it. The result's arrays are overwritten by the next call.
 */
export function fastPath(
  criteria: readonly CompiledCriterion[],
  cohorts: readonly CompiledCohort[],
): (input: ScreeningInput) => FastResult {
  const rules: (Rule | undefined)[] = criteria.map((c) => (c.rule ? toClosure(c.rule) : undefined));
  const exclusion = criteria.map((c) => c.info.kind === 'exclusion');
  const counted = cohorts.map((c) => Int32Array.from(c.members.filter((i) => !criteria[i]!.info.heading)));
  const statuses = new Uint8Array(criteria.length).fill(UNKNOWN);
  const verdicts: Verdict[] = cohorts.map(() => 'undetermined');
  const result: FastResult = { verdicts, statuses };
  const noFacts = {};
  const noAnswers = {};
  return (input) => {
    const patient = new Patient(input.facts ?? noFacts, input.answers ?? noAnswers, input.asOf, undefined);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      statuses[i] = rule ? rule(patient) : UNKNOWN;
    }
    for (let c = 0; c < counted.length; c++) {
      verdicts[c] = VERDICTS[cohortVerdict(counted[c]!, statuses, 0, exclusion)]!;
    }
    return result;
  };
}

export { cohortVerdict, VERDICTS };
