import { conversionFactor } from './ucum';

/**
 * The unit of a product or quotient, as UCUM composes units: `(kg).(m)`, `(kg)/(mg/dL)`. A
 * result that UCUM reads as exactly 1 (`(kg)/(kg)`, or `{score}` over itself) is a plain number:
 * `undefined`. A plain number operand contributes nothing. Both the checker and the compiler
 * call this, so the unit they reason about is the unit values are computed in.
 */
export function composeUnits(
  op: '*' | '/',
  left: string | undefined,
  right: string | undefined,
  molarMass?: number,
): string | undefined {
  const a = plain(left) ? undefined : left;
  const b = plain(right) ? undefined : right;
  let unit: string | undefined;
  if (op === '*') unit = a === undefined ? b : b === undefined ? a : `(${a}).(${b})`;
  else unit = b === undefined ? a : a === undefined ? `/(${b})` : `(${a})/(${b})`;
  if (unit === undefined) return undefined;
  return factorToOne(unit, molarMass) === 1 ? undefined : unit;
}

function plain(unit: string | undefined): boolean {
  return unit === undefined || unit === '1';
}

function factorToOne(unit: string, molarMass: number | undefined): number | undefined {
  try {
    const factor = conversionFactor(unit, '1', molarMass);
    // Exactly 1 up to conversion residue: 12 significant digits, as comparisons round.
    return factor !== undefined && Math.abs(factor - 1) < 1e-12 ? 1 : factor;
  } catch {
    return undefined;
  }
}
