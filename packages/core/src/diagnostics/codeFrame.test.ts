import { describe, expect, it } from 'vitest';
import { Source } from '../source';
import { renderDiagnostic, renderDiagnostics } from './codeFrame';
import type { Diagnostic } from './diagnostic';

const text =
  'trial T "t"\nlab wbc "WBC" in 10*9/L from loinc 6690-2\ninclusion\n  IN-1 "w"\n    met if wbc >= 3 g/L\n';
const source = new Source(text, 'NCT06469190.elig');
const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });

const mismatch: Diagnostic = {
  code: 'E0203',
  severity: 'error',
  message: 'unit mismatch',
  span: at('g/L'),
  label: "'g/L' is a mass concentration; wbc is a number concentration (10*9/L)",
};

describe('renderDiagnostic', () => {
  it('prints position, severity, code, message, the line and carets with the label', () => {
    expect(renderDiagnostic(mismatch, source)).toBe(
      [
        'NCT06469190.elig:5:21 error E0203 unit mismatch',
        '  5 |     met if wbc >= 3 g/L',
        "    |                     ^^^ 'g/L' is a mass concentration; wbc is a number concentration (10*9/L)",
        '',
      ].join('\n'),
    );
  });

  it('widens the gutter for long line numbers and prints hints and notes', () => {
    const long = new Source(`${'\n'.repeat(41)}  wbc >= 3 g/L\n`, 'x.elig');
    const start = 41 + 11;
    const d: Diagnostic = {
      code: 'E0201',
      severity: 'error',
      message: "unknown unit 'g/L'",
      span: { start, end: start + 3 },
      hint: "did you mean 'g/l'?\nunits are UCUM codes",
      related: [{ message: 'declared here', span: { start: 41, end: 42 } }],
    };
    expect(renderDiagnostic(d, long)).toBe(
      [
        "x.elig:42:12 error E0201 unknown unit 'g/L'",
        '  42 |   wbc >= 3 g/L',
        '     |            ^^^',
        "  hint: did you mean 'g/l'?",
        '  hint: units are UCUM codes',
        '  note: declared here (x.elig:42:1)',
        '',
      ].join('\n'),
    );
  });

  it('underlines a multi-line span to the end of its first line, and an empty span with one caret', () => {
    const src = new Source('met if a and\n  b\n');
    expect(renderDiagnostic({ ...mismatch, span: { start: 7, end: 16 }, label: undefined }, src)).toBe(
      'criteria.elig:1:8 error E0203 unit mismatch\n  1 | met if a and\n    |        ^^^^^\n',
    );
    expect(renderDiagnostic({ ...mismatch, span: { start: 18, end: 18 }, label: 'here' }, src)).toBe(
      'criteria.elig:3:1 error E0203 unit mismatch\n  3 | \n    | ^ here\n',
    );
  });

  it('keeps tabs in front of the carets and honours the source offset', () => {
    const src = new Source('\tx', 'doc.md', { line: 10, column: 5 });
    expect(renderDiagnostic({ ...mismatch, span: { start: 1, end: 2 }, label: undefined }, src)).toBe(
      'doc.md:10:6 error E0203 unit mismatch\n  10 | \tx\n     | \t^\n',
    );
  });

  it('prints only the header for a diagnostic without a span', () => {
    expect(
      renderDiagnostic({ code: 'W0009', severity: 'info', message: 'too many', span: undefined }, source),
    ).toBe('NCT06469190.elig info W0009 too many\n');
  });
});

describe('renderDiagnostics', () => {
  it('separates diagnostics with a blank line', () => {
    const d: Diagnostic = { code: 'W0009', severity: 'info', message: 'm', span: undefined };
    expect(renderDiagnostics([d, d], source)).toBe(
      'NCT06469190.elig info W0009 m\n\nNCT06469190.elig info W0009 m\n',
    );
    expect(renderDiagnostics([], source)).toBe('');
  });
});
