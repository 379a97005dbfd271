import type { Source } from '../source';
import type { Diagnostic } from './diagnostic';

/**
 * Renders a diagnostic the way a compiler prints it on a terminal:
 *
 * ```
 * NCT06469190.elig:42:12 error E0203 unit mismatch
 *   42 |   wbc >= 3 g/L
 *      |            ^^^ 'g/L' is a mass concentration; wbc is a number concentration (10*9/L)
 *   hint: …
 * ```
 *
 * A span over several lines is underlined to the end of its first line. Every line ends in `\n`.
 */
export function renderDiagnostic(d: Diagnostic, source: Source): string {
  const lines: string[] = [];
  if (!d.span) {
    lines.push(`${source.name} ${d.severity} ${d.code} ${d.message}`);
  } else {
    const start = source.locate(Math.min(d.span.start, source.body.length));
    const end = source.locate(Math.min(Math.max(d.span.end, d.span.start), source.body.length));
    lines.push(`${source.name}:${start.line}:${start.column} ${d.severity} ${d.code} ${d.message}`);
    const text = source.lineText(start.line);
    const gutter = String(start.line);
    const column = columnInLine(source, start);
    const last = end.line === start.line ? columnInLine(source, end) : text.length;
    const width = Math.max(1, last - column);
    // Tabs before the caret are kept so the caret lines up however the terminal expands them.
    const pad = text.slice(0, column).replace(/[^\t]/g, ' ');
    const carets = `${pad}${'^'.repeat(width)}`;
    lines.push(`  ${gutter} | ${text}`);
    lines.push(`  ${' '.repeat(gutter.length)} | ${carets}${d.label ? ` ${d.label}` : ''}`);
  }
  if (d.hint) for (const hint of d.hint.split('\n')) lines.push(`  hint: ${hint}`);
  for (const related of d.related ?? []) {
    const at = source.locate(related.span.start);
    lines.push(`  note: ${related.message} (${source.name}:${at.line}:${at.column})`);
  }
  return `${lines.join('\n')}\n`;
}

/** Diagnostics in the given order, separated by a blank line. */
export function renderDiagnostics(list: readonly Diagnostic[], source: Source): string {
  return list.map((d) => renderDiagnostic(d, source)).join('\n');
}

/** 0-based offset of a location within its line's text, whatever the source's own line/column offset. */
function columnInLine(source: Source, at: { line: number; column: number }): number {
  const firstLine = at.line === source.offset.line;
  return at.column - (firstLine ? source.offset.column : 1);
}
