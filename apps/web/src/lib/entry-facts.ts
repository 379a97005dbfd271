import { Comparator, type Facts, type FactValue, matchesBinding } from '@eligo/core';
import { isDay } from './dates';
import type { EntryField } from './entry-fields';
import type { PatientRecord } from './patient-input';

/**
 * What the form holds for one data element: the raw text of each input. Each kind of field uses
 * some of them; `''` is "not entered".
 */
export interface EntryValues {
  /** A lab result's comparator as the report prints it (`<0.5`, `>90`); '' for an exact value. */
  comparator: string;
  value: string;
  unit: string;
  date: string;
  low: string;
  high: string;
  /** A test's coded result, or a sex. */
  result: string;
  /** For records: '' not entered, 'none' no such record, 'present' one record. */
  presence: '' | 'none' | 'present';
  system: string;
  code: string;
  /** A record's start (onset, first dose, procedure date) and end. */
  start: string;
  end: string;
  /** A condition's clinical and verification status; an allergy's severity. */
  status: string;
  verification: string;
  severity: string;
}

export type EntryState = Record<string, EntryValues>;

export function blankValues(field: EntryField): EntryValues {
  return {
    comparator: '',
    value: '',
    unit: field.kind === 'lab' ? (field.units[0] ?? '') : '',
    date: '',
    low: '',
    high: '',
    result: '',
    presence: '',
    system: field.kind === 'record' ? (field.systems[0] ?? '') : '',
    code: '',
    start: '',
    end: '',
    status: 'active',
    verification: 'confirmed',
    severity: '',
  };
}

export function blankEntry(fields: readonly EntryField[]): EntryState {
  return Object.fromEntries(fields.filter((f) => f.kind !== 'question').map((f) => [f.id, blankValues(f)]));
}

export interface EnteredFacts {
  /** The facts document the form describes, as an import of native facts gives it. */
  readonly facts: Facts;
  /** Why an entered value was not used, by element id; that element stays unknown. */
  readonly problems: Readonly<Record<string, string>>;
}

function number(raw: string): number | undefined {
  const text = raw.trim().replace(',', '.');
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

type Read = FactValue | { problem: string } | undefined;

function readLab(field: Extract<EntryField, { kind: 'lab' }>, v: EntryValues): Read {
  const value = number(v.value);
  if (value === undefined) {
    if (v.comparator !== '') return { problem: `Enter the number after ${v.comparator}, or choose =.` };
    return v.date.trim() || v.low.trim() || v.high.trim()
      ? { problem: 'Enter the result, or clear its date and range.' }
      : undefined;
  }
  if (Number.isNaN(value)) return { problem: 'Enter the result as a number.' };
  const comparator = Comparator.safeParse(v.comparator);
  if (v.comparator !== '' && !comparator.success)
    return { problem: `Choose a comparator: =, ${Comparator.options.join(', ')}.` };
  if (!field.units.includes(v.unit)) return { problem: `Choose a unit: ${field.units.join(', ')}.` };
  const date = v.date.trim();
  if (date !== '' && !isDay(date)) return { problem: 'Enter the date as YYYY-MM-DD.' };
  const low = number(v.low);
  const high = number(v.high);
  if (Number.isNaN(low) || Number.isNaN(high)) return { problem: 'Enter the reference range as numbers.' };
  const range = { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
  return {
    value,
    unit: v.unit,
    ...(comparator.success ? { comparator: comparator.data } : {}),
    ...(date ? { date } : {}),
    ...(low === undefined && high === undefined ? {} : { referenceRange: range }),
  };
}

function readTest(field: Extract<EntryField, { kind: 'test' }>, v: EntryValues): Read {
  if (v.result === '')
    return v.date.trim() ? { problem: 'Choose the result, or clear its date.' } : undefined;
  if (!field.values.includes(v.result)) return { problem: `Choose one of ${field.values.join(', ')}.` };
  const date = v.date.trim();
  if (date !== '' && !isDay(date)) return { problem: 'Enter the date as YYYY-MM-DD.' };
  return { code: v.result, ...(date ? { date } : {}) };
}

function readRecord(field: Extract<EntryField, { kind: 'record' }>, v: EntryValues): Read {
  if (v.presence === '') return undefined;
  if (v.presence === 'none') return false;
  const code = v.code.trim();
  if (code !== '' && field.binding && !matchesBinding(field.binding, v.system, code)) {
    return { problem: `${code} is not among the codes of ${field.label}.` };
  }
  for (const day of [v.start, v.end]) {
    if (day.trim() !== '' && !isDay(day.trim())) return { problem: 'Enter dates as YYYY-MM-DD.' };
  }
  const coding = code ? { system: v.system, code } : {};
  const start = v.start.trim();
  const end = v.end.trim();
  switch (field.record) {
    case 'condition':
      return [
        {
          ...coding,
          clinicalStatus: (v.status || 'active') as 'active',
          verificationStatus: (v.verification || 'confirmed') as 'confirmed',
          ...(start ? { onset: start } : {}),
          ...(end ? { abatement: end } : {}),
        },
      ];
    case 'medication':
      return [{ ...coding, ...(start ? { start } : {}), ...(end ? { end } : {}) }];
    case 'procedure':
      return [{ ...coding, ...(start ? { date: start } : {}), ...(end ? { end } : {}) }];
    case 'allergy':
      return [{ ...coding, ...(v.severity ? { severity: v.severity as 'severe' } : {}) }];
    case 'encounter':
      return [{ ...coding, ...(start ? { start } : {}), ...(end ? { end } : {}) }];
  }
}

function readField(field: EntryField, v: EntryValues): Read {
  switch (field.kind) {
    case 'birthDate':
      if (v.date.trim() === '') return undefined;
      return isDay(v.date.trim()) ? v.date.trim() : { problem: 'Enter the date of birth as YYYY-MM-DD.' };
    case 'sex':
      return v.result === '' ? undefined : v.result;
    case 'lab':
      return readLab(field, v);
    case 'test':
      return readTest(field, v);
    case 'record':
      return readRecord(field, v);
    case 'question':
      return undefined;
  }
}

/** The facts the form describes; what is not entered is left out, so it reads as the protocol says. */
export function enteredFacts(fields: readonly EntryField[], state: EntryState): EnteredFacts {
  const facts: Facts = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const values = state[field.id];
    if (!values) continue;
    const read = readField(field, values);
    if (read === undefined) continue;
    if (typeof read === 'object' && read !== null && 'problem' in read) problems[field.id] = read.problem;
    else facts[field.id] = read;
  }
  return { facts, problems };
}

/** The form's facts as the patient record the screening reads, or none while nothing is entered. */
export function enteredRecord(entered: EnteredFacts): PatientRecord | undefined {
  const elements = Object.keys(entered.facts).length;
  return elements === 0 ? undefined : { kind: 'facts', facts: entered.facts, elements };
}
