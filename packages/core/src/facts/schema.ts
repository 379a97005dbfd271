import { z } from 'zod';
import type { AnswerInfo, ElementInfo, ProtocolInfo } from '../protocol';
import {
  AllergyRecord,
  ConditionRecord,
  DateAnswer,
  Day,
  EncounterRecord,
  Exposure,
  Measurement,
  PartialDate,
  ProcedureRecord,
  Sex,
} from './shapes';

/**
 * A protocol's own input schema: one optional key per data element, typed by the element's kind,
 * and one optional, nullable answer per question. Unknown keys are rejected, so a misspelt fact
 * is an error rather than silently missing data.
 *
 * "One or many" and "true/false or records" are unions, and a union that fails reports only
 * "invalid input" at its own path. For parsing, each such value is therefore checked against the
 * one alternative its shape selects (a list, or not), so an error points at the offending field:
 * `facts.wbc.0.unit`. The JSON Schema is built from the plain unions, which say the same thing.
 */

type Mode = 'parse' | 'json';

/** Item or list of items, the alternative chosen by whether the input is a list. */
function eitherByShape(single: z.ZodType, list: z.ZodType, mode: Mode): z.ZodType {
  if (mode === 'json') return z.union([single, list]);
  return z.unknown().transform((value, ctx) => {
    const result = (Array.isArray(value) ? list : single).safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
}

function describe(schema: z.ZodType, text: string): z.ZodType {
  return text ? schema.describe(text) : schema;
}

/** The label with what the element's values are in: `White blood cell count (10*9/L)`. */
export function describeElement(el: ElementInfo): string {
  const extra: string[] = [];
  if (el.unit) extra.push(el.unit);
  if (el.molarMass !== undefined) extra.push(`molar mass ${el.molarMass} g/mol`);
  if (el.kind === 'test' && el.values?.length) extra.push(`values: ${el.values.join(', ')}`);
  if (el.kind === 'question' && el.answer) extra.push(describeAnswer(el.answer));
  return extra.length ? `${el.label} (${extra.join('; ')})` : el.label;
}

function describeAnswer(a: AnswerInfo): string {
  switch (a.type) {
    case 'boolean':
      return 'yes or no';
    case 'count':
      return 'a count';
    case 'score':
      return a.min !== undefined && a.max !== undefined ? `score ${a.min} to ${a.max}` : 'a score';
    case 'number':
      return a.unit ? `a number in ${a.unit}` : 'a number';
    case 'date':
      return 'a date YYYY-MM-DD, or a date and time with its UTC offset';
    case 'code':
      return a.values?.length ? `one of ${a.values.join(', ')}` : 'a code';
  }
}

/** Whether an element is supplied as a fact (questions are answers; defines are derived). */
export function isFactElement(el: ElementInfo): boolean {
  return el.kind !== 'question' && el.kind !== 'define';
}

function factSchema(el: ElementInfo, mode: Mode): z.ZodType | undefined {
  switch (el.kind) {
    case 'patient':
      return el.patientField === 'gender' ? Sex : PartialDate;
    case 'lab':
    case 'test':
      return eitherByShape(Measurement, z.array(Measurement), mode);
    case 'condition':
      return eitherByShape(z.boolean(), z.array(ConditionRecord), mode);
    case 'medication':
      return eitherByShape(z.boolean(), z.array(Exposure), mode);
    case 'procedure':
      return eitherByShape(z.boolean(), z.array(ProcedureRecord), mode);
    case 'allergy':
      return eitherByShape(z.boolean(), z.array(AllergyRecord), mode);
    case 'encounter':
      return eitherByShape(z.boolean(), z.array(EncounterRecord), mode);
    case 'question':
    case 'define':
      return undefined;
  }
}

function answerSchema(answer: AnswerInfo | undefined): z.ZodType {
  if (!answer) return z.union([z.boolean(), z.number(), z.string()]);
  const bounded = (n: z.ZodNumber) => {
    let out = n;
    if (answer.min !== undefined) out = out.min(answer.min);
    if (answer.max !== undefined) out = out.max(answer.max);
    return out;
  };
  switch (answer.type) {
    case 'boolean':
      return z.boolean();
    case 'count':
      return bounded(z.number().int().nonnegative());
    case 'score':
    case 'number':
      return bounded(z.number());
    case 'date':
      return DateAnswer;
    case 'code':
      return answer.values?.length ? z.enum(answer.values as [string, ...string[]]) : z.string();
  }
}

function buildFacts(info: ProtocolInfo, mode: Mode) {
  const shape: Record<string, z.ZodType> = {};
  for (const el of info.elements) {
    const schema = factSchema(el, mode);
    if (schema) shape[el.id] = describe(schema, describeElement(el)).optional();
  }
  return z.strictObject(shape);
}

function buildAnswers(info: ProtocolInfo) {
  const shape: Record<string, z.ZodType> = {};
  for (const el of info.elements) {
    if (el.kind !== 'question') continue;
    shape[el.id] = describe(answerSchema(el.answer).nullable(), describeElement(el)).optional();
  }
  return z.strictObject(shape);
}

function buildInput(info: ProtocolInfo, mode: Mode) {
  return z.strictObject({
    asOf: Day.describe('The screening date: facts after it are ignored, ages are counted on it.'),
    facts: buildFacts(info, mode).default({}),
    answers: buildAnswers(info).default({}),
  });
}

// Protocol infos are immutable, and batch screening parses many inputs against one protocol.
const cache = new WeakMap<ProtocolInfo, { facts?: z.ZodType; answers?: z.ZodType; input?: z.ZodType }>();

function cached<K extends 'facts' | 'answers' | 'input'>(
  info: ProtocolInfo,
  key: K,
  build: () => z.ZodType,
): z.ZodType {
  let entry = cache.get(info);
  if (!entry) {
    entry = {};
    cache.set(info, entry);
  }
  entry[key] ??= build();
  return entry[key];
}

/** The protocol's facts: a strict object keyed by element id, every key optional. */
export function factsSchema(info: ProtocolInfo): z.ZodType {
  return cached(info, 'facts', () => buildFacts(info, 'parse'));
}

/** The protocol's question answers: a strict object keyed by question id, each optional and nullable. */
export function answersSchema(info: ProtocolInfo): z.ZodType {
  return cached(info, 'answers', () => buildAnswers(info));
}

/** `{ asOf, facts, answers }` for this protocol; facts and answers default to empty. */
export function screeningInputSchema(info: ProtocolInfo): z.ZodType {
  return cached(info, 'input', () => buildInput(info, 'parse'));
}

/** The screening input as JSON Schema (draft 2020-12), for API documentation and clients. */
export function inputJsonSchema(info: ProtocolInfo): Record<string, unknown> {
  let schema = jsonSchemas.get(info);
  if (!schema) {
    schema = z.toJSONSchema(buildInput(info, 'json'), { io: 'input', unrepresentable: 'any' });
    jsonSchemas.set(info, schema);
  }
  // A copy, so that a caller adding to it cannot change what the next caller gets.
  return structuredClone(schema) as Record<string, unknown>;
}

const jsonSchemas = new WeakMap<ProtocolInfo, object>();
