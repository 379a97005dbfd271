import type { Answers, Screening } from '@eligo/core';
import type { PatientRecord } from './patient-input';

/** The body of `POST /v1/protocols/{id}/screenings`, and what is screened locally. */
export interface ScreeningRequest {
  readonly asOf: string;
  readonly bundle?: Readonly<Record<string, unknown>>;
  readonly facts?: Readonly<Record<string, unknown>>;
  readonly answers: Answers;
}

export function screeningRequest(
  asOf: string,
  record: PatientRecord | undefined,
  answers: Answers,
): ScreeningRequest {
  if (!record) return { asOf, facts: {}, answers };
  return record.kind === 'bundle'
    ? { asOf, bundle: record.bundle, answers }
    : { asOf, facts: record.facts, answers };
}

/**
 * The unanswered questions that stand between an undetermined cohort and its verdict, with the
 * cohorts each would help decide, in form order.
 */
export function questionsToDecide(screening: Screening): Map<string, string[]> {
  const wanted = new Map<string, string[]>();
  for (const cohort of screening.cohorts) {
    if (cohort.verdict !== 'undetermined') continue;
    for (const q of cohort.questions) {
      const cohorts = wanted.get(q.id) ?? [];
      cohorts.push(cohort.id);
      wanted.set(q.id, cohorts);
    }
  }
  return wanted;
}
