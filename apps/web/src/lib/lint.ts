/** A diagnostic as core's `compile` and the API's `/v1/check` report it (the API's is plain JSON). */
export interface DiagnosticLike {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly start?: { readonly line: number; readonly column: number } | undefined;
  readonly end?: { readonly line: number; readonly column: number } | undefined;
  readonly label?: string | undefined;
  readonly hint?: string | undefined;
}

/** The part of a CodeMirror `Text` this needs, so the mapping is testable without an editor. */
export interface LineIndex {
  readonly length: number;
  readonly lines: number;
  line(n: number): { readonly from: number; readonly to: number };
}

export interface EditorDiagnostic {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly source: string;
}

/** Line/column (1-based, UTF-16 columns) to editor offsets, clamped into the document as it is now. */
export function toEditorDiagnostic(doc: LineIndex, d: DiagnosticLike): EditorDiagnostic {
  const from = d.start ? offset(doc, d.start) : 0;
  let to = d.end ? Math.max(offset(doc, d.end), from) : from;
  // An empty range is hard to see; mark the character under the caret when there is one on the line.
  if (to === from && from < doc.line(lineAt(doc, d.start?.line ?? 1)).to) to = from + 1;
  return { from, to, severity: d.severity, message: describe(d), source: d.code };
}

/** "unit mismatch — 'g/L' is a mass concentration … (hint: …)": the message with its label and hint. */
export function describe(d: DiagnosticLike): string {
  let text = d.message;
  if (d.label && !d.message.includes(d.label)) text += ` — ${d.label}`;
  if (d.hint) text += `\nHint: ${d.hint}`;
  return text;
}

/** "12:5" for the diagnostics list. */
export function position(d: DiagnosticLike): string {
  return d.start ? `${d.start.line}:${d.start.column}` : '—';
}

function lineAt(doc: LineIndex, line: number): number {
  return Math.min(Math.max(line, 1), doc.lines);
}

function offset(doc: LineIndex, at: { line: number; column: number }): number {
  const line = doc.line(lineAt(doc, at.line));
  if (at.line > doc.lines) return doc.length;
  return Math.min(line.from + Math.max(at.column - 1, 0), line.to);
}
