import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { KnownValueRule } from './KnownValueRule';

describe('KnownValueRule', () => {
  it('accepts the values of sex, tests and coded answers', () => {
    expectValid(
      withRule('sex is female and hbsag is not positive and response is refractory'),
      KnownValueRule,
    );
  });

  it('reports a value the element does not have, with a suggestion', () => {
    const text = withRule('sex is femal');
    expectDiagnostics(text, KnownValueRule).toEqual([
      { code: 'E0205', line: RULE_LINE, column: 19, message: "'femal' is not a value of sex" },
    ]);
    const [d] = checkText(text, [KnownValueRule]).diagnostics;
    expect([d?.label, d?.hint]).toEqual([
      "sex is 'male', 'female', 'other' or 'unknown'",
      "did you mean 'female'?",
    ]);
  });

  it('reports `is` on a value without coded values', () => {
    const text = withRule('wbc is positive');
    expectDiagnostics(text, KnownValueRule).toEqual([
      { code: 'E0215', line: RULE_LINE, column: 12, message: "'is' needs a coded value" },
    ]);
    expect(checkText(text, [KnownValueRule]).diagnostics[0]?.hint).toBe(
      "add 'positive above ULN' (or a threshold) to the lab to use 'is positive'",
    );
  });
});
