import type { Verdict } from '@eligo/core';

/** One screening document to a Screening: the same function the CLI and the web app call. */
export { screenDocument } from '@eligo/fhir';

export function verdicts(screening: {
  readonly cohorts: readonly { readonly id: string; readonly verdict: Verdict }[];
}): Record<string, Verdict> {
  return Object.fromEntries(screening.cohorts.map((c) => [c.id, c.verdict]));
}
