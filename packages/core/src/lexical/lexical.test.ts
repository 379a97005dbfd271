// Text the grammar cannot judge: a byte order mark, numbers a double cannot hold, bidirectional
// control characters (E0010–E0012).
import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { renderDiagnostics } from '../diagnostics/codeFrame';
import { locate } from '../diagnostics/diagnostic';
import { parse, parseExpression } from '../parse';
import { Source } from '../source';
import { numberProblem } from './numbers';

const PROTOCOL = `trial T-1 "Test"
lab a "A" in g/L from loinc 1-1
inclusion
  I-1 "Test" source "s" met if a > 3 g/L
`;

const AFTER_HEADER =
  "end of input, 'cohort', inclusion or exclusion, a declaration, 'records', 'screening' or 'version'";
const EXPECTED = `syntax error: expected ${AFTER_HEADER}, found 'oops'`;

/** Each diagnostic as `{ code, line, column, message }`. */
function located(text: string) {
  const source = new Source(text, 'test.elig');
  return parse(source).diagnostics.map((d) => {
    const at = locate(d, source).start;
    return { code: d.code, line: at?.line, column: at?.column, message: d.message };
  });
}

describe('a byte order mark', () => {
  const BOM = '\ufeff';

  it('is not part of the text: the protocol parses and compiles with the same hash', () => {
    const withMark = compile(BOM + PROTOCOL);
    const without = compile(PROTOCOL);
    expect(withMark.diagnostics).toEqual([]);
    expect(withMark.ok && without.ok && withMark.protocol.info.hash === without.protocol.info.hash).toBe(
      true,
    );
  });

  it('leaves line and column of every diagnostic where they are without it', () => {
    const broken = 'trial T-1 "Test" oops\nlab a "A" in g/L from loinc 1-1\n';
    expect(located(BOM + broken)).toEqual(located(broken));
    expect(located(BOM + broken)).toEqual([{ code: 'E0001', line: 1, column: 18, message: EXPECTED }]);
  });

  it('is left out of the code frame', () => {
    const source = new Source(`${BOM}trial T-1 "Test" oops\n`, 'test.elig');
    expect(renderDiagnostics(parse(source).diagnostics, source)).toBe(
      [
        `test.elig:1:18 error E0001 ${EXPECTED}`,
        '  1 | trial T-1 "Test" oops',
        `    |                  ^^^^ expected ${AFTER_HEADER}`,
        '',
      ].join('\n'),
    );
  });

  it('is an error anywhere else', () => {
    expect(
      parse(`trial T-1 "Test"\n${BOM}lab a "A" in g/L from loinc 1-1\n`).diagnostics.map((d) => d.code),
    ).toEqual(['E0001']);
  });
});

describe('numbers', () => {
  it('are faithful when their digits survive as a double', () => {
    for (const text of [
      '0',
      '-0',
      '3',
      '0.1',
      '120.50',
      '007',
      '1000000000000000000000',
      '1.7976931348623157',
    ]) {
      expect(numberProblem(text), text).toBeUndefined();
    }
  });

  it('E0010: beyond the largest double is too large, at the number', () => {
    const text = PROTOCOL.replace('> 3 g/L', `> 1${'0'.repeat(400)} g/L`);
    expect(located(text)).toEqual([
      {
        code: 'E0010',
        line: 4,
        column: 36,
        message: 'number too large: 401 digits before the decimal point',
      },
    ]);
    expect(compile(text).ok).toBe(false);
  });

  it('E0011: more digits than a double keeps would be read as another number', () => {
    const text = PROTOCOL.replace(
      '> 3 g/L',
      '> 0.1000000000000000000001 g/L and a < 12345678901234567890 g/L',
    );
    expect(located(text)).toEqual([
      {
        code: 'E0011',
        line: 4,
        column: 36,
        message: 'number cannot be represented exactly: it would be read as 0.1',
      },
      {
        code: 'E0011',
        line: 4,
        column: 73,
        message: 'number cannot be represented exactly: it would be read as 12345678901234567000',
      },
    ]);
  });

  it('E0011: a number too small for a double would be read as 0', () => {
    const diagnostics = parseExpression(`a > 0.${'0'.repeat(400)}1 g/L`).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'E0011',
        'number cannot be represented exactly: it would be read as 0',
        'the number is too small to represent: write it in a smaller unit',
      ],
    ]);
  });

  it('are checked wherever the grammar takes one: durations, counts, scores, limit multiples', () => {
    const huge = `1${'0'.repeat(310)}`;
    for (const expression of [
      `a within ${huge} days`,
      `at least ${huge} of (a, b)`,
      `a > ${huge} x ULN`,
      `a > ${huge} %`,
    ]) {
      expect(
        parseExpression(expression).diagnostics.map((d) => d.code),
        expression,
      ).toEqual(['E0010']);
    }
  });
});

describe('E0012: bidirectional control characters', () => {
  it('are errors in strings, comments and code alike, each at its position', () => {
    const text = 'trial T-1 "Test \u202e evil"  # note \u2066 here\nlab a\u202d "A" in g/L from loinc 1-1\n';
    expect(located(text)).toEqual([
      {
        code: 'E0012',
        line: 1,
        column: 17,
        message: 'bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE',
      },
      {
        code: 'E0012',
        line: 1,
        column: 33,
        message: 'bidirectional control character U+2066 LEFT-TO-RIGHT ISOLATE',
      },
      {
        code: 'E0012',
        line: 2,
        column: 6,
        message: 'bidirectional control character U+202D LEFT-TO-RIGHT OVERRIDE',
      },
    ]);
  });

  it('include every embedding, override, isolate and mark', () => {
    const controls = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const text = `trial T-1 "${controls}"\n`;
    expect(located(text).map((d) => [d.code, d.column])).toEqual(
      [...controls].map((_, i) => ['E0012', 12 + i]),
    );
  });

  it('keep an otherwise valid protocol from compiling', () => {
    const result = compile(PROTOCOL.replace('"Test"', '"Test\u2067"'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E0012']);
  });
});
