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

/**
 * The criteria counted per kind, in the words a coordinator uses: inclusion criteria are *met*,
 * exclusion criteria *apply*; one count mixing both ("5 passed") hides which side is short.
 */
export function countsText(cohort: Pick<CohortResult, 'criteria'>): string {
  const parts: string[] = [];
  for (const [kind, verb] of [
    ['inclusion', 'met'],
    ['exclusion', 'apply'],
  ] as const) {
    const criteria = cohort.criteria.filter((c) => c.kind === kind);
    if (criteria.length === 0) continue;
    const met = criteria.filter((c) => c.status === 'met').length;
    const unknown = criteria.filter((c) => c.status === 'unknown').length;
    parts.push(`${kind}: ${met} of ${criteria.length} ${verb}${unknown > 0 ? `, ${unknown} unknown` : ''}`);
  }
  return parts.join('; ');
}

export const statusText: Record<Status, string> = { met: 'met', not_met: 'not met', unknown: 'unknown' };

export const verdictText: Record<Verdict, string> = {
  eligible: 'Eligible',
  ineligible: 'Ineligible',
  undetermined: 'Undetermined',
};

export const outcomeClass: Record<Outcome, Status> = { passes: 'met', fails: 'not_met', open: 'unknown' };
