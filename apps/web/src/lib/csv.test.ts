import { describe, expect, it } from 'vitest';
import { csvCell, csvFile, csvText } from './csv';

describe('csvCell', () => {
  it('leaves plain text as it is', () => {
    expect(csvCell('ward 7')).toBe('ward 7');
    expect(csvCell('2026-01-02T09:00:00.000Z')).toBe('2026-01-02T09:00:00.000Z');
    expect(csvCell('')).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Smith, J')).toBe('"Smith, J"');
    expect(csvCell('the "night" desk')).toBe('"the ""night"" desk"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('guards %j against running as a formula', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('guards only the first character', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('e-mail')).toBe('e-mail');
  });
});

describe('csvText', () => {
  it('joins fields with commas and records with CRLF, ending with one', () => {
    expect(
      csvText([
        ['when', 'who'],
        ['2026-01-02', 'a, b'],
      ]),
    ).toBe('when,who\r\n2026-01-02,"a, b"\r\n');
  });

  it('puts a byte order mark before the file', () => {
    expect(csvFile([['x']])).toBe('\uFEFFx\r\n');
  });
});
