import { describe, expect, it } from 'vitest';
import { meld, meldNa } from './meld';

describe('meld', () => {
  // https://calculatorlib.com/meld-score-calculator — worked example: bilirubin 1.9, INR 1.2,
  // creatinine 1.3: 3.78 ln 1.9 + 11.2 ln 1.2 + 9.57 ln 1.3 + 6.43 = 13.41, "rounds to a MELD score of 13".
  it('gives 13.41 (MELD 13) for creatinine 1.3, bilirubin 1.9, INR 1.2', () => {
    expect(meld(1.3, 1.9, 1.2, false).toFixed(2)).toBe('13.41');
    expect(meld(1.3, 1.9, 1.2, false).toFixed(0)).toBe('13');
  });

  // R package ameld (ampel-leipzig/ameld), tests/testthat/test_meld.R: creatinine 1.9, bilirubin 4.2,
  // INR 1.2 → 20.0391626 unrounded, 20 rounded.
  it('gives 20.0391626 for creatinine 1.9, bilirubin 4.2, INR 1.2', () => {
    expect(meld(1.9, 4.2, 1.2, false).toFixed(7)).toBe('20.0391626');
  });

  // https://www.novacalculator.com/clinical-medicine/scoring/model-for-end-stage-liver-disease-na-calculator/
  // Example 1: bilirubin 1.8, creatinine 0.9 (set to 1.0), INR 1.3 → 11.6 = 12.
  it('sets creatinine below 1.0 to 1.0: creatinine 0.9, bilirubin 1.8, INR 1.3 → 11.6 (MELD 12)', () => {
    expect(meld(0.9, 1.8, 1.3, false).toFixed(1)).toBe('11.6');
    expect(meld(0.9, 1.8, 1.3, false)).toBe(meld(1.0, 1.8, 1.3, false));
  });

  describe('UNOS bounds', () => {
    it('sets every laboratory value below 1.0 to 1.0, so the floor is 6.43', () => {
      expect(meld(0.5, 0.3, 0.9, false)).toBeCloseTo(6.43, 12);
      expect(meld(1, 1, 1, false)).toBeCloseTo(6.43, 12);
      expect(meld(0.6, 2, 1.5, false)).toBe(meld(1, 2, 1.5, false));
      expect(meld(2, 0.4, 1.5, false)).toBe(meld(2, 1, 1.5, false));
      expect(meld(2, 2, 0.8, false)).toBe(meld(2, 2, 1, false));
    });

    it('caps creatinine at 4.0 mg/dL', () => {
      expect(meld(6.5, 2, 1.5, false)).toBe(meld(4, 2, 1.5, false));
      expect(meld(3.9, 2, 1.5, false)).toBeLessThan(meld(4, 2, 1.5, false));
    });

    it('sets creatinine to 4.0 mg/dL after dialysis, whatever was measured', () => {
      expect(meld(1.2, 2, 1.5, true)).toBe(meld(4, 2, 1.5, false));
      expect(meld(0.5, 2, 1.5, true)).toBe(meld(4, 2, 1.5, false));
      expect(meld(9, 2, 1.5, true)).toBe(meld(4, 2, 1.5, false));
    });

    it('caps the score at 40', () => {
      // 10 × (0.957 ln 4 + 0.378 ln 40 + 1.12 ln 8 + 0.643) = 56.9 before the cap.
      expect(meld(4, 40, 8, false)).toBe(40);
      expect(meld(4, 5, 2, false).toFixed(2)).toBe('33.54');
    });
  });
});

