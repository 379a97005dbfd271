import { type CompiledProtocol, parseScreeningInput, type Screening, screen } from '@eligo/core';
import { prepareScreeningInput } from '@eligo/fhir';
import type { Issue } from '../http/errors';

export type Outcome = { ok: true; screening: Screening } | { ok: false; errors: Issue[] };

/**
 * One screening document (`{asOf, bundle | facts, answers}`) to the same Screening the CLI's
 * `screen --json` prints, or the input's problems with their paths.
 */
export function screenDocument(protocol: CompiledProtocol, raw: unknown): Outcome {
  const prepared = prepareScreeningInput(protocol.info, raw);
  if (!prepared.ok) return { ok: false, errors: [...prepared.errors] };
  const parsed = parseScreeningInput(protocol, prepared.input);
  if (!parsed.ok) return { ok: false, errors: [...parsed.issues] };
  const screening = screen(protocol, parsed.input);
  return { ok: true, screening: { ...screening, warnings: [...prepared.warnings, ...screening.warnings] } };
}

export function verdicts(screening: Screening): Record<string, Screening['cohorts'][number]['verdict']> {
  return Object.fromEntries(screening.cohorts.map((c) => [c.id, c.verdict]));
}
