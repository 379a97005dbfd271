import { CALCULATOR_LIBRARY, type CalculatorParameter } from '../calculators/library';
import type { ValueType } from './types';

/** What a calculator's parameter accepts: a kind of value, and for quantities a unit it must convert to. */
export interface Parameter {
  readonly name: string;
  /** In words, for messages: "a date", "a quantity convertible to mg/dL". */
  readonly expects: string;
  readonly kind: 'date' | 'quantity' | 'code' | 'boolean';
  /** A quantity's unit must be commensurable with this one (a lab's molar mass may bridge). */
  readonly unit?: string;
  /** A code must offer these values. */
  readonly values?: readonly string[];
}

export interface CalculatorSignature {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly result: ValueType;
}

const birthDate: Parameter = { name: 'birth date', expects: 'a date of birth', kind: 'date' };
const creatinine: Parameter = {
  name: 'creatinine',
  expects: 'a serum creatinine quantity (mass or substance concentration)',
  kind: 'quantity',
  unit: 'mg/dL',
};
const sex: Parameter = {
  name: 'sex',
  expects: 'a sex (male or female)',
  kind: 'code',
  values: ['male', 'female'],
};
const egfr: ValueType = { kind: 'quantity', unit: 'mL/min/{1.73_m2}' };

/**
 * The calculators the language offers, as the checker sees them: parameter kinds and result type.
 * Age is a plain number of completed years, so it compares with bare numbers (`age_years >= 18`).
 */
export const CALCULATORS: Readonly<Record<string, CalculatorSignature>> = {
  age: { name: 'age', parameters: [birthDate], result: { kind: 'quantity', unit: undefined } },
  age_in_months: {
    name: 'age_in_months',
    parameters: [birthDate],
    result: { kind: 'quantity', unit: undefined },
  },
  ckd_epi_2021: { name: 'ckd_epi_2021', parameters: [creatinine, sex, birthDate], result: egfr },
  ckd_epi_2009: { name: 'ckd_epi_2009', parameters: [creatinine, sex, birthDate], result: egfr },
  bmi: {
    name: 'bmi',
    parameters: [
      { name: 'weight', expects: 'a body weight (a mass)', kind: 'quantity', unit: 'kg' },
      { name: 'height', expects: 'a body height (a length)', kind: 'quantity', unit: 'm' },
    ],
    result: { kind: 'quantity', unit: 'kg/m2' },
  },
};

/** A library parameter as the checker sees it: an age is given as the birth date it is taken from. */
function parameterOf(p: CalculatorParameter): Parameter {
  switch (p.kind) {
    case 'quantity':
      return {
        name: p.name,
        expects: p.expects,
        kind: 'quantity',
        unit: p.unit === '1' ? undefined : p.unit,
      };
    case 'sex':
      return sex;
    case 'age':
    case 'ageInDays':
      return birthDate;
    case 'boolean':
      return { name: p.name, expects: `a yes/no answer (${p.name})`, kind: 'boolean' };
  }
}

/** Every library calculator the table above does not already give a form of its own. */
const LIBRARY_SIGNATURES: Readonly<Record<string, CalculatorSignature>> = Object.fromEntries(
  CALCULATOR_LIBRARY.filter((d) => !Object.hasOwn(CALCULATORS, d.name)).map((d) => [
    d.name,
    {
      name: d.name,
      parameters: d.parameters.map(parameterOf),
      result: { kind: 'quantity', unit: d.resultUnit === '1' ? undefined : d.resultUnit },
    },
  ]),
);

export function calculator(name: string): CalculatorSignature | undefined {
  if (Object.hasOwn(LIBRARY_SIGNATURES, name)) return LIBRARY_SIGNATURES[name];
  return Object.hasOwn(CALCULATORS, name) ? CALCULATORS[name] : undefined;
}

/** `ckd_epi_2021(creatinine, sex, birth date)` */
export function signatureText(signature: CalculatorSignature): string {
  return `${signature.name}(${signature.parameters.map((p) => p.name).join(', ')})`;
}
