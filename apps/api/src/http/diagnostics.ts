import type { LocatedDiagnostic } from '@eligo/core';

/** A diagnostic as the API returns it: position, message and advice, nothing internal. */
export function diagnosticJson(d: LocatedDiagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    source: d.source,
    ...(d.start ? { start: { line: d.start.line, column: d.start.column } } : {}),
    ...(d.end ? { end: { line: d.end.line, column: d.end.column } } : {}),
    ...(d.span ? { span: { start: d.span.start, end: d.span.end } } : {}),
    ...(d.label !== undefined ? { label: d.label } : {}),
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
  };
}

export const diagnosticsJson = (list: readonly LocatedDiagnostic[]) => list.map(diagnosticJson);
