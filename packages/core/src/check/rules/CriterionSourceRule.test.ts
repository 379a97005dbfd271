import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, withRule } from '../testing';
import { CriterionSourceRule } from './CriterionSourceRule';

describe('CriterionSourceRule', () => {
  it('accepts a criterion with its source sentence', () => {
    expectValid(withRule('consent'), CriterionSourceRule);
  });

  it('notes a criterion without one', () => {
    expectDiagnostics(
      'trial T "t"\nquestion q "Q?": yes/no\ninclusion\n  IN-1 "t"\n    met if q\n',
      CriterionSourceRule,
    ).toEqual([{ code: 'W0004', line: 4, column: 3, message: "criterion 'IN-1' has no source sentence" }]);
  });
});
