import type { ConditionEntry } from '../patient';

/**
 * The dictionaries of the lean layouts: each code is a small integer, its index here. Statuses are
 * listed in the order that lets the criteria test ranges (active kinds first, refuted last).
 */

export const CLINICAL: readonly ConditionEntry['clinicalStatus'][] = [
  'active',
  'recurrence',
  'relapse',
  'inactive',
  'remission',
  'resolved',
];
/** Clinical codes above this one are not active. */
export const LAST_ACTIVE = 2;

export const VERIFICATION: readonly ConditionEntry['verificationStatus'][] = [
  'confirmed',
  'provisional',
  'differential',
  'unconfirmed',
  'refuted',
  'entered-in-error',
];
export const CONFIRMED = 0;
/** Verification codes from this one on mean the record does not count. */
export const FIRST_VOID = 4;

export const SEX = { none: 0, female: 1, male: 2, other: 3 } as const;

/**
 * Day numbers that no real date reaches: a missing birth date, an absent slot, an open-ended
 * course. Within V8's small integers, so flat objects keep them as integers, not boxed doubles.
 */
export const NO_BIRTH = -(2 ** 30);
export const NEVER = 2 ** 30 - 1;

/** The labs, the record kinds and the unit dictionary per lab (a unit's code is its index). */
export const LABS = [
  'wbc',
  'neutrophils',
  'hemoglobin',
  'alt',
  'ast',
  'bilirubin_total',
  'serum_creatinine',
] as const;
export type Lab = (typeof LABS)[number];

export const CONDITIONS = ['gilbert_syndrome', 'diabetes', 'malignant_neoplasm', 'active_infection'] as const;
export type ConditionKind = (typeof CONDITIONS)[number];

export function codeOf<T>(dictionary: readonly T[], value: T): number {
  const code = dictionary.indexOf(value);
  if (code < 0) throw new Error(`${String(value)} is not in the lean layout's dictionary`);
  return code;
}
