import type { CalculatorSex } from './ckdEpi';

/**
 * Cockcroft-Gault creatinine clearance in mL/min, not normalised to body surface area, and its
 * body-weight variants. Results are unrounded. Serum creatinine is in mg/dL, age in completed years,
 * weights in kg, height in cm.
 *
 * The equation was fitted on adults (18–92 years); at 140 years it reaches 0 and beyond it turns
 * negative, so it means nothing there. Every factor is positive on the adult range, which is what
 * makes the result fall with creatinine and age and rise with weight and height.
 */

const CM_PER_INCH = 2.54;
const FIVE_FEET_IN_INCHES = 60;

/**
 * Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine.
 * Nephron 1976;16:31-41: Ccr = (140 − age) × weight / (72 × Scr), 15 % less in women.
 * This is the equation as published, with the weight it is given (actual body weight in the paper).
 */
export function cockcroftGault(
  ageYears: number,
  weightKg: number,
  scrMgDl: number,
  sex: CalculatorSex,
): number {
  // A weight below 0 (Devine's line under about 1 m of height) gives no clearance: with it the
  // result would rise with creatinine, and an interval's ends would come from the wrong corners.
  if (weightKg < 0) return Number.NaN;
  return ((140 - ageYears) * weightKg * (sex === 'female' ? 0.85 : 1)) / (72 * scrMgDl);
}

/**
 * Ideal body weight in kg by Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-5:
 * 50 kg (men) or 45.5 kg (women) plus 2.3 kg per inch over 5 feet.
 *
 * Devine gave no rule below 5 feet; the line is extended downwards, 2.3 kg less per inch (Murdaugh LB,
 * Competence Assessment Tools for Health-System Pharmacies, 5th ed., ASHP 2015, ch. 29), rather than
 * held at 50 kg, which would make a 140 cm woman as "ideally" heavy as a 152 cm one. The extended line
 * stays positive above 97 cm (men) and 102 cm (women).
 */
export function idealBodyWeightDevine(heightCm: number, sex: CalculatorSex): number {
  const inchesOverFiveFeet = heightCm / CM_PER_INCH - FIVE_FEET_IN_INCHES;
  return (sex === 'female' ? 45.5 : 50) + 2.3 * inchesOverFiveFeet;
}

/**
 * Adjusted body weight: ideal weight plus 40 % of the excess, IBW + 0.4 × (actual − IBW), the
 * correction for obesity used with Cockcroft-Gault (Bauer LA, Applied Clinical Pharmacokinetics,
 * McGraw-Hill 2001). The 40 % factor comes from aminoglycoside dosing weights; Traynor AM et al.,
 * Antimicrob Agents Chemother 1995;39:545-8, cite it as established practice and measured 0.43.
 * Applied as written whatever the actual weight: below IBW the result lies between the two.
 */
export function adjustedBodyWeight(actualKg: number, idealKg: number): number {
  return idealKg + 0.4 * (actualKg - idealKg);
}

/** Cockcroft-Gault with Devine ideal body weight in place of the actual weight (references above). */
export function cockcroftGaultIdealWeight(
  ageYears: number,
  heightCm: number,
  scrMgDl: number,
  sex: CalculatorSex,
): number {
  return cockcroftGault(ageYears, idealBodyWeightDevine(heightCm, sex), scrMgDl, sex);
}

/** Cockcroft-Gault with adjusted body weight, IBW + 0.4 × (actual − IBW) (references above). */
export function cockcroftGaultAdjustedWeight(
  ageYears: number,
  weightKg: number,
  heightCm: number,
  scrMgDl: number,
  sex: CalculatorSex,
): number {
  return cockcroftGault(
    ageYears,
    adjustedBodyWeight(weightKg, idealBodyWeightDevine(heightCm, sex)),
    scrMgDl,
    sex,
  );
}

/**
 * Cockcroft-Gault with the lesser of ideal and actual body weight: "use IBW unless the actual body
 * weight is less" (Murphy JE, Clinical Pharmacokinetics Pocket Reference, ASHP 2001, p. 4; the same
 * rule in Robert S et al., Crit Care Med 1993;21:1487-95, which also raised creatinine below 1 mg/dL
 * to 1, a step not taken here).
 */
export function cockcroftGaultIdealOrActualWeight(
  ageYears: number,
  weightKg: number,
  heightCm: number,
  scrMgDl: number,
  sex: CalculatorSex,
): number {
  return cockcroftGault(ageYears, Math.min(weightKg, idealBodyWeightDevine(heightCm, sex)), scrMgDl, sex);
}
