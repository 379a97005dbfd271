import type { Answers } from '@eligo/core';

/**
 * A patient's record as the user imported it: a FHIR R4 Bundle or native facts, possibly wrapped
 * in a whole screening input (`{ asOf, bundle | facts, answers }`, the CLI's and the API's shape),
 * whose date and answers then prefill the form.
 */
export type PatientRecord =
  | { readonly kind: 'bundle'; readonly bundle: Readonly<Record<string, unknown>>; readonly entries: number }
  | { readonly kind: 'facts'; readonly facts: Readonly<Record<string, unknown>>; readonly elements: number };

export interface ImportedInput {
  readonly record: PatientRecord;
  readonly asOf: string | undefined;
  readonly answers: Answers | undefined;
}

export type ImportResult =
  | { readonly ok: true; readonly input: ImportedInput }
  | { readonly ok: false; readonly error: string };

export function readPatientJson(text: string): ImportResult {
  if (text.trim() === '') return { ok: false, error: 'The file or pasted text is empty.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: jsonSyntaxError(text, (error as Error).message) };
  }
  if (!isObject(value)) {
    return { ok: false, error: 'Expected a JSON object: a FHIR Bundle, facts, or a screening input.' };
  }
  if (value.resourceType !== undefined) {
    if (value.resourceType !== 'Bundle') {
      return {
        ok: false,
        error: `Expected a FHIR Bundle, got a ${String(value.resourceType)} resource; wrap it in a Bundle.`,
      };
    }
    return { ok: true, input: { record: bundleRecord(value), asOf: undefined, answers: undefined } };
  }
  const wrapped = 'bundle' in value || 'facts' in value || 'asOf' in value || 'answers' in value;
  if (!wrapped)
    return { ok: true, input: { record: factsRecord(value), asOf: undefined, answers: undefined } };

  if ('bundle' in value && 'facts' in value) {
    return { ok: false, error: 'A screening input has either "bundle" or "facts", not both.' };
  }
  let record: PatientRecord;
  if ('bundle' in value) {
    if (!isObject(value.bundle) || value.bundle.resourceType !== 'Bundle') {
      return {
        ok: false,
        error: '"bundle" must be a FHIR Bundle (an object with "resourceType": "Bundle").',
      };
    }
    record = bundleRecord(value.bundle);
  } else {
    const facts = value.facts ?? {};
    if (!isObject(facts)) return { ok: false, error: '"facts" must be an object keyed by data element id.' };
    record = factsRecord(facts);
  }
  if (value.asOf !== undefined && typeof value.asOf !== 'string') {
    return { ok: false, error: '"asOf" must be a date YYYY-MM-DD.' };
  }
  if (value.answers !== undefined && !isObject(value.answers)) {
    return { ok: false, error: '"answers" must be an object keyed by question id.' };
  }
  return {
    ok: true,
    input: { record, asOf: value.asOf, answers: value.answers as Answers | undefined },
  };
}

/**
 * A JSON syntax error with its line and column, worded for people. Browsers word `JSON.parse`
 * errors differently (V8: "… in JSON at position 22 (line 3 column 3)", Firefox: "JSON.parse: … at
 * line 3 column 3 of the JSON data"); where none is given, an unexpected end is at the end.
 */
export function jsonSyntaxError(text: string, message: string): string {
  let at: { line: number; column: number } | undefined;
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  if (lineColumn) at = { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  else if (position) at = lineAndColumn(text, Number(position[1]));
  else if (/unexpected end/i.test(message)) at = lineAndColumn(text, text.length);
  const reason = message
    .replace(/^JSON\.parse: /, '')
    .replace(/ (in JSON )?at position \d+.*$/, '')
    .replace(/ at line \d+ column \d+.*$/, '')
    .replace(/ in JSON$/, '');
  // "Expected …" reads on after a colon as "expected …"; an acronym such as "JSON" stays.
  const lowered = /^[A-Z][a-z]/.test(reason) ? `${reason.charAt(0).toLowerCase()}${reason.slice(1)}` : reason;
  const what = lowered.replace(/\.?$/, '.');
  return at
    ? `This is not valid JSON. Line ${at.line}, column ${at.column}: ${what}`
    : `This is not valid JSON: ${what}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** "FHIR Bundle, 23 entries" — what the user sees after importing. */
export function describeRecord(record: PatientRecord): string {
  if (record.kind === 'bundle') return `FHIR Bundle, ${plural(record.entries, 'entry', 'entries')}`;
  return `Facts for ${plural(record.elements, 'data element', 'data elements')}`;
}

function bundleRecord(bundle: Record<string, unknown>): PatientRecord {
  const entries = Array.isArray(bundle.entry) ? bundle.entry.length : 0;
  return { kind: 'bundle', bundle, entries };
}

function factsRecord(facts: Record<string, unknown>): PatientRecord {
  return { kind: 'facts', facts, elements: Object.keys(facts).length };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
