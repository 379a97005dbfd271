// Tests of the checks that report structure (E03xx), one describe per rule.
import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, protocol } from '../testing';
import { DefineCycleRule } from './DefineCycleRule';
import { SubCriteriaRule } from './SubCriteriaRule';
import { UniqueCompleteRecordRule } from './UniqueCompleteRecordRule';

{
  const heading = (id: string) => `  ${id} "h"\n    source "s"\n    decided by sub-criteria\n`;
  const leaf = (id: string) => `  ${id} "t"\n    source "s"\n    met if q\n`;
  const head = 'trial T "t"\nquestion q "Q?": yes/no\ninclusion\n';

  describe('SubCriteriaRule', () => {
    it('accepts a heading followed by its sub-criteria, also in a cohort', () => {
      expectValid(
        `${head}${heading('IN-3')}${leaf('IN-3.1')}cohort A "a"\n  inclusion\n${heading('A-1')}${leaf('A-1.a')}`,
        SubCriteriaRule,
      );
    });

    it('reports a heading without sub-criteria; a longer id with the same start does not count', () => {
      expectDiagnostics(`${head}${heading('IN-3')}${leaf('IN-30')}`, SubCriteriaRule).toEqual([
        { code: 'E0301', line: 4, column: 3, message: "'IN-3' is decided by sub-criteria but has none" },
      ]);
    });
  });
}

describe('DefineCycleRule', () => {
  it('accepts defines built on other defines', () => {
    expectValid(protocol('question q "Q?": yes/no\ndefine a = q\ndefine b = a and q', 'b'), DefineCycleRule);
  });

  it('reports each cycle once, at the define where it closes', () => {
    const text = protocol('define a = b\ndefine b = c or a\ndefine c = a\ndefine d = d', 'a and d');
    expectDiagnostics(text, DefineCycleRule).toEqual([
      { code: 'E0302', line: 2, column: 8, message: "'a' is defined in terms of itself" },
      { code: 'E0302', line: 5, column: 8, message: "'d' is defined in terms of itself" },
    ]);
  });
});

{
  const text = (kinds: string) =>
    `trial T "t"\nrecords complete for ${kinds}\nquestion q "Q?": yes/no\ninclusion\n  IN-1 "t"\n    met if q\n`;

  describe('UniqueCompleteRecordRule', () => {
    it('accepts each kind once', () => {
      expectValid(text('condition, medication'), UniqueCompleteRecordRule);
    });

    it('reports a kind listed twice, at its second mention', () => {
      expectDiagnostics(text('condition, medication, condition'), UniqueCompleteRecordRule).toEqual([
        {
          code: 'E0303',
          line: 2,
          column: 45,
          message: "'condition' is listed twice in 'records complete for'",
        },
      ]);
    });
  });
}
