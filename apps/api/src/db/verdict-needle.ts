import type { Verdict } from '@eligo/core';

/**
 * The text a stored verdicts object (`JSON.stringify({ [cohortId]: verdict })`, no spaces) contains
 * exactly when a cohort has this verdict: `:"eligible"` for any cohort (a value follows the colon
 * after its key, and the quote keeps `"ineligible"` out), `"IgAN":"eligible"` for one. Found with
 * an exact substring search rather than LIKE, which SQLite compares without regard to case and
 * which would need `_` in cohort ids escaped.
 */
export function verdictNeedle(verdict: Verdict, cohort?: string): string {
  const value = JSON.stringify(verdict);
  return cohort === undefined ? `:${value}` : `${JSON.stringify(cohort)}:${value}`;
}
