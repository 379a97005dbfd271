import type { CalculatorSex } from './ckdEpi';

/**
 * MDRD study equation, 4 variables, for IDMS-traceable creatinine (mg/dL): eGFR in
 * mL/min/{1.73_m2}. Levey AS et al. Expressing the MDRD study equation for estimating GFR with
 * standardized serum creatinine values. Clin Chem 2007;53:766-72. The race coefficient (1.212) is
 * not applied: no record here states race, and the 2021 recommendations dropped it.
 */
export function mdrd(scrMgDl: number, sex: CalculatorSex, ageYears: number): number {
  return 175 * scrMgDl ** -1.154 * ageYears ** -0.203 * (sex === 'female' ? 0.742 : 1);
}
