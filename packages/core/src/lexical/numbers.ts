/**
 * Whether a number as written survives being read as a JavaScript number (an IEEE 754 double).
 * A literal beyond the largest double becomes Infinity, and one with more significant digits than
 * a double holds (about 15 to 17) is silently rounded: `0.1000000000000000000001` would be read as
 * `0.1`, and a threshold that is not the one written must not pass unnoticed. A number is faithful
 * when the shortest decimal that reads back as the double has the same digits as the text.
 */
export type NumberProblem =
  | { readonly kind: 'too large' }
  | { readonly kind: 'rounded'; readonly readAs: number };

export function numberProblem(text: string): NumberProblem | undefined {
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'too large' };
  const written = decimalOf(text);
  const read = decimalOf(String(value));
  if (written === undefined || read === undefined) return undefined;
  return written.digits === read.digits && written.exponent === read.exponent
    ? undefined
    : { kind: 'rounded', readAs: value };
}

/**
 * A decimal as its significant digits and the power of ten of its last one (`120.50` → `1205`,
 * -1; `0` → ``, 0), so that two spellings of one value compare equal. Accepts the grammar's
 * numbers and JavaScript's shortest form (`1e+21`, `1.5e-7`).
 */
function decimalOf(text: string): { digits: string; exponent: number } | undefined {
  const m = /^-?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const fraction = m[2] ?? '';
  let digits = (m[1]! + fraction).replace(/^0+/, '');
  let exponent = Number(m[3] ?? 0) - fraction.length;
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  return digits === '' ? { digits, exponent: 0 } : { digits, exponent };
}
