// Tests of the checks on courses (`M daily dose >= X for at least D`): E0250 to E0252, and the
// unit and table checks the course's daily dose shares with every other.
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../diagnostics/codeFrame';
import { checkText, expectDiagnostics, expectValid, protocol } from '../testing';
import { specifiedRules } from '.';
import { DoseCourseRule } from './DoseCourseRule';
import { StrictWindowRule } from './StrictWindowRule';

const DEX = 'medication dex "Dexamethasone" from atc H02AB02';
const STEROID = 'medication steroid "Systemic corticosteroid" from atc H02AB*';

describe('DoseCourseRule', () => {
  it('accepts a course of one drug, or of a class in equivalents, with or without a window', () => {
    const text = protocol(
      `${DEX}\n${STEROID}`,
      'dex daily dose > 4 mg/d for at least 2 weeks or steroid daily dose as prednisone >= 20 mg/d for at least 14 days within less than 6 months before screening',
    );
    expectValid(text, DoseCourseRule);
    expect(checkText(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports a comparison that is not a course, pinned to the comparison', () => {
    const text = protocol(DEX, 'dex daily dose < 4 mg/d for at least 14 days');
    expectDiagnostics(text, DoseCourseRule).toEqual([
      {
        code: 'E0250',
        line: 6,
        column: 12,
        message: "a course of '<' a daily dose is not a course of treatment",
      },
    ]);
    const [d] = checkText(text, [DoseCourseRule]).diagnostics;
    expect(d?.label).toBe("a course is a run of days at or above a dose: '>=' or '>'");
    expect(d?.hint).toBe(
      "write 'daily dose >= X for at least D'; for a dose below X, negate it: 'not (M daily dose >= X for at least D)'",
    );
  });

  it('reports a course of no days, pinned to the duration; hours are refused as elsewhere (E0217)', () => {
    const text = protocol(
      DEX,
      'dex daily dose >= 4 mg/d for at least 0 days or dex daily dose >= 4 mg/d for at least 48 hours',
    );
    expectDiagnostics(text, DoseCourseRule).toEqual([
      { code: 'E0251', line: 6, column: 50, message: 'a course lasts at least 1 day' },
    ]);
    expect(checkText(text).diagnostics.map((d) => d.code)).toEqual(['E0251', 'E0217']);
    expect(renderDiagnostic(checkText(text, [DoseCourseRule]).diagnostics[0]!, checkText(text).source)).toBe(
      [
        'test.elig:6:50 error E0251 a course lasts at least 1 day',
        '  6 |     met if dex daily dose >= 4 mg/d for at least 0 days or dex daily dose >= 4 mg/d for at least 48 hours',
        '    |                                                  ^^^^^^ daily doses are counted in whole days',
        "  hint: write the protocol's length in days, weeks, months or years, as in 'for at least 14 days'",
        '',
      ].join('\n'),
    );
  });

  it('reports a course over a class of drugs without a table, over the daily dose', () => {
    const text = protocol(STEROID, 'steroid daily dose >= 20 mg/d for at least 14 days');
    expectDiagnostics(text, DoseCourseRule).toEqual([
      {
        code: 'E0252',
        line: 6,
        column: 12,
        message: 'a course of steroid compares milligrams of different drugs',
      },
    ]);
    const [d] = checkText(text, [DoseCourseRule]).diagnostics;
    expect(d?.label).toBe('steroid names a class of drugs');
    expect(d?.hint).toBe(
      "compare equivalents ('daily dose as prednisone >= 20 mg/d for at least …'), or declare one drug",
    );
  });

  it("types the course's threshold as any comparison of a daily dose", () => {
    const text = protocol(DEX, 'dex daily dose >= 4 mg for at least 14 days');
    const codes = checkText(text, specifiedRules).diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(codes).toEqual(['E0226 a daily dose compares with a mass per time']);
  });
});

describe('StrictWindowRule', () => {
  it('accepts strict windows of some length, and non-strict windows of none', () => {
    expectValid(
      protocol(
        DEX,
        'dex within less than 6 months before screening or dex within 0 days before screening or dex daily dose >= 4 mg/d for at least 14 days within less than 1 day before screening',
      ),
      StrictWindowRule,
    );
  });

  it('reports a strict window of no length, on records, results and courses, pinned to the duration', () => {
    const text = protocol(
      `${DEX}\nlab temp "Temperature" in Cel from loinc 8310-5`,
      'dex within less than 0 days before screening or any temp within less than 0 hours before screening > 38 Cel or dex daily dose >= 4 mg/d for at least 14 days within less than 0 months before screening',
    );
    expectDiagnostics(text, StrictWindowRule).toEqual([
      { code: 'E0253', line: 7, column: 33, message: "'within less than 0 days' holds no day" },
      { code: 'E0253', line: 7, column: 86, message: "'within less than 0 hours' holds no day" },
      { code: 'E0253', line: 7, column: 186, message: "'within less than 0 months' holds no day" },
    ]);
    const [d] = checkText(text, [StrictWindowRule]).diagnostics;
    expect(d?.label).toBe('the window ends where it starts, and its far end is left out');
    expect(d?.hint).toBe(
      "for the screening date alone write 'within 0 days'; else write the protocol's length",
    );
  });
});
