import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { KnownFunctionRule } from './KnownFunctionRule';

describe('KnownFunctionRule', () => {
  it('accepts the calculators', () => {
    expectValid(withRule('bmi(weight, height) >= 30 kg/m2 and age(birth_date) >= 18'), KnownFunctionRule);
  });

  it('reports an unknown function, suggesting a close calculator', () => {
    const text = withRule('ckd_epi_2012(creatinine, sex, birth_date) >= 30 mL/min/{1.73_m2}');
    expectDiagnostics(text, KnownFunctionRule).toEqual([
      { code: 'E0102', line: RULE_LINE, column: 12, message: "unknown function 'ckd_epi_2012'" },
    ]);
    const [d] = checkText(text, [KnownFunctionRule]).diagnostics;
    expect(d?.hint).toBe("did you mean 'ckd_epi_2021' or 'ckd_epi_2009'?");
  });

  it('lists the calculators when nothing is close', () => {
    const [d] = checkText(withRule('egfr_mdrd(creatinine) >= 30'), [KnownFunctionRule]).diagnostics;
    expect(d?.hint).toBe("the calculators are 'age', 'bmi', 'ckd_epi_2009' and 'ckd_epi_2021'");
  });
});
