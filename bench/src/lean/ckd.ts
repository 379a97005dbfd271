/**
 * CKD-EPI 2021 as a person tuning it would write it: of min(Scr/κ, 1)^α and max(Scr/κ, 1)^−1.2 one
 * is 1, so only the other is raised, and 0.9938^age is looked up. The same numbers, bit for bit,
 * as `engines/shared/ckd.ts` (multiplying by exactly 1 changes nothing; the table is filled with
 * the same operation), which the lean tests check.
 */

const AGE_FACTOR = Float64Array.from({ length: 131 }, (_, age) => 0.9938 ** age);

export function ckdEpi2021(scrMgDl: number, female: boolean, age: number): number {
  const ratio = scrMgDl / (female ? 0.7 : 0.9);
  const scr = ratio < 1 ? ratio ** (female ? -0.241 : -0.302) : ratio ** -1.2;
  const egfr = 142 * scr * (age >= 0 && age <= 130 ? AGE_FACTOR[age]! : 0.9938 ** age);
  return female ? egfr * 1.012 : egfr;
}
