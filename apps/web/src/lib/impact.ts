import type { CompiledProtocol, Screening, Status, Verdict } from '@eligo/core';
import type { ScreeningRequest } from './request';
import { screenLocally } from './screening';

/** A patient of a sample population: a name to show (never patient data) and the screening input. */
export interface SamplePatient {
  readonly name: string;
  readonly request: ScreeningRequest;
}

export interface StatusChange {
  readonly id: string;
  /** Undefined where the criterion does not apply to the cohort in that version. */
  readonly before: Status | undefined;
  readonly after: Status | undefined;
}

export interface VerdictChange {
  readonly cohort: string;
  readonly label: string | undefined;
  /** Undefined where the cohort does not exist in that version. */
  readonly before: Verdict | undefined;
  readonly after: Verdict | undefined;
  /** Why: the cohort's criteria whose status differs between the versions, in the new order. */
  readonly criteria: readonly StatusChange[];
}

export interface PatientImpact {
  readonly name: string;
  readonly changes: readonly VerdictChange[];
}

export interface Impact {
  /** Patients with at least one cohort's verdict changed. */
  readonly changed: readonly PatientImpact[];
  /** Patients screened with the same verdict in every cohort. */
  readonly unchanged: number;
  /** Patients one of the versions cannot screen (their input does not fit it), with the first problem. */
  readonly unusable: readonly {
    readonly name: string;
    readonly version: 'old' | 'new';
    readonly problem: string;
  }[];
}

function statuses(cohort: Screening['cohorts'][number] | undefined): Map<string, Status> {
  return new Map(cohort?.criteria.map((c) => [c.id, c.status]) ?? []);
}

function verdictChanges(before: Screening, after: Screening): VerdictChange[] {
  const ids = [...new Set([...after.cohorts.map((c) => c.id), ...before.cohorts.map((c) => c.id)])];
  const changes: VerdictChange[] = [];
  for (const id of ids) {
    const old = before.cohorts.find((c) => c.id === id);
    const now = after.cohorts.find((c) => c.id === id);
    if (old?.verdict === now?.verdict) continue;
    const was = statuses(old);
    const is = statuses(now);
    const criteria = [...new Set([...is.keys(), ...was.keys()])]
      .filter((c) => was.get(c) !== is.get(c))
      .map((c) => ({ id: c, before: was.get(c), after: is.get(c) }));
    changes.push({
      cohort: id,
      label: now?.label ?? old?.label,
      before: old?.verdict,
      after: now?.verdict,
      criteria,
    });
  }
  return changes;
}

/**
 * Screens each sample patient against both versions, in this browser, and lists whose verdicts
 * change and which criteria's statuses changed with them. An unknown stays unknown on both sides:
 * a change from unknown to met is a change, never read as the same.
 */
export function impactOf(
  before: CompiledProtocol,
  after: CompiledProtocol,
  sample: readonly SamplePatient[],
): Impact {
  const changed: PatientImpact[] = [];
  const unusable: { name: string; version: 'old' | 'new'; problem: string }[] = [];
  let unchanged = 0;
  for (const patient of sample) {
    const old = screenLocally(before, patient.request);
    const now = screenLocally(after, patient.request);
    if (!old.ok || !now.ok) {
      const failed = !old.ok ? old : now.ok ? undefined : now;
      const problem = failed?.problems[0];
      unusable.push({
        name: patient.name,
        version: !old.ok ? 'old' : 'new',
        problem: problem ? `${problem.path}: ${problem.message}` : 'the input cannot be screened',
      });
      continue;
    }
    const changes = verdictChanges(old.screening, now.screening);
    if (changes.length) changed.push({ name: patient.name, changes });
    else unchanged++;
  }
  return { changed, unchanged, unusable };
}
