import { commensurable as coreCommensurable, isValidUnit as coreIsValidUnit } from '@eligo/core';

/**
 * The two unit questions the reader asks, answered by core's UCUM layer, so that a unit accepted
 * here is one the evaluator converts. Any failure inside the unit library reads as "no", which
 * drops the value with a warning rather than stopping the screening.
 */

/** Whether `unit` is a valid UCUM expression. Spaced strings never are, and are not passed on. */
export function isValidUnit(unit: string): boolean {
  if (unit === '' || /\s/.test(unit)) return false;
  try {
    return coreIsValidUnit(unit);
  } catch {
    return false;
  }
}

/** Whether a value in `from` converts to `to` (a molar mass in g/mol bridges mass and substance). */
export function commensurable(from: string, to: string, molarMass?: number): boolean {
  if (from === to) return true;
  try {
    return coreCommensurable(from, to, molarMass);
  } catch {
    return false;
  }
}
