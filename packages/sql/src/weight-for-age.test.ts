import { compile, whoWeightAtZ, whoWeightForAgeZReported } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { randomOf } from './synthetic/random';
import { itAgreesWithTheFastPath } from './testing/agreement';

/**
 * The WHO weight-for-age z-score through SQL: children weighed at the weights WHO's curves give
 * for scores on and beside the cut-offs (−3, −2, 0, +2, +3, and ±0.005 around them, where the
 * 2-decimal rounding decides), in kg, g and lb, with comparators, with birth dates known to the
 * day, the month or the year, some past WHO's last day or weighed before birth, sexes the table
 * has and has not. Every criterion gets from DuckDB and PostgreSQL the fast path's status.
 */
const PROTOCOL = `trial T-1 "Weight-for-age"
patient birth_date "Date of birth" from birthDate
patient sex "Sex" from gender
lab weight "Body weight" in kg from loinc 29463-7
inclusion
  BELOW-MINUS-3 met if who_weight_for_age_z(weight, sex, birth_date) < -3
  AT-OR-BELOW-MINUS-3 met if who_weight_for_age_z(weight, sex, birth_date) <= -3
  REPORTED-MINUS-3 met if who_weight_for_age_z(weight, sex, birth_date) = -3.00
  MODERATE met if who_weight_for_age_z(weight, sex, birth_date) between -3 and -2
  ABOVE-MEDIAN met if who_weight_for_age_z(weight, sex, birth_date) > 0
  REPORTED-MEDIAN met if who_weight_for_age_z(weight, sex, birth_date) = 0
  HIGH met if who_weight_for_age_z(weight, sex, birth_date) >= 2
  VERY-HIGH met if who_weight_for_age_z(weight, sex, birth_date) > 3
`;

const AS_OF = '2025-06-15';
const AS_OF_DAY = Date.UTC(2025, 5, 15) / 86_400_000;
const Z = [-3.6, -3.005, -3, -2.995, -2.005, -2, -0.005, 0, 0.005, 1.995, 2, 3, 3.005, 3.4];

function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function child(index: number): Record<string, unknown> {
  const r = randomOf(20261206 + index);
  const sex = r.weighted({ male: 10, female: 10, unknown: 1, none: 1 });
  const weighed = AS_OF_DAY - r.int(0, 40);
  // Ages from a few days before birth to past WHO's last day (1826).
  const age = r.chance(0.1) ? r.int(-5, 1900) : r.int(0, 1826);
  const born = isoOf(weighed - age);
  const birth = r.weighted({ day: 12, month: 3, year: 1, none: 1 });
  const tableSex = sex === 'female' ? 'female' : 'male';
  let kg = whoWeightAtZ(tableSex, Math.min(Math.max(age, 0), 1826), r.pick(Z));
  if (r.chance(0.15)) kg = r.real(1, 30, 2);
  const unit = r.weighted({ kg: 6, g: 2, '[lb_av]': 1 });
  const value =
    unit === 'kg'
      ? Math.round(kg * 1000) / 1000
      : unit === 'g'
        ? Math.round(kg * 1000)
        : Math.round(kg * 2.20462 * 100) / 100;
  const comparator = r.weighted({ none: 12, '<': 1, '>=': 1 });
  const facts: Record<string, unknown> = {
    weight: r.chance(0.05)
      ? undefined
      : [{ value, unit, date: isoOf(weighed), ...(comparator === 'none' ? {} : { comparator }) }],
    sex: sex === 'none' ? undefined : sex,
    birth_date:
      birth === 'none' || born > AS_OF
        ? undefined
        : birth === 'day'
          ? born
          : birth === 'month'
            ? born.slice(0, 7)
            : born.slice(0, 4),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
}

describe('WHO weight-for-age z-score through SQL', () => {
  const { protocol } = compile(PROTOCOL);
  it('the seeded weights sit on both sides of the rounding at each cut-off', () => {
    // 3.005 SD past −3 reports as −3.00 or −3.01 depending on the day: both must occur.
    const reported = new Set<number>();
    for (let day = 0; day <= 1826; day += 7)
      for (const sex of ['male', 'female'] as const)
        reported.add(
          whoWeightForAgeZReported(Math.round(whoWeightAtZ(sex, day, -3.005) * 1000) / 1000, sex, day),
        );
    expect(reported.has(-3) && reported.has(-3.01)).toBe(true);
  });

  itAgreesWithTheFastPath(
    'eligo_sql_waz',
    protocol!,
    Array.from({ length: 1500 }, (_, i) => child(i)),
    AS_OF,
    'seeded children',
  );
});
