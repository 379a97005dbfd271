export type Status = 'met' | 'not_met' | 'unknown';
export type Verdict = 'eligible' | 'ineligible' | 'undetermined';

/**
 * One step of an explanation: what was looked at, what it gave, and why. A person reads
 * `text`; a program reads the rest.
 */
export interface Trace {
  /** "ALT 95 U/L (2025-03-12) ≤ 3 × ULN (ULN 40 U/L → 120 U/L)" */
  readonly text: string;
  readonly status: Status;
  /** Element ids this step read. */
  readonly elements?: readonly string[] | undefined;
  /** Date of the record used, when one was. */
  readonly date?: string | undefined;
  readonly children?: readonly Trace[] | undefined;
}

export interface CriterionResult {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly title: string | undefined;
  readonly source: string | undefined;
  readonly status: Status;
  /** One line a person can read: the trace's text and status. */
  readonly explanation: string;
  readonly trace: Trace;
  /** When unknown: the element ids whose data would decide it. Empty otherwise. */
  readonly missing: readonly string[];
}

export interface CohortResult {
  readonly id: string;
  readonly label: string | undefined;
  readonly verdict: Verdict;
  readonly criteria: readonly CriterionResult[];
  /** Union of the unknown criteria's missing elements. */
  readonly missing: readonly string[];
  /** The unanswered questions among `missing`, with their text, for the screening form. */
  readonly questions: readonly { readonly id: string; readonly text: string }[];
}

export interface Screening {
  readonly protocol: { readonly id: string; readonly version: string | undefined; readonly hash: string };
  readonly asOf: string;
  readonly cohorts: readonly CohortResult[];
  /** Problems with the input that did not stop the screening (unconvertible unit, …). */
  readonly warnings: readonly InputWarning[];
}

/** A problem with the patient input that did not stop the screening; the datum is treated as missing. */
export interface InputWarning {
  readonly code: string;
  readonly message: string;
  /** Where in the input: `facts.wbc[0].unit`, `bundle.entry[3].resource.valueQuantity.unit`. */
  readonly path?: string | undefined;
  /** The data element concerned, when known. */
  readonly element?: string | undefined;
}
