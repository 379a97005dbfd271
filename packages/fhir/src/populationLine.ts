import type { CompiledProtocol, ScreeningInput } from '@eligo/core';
import { readDocument } from './screenDocument';

/**
 * One line of a population upload (a screening document as NDJSON) read for a feasibility count on
 * the run's screening date: its answers are left out (a population has no one to ask), and when it
 * cannot be read only the paths of what was wrong come back, never its values.
 */
export function readPopulationLine(
  protocol: CompiledProtocol,
  text: string,
  asOf: string,
): { ok: true; input: ScreeningInput } | { ok: false; paths: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, paths: [''] };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, paths: [''] };
  const { answers: _answers, ...rest } = doc as Record<string, unknown>;
  const read = readDocument(protocol, { ...rest, asOf });
  if (!read.ok) return { ok: false, paths: [...new Set(read.errors.map((e) => e.path))] };
  return { ok: true, input: read.input };
}
