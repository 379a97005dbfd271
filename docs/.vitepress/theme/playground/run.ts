import { compile, type LocatedDiagnostic, type Screening } from '@eligo/core';
import { screenDocument } from '@eligo/fhir';

/** A problem to show under an editor and mark in it: `from`/`to` are offsets in that editor's text. */
export interface Problem {
  readonly severity: 'error' | 'warning' | 'info';
  /** `12:5`, or empty when the problem has no place in the text. */
  readonly at: string;
  readonly code: string;
  readonly message: string;
  readonly from: number;
  readonly to: number;
}

export interface PlaygroundResult {
  /** The criteria's diagnostics (parse, check, compile). */
  readonly criteria: readonly Problem[];
  /** The patient document's problems: invalid JSON, or an input the protocol cannot read. */
  readonly patient: readonly Problem[];
  /** Present when the criteria compiled and the document was read. */
  readonly screening: Screening | undefined;
}

/**
 * One run of the playground: compile the criteria, read the document (facts or a FHIR Bundle, the
 * same path as the CLI and the API), screen. Never throws; whatever stops it is a problem shown
 * where it comes from.
 */
export function runPlayground(criteria: string, patient: string): PlaygroundResult {
  const compiled = compile(criteria, { name: 'criteria.elig' });
  const criteriaProblems = compiled.diagnostics.map(fromDiagnostic);
  const document = parseJson(patient);
  if (!document.ok) return { criteria: criteriaProblems, patient: [document.problem], screening: undefined };
  if (!compiled.ok) return { criteria: criteriaProblems, patient: [], screening: undefined };
  const result = screenDocument(compiled.protocol, document.value);
  if (!result.ok) {
    const problems = result.errors.map((e) => problem('error', '', 'input', `${e.path}: ${e.message}`, 0, 0));
    return { criteria: criteriaProblems, patient: problems, screening: undefined };
  }
  // Which element and where in the document: a Bundle's path alone does not say what it was read as.
  const warnings = result.screening.warnings.map((w) => {
    const where = [w.element, w.path].filter(Boolean).join(', ');
    return problem('warning', '', w.code, where ? `${where}: ${w.message}` : w.message, 0, 0);
  });
  return { criteria: criteriaProblems, patient: warnings, screening: result.screening };
}

function fromDiagnostic(d: LocatedDiagnostic): Problem {
  let message = d.message;
  if (d.label && !message.includes(d.label)) message += ` — ${d.label}`;
  if (d.hint) message += ` (hint: ${d.hint})`;
  const at = d.start ? `${d.start.line}:${d.start.column}` : '';
  return problem(d.severity, at, d.code, message, d.span?.start ?? 0, d.span?.end ?? 0);
}

function problem(
  severity: Problem['severity'],
  at: string,
  code: string,
  message: string,
  from: number,
  to: number,
): Problem {
  return { severity, at, code, message, from, to };
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** JSON.parse with the place of a syntax error as line:column when the engine gives its offset. */
function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message)?.[1];
    const from = offset === undefined ? 0 : Math.min(Number(offset), text.length);
    const before = text.slice(0, from).split('\n');
    const at = offset === undefined ? '' : `${before.length}:${before.at(-1)!.length + 1}`;
    return { ok: false, problem: problem('error', at, 'JSON', message, from, from) };
  }
}
