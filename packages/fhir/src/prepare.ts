import type { Answers, Facts, InputWarning, ProtocolInfo } from '@eligo/core';
import { parseBundle } from './bundle';
import { isDay } from './dates';
import type { InputError } from './issues';
import { isObject } from './shape';
import { bundleToFacts } from './toFacts';

export interface PreparedInput {
  readonly asOf: string;
  readonly facts: Facts;
  readonly answers: Answers;
}

export type PrepareResult =
  | { ok: true; input: PreparedInput; warnings: InputWarning[] }
  | { ok: false; errors: InputError[] };

const FIELDS = new Set(['asOf', 'bundle', 'facts', 'answers', 'ref']);

/** Long enough for any system's identifier or a UUID URN, short enough to echo on every line. */
export const MAX_REF_LENGTH = 200;

/**
 * One screening document as the CLI, the API and the web app take it:
 * `{ "asOf": "YYYY-MM-DD", "bundle": <FHIR R4 Bundle> | "facts": {…}, "answers": {…}, "ref"?: "…" }`,
 * with exactly one of `bundle` and `facts` (`ref` is the caller's own name for the input, echoed by
 * batch results: see `documentRef`). A bundle becomes facts through the protocol's code
 * bindings; native facts pass through unchecked here (the caller validates them against the
 * protocol's schema, then screens). Errors carry the path of the offending field. Never throws.
 */
export function prepareScreeningInput(info: ProtocolInfo, raw: unknown): PrepareResult {
  if (!isObject(raw)) return { ok: false, errors: [{ path: '', message: 'expected an object' }] };
  const errors: InputError[] = [];
  for (const key of Object.keys(raw)) {
    if (!FIELDS.has(key)) {
      errors.push({ path: key, message: 'unknown field (expected asOf, bundle or facts, answers, ref)' });
    }
  }

  const asOf = raw.asOf;
  if (asOf === undefined) errors.push({ path: 'asOf', message: 'required' });
  else if (typeof asOf !== 'string' || !isDay(asOf)) {
    errors.push({ path: 'asOf', message: 'expected a full date YYYY-MM-DD' });
  }

  if (
    raw.ref !== undefined &&
    (typeof raw.ref !== 'string' || raw.ref.length === 0 || raw.ref.length > MAX_REF_LENGTH)
  ) {
    errors.push({ path: 'ref', message: `expected a string of 1 to ${MAX_REF_LENGTH} characters` });
  }

  const answers = raw.answers ?? {};
  if (!isObject(answers)) errors.push({ path: 'answers', message: 'expected an object' });
  else {
    for (const [key, value] of Object.entries(answers)) {
      if (!['boolean', 'number', 'string'].includes(typeof value) && value !== null) {
        errors.push({ path: `answers.${key}`, message: 'expected a boolean, a number, a string or null' });
      }
    }
  }

  const hasBundle = raw.bundle !== undefined;
  const hasFacts = raw.facts !== undefined;
  if (hasBundle && hasFacts) errors.push({ path: 'facts', message: 'give either bundle or facts, not both' });
  else if (!hasBundle && !hasFacts)
    errors.push({ path: 'bundle', message: 'required: a FHIR Bundle (or facts)' });
  else if (hasFacts && !isObject(raw.facts)) errors.push({ path: 'facts', message: 'expected an object' });

  if (errors.length > 0) {
    if (hasBundle && !hasFacts) {
      const parsed = parseBundle(raw.bundle);
      if (!parsed.ok) errors.push(...parsed.errors);
    }
    return { ok: false, errors };
  }
  const day = asOf as string;
  const givenAnswers = answers as Answers;
  if (!hasBundle)
    return { ok: true, input: { asOf: day, facts: raw.facts as Facts, answers: givenAnswers }, warnings: [] };

  const read = bundleToFacts(info, raw.bundle, day);
  if (!read.ok) return read;
  return {
    ok: true,
    input: { asOf: day, facts: read.facts, answers: givenAnswers },
    warnings: read.warnings,
  };
}
