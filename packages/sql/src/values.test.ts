import { compile } from '@eligo/core';
import { describe } from 'vitest';
import { itAgreesWithTheFastPath } from './testing/agreement';

/**
 * Computed values through SQL (arithmetic, BMI, the creatinine calculators, ages in months) on a
 * seeded population of intervals: results reported with comparators (`<0.5`, an end at infinity),
 * in other units, missing, partial birth dates, quotients whose divisor may be zero. Every patient
 * gets from DuckDB and PostgreSQL the status the fast path gives, criterion by criterion.
 */
const PROTOCOL = `trial T-1 "Computed values"
patient birth_date "Date of birth" from birthDate
patient sex "Sex" from gender
lab creatinine "Serum creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 g/mol
lab weight "Body weight" in kg from loinc 29463-7
lab height "Body height" in cm from loinc 8302-2
define scr = creatinine / 1 mg/dL
define kg = weight / 1 kg
define signed = 1.2 - scr
inclusion
  CG met if cockcroft_gault(creatinine, weight, sex, birth_date) >= 60 mL/min
  CG-IDEAL met if cockcroft_gault_ideal_weight(creatinine, height, sex, birth_date) < 75 mL/min
  CG-ADJUSTED met if cockcroft_gault_adjusted_weight(creatinine, weight, height, sex, birth_date) > 70 mL/min
  CG-LESSER met if cockcroft_gault_ideal_or_actual_weight(creatinine, weight, height, sex, birth_date) >= 65 mL/min
  MDRD met if mdrd(creatinine, sex, birth_date) > 50 mL/min/{1.73_m2}
  BMI met if bmi(weight, height) between 18.5 kg/m2 and 30 kg/m2
  PRODUCT met if signed * kg > 10
  PRODUCT-BELOW met if signed * kg < -20
  QUOTIENT met if kg / signed > 100
  QUOTIENT-BELOW met if kg / signed <= -150
  SUM met if scr + kg >= 70
  DIFFERENCE met if kg - scr < 60
  NESTED met if (140 - age(birth_date)) * kg / (72 * scr) * 1 mL/min >= 60 mL/min
  MONTHS met if age_in_months(birth_date) between 6 and 59
`;

const AS_OF = '2025-06-15';

/** A small seeded generator (mulberry32), so a failure names a population that can be rebuilt. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function patient(next: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const comparator = () => pick([undefined, undefined, undefined, '<', '>', '<=', '>=']);
  const result = (lo: number, hi: number, units: readonly (readonly [string, number])[]) => {
    if (next() < 0.12) return undefined;
    const [unit, factor] = pick(units);
    const value = Math.round((lo + next() * (hi - lo)) * factor * 100) / 100;
    const c = comparator();
    return [{ value, unit, ...(c === undefined ? {} : { comparator: c }), date: '2025-06-01' }];
  };
  const year = pick([1940, 1962, 1985, 2004, 2020, 2021, 2022, 2023, 2024, 2025]);
  const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
  const birth = pick([
    undefined,
    `${year}`,
    `${year}-${month}`,
    `${year}-${month}-${day}`,
    `${year}-${month}-${day}`,
  ]);
  const facts: Record<string, unknown> = {
    creatinine: result(0.2, 2.5, [
      ['mg/dL', 1],
      ['umol/L', 88.42],
    ]),
    weight: result(3, 130, [
      ['kg', 1],
      ['[lb_av]', 2.20462],
    ]),
    height: result(50, 200, [
      ['cm', 1],
      ['[in_i]', 1 / 2.54],
    ]),
    sex: pick([undefined, 'male', 'female', 'unknown']),
    birth_date: birth !== undefined && birth > AS_OF ? undefined : birth,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
}

describe('computed values through SQL', () => {
  const { protocol } = compile(PROTOCOL);
  const next = random(20261206);
  itAgreesWithTheFastPath(
    'eligo_sql_values',
    protocol!,
    Array.from({ length: 400 }, () => patient(next)),
    AS_OF,
  );
});
