import type { CompileResult } from '../src/compile';
import type { Diagnostic } from '../src/diagnostics/diagnostic';

/**
 * What every run of the pipeline must give, whatever the text: diagnostics as values, each with a
 * code, a message and a span inside the text. A phase that threw shows up as E0900 (compile caught
 * it) or W0006 (a check rule threw and was switched off): both are defects, never an answer.
 */
export function diagnosticProblems(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const problems: string[] = [];
  for (const d of diagnostics) {
    if (d.code === 'E0900' || d.code === 'W0006') problems.push(`${d.code} ${d.message}`);
    else if (!/^[EW]\d{4}$/.test(d.code) || d.message === '') problems.push(`malformed diagnostic ${d.code}`);
    // Only the count of diagnostics left out has no place in the text.
    else if (d.span === undefined) {
      if (d.code !== 'W0005') problems.push(`${d.code} has no position: ${d.message}`);
    } else if (!(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length)) {
      problems.push(`${d.code} span ${d.span.start}-${d.span.end} outside a text of ${text.length}`);
    }
  }
  return problems;
}

/** `ok` exactly when no diagnostic is an error; a failed compile has at least one. */
export function compileProblems(text: string, result: CompileResult): string[] {
  const problems = diagnosticProblems(text, result.diagnostics);
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  if (result.ok === errors) problems.push(`ok is ${result.ok} with${errors ? '' : 'out'} errors`);
  for (const d of result.diagnostics) if (d.span && !d.start) problems.push(`${d.code} was not located`);
  return problems;
}
