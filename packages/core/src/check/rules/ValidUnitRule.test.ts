import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
import { ValidUnitRule } from './ValidUnitRule';

describe('ValidUnitRule', () => {
  it('accepts UCUM units, annotations included', () => {
    expectValid(withRule('wbc >= 3 10*9/L and creatinine <= 1.2 mg/dL'), ValidUnitRule);
    expectValid(
      protocol('lab egfr "eGFR" in mL/min/{1.73_m2} from loinc 98979-8', 'egfr >= 45 mL/min/{1.73_m2}'),
      ValidUnitRule,
    );
  });

  it('reports a unit UCUM does not know, in a threshold and in a declaration', () => {
    const text = protocol('lab egfr "eGFR" in mL/min/1.73m2 from loinc 98979-8', 'egfr >= 45 mL/min/1.73m2');
    expectDiagnostics(text, ValidUnitRule).toEqual([
      { code: 'E0201', line: 2, column: 20, message: "unknown unit 'mL/min/1.73m2'" },
      { code: 'E0201', line: 6, column: 23, message: "unknown unit 'mL/min/1.73m2'" },
    ]);
    expectDiagnostics(withRule('wbc >= 3 mgs/dL'), ValidUnitRule).toEqual([
      { code: 'E0201', line: RULE_LINE, column: 21, message: "unknown unit 'mgs/dL'" },
    ]);
  });
});
