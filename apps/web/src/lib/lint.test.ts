import { describe, expect, it } from 'vitest';
import {
  type DiagnosticLike,
  describe as describeDiagnostic,
  type LineIndex,
  position,
  toEditorDiagnostic,
} from './lint';

/** A LineIndex over a string, as CodeMirror's Text would give it. */
function lines(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return {
    length: text.length,
    lines: starts.length,
    line: (n) => ({ from: starts[n - 1]!, to: n < starts.length ? starts[n]! - 1 : text.length }),
  };
}

const doc = lines('trial T "x"\nlab wbc "WBC" in g/L\n  met if wbc >= 3 g/L');
const diagnostic = (d: Partial<DiagnosticLike>): DiagnosticLike => ({
  code: 'E0203',
  severity: 'error',
  message: 'unit mismatch',
  ...d,
});

describe('toEditorDiagnostic', () => {
  it('maps 1-based line and column to document offsets', () => {
    const d = toEditorDiagnostic(
      doc,
      diagnostic({ start: { line: 3, column: 19 }, end: { line: 3, column: 22 } }),
    );
    expect(d).toEqual({ from: 51, to: 54, severity: 'error', message: 'unit mismatch', source: 'E0203' });
  });

  it('widens an empty range to the character under the caret', () => {
    const d = toEditorDiagnostic(
      doc,
      diagnostic({ start: { line: 2, column: 5 }, end: { line: 2, column: 5 } }),
    );
    expect([d.from, d.to]).toEqual([16, 17]);
  });

  it('keeps an empty range at the end of a line empty', () => {
    const d = toEditorDiagnostic(doc, diagnostic({ start: { line: 1, column: 12 } }));
    expect([d.from, d.to]).toEqual([11, 11]);
  });

  it('clamps positions beyond the text that changed since the check', () => {
    expect(toEditorDiagnostic(doc, diagnostic({ start: { line: 1, column: 99 } })).from).toBe(11);
    expect(toEditorDiagnostic(doc, diagnostic({ start: { line: 9, column: 1 } })).from).toBe(doc.length);
  });

  it('puts a diagnostic without a position at the start', () => {
    const d = toEditorDiagnostic(doc, diagnostic({ severity: 'warning' }));
    expect([d.from, d.to, d.severity]).toEqual([0, 1, 'warning']);
  });
});

describe('describe', () => {
  it('adds the label and the hint', () => {
    const d = diagnostic({ label: "'g/L' is a mass concentration", hint: 'write 3 10*9/L' });
    expect(describeDiagnostic(d)).toBe("unit mismatch — 'g/L' is a mass concentration\nHint: write 3 10*9/L");
  });

  it('does not repeat a label the message already says', () => {
    expect(describeDiagnostic(diagnostic({ message: 'expected a unit', label: 'expected a unit' }))).toBe(
      'expected a unit',
    );
  });
});

describe('position', () => {
  it('prints line:column', () => {
    expect(position(diagnostic({ start: { line: 3, column: 18 } }))).toBe('3:18');
    expect(position(diagnostic({}))).toBe('—');
  });
});
