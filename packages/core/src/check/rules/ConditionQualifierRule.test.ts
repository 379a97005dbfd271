import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { ConditionQualifierRule } from './ConditionQualifierRule';

describe('ConditionQualifierRule', () => {
  it('accepts qualifiers on conditions', () => {
    expectValid(
      withRule('gilbert ever or gilbert suspected or gilbert resolved more than 5 years ago'),
      ConditionQualifierRule,
    );
  });

  it('reports a condition qualifier on a medication and on a test', () => {
    expectDiagnostics(
      withRule('gcsf ever or hbsag resolved more than 5 years ago'),
      ConditionQualifierRule,
    ).toEqual([
      { code: 'E0206', line: RULE_LINE, column: 17, message: "'ever' applies to conditions only" },
      {
        code: 'E0206',
        line: RULE_LINE,
        column: 31,
        message: "'resolved more than' applies to conditions only",
      },
    ]);
  });
});
