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
  // min(r, 1)^α × max(r, 1)^−1.200: one of the two factors is 1^x = 1, so only the other is raised.
  const creatinine = ratio < 1 ? ratio ** alpha : ratio ** -1.2;
  return 142 * creatinine * ageFactor(AGE_2021, 0.9938, ageYears) * (female ? 1.012 : 1);
}

/** Levey AS et al. A new equation to estimate glomerular filtration rate. Ann Intern Med 2009;150:604-12. */
export function ckdEpi2009(scrMgDl: number, sex: CalculatorSex, ageYears: number, black = false): number {
  const female = sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.329 : -0.411;
  const ratio = scrMgDl / kappa;
  const creatinine = ratio < 1 ? ratio ** alpha : ratio ** -1.209;
  return 141 * creatinine * ageFactor(AGE_2009, 0.993, ageYears) * (female ? 1.018 : 1) * (black ? 1.159 : 1);
}

/** base^age, looked up for whole ages up to 150 (the same numbers, computed once each). */
function ageFactor(table: Float64Array, base: number, age: number): number {
  return Number.isInteger(age) && age >= 0 && age < table.length ? table[age]! : base ** age;
}

const AGE_2021 = Float64Array.from({ length: 151 }, (_, age) => 0.9938 ** age);
const AGE_2009 = Float64Array.from({ length: 151 }, (_, age) => 0.993 ** age);

/**
 * The eGFR range a creatinine range and an age range allow: eGFR falls as creatinine
 * and age rise, so the lowest estimate comes from the highest creatinine at the oldest age. An
 * unbounded creatinine (`>10`) leaves the estimate unbounded below, `<0.3` unbounded above.
 * The returned object is reused by the next call (one object shape for every caller, so the
 * engine keeps this function monomorphic).
 */
export function egfrRange(
  v2021: boolean,
  sex: CalculatorSex,
  scrLo: number,
  scrHi: number,
  youngest: number,
  oldest: number,
): { readonly lo: number; readonly hi: number } {
  const out = range;
  if (scrLo === scrHi && youngest === oldest && scrLo > 0 && scrHi !== Number.POSITIVE_INFINITY) {
    // One creatinine value and one age, the common case: both ends are the same estimate.
    const egfr = v2021 ? ckdEpi2021(scrLo, sex, youngest) : ckdEpi2009(scrLo, sex, youngest);
    out.lo = egfr;
    out.hi = egfr;
    return out;
  }
  out.lo =
    scrHi === Number.POSITIVE_INFINITY
      ? 0
      : v2021
        ? ckdEpi2021(scrHi, sex, oldest)
        : ckdEpi2009(scrHi, sex, oldest);
  out.hi =
    scrLo <= 0
      ? Number.POSITIVE_INFINITY
      : v2021
        ? ckdEpi2021(scrLo, sex, youngest)
        : ckdEpi2009(scrLo, sex, youngest);
  return out;
}

const range = { lo: 0, hi: 0 };
