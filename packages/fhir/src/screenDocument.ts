import {
  type CompiledProtocol,
  parseScreeningInput,
  type Screening,
  type ScreenOptions,
  screen,
} from '@eligo/core';
import type { InputError } from './issues';
import { prepareScreeningInput } from './prepare';

export type ScreenDocumentResult =
  | { readonly ok: true; readonly screening: Screening }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/**
 * The whole path from one screening document (`{asOf, bundle | facts, answers}`) to a screening:
 * read the bundle through the protocol's bindings, validate the facts against the protocol's own
 * schema, screen. The CLI, the API and the web app all call this, so they cannot disagree.
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
  const parsed = parseScreeningInput(protocol, prepared.input);
  if (!parsed.ok) return { ok: false, errors: parsed.issues };
  const screening = screen(protocol, parsed.input, options);
  if (prepared.warnings.length === 0) return { ok: true, screening };
  return { ok: true, screening: { ...screening, warnings: [...prepared.warnings, ...screening.warnings] } };
}
