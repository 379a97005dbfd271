import type { CohortResult, CriterionResult, InputWarning, Screening, Status, Verdict } from './types';

/**
 * A cohort's result without text: its verdict, each criterion's status by id, and for each unknown
 * criterion the data elements that would decide it. Titles, sources and kinds are the protocol's
 * (`ProtocolInfo`), the same for every patient, so a stream of screenings need not repeat them.
 */
export interface CompactCohort {
  readonly id: string;
  readonly verdict: Verdict;
  /** Every criterion of the cohort, headings included, in the cohort's order. */
  readonly criteria: Readonly<Record<string, Status>>;
  /** The unknown criteria that some data would decide, each with those elements. */
  readonly missing: Readonly<Record<string, readonly string[]>>;
}

/** A screening as a stream or an integration reads it: statuses and what is missing, no text. */
export interface CompactScreening {
  readonly protocol: Screening['protocol'];
  readonly asOf: string;
  readonly cohorts: readonly CompactCohort[];
  readonly warnings: readonly InputWarning[];
}

/**
 * The screening without titles, sources, explanations, questions or traces. Statuses stay per
 * cohort: a heading is decided by the sub-criteria of its own cohort, which can differ.
 */
export function compactScreening(screening: Screening): CompactScreening {
  return {
    protocol: screening.protocol,
    asOf: screening.asOf,
    cohorts: screening.cohorts.map((cohort) => {
      // No prototype: a criterion may be named `__proto__`, which would otherwise set one.
      const criteria: Record<string, Status> = Object.create(null);
      const missing: Record<string, readonly string[]> = Object.create(null);
      for (const c of cohort.criteria) {
        criteria[c.id] = c.status;
        if (c.missing.length > 0) missing[c.id] = c.missing;
      }
      return { id: cohort.id, verdict: cohort.verdict, criteria, missing };
    }),
    warnings: screening.warnings,
  };
}

/** A screening whose criteria may lack their `trace` tree (`withoutTraces`). */
export type UntracedScreening = Omit<Screening, 'cohorts'> & {
  readonly cohorts: readonly (Omit<CohortResult, 'criteria'> & {
    readonly criteria: readonly (Omit<CriterionResult, 'trace'> & { readonly trace?: CriterionResult['trace'] })[];
  })[];
};

/**
 * The full screening without each criterion's `trace` tree; every criterion keeps its title,
 * source, one-line `explanation` and `missing` list. For NCT06469190 the trees are 60 % of a
 * screening's bytes.
 */
export function withoutTraces(screening: Screening): UntracedScreening {
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
