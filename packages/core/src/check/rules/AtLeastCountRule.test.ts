import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { AtLeastCountRule } from './AtLeastCountRule';

describe('AtLeastCountRule', () => {
  it('accepts N up to the number of operands', () => {
    expectValid(withRule('at least 2 of (consent, gilbert)'), AtLeastCountRule);
  });

  it('reports N above the number of operands', () => {
    expectDiagnostics(withRule('at least 3 of (consent, gilbert)'), AtLeastCountRule).toEqual([
      { code: 'E0213', line: RULE_LINE, column: 12, message: "'at least 3 of' has only 2 operands" },
    ]);
  });
});
