import { commensurable as coreCommensurable, isValidUnit as coreIsValidUnit } from '@eligo/core';

/**
 * The two unit questions the reader asks, answered by core's UCUM layer, so that a unit accepted
 * here is one the evaluator converts. Any failure inside the unit library reads as "no", which
 * drops the value with a warning rather than stopping the screening.
 *
 * Every quantity of every bundle asks them, about a handful of units, so the answers are kept;
 * unit strings come from patient input, so no more than `LIMIT` of them, past which they start
 * afresh.
 */

const LIMIT = 10_000;
const validity = new Map<string, boolean>();
/** from → to → molar mass (or none) → answer. */
const conversions = new Map<string, Map<string, Map<number | undefined, boolean>>>();
let conversionCount = 0;

/** Whether `unit` is a valid UCUM expression. Spaced strings never are, and are not passed on. */
export function isValidUnit(unit: string): boolean {
  let valid = validity.get(unit);
  if (valid === undefined) {
    valid = checkUnit(unit);
    if (validity.size >= LIMIT) validity.clear();
    validity.set(unit, valid);
  }
  return valid;
}

function checkUnit(unit: string): boolean {
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
  let byTo = conversions.get(from);
  let byMass = byTo?.get(to);
  let answer = byMass?.get(molarMass);
  if (answer !== undefined) return answer;
  answer = convertible(from, to, molarMass);
  if (conversionCount >= LIMIT) {
    conversions.clear();
    conversionCount = 0;
    byTo = undefined;
    byMass = undefined;
  }
  if (byTo === undefined) {
    byTo = new Map();
    conversions.set(from, byTo);
  }
  if (byMass === undefined) {
    byMass = new Map();
    byTo.set(to, byMass);
  }
  byMass.set(molarMass, answer);
  conversionCount++;
  return answer;
}

function convertible(from: string, to: string, molarMass: number | undefined): boolean {
  try {
    return coreCommensurable(from, to, molarMass);
  } catch {
    return false;
  }
}
