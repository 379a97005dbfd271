import { sameAnnotations } from '../units/annotations';
import { compareNumbers } from '../units/exact';
import {
  commensurable,
  conversionFactor,
  convert,
  describeUnit,
  isValidUnit,
  suggestUnits,
} from '../units/ucum';

/**
 * The checker's view of the units module: the same answers, but never an exception, since a
 * rule must not stop on a unit the converter dislikes. `undefined` means "cannot tell".
 */

export function validUnit(code: string): boolean {
  return attempt(() => isValidUnit(code)) === true;
}

export function unitSuggestions(code: string): string[] {
  return attempt(() => suggestUnits(code)) ?? [];
}

/** Whether two valid units measure the same thing (a molar mass in g/mol bridges mass and substance). */
export function sameDimension(a: string, b: string, molarMass?: number): boolean | undefined {
  if (!validUnit(a) || !validUnit(b)) return undefined;
  return attempt(() => commensurable(a, b, molarMass));
}

/** "a mass concentration", "an amount of substance", or "measured in X" when the kind has no name. */
export function unitIs(code: string): string {
  const words = attempt(() => describeUnit(code));
  if (!words) return `measured in ${code}`;
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

/**
 * Whether a bare number means the same in this unit: true for `1` and annotations such as
 * `{INR}` or `{score}`, false for `%` (55 or 0.55?) and every unit with a dimension.
 */
export function isPlainNumberUnit(code: string): boolean {
  if (!validUnit(code)) return false;
  const factor = attempt(() => conversionFactor(code, '1'));
  return typeof factor === 'number' && compareNumbers(factor, 1) === 0;
}

/**
 * `value` in `from` expressed in `to`; undefined when the units do not convert, and when their
 * annotations differ: UCUM reads `{…}` as 1, and a number that converts from `mL/min/{1.73_m2}` to
 * `mL/min` unchanged would compare unlike things (E0218 reports the pair).
 */
export function toUnit(value: number, from: string, to: string, molarMass?: number): number | undefined {
  if (from === to) return value;
  if (!sameAnnotations(from, to)) return undefined;
  const out = attempt(() => convert(value, from, to, molarMass));
  return typeof out === 'number' && Number.isFinite(out) ? out : undefined;
}

/** -1, 0 or 1 after rounding both to 12 significant digits, so conversion residue never decides. */
export function compare(a: number, b: number): number {
  return Math.sign(compareNumbers(a, b));
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f() ?? undefined;
  } catch {
    return undefined;
  }
}
