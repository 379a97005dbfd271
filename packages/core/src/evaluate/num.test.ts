import { describe, expect, it } from 'vitest';
import { num } from './explain';

/** The rounding `num` defines: one decimal from 10 up, three from 1, four significant digits below. */
function byRounding(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const abs = Math.abs(x);
  if (abs >= 10) return String(Number(x.toFixed(1)));
  if (abs >= 1) return String(Number(x.toFixed(3)));
  return abs === 0 ? '0' : String(Number(x.toPrecision(4)));
}

describe('num', () => {
  it('writes numbers as a person does', () => {
    expect(
      [
        0,
        -0,
        7,
        -7,
        5.7,
        0.64,
        120,
        2.9999999999999996,
        4.199999999999999,
        0.1 + 0.2,
        9.9996,
        99.95,
        12.25,
        1.0005,
        0.000123456,
        1e-7,
        1e21,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
      ].map(num),
    ).toEqual([
      '0',
      '0',
      '7',
      '-7',
      '5.7',
      '0.64',
      '120',
      '3',
      '4.2',
      '0.3',
      '10',
      '100',
      '12.3',
      '1',
      '0.0001235',
      '1e-7',
      '1e+21',
      '∞',
      '−∞',
    ]);
  });

  it('gives what rounding gives, for values written short and long', () => {
    // A fixed linear congruential sequence: reproducible, and enough to reach every branch.
    let seed = 20250315;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const factors = [1, 1e-3, 1e3, 10, 1 / 3, 0.11312, 88.4];
    const mismatches: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const exponent = Math.floor(next() * 24) - 10;
      let x =
        (Math.round(next() * 10 ** Math.floor(next() * 7)) / 10 ** Math.floor(next() * 5)) * 10 ** exponent;
      if (next() < 0.3) x = next() * 10 ** exponent;
      x *= factors[Math.floor(next() * factors.length)]!;
      if (next() < 0.5) x = -x;
      if (num(x) !== byRounding(x)) mismatches.push(x);
    }
    expect(mismatches).toEqual([]);
  });
});
