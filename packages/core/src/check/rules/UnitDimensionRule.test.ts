import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
import { UnitDimensionRule } from './UnitDimensionRule';

describe('UnitDimensionRule', () => {
  it('accepts commensurable units, molar mass bridging mass and substance', () => {
    expectValid(
      withRule('wbc >= 3000 10*6/L and weight < 200 [lb_av] and creatinine <= 110 umol/L'),
      UnitDimensionRule,
    );
  });

  it('reports a threshold of another dimension, with both dimensions named', () => {
    const text = withRule('wbc >= 3 g/L');
    expectDiagnostics(text, UnitDimensionRule).toEqual([
      { code: 'E0203', line: RULE_LINE, column: 21, message: 'unit mismatch' },
    ]);
    expect(checkText(text, [UnitDimensionRule]).diagnostics[0]?.label).toBe(
      "'g/L' is a mass concentration; wbc is a number concentration (10*9/L)",
    );
  });

  it('requires a unit on a number compared with a lab that has one, except plain-number units', () => {
    expectDiagnostics(withRule('wbc >= 3 and lvef >= 55'), UnitDimensionRule).toEqual([
      { code: 'E0202', line: RULE_LINE, column: 19, message: 'number without a unit' },
      { code: 'E0202', line: RULE_LINE, column: 33, message: 'number without a unit' },
    ]);
    expectValid(withRule('inr <= 1.5 and bvas >= 15 and age_years between 18 and 70'), UnitDimensionRule);
  });

  it('reports a unit on a plain number, and values of different kinds', () => {
    expectDiagnostics(
      withRule('age_years >= 18 a or sex >= 3 or wbc > age_years'),
      UnitDimensionRule,
    ).toEqual([
      { code: 'E0203', line: RULE_LINE, column: 28, message: 'unit mismatch' },
      {
        code: 'E0214',
        line: RULE_LINE,
        column: 40,
        message: 'cannot compare sex (a coded value) with 3 (a plain number)',
      },
      {
        code: 'E0214',
        line: RULE_LINE,
        column: 51,
        message: 'cannot compare wbc (a lab in 10*9/L) with age_years (a definition (a number))',
      },
    ]);
  });

  it('checks both ends of between, latest-of alternatives, molar masses and positivity thresholds', () => {
    expectDiagnostics(withRule('wbc between 3 10*9/L and 10 g/L'), UnitDimensionRule).toEqual([
      { code: 'E0203', line: RULE_LINE, column: 40, message: 'unit mismatch' },
    ]);
    const text = protocol(
      'lab crea "Creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 mg\nlab cd19 "CD19" in % from loinc 8117-4 positive above 0 g',
      'crea >= 1 mg/dL and cd19 is positive',
    );
    expectDiagnostics(text, UnitDimensionRule).toEqual([
      { code: 'E0203', line: 2, column: 68, message: 'unit mismatch' },
      { code: 'E0203', line: 3, column: 57, message: 'unit mismatch' },
    ]);
  });
});
