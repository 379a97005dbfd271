import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalculatorSex, ckdEpi2009, ckdEpi2021 } from './ckdEpi';

type Vector = [scr: number, sex: CalculatorSex, age: number, expected: number];

describe('ckdEpi2021', () => {
  // Test vectors published with the NCT06469190 data dictionary (element `egfr`), to 2 decimals.
  it.each<Vector>([
    [0.9, 'female', 55, 75.5],
    [1.0, 'male', 50, 91.69],
    [1.5, 'male', 65, 51.35],
    [2.0, 'female', 40, 31.79],
  ])('%s mg/dL, %s, %s years → %s', (scr, sex, age, expected) => {
    expect(ckdEpi2021(scr, sex, age).toFixed(2)).toBe(expected.toFixed(2));
  });

  // Worked examples of the NCT06469190 protocol documents, to 1 decimal.
  it('gives 71.5 for a woman aged 34 with creatinine 1.05 mg/dL', () => {
    expect(ckdEpi2021(1.05, 'female', 34).toFixed(1)).toBe('71.5');
  });

  it('gives 80.8 for a man aged 52 with creatinine 1.1 mg/dL', () => {
    expect(ckdEpi2021(1.1, 'male', 52).toFixed(1)).toBe('80.8');
  });

  it('is unrounded', () => {
    expect(ckdEpi2021(1.05, 'female', 34)).toBeCloseTo(71.50313572725632, 10);
  });

  it('uses the low-creatinine exponent at and below kappa', () => {
    expect(ckdEpi2021(0.7, 'female', 40)).toBeCloseTo(142 * 0.9938 ** 40 * 1.012, 10);
    expect(ckdEpi2021(0.45, 'male', 30)).toBeCloseTo(142 * 0.5 ** -0.302 * 0.9938 ** 30, 10);
  });
});

describe('ckdEpi2009', () => {
  /*
   * Levey AS et al., Ann Intern Med 2009;150:604-12, Table 2 gives the equation piecewise with
   * the sex and race factors folded into rounded constants (female 144, black female 166, black
   * male 163; male 141). Those constants are rounded, so the single-formula result agrees with
   * them to within 0.4 %.
   */
  const table2 = (scr: number, sex: CalculatorSex, age: number, black: boolean): number => {
    if (sex === 'female')
      return (black ? 166 : 144) * (scr / 0.7) ** (scr <= 0.7 ? -0.329 : -1.209) * 0.993 ** age;
    return (black ? 163 : 141) * (scr / 0.9) ** (scr <= 0.9 ? -0.411 : -1.209) * 0.993 ** age;
  };

  it.each<[number, CalculatorSex, number, boolean]>([
    [0.6, 'female', 30, false],
    [1.2, 'female', 60, false],
    [0.8, 'male', 45, false],
    [1.4, 'male', 70, false],
    [1.4, 'male', 70, true],
    [0.6, 'female', 30, true],
  ])(
    'agrees with the piecewise form of Table 2: %s mg/dL, %s, %s years, black %s',
    (scr, sex, age, black) => {
      const value = ckdEpi2009(scr, sex, age, black);
      const reference = table2(scr, sex, age, black);
      expect(Math.abs(value / reference - 1)).toBeLessThan(0.004);
    },
  );

  // The same equation evaluated independently in double precision (Python 3), to 2 decimals.
  it.each<[number, CalculatorSex, number, boolean, string]>([
    [0.6, 'female', 30, false, '122.31'],
    [1.2, 'female', 60, false, '49.08'],
    [0.8, 'male', 45, false, '107.88'],
    [1.4, 'male', 70, false, '50.54'],
    [1.4, 'male', 70, true, '58.58'],
  ])('%s mg/dL, %s, %s years, black %s → %s', (scr, sex, age, black, expected) => {
    expect(ckdEpi2009(scr, sex, age, black).toFixed(2)).toBe(expected);
  });

  it('defaults to no race factor', () => {
    expect(ckdEpi2009(1.4, 'male', 70)).toBe(ckdEpi2009(1.4, 'male', 70, false));
  });
});

describe('the equations as written', () => {
  // The published form raises both min(r, 1) and max(r, 1); the implementation raises only the
  // factor that is not 1 and looks up the age factor. The numbers must be the same, bit for bit.
  const published = (scr: number, female: boolean, age: number, v2021: boolean) => {
    const kappa = female ? 0.7 : 0.9;
    const ratio = scr / kappa;
    if (v2021) {
      const alpha = female ? -0.241 : -0.302;
      return (
        142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** age * (female ? 1.012 : 1)
      );
    }
    const alpha = female ? -0.329 : -0.411;
    return (
      141 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.209 * 0.993 ** age * (female ? 1.018 : 1)
    );
  };

  it('gives exactly the published formula’s numbers', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.boolean(),
        fc.oneof(fc.integer({ min: 0, max: 160 }), fc.double({ min: 0, max: 120, noNaN: true })),
        (scr, female, age) => {
          const sex = female ? 'female' : 'male';
          expect(ckdEpi2021(scr, sex, age)).toBe(published(scr, female, age, true));
          expect(ckdEpi2009(scr, sex, age)).toBe(published(scr, female, age, false));
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
    for (const scr of [0.7, 0.9])
      expect(ckdEpi2021(scr, scr === 0.7 ? 'female' : 'male', 40)).toBe(
        published(scr, scr === 0.7, 40, true),
      );
  });
});
