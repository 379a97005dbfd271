import type { ProtocolInfo } from '../protocol';
import type { CriterionResult, Screening, Verdict } from './types';

/** One cohort of one trial, as a patient's match: the verdict and what stands in the way. */
export interface TrialMatch {
  readonly protocol: {
    readonly id: string;
    readonly title: string | undefined;
    readonly version: string | undefined;
  };
  readonly cohort: { readonly id: string; readonly label: string | undefined };
  readonly verdict: Verdict;
  /** What would decide an undetermined cohort: each data element or question, with its label. */
  readonly missing: readonly { readonly id: string; readonly label: string }[];
  /** What makes an ineligible cohort so: inclusions not met and exclusions met. */
  readonly failed: readonly {
    readonly id: string;
    readonly title: string | undefined;
    readonly explanation: string;
  }[];
}

const ORDER: Record<Verdict, number> = { eligible: 0, undetermined: 1, ineligible: 2 };

/**
 * Every cohort of every screening, best prospects first: eligible, then undetermined with the fewest
 * missing items first (the closest to a decision), then ineligible with the fewest failed criteria
 * first. Ties keep trial and cohort ids in order, so the ranking is stable.
 */
export function rankMatches(
  screened: readonly { readonly info: ProtocolInfo; readonly screening: Screening }[],
): TrialMatch[] {
  const matches = screened.flatMap(({ info, screening }) => {
    const labels = new Map(info.elements.map((e) => [e.id, e.label]));
    return screening.cohorts.map(
      (cohort): TrialMatch => ({
        protocol: { id: info.id, title: info.title, version: info.version },
        cohort: { id: cohort.id, label: cohort.label },
        verdict: cohort.verdict,
        missing:
          cohort.verdict === 'undetermined'
            ? cohort.missing.map((id) => ({ id, label: labels.get(id) ?? id }))
            : [],
        failed: cohort.verdict === 'ineligible' ? cohort.criteria.filter(failing).map(brief) : [],
      }),
    );
  });
  return matches.sort(
    (a, b) =>
      ORDER[a.verdict] - ORDER[b.verdict] ||
      a.missing.length - b.missing.length ||
      a.failed.length - b.failed.length ||
      compare(a.protocol.id, b.protocol.id) ||
      compare(a.cohort.id, b.cohort.id),
  );
}

function failing(criterion: CriterionResult): boolean {
  return criterion.kind === 'inclusion' ? criterion.status === 'not_met' : criterion.status === 'met';
}

function brief(criterion: CriterionResult) {
  return { id: criterion.id, title: criterion.title, explanation: criterion.explanation };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
