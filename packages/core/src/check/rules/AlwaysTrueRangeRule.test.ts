import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { AlwaysTrueRangeRule } from './AlwaysTrueRangeRule';

describe('AlwaysTrueRangeRule', () => {
  it('accepts a disjunction that leaves a gap', () => {
    expectValid(withRule('wbc < 3 10*9/L or wbc > 3 10*9/L'), AlwaysTrueRangeRule);
    expectValid(withRule('wbc >= 5 10*9/L or wbc < 3 10*9/L'), AlwaysTrueRangeRule);
  });

  it('reports a disjunction that covers every value', () => {
    const text = withRule('wbc >= 3 10*9/L or wbc < 5 10*9/L');
    expectDiagnostics(text, AlwaysTrueRangeRule).toEqual([
      { code: 'W0002', line: RULE_LINE, column: 12, message: 'every value of wbc satisfies this' },
    ]);
    expect(checkText(text, [AlwaysTrueRangeRule]).diagnostics[0]?.label).toBe(
      "'wbc >= 3 10*9/L' or 'wbc < 5 10*9/L' covers every value",
    );
  });

  it('reports bounds that meet when one includes the meeting point', () => {
    expectDiagnostics(
      withRule('any of (consent, age_years <= 18, age_years > 18)'),
      AlwaysTrueRangeRule,
    ).toEqual([
      { code: 'W0002', line: RULE_LINE, column: 12, message: 'every value of age_years satisfies this' },
    ]);
  });
});
