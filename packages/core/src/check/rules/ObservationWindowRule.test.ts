import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { ObservationWindowRule } from './ObservationWindowRule';

describe('ObservationWindowRule', () => {
  it('accepts windows on labs and tests', () => {
    expectValid(
      withRule('hbsag within 7 days is negative and wbc within 14 days >= 3 10*9/L'),
      ObservationWindowRule,
    );
  });

  it('reports a window on a condition', () => {
    expectDiagnostics(withRule('gilbert within 7 days'), ObservationWindowRule).toEqual([
      {
        code: 'E0212',
        line: RULE_LINE,
        column: 20,
        message: "'within … days' applies to labs and tests only",
      },
    ]);
  });
});
