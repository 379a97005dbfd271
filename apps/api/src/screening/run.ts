import type { Screening } from '@eligo/core';

/** One screening document to a Screening: the same function the CLI and the web app call. */
export { screenDocument } from '@eligo/fhir';

export function verdicts(screening: Screening): Record<string, Screening['cohorts'][number]['verdict']> {
  return Object.fromEntries(screening.cohorts.map((c) => [c.id, c.verdict]));
}
