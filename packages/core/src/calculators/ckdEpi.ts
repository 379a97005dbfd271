/**
 * CKD-EPI creatinine equations for estimated GFR in mL/min/{1.73_m2}. Results are unrounded:
 * criteria compare them against thresholds, and rounding first would move patients across them.
 * Serum creatinine is in mg/dL (IDMS-traceable); age in completed years.
 */

export type CalculatorSex = 'male' | 'female';

/** Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without race. NEJM 2021;385:1737-49. */
export function ckdEpi2021(scrMgDl: number, sex: CalculatorSex, ageYears: number): number {
  const female = sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = scrMgDl / kappa;
  return (
    142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** ageYears * (female ? 1.012 : 1)
  );
}

/** Levey AS et al. A new equation to estimate glomerular filtration rate. Ann Intern Med 2009;150:604-12. */
export function ckdEpi2009(scrMgDl: number, sex: CalculatorSex, ageYears: number, black = false): number {
  const female = sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.329 : -0.411;
  const ratio = scrMgDl / kappa;
  return (
    141 *
    Math.min(ratio, 1) ** alpha *
    Math.max(ratio, 1) ** -1.209 *
    0.993 ** ageYears *
    (female ? 1.018 : 1) *
    (black ? 1.159 : 1)
  );
}
