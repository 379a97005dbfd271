import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid } from '../testing';
import { UniqueCohortIdRule } from './UniqueCohortIdRule';

const cohort = (id: string) =>
  `cohort ${id} "c"\n  inclusion\n    ${id}-1 "t"\n      source "s"\n      met if q\n`;
const text = (...ids: string[]) => `trial T "t"\nquestion q "Q?": yes/no\n${ids.map(cohort).join('')}`;

describe('UniqueCohortIdRule', () => {
  it('accepts distinct cohorts', () => {
    expectValid(text('PMN', 'IgAN'), UniqueCohortIdRule);
  });

  it('reports a repeated cohort id', () => {
    expectDiagnostics(text('PMN', 'IgAN', 'PMN'), UniqueCohortIdRule).toEqual([
      { code: 'E0105', line: 13, column: 8, message: "cohort id 'PMN' is used twice" },
    ]);
  });
});
