import { bmi } from './bmi';
import { bsaDuBois, bsaMosteller } from './bodySurfaceArea';
import { type CalculatorSex, ckdEpi2009, ckdEpi2021 } from './ckdEpi';
import {
  cockcroftGault,
  cockcroftGaultAdjustedWeight,
  cockcroftGaultIdealOrActualWeight,
  cockcroftGaultIdealWeight,
} from './cockcroftGault';
import { correctedCalcium } from './correctedCalcium';
import { mdrd } from './mdrd';
import { meld, meldNa } from './meld';
import { qtcBazett, qtcFridericia } from './qtc';
import { WHO_WEIGHT_FOR_AGE_LAST_DAY, whoWeightForAgeZRange, whoWeightForAgeZReported } from './weightForAge';

/**
 * One calculator's parameter. A quantity is converted to `unit` (UCUM) before the call; `age` is the
 * patient's age in completed years on the date of the calculator's measured inputs, which the caller
 * computes from the birth date; `ageInDays` the days from the birth date to that date; `sex` is
 * 'male' or 'female'; `boolean` a plain yes/no.
 */
export type CalculatorParameter =
  | { readonly name: string; readonly kind: 'quantity'; readonly unit: string; readonly expects: string }
  | { readonly name: string; readonly kind: 'sex' }
  | { readonly name: string; readonly kind: 'age' }
  | { readonly name: string; readonly kind: 'ageInDays' }
  | { readonly name: string; readonly kind: 'boolean' };

/** An argument as `compute` takes it: a number in the parameter's unit (age in years), a sex, or a boolean. */
export type CalculatorArgument = number | CalculatorSex | boolean;

/** +1: the result never decreases as the argument rises; −1: never increases; 0: not a number. */
export type Monotonicity = 1 | -1 | 0;

export interface CalculatorDefinition {
  /** As authors write it in a criterion: `cockcroft_gault`. */
  readonly name: string;
  readonly title: string;
  /** The published source of the formula. */
  readonly reference: string;
  readonly parameters: readonly CalculatorParameter[];
  /** UCUM unit of the result. */
  readonly resultUnit: string;
  /**
   * The result from arguments in the order and units of `parameters`: unrounded, unless
   * `reportedDecimals` says the source defines it rounded. NaN where the source defines no value
   * (a WHO z-score past the table's last day).
   */
  readonly compute: (args: readonly CalculatorArgument[]) => number;
  /**
   * Per parameter, in order. Callers bound a result from argument intervals by evaluating the
   * corners, so a numeric parameter marked ±1 must be monotone over the whole physiological range
   * (checked by the property tests in library.test.ts). A numeric parameter marked 0 is not
   * monotone: the calculator then gives `range`.
   */
  readonly monotone: readonly Monotonicity[];
  /**
   * For a calculator not monotone in some numeric argument: the lowest and highest result over the
   * box of arguments from `lows` to `highs` (each argument's own low and high end; a sex or a
   * boolean the same in both). NaN at an end the source leaves undefined somewhere in the box.
   */
  readonly range?: (
    lows: readonly CalculatorArgument[],
    highs: readonly CalculatorArgument[],
  ) => readonly [number, number];
  /**
   * What the source defines a value for, said when every input is known and still no value results
   * (an age past WHO's table).
   */
  readonly domain?: string;
  /**
   * Decimals the source reports the result to *and reads its cut-offs on* (WHO reports z-scores to
   * 2 decimals; severe underweight is a reported WAZ below −3). `compute` applies it, so a threshold
   * written in the source's terms compares with the value the source would compare.
   */
  readonly reportedDecimals?: number;
  /**
   * Decimals the defining source rounds its score to, where the score is defined as rounded (UNOS
   * reports MELD as a whole number). `compute` does not apply it; a caller comparing with a threshold
   * written in the source's terms may.
   */
  readonly sourceRounding?: number;
}

const creatinine = quantity(
  'serum creatinine',
  'mg/dL',
  'a serum creatinine (mass or substance concentration)',
);
const weight = quantity('weight', 'kg', 'a body weight (a mass)');
const heightCm = quantity('height', 'cm', 'a body height (a length)');
const sex: CalculatorParameter = { name: 'sex', kind: 'sex' };
const age: CalculatorParameter = { name: 'age', kind: 'age' };
const bilirubin = quantity(
  'total bilirubin',
  'mg/dL',
  'a serum total bilirubin (mass or substance concentration)',
);
const inr = quantity('INR', '1', 'an INR (a ratio without unit)');
const dialysis: CalculatorParameter = { name: 'dialysis', kind: 'boolean' };
const ageInDays: CalculatorParameter = { name: 'age in days', kind: 'ageInDays' };

const COCKCROFT_GAULT =
  'Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron 1976;16:31-41.';
const DEVINE = 'Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-5 (ideal body weight).';
const KAMATH =
  'Kamath PS et al. A model to predict survival in patients with end-stage liver disease. Hepatology 2001;33:464-70; UNOS bounds: Wiesner R et al. Gastroenterology 2003;124:91-6.';

