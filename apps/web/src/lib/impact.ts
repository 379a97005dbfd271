import {
  type CohortVerdictChange,
  type CompiledProtocol,
  compactScreening,
  verdictChanges,
} from '@eligo/core';
import type { ScreeningRequest } from './request';
import { screenLocally } from './screening';

/** A patient of a sample population: a name to show (never patient data) and the screening input. */
export interface SamplePatient {
  readonly name: string;
  readonly request: ScreeningRequest;
}

/** A cohort whose verdict changes, with its label, and the criteria whose status changed with it. */
export interface VerdictChange extends CohortVerdictChange {
  readonly label: string | undefined;
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

/** Which population a preview screened: the site's recorded screenings, or the bundled examples. */
export type PreviewPopulation =
  | {
      readonly kind: 'recorded';
      /** Recorded screenings of the trial whose input was kept. */
      readonly kept: number;
      /** Of those, screened so far (the newest first). */
      readonly screened: number;
    }
  | { readonly kind: 'examples'; readonly size: number };

/**
 * Screens each sample patient against both versions, in this browser, and lists whose verdicts
 * change and which criteria's statuses changed with them (core's `verdictChanges`, as the server's
 * preview over recorded screenings).
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
    const labels = new Map(
      [...old.screening.cohorts, ...now.screening.cohorts].map((c) => [c.id, c.label] as const),
    );
    const changes = verdictChanges(compactScreening(old.screening), compactScreening(now.screening));
    if (changes.length)
      changed.push({
        name: patient.name,
        changes: changes.map((c) => ({ ...c, label: labels.get(c.cohort) })),
      });
    else unchanged++;
  }
  return { changed, unchanged, unusable };
}
