/**
 * Threshold comparisons that conversion residue cannot flip: values more than a millionth apart
 * compare directly; closer ones compare after rounding both to 12 significant digits, the rule
 * of the language (docs/language.md, "Reading the record"). Engines other than Eligo need the same
 * rule, or 3.0 10*3/uL (2.9999999999999996 10*9/L) would fail `>= 3 10*9/L` in some and not others.
 */

function near(x: number, y: number): boolean {
  const scale = Math.max(Math.abs(x), Math.abs(y));
  return Math.abs(x - y) <= scale * 1e-6;
}

function round12(x: number): number {
  return Number(x.toPrecision(12));
}

export function ge(x: number, y: number): boolean {
  return near(x, y) ? round12(x) >= round12(y) : x >= y;
}

export function le(x: number, y: number): boolean {
  return near(x, y) ? round12(x) <= round12(y) : x <= y;
}