export const CALCULATOR_LIBRARY: readonly CalculatorDefinition[] = [
  {
    name: 'cockcroft_gault',
    title: 'Creatinine clearance, Cockcroft-Gault, actual body weight',
    reference: COCKCROFT_GAULT,
    parameters: [creatinine, weight, sex, age],
    resultUnit: 'mL/min',
    compute: (a) => cockcroftGault(num(a, 3), num(a, 1), num(a, 0), sexOf(a, 2)),
    monotone: [-1, 1, 0, -1],
  },
  {
    name: 'cockcroft_gault_ideal_weight',
    title: 'Creatinine clearance, Cockcroft-Gault, ideal body weight (Devine)',
    reference: `${COCKCROFT_GAULT} ${DEVINE}`,
    parameters: [creatinine, heightCm, sex, age],
    resultUnit: 'mL/min',
    compute: (a) => cockcroftGaultIdealWeight(num(a, 3), num(a, 1), num(a, 0), sexOf(a, 2)),
    monotone: [-1, 1, 0, -1],
  },
  {
    name: 'cockcroft_gault_adjusted_weight',
    title: 'Creatinine clearance, Cockcroft-Gault, adjusted body weight (IBW + 0.4 × excess)',
    reference: `${COCKCROFT_GAULT} ${DEVINE} Adjusted weight IBW + 0.4 × (actual − IBW): Bauer LA. Applied Clinical Pharmacokinetics. McGraw-Hill 2001.`,
    parameters: [creatinine, weight, heightCm, sex, age],
    resultUnit: 'mL/min',
    compute: (a) => cockcroftGaultAdjustedWeight(num(a, 4), num(a, 1), num(a, 2), num(a, 0), sexOf(a, 3)),
    monotone: [-1, 1, 1, 0, -1],
  },
  {
    name: 'cockcroft_gault_ideal_or_actual_weight',
    title: 'Creatinine clearance, Cockcroft-Gault, ideal body weight or the actual weight when lower',
    reference: `${COCKCROFT_GAULT} ${DEVINE} Rule: Murphy JE. Clinical Pharmacokinetics Pocket Reference. ASHP 2001, p. 4.`,
    parameters: [creatinine, weight, heightCm, sex, age],
    resultUnit: 'mL/min',
    compute: (a) =>
      cockcroftGaultIdealOrActualWeight(num(a, 4), num(a, 1), num(a, 2), num(a, 0), sexOf(a, 3)),
    monotone: [-1, 1, 1, 0, -1],
  },
  {
    name: 'bsa_mosteller',
    title: 'Body surface area, Mosteller',
    reference: 'Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317:1098.',
    parameters: [weight, heightCm],
    resultUnit: 'm2',
    compute: (a) => bsaMosteller(num(a, 1), num(a, 0)),
    monotone: [1, 1],
  },
  {
    name: 'bsa_dubois',
    title: 'Body surface area, Du Bois',
    reference:
      'Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height and weight be known. Arch Intern Med 1916;17:863-71.',
    parameters: [weight, heightCm],
    resultUnit: 'm2',
    compute: (a) => bsaDuBois(num(a, 1), num(a, 0)),
    monotone: [1, 1],
  },
  {
    name: 'meld',
    title: 'MELD score (UNOS, before sodium)',
    reference: KAMATH,
    parameters: [creatinine, bilirubin, inr, dialysis],
    resultUnit: '1',
    compute: (a) => meld(num(a, 0), num(a, 1), num(a, 2), bool(a, 3)),
    monotone: [1, 1, 1, 0],
    sourceRounding: 0,
  },
  {
    name: 'meld_na',
    title: 'MELD-Na score (OPTN/UNOS policy of 2016)',
    reference: `Kim WR et al. Hyponatremia and mortality among patients on the liver-transplant waiting list. N Engl J Med 2008;359:1018-26; OPTN Policy 9.1 (2016). ${KAMATH}`,
    parameters: [
      creatinine,
      bilirubin,
      inr,
      quantity('serum sodium', 'mmol/L', 'a serum sodium (a substance concentration)'),
      dialysis,
    ],
    resultUnit: '1',
    compute: (a) => meldNa(num(a, 0), num(a, 1), num(a, 2), num(a, 3), bool(a, 4)),
    monotone: [1, 1, 1, -1, 0],
    sourceRounding: 0,
  },
  {
    name: 'qtc_fridericia',
    title: 'QT interval corrected for heart rate, Fridericia',
    reference:
      'Fridericia LS. Die Systolendauer im Elektrokardiogramm bei normalen Menschen und bei Herzkranken. Acta Med Scand 1920;53:469-86.',
    parameters: [qt(), heartRate()],
    resultUnit: 'ms',
    compute: (a) => qtcFridericia(num(a, 0), num(a, 1)),
    monotone: [1, 1],
  },
  {
    name: 'qtc_bazett',
    title: 'QT interval corrected for heart rate, Bazett',
    reference: 'Bazett HC. An analysis of the time-relations of electrocardiograms. Heart 1920;7:353-70.',
    parameters: [qt(), heartRate()],
    resultUnit: 'ms',
    compute: (a) => qtcBazett(num(a, 0), num(a, 1)),
    monotone: [1, 1],
  },
  {
    name: 'corrected_calcium',
    title: 'Total calcium corrected for albumin (Payne)',
    reference:
      'Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with abnormal serum proteins. BMJ 1973;4:643-6.',
    parameters: [
      quantity('total calcium', 'mg/dL', 'a serum total calcium (mass or substance concentration)'),
      quantity('albumin', 'g/dL', 'a serum albumin (a mass concentration)'),
    ],
    resultUnit: 'mg/dL',
    compute: (a) => correctedCalcium(num(a, 0), num(a, 1)),
    monotone: [1, -1],
  },
  {
    name: 'bmi',
    title: 'Body mass index',
    reference: 'Keys A et al. Indices of relative weight and obesity. J Chronic Dis 1972;25:329-43.',
    parameters: [weight, quantity('height', 'm', 'a body height (a length)')],
    resultUnit: 'kg/m2',
    compute: (a) => bmi(num(a, 0), num(a, 1)),
    monotone: [1, -1],
  },
  {
    name: 'ckd_epi_2021',
    title: 'eGFR, CKD-EPI creatinine equation 2021 (race-free)',
    reference:
      'Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without race. N Engl J Med 2021;385:1737-49.',
    parameters: [creatinine, sex, age],
    resultUnit: 'mL/min/{1.73_m2}',
    compute: (a) => ckdEpi2021(num(a, 0), sexOf(a, 1), num(a, 2)),
    monotone: [-1, 0, -1],
  },
  {
    // The language's ckd_epi_2009 has no race argument, so the race coefficient is never applied.
    name: 'ckd_epi_2009',
    title: 'eGFR, CKD-EPI creatinine equation 2009, without the race coefficient',
    reference:
      'Levey AS et al. A new equation to estimate glomerular filtration rate. Ann Intern Med 2009;150:604-12.',
    parameters: [creatinine, sex, age],
    resultUnit: 'mL/min/{1.73_m2}',
    compute: (a) => ckdEpi2009(num(a, 0), sexOf(a, 1), num(a, 2)),
    monotone: [-1, 0, -1],
  },
  {
    name: 'mdrd',
    title: 'eGFR, MDRD study equation (4 variables, IDMS-traceable), without the race coefficient',
    reference:
      'Levey AS et al. Expressing the Modification of Diet in Renal Disease Study equation for estimating glomerular filtration rate with standardized serum creatinine values. Clin Chem 2007;53:766-72.',
    parameters: [creatinine, sex, age],
    resultUnit: 'mL/min/{1.73_m2}',
    compute: (a) => mdrd(num(a, 0), sexOf(a, 1), num(a, 2)),
    monotone: [-1, 0, -1],
  },
  {
    name: 'who_weight_for_age_z',
    title: 'Weight-for-age z-score (WHO Child Growth Standards)',
    reference:
      "WHO Multicentre Growth Reference Study Group. WHO Child Growth Standards: Methods and development. WHO, Geneva 2006 (LMS method, restricted beyond ±3 SD: ch. 7); table weianthro of WHO's anthro R package.",
    parameters: [weight, sex, ageInDays],
    resultUnit: '1',
    compute: (a) => whoWeightForAgeZReported(num(a, 0), sexOf(a, 1), num(a, 2)),
    // Rises with weight at every age; not monotone in age (see whoWeightForAgeZRange).
    monotone: [1, 0, 0],
    range: (lows, highs) =>
      whoWeightForAgeZRange(num(lows, 0), num(highs, 0), sexOf(lows, 1), num(lows, 2), num(highs, 2)),
    domain: `defined by WHO for ages 0 to ${WHO_WEIGHT_FOR_AGE_LAST_DAY} days (under 60 months) and a weight above 0`,
    reportedDecimals: 2,
  },
];

