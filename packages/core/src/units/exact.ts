/**
 * Unit conversion multiplies by factors such as 10^-3 that binary floating point cannot hold, so
 * 4.2 × 10*3/uL comes out as 4.199999999999999 × 10*9/L. Twelve significant digits are far more
 * than any laboratory reports and far fewer than a double carries, so rounding to them removes
 * the residue without changing any real value.
 */
export function round12(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(12));
}

/** -1, 0 or 1 after rounding both sides to 12 significant digits. NaN has no order. */
export function compareNumbers(a: number, b: number): -1 | 0 | 1 {
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError('compareNumbers: NaN has no order');
  const x = round12(a);
  const y = round12(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
