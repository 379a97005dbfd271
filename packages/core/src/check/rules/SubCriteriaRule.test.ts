import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid } from '../testing';
import { SubCriteriaRule } from './SubCriteriaRule';

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
