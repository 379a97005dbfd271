import type { CompactScreening } from './compact';
import type { Status, Verdict } from './types';

export interface CriterionStatusChange {
  readonly id: string;
  /** Undefined where the criterion is not in the cohort in that screening. */
  readonly before: Status | undefined;
  readonly after: Status | undefined;
}

export interface CohortVerdictChange {
  readonly cohort: string;
  /** Undefined where the cohort is not in that screening. */
  readonly before: Verdict | undefined;
  readonly after: Verdict | undefined;
  /** Why: the cohort's criteria whose status differs, in the later screening's order, then those it lost. */
  readonly criteria: readonly CriterionStatusChange[];
}

/**
 * The cohorts whose verdict differs between two screenings of one patient (by two versions of a
 * protocol, say), each with the criteria whose status changed with it. Unknown is a status like the
 * others: unknown → met is a change. Cohorts in the later screening's order, then those it lost.
 */
export function verdictChanges(before: CompactScreening, after: CompactScreening): CohortVerdictChange[] {
  const was = new Map(before.cohorts.map((c) => [c.id, c]));
  const is = new Map(after.cohorts.map((c) => [c.id, c]));
  const changes: CohortVerdictChange[] = [];
  for (const id of new Set([...is.keys(), ...was.keys()])) {
    const old = was.get(id);
    const now = is.get(id);
    if (old?.verdict === now?.verdict) continue;
    // Maps, not the records themselves: a criterion may be named `__proto__`.
    const oldStatus = new Map(Object.entries(old?.criteria ?? {}));
    const newStatus = new Map(Object.entries(now?.criteria ?? {}));
    const criteria = [...new Set([...newStatus.keys(), ...oldStatus.keys()])]
      .filter((c) => oldStatus.get(c) !== newStatus.get(c))
      .map((c) => ({ id: c, before: oldStatus.get(c), after: newStatus.get(c) }));
    changes.push({ cohort: id, before: old?.verdict, after: now?.verdict, criteria });
  }
  return changes;
}
