import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { MedicationQualifierRule } from './MedicationQualifierRule';

describe('MedicationQualifierRule', () => {
  it('accepts qualifiers on medications, anchored on a lab or the screening date', () => {
    expectValid(
      withRule(
        'gcsf for at least 3 months or gcsf within 14 days before wbc or gcsf within 7 days before screening',
      ),
      MedicationQualifierRule,
    );
  });

  it('reports a medication qualifier on a condition, and an anchor that is not a result', () => {
    expectDiagnostics(
      withRule('gilbert for at least 3 months or gcsf within 14 days before gilbert'),
      MedicationQualifierRule,
    ).toEqual([
      { code: 'E0207', line: RULE_LINE, column: 20, message: "'for at least' applies to medications only" },
      {
        code: 'E0215',
        line: RULE_LINE,
        column: 72,
        message: "'within … before' needs a lab or test result to date it",
      },
    ]);
  });
});