/** The calculator of that name, or undefined. */
export function calculatorDefinition(name: string): CalculatorDefinition | undefined {
  return CALCULATOR_LIBRARY.find((definition) => definition.name === name);
}

function quantity(name: string, unit: string, expects: string): CalculatorParameter {
  return { name, kind: 'quantity', unit, expects };
}

function qt(): CalculatorParameter {
  return quantity('QT interval', 'ms', 'a QT interval (a duration)');
}

function heartRate(): CalculatorParameter {
  return quantity('heart rate', '/min', 'a heart rate (a frequency)');
}

// A wrong kind of argument is a caller's bug, not a patient's missing data: it throws.

function num(args: readonly CalculatorArgument[], index: number): number {
  const value = args[index];
  if (typeof value !== 'number')
    throw new TypeError(`calculator argument ${index} must be a number, got ${String(value)}`);
  return value;
}

function sexOf(args: readonly CalculatorArgument[], index: number): CalculatorSex {
  const value = args[index];
  if (value !== 'male' && value !== 'female')
    throw new TypeError(`calculator argument ${index} must be 'male' or 'female', got ${String(value)}`);
  return value;
}

function bool(args: readonly CalculatorArgument[], index: number): boolean {
  const value = args[index];
  if (typeof value !== 'boolean')
    throw new TypeError(`calculator argument ${index} must be a boolean, got ${String(value)}`);
  return value;
}
