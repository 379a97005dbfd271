import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { TrendSubjectRule } from './TrendSubjectRule';

describe('TrendSubjectRule', () => {
  it('accepts a quantity', () => {
    expectValid(withRule('wbc fell by at least 50 % within 3 months'), TrendSubjectRule);
  });

  it('reports a coded value', () => {
    expectDiagnostics(withRule('hbsag fell by at least 50 % within 3 months'), TrendSubjectRule).toEqual([
      { code: 'E0215', line: RULE_LINE, column: 12, message: "'fell by' needs a quantity" },
    ]);
  });
});
