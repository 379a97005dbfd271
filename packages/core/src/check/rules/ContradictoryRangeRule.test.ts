import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { ContradictoryRangeRule } from './ContradictoryRangeRule';

describe('ContradictoryRangeRule', () => {
  it('accepts satisfiable ranges, touching bounds included', () => {
    expectValid(
      withRule('wbc >= 3 10*9/L and wbc <= 3 10*9/L and age_years between 18 and 70'),
      ContradictoryRangeRule,
    );
    expectValid(withRule('wbc >= 5 10*9/L or wbc < 3 10*9/L'), ContradictoryRangeRule);
  });

  it('reports an empty conjunction, naming the two comparisons', () => {
    const text = withRule('consent and wbc >= 5 10*9/L and wbc < 3 10*9/L');
    expectDiagnostics(text, ContradictoryRangeRule).toEqual([
      { code: 'W0001', line: RULE_LINE, column: 12, message: 'no value of wbc satisfies this range' },
    ]);
    expect(checkText(text, [ContradictoryRangeRule]).diagnostics[0]?.label).toBe(
      "'wbc >= 5 10*9/L' and 'wbc < 3 10*9/L' cannot both hold",
    );
  });

  it('compares across units and with strict bounds that meet', () => {
    expectDiagnostics(withRule('all of (wbc > 3000 10*6/L, wbc < 3 10*9/L)'), ContradictoryRangeRule).toEqual(
      [{ code: 'W0001', line: RULE_LINE, column: 12, message: 'no value of wbc satisfies this range' }],
    );
  });

  it('reports between with its ends reversed', () => {
    const text = withRule('age_years between 70 and 18');
    expectDiagnostics(text, ContradictoryRangeRule).toEqual([
      { code: 'W0001', line: RULE_LINE, column: 12, message: 'no value of age_years satisfies this range' },
    ]);
    expect(checkText(text, [ContradictoryRangeRule]).diagnostics[0]?.label).toBe(
      'the low end 70 is above the high end 18',
    );
  });

  it('keeps values with different windows apart', () => {
    expectValid(withRule('wbc within 7 days >= 5 10*9/L and wbc < 3 10*9/L'), ContradictoryRangeRule);
  });
});
