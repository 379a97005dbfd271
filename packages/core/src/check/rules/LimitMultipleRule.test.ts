import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { LimitMultipleRule } from './LimitMultipleRule';

describe('LimitMultipleRule', () => {
  it('accepts a multiple of ULN or LLN against a lab, on either side', () => {
    expectValid(
      withRule('alt <= 3 x ULN and 0.5 x LLN <= wbc and wbc between 1 x LLN and 2 x ULN'),
      LimitMultipleRule,
    );
  });

  it('reports a limit compared with something that has no reference range', () => {
    const text = withRule('age_years <= 3 x ULN');
    expectDiagnostics(text, LimitMultipleRule).toEqual([
      {
        code: 'E0204',
        line: RULE_LINE,
        column: 25,
        message: "'x ULN' needs a lab or test on the other side",
      },
    ]);
    expect(checkText(text, [LimitMultipleRule]).diagnostics[0]?.label).toBe(
      'the other side is age_years, a definition (a number)',
    );
  });
});
