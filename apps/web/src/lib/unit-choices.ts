import { commensurable, isValidUnit, unitDimension } from '@eligo/core';

/**
 * Units laboratories report results in, by UCUM code. A lab's choices are those of them that
 * convert into the unit its protocol declares (with the declared molar mass, mass ↔ substance).
 */
const REPORTED_UNITS = [
  '10*9/L',
  '10*3/uL',
  '10*6/uL',
  '10*12/L',
  '/uL',
  'g/L',
  'g/dL',
  'mg/dL',
  'mg/L',
  'ug/dL',
  'ug/L',
  'ng/mL',
  'pg/mL',
  'mol/L',
  'mmol/L',
  'umol/L',
  'nmol/L',
  'pmol/L',
  'U/L',
  'ukat/L',
  's',
  'min',
  'g/(24.h)',
  'mg/(24.h)',
  'g/d',
  'mg/d',
  'mL/min/{1.73_m2}',
  'mL/min',
  'Cel',
  '[degF]',
  'mm[Hg]',
  'kPa',
  'kg',
  'g',
  'cm',
  'kg/m2',
];

/** `{1.73_m2}`: the annotations of a unit, which UCUM ignores but which change what it means. */
function annotations(code: string): string {
  return (code.match(/\{[^}]*\}/g) ?? []).join('');
}

/**
 * The units a result of this lab may be entered in: the declared unit first, then every reported
 * unit that converts into it. UCUM reads annotations as 1, so `mL/min` would pass for
 * `mL/min/{1.73_m2}` and `%` for `{INR}`: a unit must keep the declared unit's annotations, and a
 * plain ratio (`%`, `{INR}`) is offered only as declared.
 */
export function unitChoices(unit: string, molarMass?: number): string[] {
  if (!isValidUnit(unit)) return [unit];
  if (unitDimension(unit) === unitDimension('1')) return [unit];
  const others = REPORTED_UNITS.filter(
    (u) => u !== unit && annotations(u) === annotations(unit) && commensurable(u, unit, molarMass),
  );
  return [unit, ...others];
}
