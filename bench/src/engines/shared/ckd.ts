/**
 * CKD-EPI 2021 (race-free) eGFR in mL/min/{1.73_m2} from serum creatinine in mg/dL, sex and age
 * in completed years: 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 (female).
 */
export function ckdEpi2021(scrMgDl: number, female: boolean, age: number): number {
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = scrMgDl / kappa;
  const egfr = 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** age;
  return female ? egfr * 1.012 : egfr;
}
