/**
 * MELD and MELD-Na as the OPTN/UNOS allocation policy computes them for candidates aged 12 and over
 * (OPTN Policy 9.1, MELD score; sodium added January 2016). Creatinine and bilirubin in mg/dL, INR
 * as a ratio, sodium in mmol/L (= mEq/L). Dimensionless.
 *
 * The policy's bounds, all applied here:
 * - creatinine, bilirubin and INR below 1.0 are set to 1.0 (their logarithms would subtract);
 * - creatinine above 4.0 mg/dL is set to 4.0, and so is the creatinine of a candidate dialysed twice
 *   or more, or given 24 hours of CVVHD, in the week before the test (`dialysis`);
 * - sodium is held within 125–137 mmol/L;
 * - the score is capped at 40 ("still called MELD, still capped at 40", OPTN Liver and Intestinal
 *   Committee, Proposal to Add Serum Sodium to the MELD Score, 2014).
 *
 * The policy reports whole numbers; these functions return the value before that last rounding.
 */

const MAX_SCORE = 40;

/**
 * Kamath PS et al. A model to predict survival in patients with end-stage liver disease.
 * Hepatology 2001;33:464-70, with the UNOS bounds (Wiesner R et al., Gastroenterology
 * 2003;124:91-6): 10 × (0.957 ln Cr + 0.378 ln bilirubin + 1.120 ln INR + 0.643), at most 40.
 */
export function meld(creatinineMgDl: number, bilirubinMgDl: number, inr: number, dialysis: boolean): number {
  return Math.min(MAX_SCORE, 10 * initialMeld(creatinineMgDl, bilirubinMgDl, inr, dialysis));
}

/**
 * MELD-Na, OPTN policy of January 2016 after Kim WR et al. Hyponatremia and mortality among patients
 * on the liver-transplant waiting list. N Engl J Med 2008;359:1018-26: when MELD(i) > 11,
 * MELD = MELD(i) + 1.32 × (137 − Na) − 0.033 × MELD(i) × (137 − Na), at most 40.
 *
 * The policy rounds MELD(i) to the tenth and multiplies it by 10 before the sodium step, and that
 * rounding is kept: it is part of the published score (creatinine 1.0, bilirubin 1.5, INR 1.5,
 * sodium 135 is 14.78 → 15 with it, 14.32 → 14 without). Where the sodium step does not apply
 * (MELD(i) ≤ 11) nothing is rounded and the result equals `meld`.
 *
 * A higher sodium never raises the score: its coefficient 1.32 − 0.033 × MELD(i) is positive below
 * 40 and 0 at 40, and above 40 the cap holds the score at 40 whatever the sodium. Without the cap
 * the score would rise with sodium once MELD(i) passed 40.
 */
export function meldNa(
  creatinineMgDl: number,
  bilirubinMgDl: number,
  inr: number,
  sodiumMmolL: number,
  dialysis: boolean,
): number {
  const initial = 10 * initialMeld(creatinineMgDl, bilirubinMgDl, inr, dialysis);
  const rounded = Math.round(initial);
  if (rounded <= 11) return initial;
  const deficit = 137 - Math.min(137, Math.max(125, sodiumMmolL));
  return Math.min(MAX_SCORE, rounded + 1.32 * deficit - 0.033 * rounded * deficit);
}

/** MELD(i) of the policy, on its own scale (0.643 for normal values), before rounding. */
function initialMeld(creatinineMgDl: number, bilirubinMgDl: number, inr: number, dialysis: boolean): number {
  const creatinine = dialysis ? 4 : Math.min(4, Math.max(1, creatinineMgDl));
  return (
    0.957 * Math.log(creatinine) +
    0.378 * Math.log(Math.max(1, bilirubinMgDl)) +
    1.12 * Math.log(Math.max(1, inr)) +
    0.643
  );
}
