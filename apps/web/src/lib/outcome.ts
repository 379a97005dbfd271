import type { CohortResult, CriterionResult, Status, Verdict } from '@eligo/core';

/**
 * What a criterion's result means for the candidate: an exclusion that is *met* counts against
 * them, so colour and ordering follow this, while the text keeps the criterion's own status.
 */
export type Outcome = 'passes' | 'fails' | 'open';

export function outcome(c: Pick<CriterionResult, 'kind' | 'status'>): Outcome {
  if (c.status === 'unknown') return 'open';
  const met = c.status === 'met';
  return met === (c.kind === 'inclusion') ? 'passes' : 'fails';
}

/** The criteria worth a first look: those that exclude the candidate, then those still open. */
export function notable(cohort: CohortResult): CriterionResult[] {
  const fails = cohort.criteria.filter((c) => outcome(c) === 'fails');
  const open = cohort.criteria.filter((c) => outcome(c) === 'open');
  return [...fails, ...open];
}

export function tally(cohort: CohortResult): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { passes: 0, fails: 0, open: 0 };
  for (const c of cohort.criteria) counts[outcome(c)]++;
  return counts;
}

export const statusText: Record<Status, string> = { met: 'met', not_met: 'not met', unknown: 'unknown' };

export const verdictText: Record<Verdict, string> = {
  eligible: 'Eligible',
  ineligible: 'Ineligible',
  undetermined: 'Undetermined',
};

export const outcomeClass: Record<Outcome, Status> = { passes: 'met', fails: 'not_met', open: 'unknown' };