describe('meldNa', () => {
  // https://scoutmytool.com/calc/health/meld-score — creatinine 1.0, bilirubin 1.5, INR 1.5, sodium 135:
  // MELD = round(10 × (0 + 0.1533 + 0.4541 + 0.643)) = 13; 13 + 2.64 − 0.86 = 15.
  it('gives 14.78 (MELD-Na 15) for creatinine 1.0, bilirubin 1.5, INR 1.5, sodium 135', () => {
    expect(meldNa(1.0, 1.5, 1.5, 135, false).toFixed(2)).toBe('14.78');
    expect(meldNa(1.0, 1.5, 1.5, 135, false).toFixed(0)).toBe('15');
  });

  it('rounds MELD(i) before the sodium step, as the policy does; without it that score would be 14', () => {
    const unroundedInitial = meld(1.0, 1.5, 1.5, false);
    expect(unroundedInitial.toFixed(3)).toBe('12.504');
    const withoutPolicyRounding = unroundedInitial + 1.32 * 2 - 0.033 * unroundedInitial * 2;
    expect(withoutPolicyRounding.toFixed(0)).toBe('14');
  });

  // novacalculator Example 1 (above): sodium 139 is held at 137, so MELD-Na = 12 + 1.32 × 0 − … = 12.
  it('holds sodium above 137 at 137: creatinine 0.9, bilirubin 1.8, INR 1.3, sodium 139 → 12', () => {
    expect(meldNa(0.9, 1.8, 1.3, 139, false)).toBe(12);
  });

  // ameld test_meld.R: creatinine 1.9, bilirubin 4.2, INR 1.2, sodium 125, type "unos", rounded → 28.
  it('gives 28 for creatinine 1.9, bilirubin 4.2, INR 1.2, sodium 125', () => {
    expect(meldNa(1.9, 4.2, 1.2, 125, false).toFixed(0)).toBe('28');
    expect(meldNa(1.9, 4.2, 1.2, 125, false)).toBeCloseTo(20 + 1.32 * 12 - 0.033 * 20 * 12, 12);
  });

  describe('UNOS 2016 bounds', () => {
    it('holds sodium within 125–137 mmol/L', () => {
      expect(meldNa(1.9, 4.2, 1.2, 118, false)).toBe(meldNa(1.9, 4.2, 1.2, 125, false));
      expect(meldNa(1.9, 4.2, 1.2, 145, false)).toBe(meldNa(1.9, 4.2, 1.2, 137, false));
      expect(meldNa(1.9, 4.2, 1.2, 130, false)).toBeGreaterThan(meldNa(1.9, 4.2, 1.2, 137, false));
    });

    it('leaves a MELD(i) of 11 or less alone, whatever the sodium', () => {
      // 10 × MELD(i) = 11.45 rounds to 11: no sodium step, and nothing is rounded.
      const lowScore = [1.0, 2.2, 1.2] as const;
      expect(meld(...lowScore, false).toFixed(2)).toBe('11.45');
      expect(meldNa(...lowScore, 125, false)).toBe(meld(...lowScore, false));
      expect(meldNa(...lowScore, 137, false)).toBe(meld(...lowScore, false));
    });

    it('applies the sodium step from a rounded MELD(i) of 12', () => {
      // 10 × MELD(i) = 11.62 rounds to 12.
      const justAbove = [1.0, 2.3, 1.2] as const;
      expect(meld(...justAbove, false).toFixed(2)).toBe('11.62');
      expect(meldNa(...justAbove, 125, false)).toBeCloseTo(12 + 1.32 * 12 - 0.033 * 12 * 12, 12);
      expect(meldNa(...justAbove, 137, false)).toBe(12);
    });

    it('uses the dialysis creatinine of 4.0', () => {
      expect(meldNa(1.0, 2, 1.5, 130, true)).toBe(meldNa(4.0, 2, 1.5, 130, false));
    });

    it('caps the score at 40, so sodium no longer matters above it', () => {
      expect(meldNa(4, 40, 8, 125, false)).toBe(40);
      expect(meldNa(4, 40, 8, 137, false)).toBe(40);
      // Just below the cap the sodium term is nearly spent: 1.32 − 0.033 × 39 = 0.033 per mmol/L.
      const nearCap = [4, 6, 3] as const;
      expect(Math.round(meld(...nearCap, false))).toBe(39);
      expect(meldNa(...nearCap, 125, false)).toBeCloseTo(39 + 12 * (1.32 - 0.033 * 39), 12);
    });
  });
});
