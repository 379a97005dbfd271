import {
  answersSchema,
  type CompiledProtocol,
  type ParsedInput,
  parseScreeningInput,
  type Screening,
  type ScreenOptions,
  screen,
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
  const prepared = prepareScreeningInput(protocol.info, raw);
  if (!prepared.ok) return { ok: false, errors: prepared.errors };
  const fromBundle = (raw as { bundle?: unknown }).bundle !== undefined;
  const parsed = fromBundle
    ? withCheckedAnswers(protocol, prepared.input)
    : parseScreeningInput(protocol, prepared.input);
  if (!parsed.ok) return { ok: false, errors: parsed.issues };
  const screening = screen(protocol, parsed.input, options);
  if (prepared.warnings.length === 0) return { ok: true, screening };
  return { ok: true, screening: { ...screening, warnings: [...prepared.warnings, ...screening.warnings] } };
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
