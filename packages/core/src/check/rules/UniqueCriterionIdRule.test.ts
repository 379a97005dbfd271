import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid } from '../testing';
import { UniqueCriterionIdRule } from './UniqueCriterionIdRule';

const criterion = (id: string) => `  ${id} "t"\n    source "s"\n    met if q\n`;
const text = (common: string[], cohorts: Record<string, string[]>) =>
  `trial T "t"\nquestion q "Q?": yes/no\ninclusion\n${common.map(criterion).join('')}${Object.entries(cohorts)
    .map(([id, ids]) => `cohort ${id} "c"\n  exclusion\n${ids.map((c) => `  ${criterion(c)}`).join('')}`)
    .join('')}`;

describe('UniqueCriterionIdRule', () => {
  it('allows the same id in two cohorts', () => {
    expectValid(text(['IN-1'], { A: ['EX-1'], B: ['EX-1'] }), UniqueCriterionIdRule);
  });

  it('reports a duplicate among the common criteria once', () => {
    expectDiagnostics(text(['IN-1', 'IN-1'], { A: ['EX-1'], B: ['EX-2'] }), UniqueCriterionIdRule).toEqual([
      {
        code: 'E0104',
        line: 7,
        column: 3,
        message: "criterion id 'IN-1' is used twice in the common criteria",
      },
    ]);
  });

  it('reports a cohort criterion that repeats a common id, and one repeated within a cohort', () => {
    expectDiagnostics(text(['IN-1'], { A: ['IN-1'], B: ['EX-1', 'EX-1'] }), UniqueCriterionIdRule).toEqual([
      { code: 'E0104', line: 9, column: 5, message: "criterion id 'IN-1' is used twice in cohort A" },
      { code: 'E0104', line: 17, column: 5, message: "criterion id 'EX-1' is used twice in cohort B" },
    ]);
  });
});
