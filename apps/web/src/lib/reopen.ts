import type { CompiledProtocol, Screening, Verdict } from '@eligo/core';
import type { ScreeningRequest } from './request';
import { type InputProblem, screenLocally } from './screening';

/** A recorded screening made again from its kept input, against the version it was recorded with. */
export type Reopened =
  | { readonly kind: 'screened'; readonly screening: Screening; readonly differs: readonly VerdictChange[] }
  | { readonly kind: 'not-kept' }
  | { readonly kind: 'unreadable'; readonly problems: readonly InputProblem[] };

export interface VerdictChange {
  readonly cohort: string;
  readonly recorded: Verdict | undefined;
  readonly now: Verdict | undefined;
}

/**
 * Screening is a pure function of the protocol version's text and the input (its `asOf`
 * included), so screening the kept input again with that version gives the evidence as it was.
 * The recorded verdicts are compared with the result, so a change in the screening engine
 * since then shows instead of passing for the record.
 */
export function reopen(
  protocol: CompiledProtocol,
  input: unknown,
  recorded: Readonly<Record<string, Verdict>>,
): Reopened {
  if (input === undefined || input === null) return { kind: 'not-kept' };
  if (typeof input !== 'object' || Array.isArray(input))
    return { kind: 'unreadable', problems: [{ path: '', message: 'the kept input is not an object' }] };
  const result = screenLocally(protocol, input as ScreeningRequest);
  if (!result.ok) return { kind: 'unreadable', problems: result.problems };
  const now = Object.fromEntries(result.screening.cohorts.map((c) => [c.id, c.verdict]));
  const cohorts = [...new Set([...Object.keys(recorded), ...Object.keys(now)])];
  const differs = cohorts
    .filter((id) => recorded[id] !== now[id])
    .map((id) => ({ cohort: id, recorded: recorded[id], now: now[id] }));
  return { kind: 'screened', screening: result.screening, differs };
}

/** The kept answers as question label and value, in the protocol's order of questions. */
export function answerLines(
  protocol: CompiledProtocol,
  input: unknown,
): { readonly id: string; readonly label: string; readonly value: string }[] {
  const answers = (input as { answers?: unknown } | null | undefined)?.answers;
  if (typeof answers !== 'object' || answers === null) return [];
  const given = answers as Record<string, unknown>;
  return protocol.info.elements
    .filter((e) => e.kind === 'question' && given[e.id] !== undefined && given[e.id] !== null)
    .map((e) => ({ id: e.id, label: e.label, value: answerText(given[e.id]) }));
}

function answerText(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return String(value);
}
