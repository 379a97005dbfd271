import { describe, expect, it } from 'vitest';
import { bmi } from './bmi';

describe('bmi', () => {
  it('divides weight by the square of height', () => {
    expect(bmi(70, 1.75).toFixed(2)).toBe('22.86');
    expect(bmi(50, 1)).toBe(50);
    expect(bmi(81, 1.8)).toBeCloseTo(25, 10);
  });
});
