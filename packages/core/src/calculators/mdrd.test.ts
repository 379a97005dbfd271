import { describe, expect, it } from 'vitest';
import type { CalculatorSex } from './ckdEpi';
import { mdrd } from './mdrd';

describe('mdrd', () => {
  // Test vectors published with the NCT04169737 data dictionary (element `egfr_mdrd`), to 1 decimal.
  it.each<[number, CalculatorSex, number, string]>([
    [1.45, 'female', 82, '34.6'],
    [1.55, 'male', 80, '43.4'],
  ])('%s mg/dL, %s, %s years → %s', (scr, sex, age, expected) => {
    expect(mdrd(scr, sex, age).toFixed(1)).toBe(expected);
  });

  it('has the published constants: 175 at creatinine 1 mg/dL and age 1, times 0.742 for women', () => {
    expect(mdrd(1, 'male', 1)).toBe(175);
    expect(mdrd(1, 'female', 1)).toBeCloseTo(175 * 0.742, 12);
  });

  it('falls with creatinine and with age', () => {
    expect(mdrd(2, 'male', 50)).toBeLessThan(mdrd(1, 'male', 50));
    expect(mdrd(1, 'male', 70)).toBeLessThan(mdrd(1, 'male', 50));
  });
});
