import { describe, expect, it } from 'vitest';
import { compareNumbers, round12 } from './exact';
import { convert } from './ucum';

describe('round12', () => {
  it('removes floating-point residue', () => {
    expect(round12(4.199999999999999)).toBe(4.2);
    expect(round12(0.1 + 0.2)).toBe(0.3);
    expect(round12(5.6000000000000005)).toBe(5.6);
  });

  it('keeps twelve significant digits and special values', () => {
    expect(round12(88.40169731258841)).toBe(88.4016973126);
    expect(round12(1.23456789012345e-20)).toBe(1.23456789012e-20);
    expect(round12(0)).toBe(0);
    expect(round12(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(round12(-2.5)).toBe(-2.5);
  });
});

describe('compareNumbers', () => {
  it('treats 3 × 0.1 and 0.3 as equal', () => {
    expect(3 * 0.1).not.toBe(0.3);
    expect(compareNumbers(3 * 0.1, 0.3)).toBe(0);
  });

  it('decides 4.2 10*3/uL >= 4.2 10*9/L', () => {
    const converted = convert(4.2, '10*3/uL', '10*9/L');
    expect(converted).toBeDefined();
    expect(compareNumbers(converted as number, 4.2)).toBeGreaterThanOrEqual(0);
    expect(compareNumbers(4.199999999999999, 4.2)).toBe(0);
  });

  it('orders real differences', () => {
    expect(compareNumbers(1, 2)).toBe(-1);
    expect(compareNumbers(2, 1)).toBe(1);
    expect(compareNumbers(4.2, 4.2000001)).toBe(-1);
    expect(compareNumbers(Number.NEGATIVE_INFINITY, -1e300)).toBe(-1);
  });

  it('refuses NaN', () => {
    expect(() => compareNumbers(Number.NaN, 1)).toThrow('compareNumbers: NaN has no order');
  });
});
