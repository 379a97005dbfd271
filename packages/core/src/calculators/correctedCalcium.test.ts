import { describe, expect, it } from 'vitest';
import { correctedCalcium } from './correctedCalcium';

const CALCIUM_MOLAR_MASS = 40.078; // g/mol: 1 mmol/L = 4.0078 mg/dL

describe('correctedCalcium', () => {
  // https://medcalctools.com/corrected-calcium-calculator — worked example: measured calcium 8.0 mg/dL,
  // albumin 2.5 g/dL: 8.0 + 0.8 × (4.0 − 2.5) = 9.2 mg/dL.
  it('gives 9.2 mg/dL for calcium 8.0 mg/dL and albumin 2.5 g/dL', () => {
    expect(correctedCalcium(8.0, 2.5).toFixed(1)).toBe('9.2');
  });

  // https://theguidewire.net/cases_questions/how-can-the-affect-of-albumin-levels-be-accounted-for —
  // Payne's SI form: 1.83 + 0.02 × (40 − 26) = 2.11 mmol/L. Converted to mg/dL and g/dL and back, the
  // US form must give the same result to the published 0.01 mmol/L.
  it('agrees with the SI worked example 1.83 mmol/L, albumin 26 g/L → 2.11 mmol/L', () => {
    const calciumMgDl = (1.83 * CALCIUM_MOLAR_MASS) / 10;
    const albuminGdl = 26 / 10;
    const correctedMmolL = (correctedCalcium(calciumMgDl, albuminGdl) * 10) / CALCIUM_MOLAR_MASS;
    expect(correctedMmolL.toFixed(2)).toBe('2.11');
  });

  it('changes nothing at an albumin of 4 g/dL and lowers the result when albumin is high', () => {
    expect(correctedCalcium(9.4, 4)).toBe(9.4);
    expect(correctedCalcium(9.4, 5)).toBeCloseTo(8.6, 12);
  });
});
