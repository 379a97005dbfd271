import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { BooleanOperandRule } from './BooleanOperandRule';

describe('BooleanOperandRule', () => {
  it('accepts conditions, questions, comparisons and boolean defines', () => {
    expectValid(
      withRule('consent and not gilbert and (if gilbert then alt <= 3 x ULN else any of (gcsf, consent))'),
      BooleanOperandRule,
    );
  });

  it('reports a quantity used as a condition, with an example of a comparison', () => {
    const text = withRule('wbc');
    expectDiagnostics(text, BooleanOperandRule).toEqual([
      { code: 'E0209', line: RULE_LINE, column: 12, message: 'expected a condition that is true or false' },
    ]);
    const [d] = checkText(text, [BooleanOperandRule]).diagnostics;
    expect([d?.label, d?.hint]).toEqual(['wbc is a lab in 10*9/L', "compare it, as in 'wbc >= N 10*9/L'"]);
  });

  it('reports coded values and numbers in and/or/not/unless/if and in if branches', () => {
    expectDiagnostics(
      withRule('consent and hbsag or not age_years unless (if bvas then consent else sex)'),
      BooleanOperandRule,
    ).toEqual([
      { code: 'E0209', line: RULE_LINE, column: 24, message: 'expected a condition that is true or false' },
      { code: 'E0209', line: RULE_LINE, column: 37, message: 'expected a condition that is true or false' },
      { code: 'E0209', line: RULE_LINE, column: 58, message: 'expected a condition that is true or false' },
      { code: 'E0209', line: RULE_LINE, column: 81, message: 'expected a condition that is true or false' },
    ]);
  });
});
