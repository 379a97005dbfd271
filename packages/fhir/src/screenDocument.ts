import {
  answersSchema,
  type CompactScreening,
  type CompiledProtocol,
  type InputWarning,
  type ParsedInput,
  parseScreeningInput,
  type Screening,
  type ScreeningInput,
  type ScreenOptions,
  screen,
  screenCompact,
} from '@eligo/core';
import type { InputError } from './issues';
import { type PreparedInput, prepareScreeningInput } from './prepare';

export type ScreenDocumentResult =
  | { readonly ok: true; readonly screening: Screening }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/**
 * The whole path from one screening document (`{asOf, bundle | facts, answers}`) to a screening:
 * read the bundle through the protocol's bindings (or validate native facts against the
 * protocol's own schema), check the answers, screen. The CLI, the API and the web app all call this, so they cannot disagree.
 * Never throws; the reader's warnings come first, then the evaluator's. `options` go to core's
 * `screen` (`{ trace: false }` when the caller drops the trace trees).
 */
export function screenDocument(
  protocol: CompiledProtocol,
  raw: unknown,
  options?: ScreenOptions,
): ScreenDocumentResult {
  const read = readDocument(protocol, raw);
  if (!read.ok) return read;
  const screening = screen(protocol, read.input, options);
  if (read.warnings.length === 0) return { ok: true, screening };
  return { ok: true, screening: { ...screening, warnings: [...read.warnings, ...screening.warnings] } };
}

export type CompactDocumentResult =
  | { readonly ok: true; readonly screening: CompactScreening }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/**
 * `screenDocument` without the text: per cohort the verdict, each criterion's status and what is
 * missing, and the warnings (core's `screenCompact`, much cheaper than explaining everything).
 */
export function screenDocumentCompact(protocol: CompiledProtocol, raw: unknown): CompactDocumentResult {
  const read = readDocument(protocol, raw);
  if (!read.ok) return read;
  const screening = screenCompact(protocol, read.input);
  if (read.warnings.length === 0) return { ok: true, screening };
  return { ok: true, screening: { ...screening, warnings: [...read.warnings, ...screening.warnings] } };
}

export type ReadDocumentResult =
  | { readonly ok: true; readonly input: ScreeningInput; readonly warnings: readonly InputWarning[] }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/**
 * The first half of `screenDocument`: the document read and checked into the input a screening
 * takes, with the reader's warnings. For callers that need verdicts and statuses only
 * (`protocol.evaluate`), such as a population's attrition summary.
 */
export function readDocument(protocol: CompiledProtocol, raw: unknown): ReadDocumentResult {
  const prepared = prepareScreeningInput(protocol.info, raw);
  if (!prepared.ok) return { ok: false, errors: prepared.errors };
  const fromBundle = (raw as { bundle?: unknown }).bundle !== undefined;
  const parsed = fromBundle
    ? withCheckedAnswers(protocol, prepared.input)
    : parseScreeningInput(protocol, prepared.input);
  if (!parsed.ok) return { ok: false, errors: parsed.issues };
  return { ok: true, input: parsed.input, warnings: prepared.warnings };
}

/**
 * Facts read from a bundle are built by the reader to the protocol's schema (its tests check each
 * one against it), so only the answers, which come from the caller, are checked here: the full
 * input schema copied every fact again on every screening. Paths are as the full schema gives them.
 */
function withCheckedAnswers(protocol: CompiledProtocol, input: PreparedInput): ParsedInput {
  const answers = answersSchema(protocol.info).safeParse(input.answers);
  if (answers.success)
    return { ok: true, input: { ...input, answers: answers.data as PreparedInput['answers'] } };
  return {
    ok: false,
    issues: answers.error.issues.map((issue) => ({
      path: ['answers', ...issue.path].map(String).join('.'),
      message: issue.message,
    })),
  };
}
