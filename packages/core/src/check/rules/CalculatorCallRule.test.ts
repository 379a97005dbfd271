import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { CalculatorCallRule } from './CalculatorCallRule';

describe('CalculatorCallRule', () => {
  it('accepts well-typed calls', () => {
    expectValid(
      withRule(
        'ckd_epi_2021(creatinine, sex, birth_date) >= 45 mL/min/{1.73_m2} and bmi(weight, height) < 30 kg/m2',
      ),
      CalculatorCallRule,
    );
  });

  it('reports the wrong number of arguments', () => {
    const text = withRule('ckd_epi_2009(creatinine, birth_date) >= 45 mL/min/{1.73_m2}');
    expectDiagnostics(text, CalculatorCallRule).toEqual([
      { code: 'E0210', line: RULE_LINE, column: 12, message: "'ckd_epi_2009' takes 3 arguments, found 2" },
    ]);
    expect(checkText(text, [CalculatorCallRule]).diagnostics[0]?.label).toBe(
      'expected ckd_epi_2009(creatinine, sex, birth date)',
    );
  });

  it('reports arguments of the wrong kind', () => {
    expectDiagnostics(
      withRule('age(sex) >= 18 or bmi(height, weight) > 30 kg/m2'),
      CalculatorCallRule,
    ).toEqual([
      {
        code: 'E0211',
        line: RULE_LINE,
        column: 16,
        message: "the birth date argument of 'age' must be a date of birth",
      },
      {
        code: 'E0211',
        line: RULE_LINE,
        column: 34,
        message: "the weight argument of 'bmi' must be a body weight (a mass)",
      },
      {
        code: 'E0211',
        line: RULE_LINE,
        column: 42,
        message: "the height argument of 'bmi' must be a body height (a length)",
      },
    ]);
  });
});
