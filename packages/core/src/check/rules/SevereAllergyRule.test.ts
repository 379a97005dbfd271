import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { SevereAllergyRule } from './SevereAllergyRule';

describe('SevereAllergyRule', () => {
  it('accepts severe on an allergy', () => {
    expectValid(withRule('any_allergy severe'), SevereAllergyRule);
  });

  it('reports severe on a condition', () => {
    expectDiagnostics(withRule('gilbert severe'), SevereAllergyRule).toEqual([
      { code: 'E0208', line: RULE_LINE, column: 20, message: "'severe' applies to allergies only" },
    ]);
  });
});
