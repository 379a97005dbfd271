import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustedBodyWeight,
  cockcroftGault,
  cockcroftGaultAdjustedWeight,
  cockcroftGaultIdealOrActualWeight,
  cockcroftGaultIdealWeight,
  idealBodyWeightDevine,
} from './cockcroftGault';

const INCH = 2.54;

describe('cockcroftGault (actual body weight)', () => {
  // clinPK (InsightRX), reference page of calc_egfr, first example: male, 50 years, 70 kg,
  // creatinine 1.1 mg/dL → 79.54545 mL/min (printed to 7 significant digits).
  // https://insightrx.github.io/clinPK/reference/calc_egfr.html
  it('gives 79.54545 for a man of 50 years, 70 kg, creatinine 1.1 mg/dL', () => {
    expect(cockcroftGault(50, 70, 1.1, 'male').toFixed(5)).toBe('79.54545');
  });

  // clinPK test suite, tests/testthat/test_calc_egfr.R: male, 40 years, 80 kg, creatinine 1 → 111 (rounded).
  it('gives 111 for a man of 40 years, 80 kg, creatinine 1.0 mg/dL', () => {
    expect(cockcroftGault(40, 80, 1, 'male').toFixed(0)).toBe('111');
  });

  // Worked examples with their arithmetic shown, to 1 decimal:
  // https://webcalcsys.pages.dev/biology/creatinine-clearance — (90 × 70) / 72 = 87.5;
  // https://superglobalcalculator.com/formulas/pharmacology/creatinine-clearance — 75 × 70 / 100.8 = 52.1
  // and [5,700 / 64.8] × 0.85 = 74.8 (the weight there is an ideal weight, given in kg).
  it.each<[number, number, number, 'male' | 'female', string]>([
    [50, 70, 1.0, 'male', '87.5'],
    [65, 70, 1.4, 'male', '52.1'],
    [45, 60, 0.9, 'female', '74.8'],
  ])('age %s, %s kg, creatinine %s mg/dL, %s → %s mL/min', (age, weight, scr, sex, expected) => {
    expect(cockcroftGault(age, weight, scr, sex).toFixed(1)).toBe(expected);
  });

  it('takes 15 % off for women, as the paper says', () => {
    expect(cockcroftGault(60, 65, 0.9, 'female')).toBeCloseTo(0.85 * cockcroftGault(60, 65, 0.9, 'male'), 12);
  });

  // The form with creatinine in µmol/L: CrCl = F × (140 − age) × weight / Scr, F = 1.23 (men) or
  // 1.04 (women) (https://trc-p.nl/840, TRC pharmacology database), i.e. 88.4 / 72 rounded. Converting µmol/L
  // to mg/dL with creatinine's molar mass (113.12 g/mol) must give the same clearance within that
  // rounding (0.2 % for men, 0.4 % for women).
  it('agrees with the µmol/L form once creatinine is converted to mg/dL', () => {
    const umolPerMgDl = 10_000 / 113.12; // 1 mg/dL = 10 mg/L = 10 / 113.12 mmol/L
    fc.assert(
      fc.property(
        fc.integer({ min: 18, max: 100 }),
        fc.double({ min: 35, max: 200, noNaN: true }),
        fc.double({ min: 30, max: 1200, noNaN: true }),
        fc.boolean(),
        (age, weight, scrUmol, female) => {
          const uk = ((female ? 1.04 : 1.23) * ((140 - age) * weight)) / scrUmol;
          const ours = cockcroftGault(age, weight, scrUmol / umolPerMgDl, female ? 'female' : 'male');
          expect(Math.abs(ours / uk - 1)).toBeLessThan(female ? 0.004 : 0.002);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('is proportional to 140 − age in years, and 0 at 140', () => {
    expect(cockcroftGault(140, 70, 1, 'male')).toBe(0);
    expect(cockcroftGault(70, 70, 1, 'male')).toBeCloseTo(cockcroftGault(0, 70, 1, 'male') / 2, 12);
  });
});

describe('idealBodyWeightDevine', () => {
  // https://creatinineclearancecalculator.net/ibw/ — "IBW by Height" table, to 1 decimal (heights in
  // inches; 5 ft 10 in: 50 + 2.3 × 10 = 73 kg).
  it.each<[number, string, string]>([
    [62, '54.6', '50.1'],
    [66, '63.8', '59.3'],
    [70, '73.0', '68.5'],
    [74, '82.2', '77.7'],
  ])('%s in → %s kg (men), %s kg (women)', (inches, men, women) => {
    expect(idealBodyWeightDevine(inches * INCH, 'male').toFixed(1)).toBe(men);
    expect(idealBodyWeightDevine(inches * INCH, 'female').toFixed(1)).toBe(women);
  });

  it('is 50 kg and 45.5 kg at exactly 5 feet, and extends the line below it', () => {
    expect(idealBodyWeightDevine(60 * INCH, 'male')).toBeCloseTo(50, 12);
    expect(idealBodyWeightDevine(60 * INCH, 'female')).toBeCloseTo(45.5, 12);
    expect(idealBodyWeightDevine(58 * INCH, 'female')).toBeCloseTo(45.5 - 4.6, 12);
  });
});

describe('adjustedBodyWeight', () => {
  // https://creatinineclearancecalculator.net/adjusted-body-weight/ — IBW 70 kg, actual 120 kg:
  // 70 + 0.4 × 50 = 90 kg.
  it('adds 40 % of the excess over ideal weight', () => {
    expect(adjustedBodyWeight(120, 70)).toBeCloseTo(90, 12);
  });
});

describe('Cockcroft-Gault with ideal and adjusted weights', () => {
  // clinPK test suite, tests/testthat/test_calc_egfr.R, results rounded to whole mL/min:
  // ideal weight: male, 40 years, 180 cm, creatinine 1 → 104;
  // adjusted weight (factor 0.4): male, 50 years, 150 kg, 180 cm, creatinine 1 → 131.
  it('ideal weight: a man of 40 years, 180 cm, creatinine 1.0 → 104 mL/min', () => {
    expect(cockcroftGaultIdealWeight(40, 180, 1, 'male').toFixed(0)).toBe('104');
  });

  it('adjusted weight: a man of 50 years, 150 kg, 180 cm, creatinine 1.0 → 131 mL/min', () => {
    expect(cockcroftGaultAdjustedWeight(50, 150, 180, 1, 'male').toFixed(0)).toBe('131');
  });

  // GlobalRPh ("if the ABW is less than the IBW use the actual body weight"), boomer.org after
  // Murphy 2001: the ideal weight unless the actual one is less.
  it('ideal-or-actual uses ideal weight for a heavier patient and actual weight for a lighter one', () => {
    expect(cockcroftGaultIdealOrActualWeight(40, 150, 180, 1, 'male')).toBe(
      cockcroftGaultIdealWeight(40, 180, 1, 'male'),
    );
    expect(cockcroftGaultIdealOrActualWeight(40, 60, 180, 1, 'male')).toBe(cockcroftGault(40, 60, 1, 'male'));
    expect(cockcroftGaultIdealOrActualWeight(40, 60, 180, 1, 'male').toFixed(1)).toBe('83.3');
  });

  it('applies the female factor after choosing the weight from the female ideal weight', () => {
    // 165 cm woman: IBW = 45.5 + 2.3 × (165 / 2.54 − 60) = 57.0 kg.
    const ibw = 45.5 + 2.3 * (165 / INCH - 60);
    expect(cockcroftGaultIdealWeight(60, 165, 0.8, 'female')).toBeCloseTo((80 * ibw * 0.85) / (72 * 0.8), 10);
  });
});
