import type { CriterionResult, Screening } from '@eligo/core';

/** A criterion as the API returns it: the CLI contract's fields, with the full trace only on request. */
export type CriterionOut = Omit<CriterionResult, 'trace'> & { readonly trace?: CriterionResult['trace'] };
export type ScreeningOut = Omit<Screening, 'cohorts'> & {
  readonly cohorts: readonly (Omit<Screening['cohorts'][number], 'criteria'> & {
    readonly criteria: readonly CriterionOut[];
  })[];
};

/**
 * The screening without each criterion's `trace` tree unless `trace` is asked for. Every criterion
 * keeps its one-line `explanation` and its `missing` list. For NCT06469190 the trees are 60 % of a
 * response's bytes (107 KB with them, 42 KB without), and most integrations read only the verdicts.
 */
export function withTraces(screening: Screening, trace: boolean): ScreeningOut {
  if (trace) return screening;
  return {
    ...screening,
    cohorts: screening.cohorts.map((cohort) => ({
      ...cohort,
      // A copy with `trace` undefined, which JSON leaves out: copying all but one key (`{ trace,
      // ...rest }`) took three times as long, for ~120 criteria per screening.
      criteria: cohort.criteria.map((criterion) => ({ ...criterion, trace: undefined })),
    })),
  };
}
