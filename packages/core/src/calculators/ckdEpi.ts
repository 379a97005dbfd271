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
