/**
 * Albumin-corrected total calcium in mg/dL, unrounded: Ca + 0.8 × (4 − albumin), calcium in mg/dL
 * and albumin in g/dL. This is the US form of the adjustment of Payne RB, Little AJ, Williams RB,
 * Milner JR. Interpretation of serum calcium in patients with abnormal serum proteins.
 * BMJ 1973;4:643-6, whose SI form adds 0.02 mmol/L per g/L of albumin below 40 g/L (the same slope
 * to within 0.2 %: 0.02 mmol/L × 40.08 mg/mmol = 0.8016 mg/dL).
 */
export function correctedCalcium(calciumMgDl: number, albuminGdl: number): number {
  return calciumMgDl + 0.8 * (4 - albuminGdl);
}
