// Tests of the checks that report types and units (E02xx), one describe per rule.
import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
import { AtLeastCountRule } from './AtLeastCountRule';
import { BooleanOperandRule } from './BooleanOperandRule';
import { CalculatorCallRule } from './CalculatorCallRule';
import { ConditionQualifierRule } from './ConditionQualifierRule';
import { KnownValueRule } from './KnownValueRule';
import { LimitMultipleRule } from './LimitMultipleRule';
import { MedicationQualifierRule } from './MedicationQualifierRule';
import { ObservationWindowRule } from './ObservationWindowRule';
import { RecordWindowRule } from './RecordWindowRule';
import { SevereAllergyRule } from './SevereAllergyRule';
import { TrendSubjectRule } from './TrendSubjectRule';
import { UnitDimensionRule } from './UnitDimensionRule';
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

describe('KnownValueRule', () => {
  it('accepts the values of sex, tests and coded answers', () => {
    expectValid(
      withRule('sex is female and hbsag is not positive and response is refractory'),
      KnownValueRule,
    );
  });

  it('reports a value the element does not have, with a suggestion', () => {
    const text = withRule('sex is femal');
    expectDiagnostics(text, KnownValueRule).toEqual([
      { code: 'E0205', line: RULE_LINE, column: 19, message: "'femal' is not a value of sex" },
    ]);
    const [d] = checkText(text, [KnownValueRule]).diagnostics;
    expect([d?.label, d?.hint]).toEqual([
      "sex is 'male', 'female', 'other' or 'unknown'",
      "did you mean 'female'?",
    ]);
  });

  it('reports `is` on a value without coded values', () => {
    const text = withRule('wbc is positive');
    expectDiagnostics(text, KnownValueRule).toEqual([
      { code: 'E0215', line: RULE_LINE, column: 12, message: "'is' needs a coded value" },
    ]);
    expect(checkText(text, [KnownValueRule]).diagnostics[0]?.hint).toBe(
      "add 'positive above ULN' (or a threshold) to the lab to use 'is positive'",
    );
  });
});

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

describe('MedicationQualifierRule', () => {
  it('accepts qualifiers on medications, anchored on a lab or the screening date', () => {
    expectValid(
      withRule(
        'gcsf for at least 3 months or gcsf within 14 days before wbc or gcsf within 7 days before screening',
      ),
      MedicationQualifierRule,
    );
  });

  it('reports a medication qualifier on a condition', () => {
    expectDiagnostics(withRule('gilbert for at least 3 months'), MedicationQualifierRule).toEqual([
      { code: 'E0207', line: RULE_LINE, column: 20, message: "'for at least' applies to medications only" },
    ]);
  });
});

describe('RecordWindowRule', () => {
  const decls = [
    'lab wbc "WBC" in 10*9/L from loinc 6690-2',
    'condition mi "Myocardial infarction" from icd10 I21*',
    'procedure surgery "Major surgery" from snomed 387713003',
    'medication chemo "Chemotherapy" from atc L01*',
    'question first_dose "Planned first dose": date',
    'question consent "Consent?": yes/no',
  ].join('\n');

  it('accepts windows on medications, conditions and procedures, back from screening, a result or a date question', () => {
    expectValid(
      protocol(
        decls,
        'mi within 90 days before screening or surgery within 4 weeks before first_dose or chemo within 72 hours before wbc',
      ),
      RecordWindowRule,
    );
  });

  it('reports a window on a lab, an anchor that is not a date, and hours outside a record window', () => {
    expectDiagnostics(
      protocol(
        decls,
        'wbc within 7 days before screening or mi within 90 days before consent or wbc within 72 hours',
      ),
      RecordWindowRule,
    ).toEqual([
      {
        code: 'E0216',
        line: 11,
        column: 16,
        message: "'within … before' applies to medications, conditions and procedures",
      },
      {
        code: 'E0215',
        line: 11,
        column: 75,
        message:
          "'within … before' needs a date to count back from: screening, a lab or test result, or a date question",
      },
      {
        code: 'E0217',
        line: 11,
        column: 97,
        message: 'hours are measured only in `within … before` windows of records',
      },
    ]);
  });
});

describe('SevereAllergyRule', () => {
  it('accepts severe on an allergy', () => {
    expectValid(withRule('any_allergy severe'), SevereAllergyRule);
  });

  it('reports severe on a condition', () => {
    expectDiagnostics(withRule('gilbert severe'), SevereAllergyRule).toEqual([
      { code: 'E0208', line: RULE_LINE, column: 20, message: "'severe' applies to allergies only" },
    ]);
  });
});

describe('BooleanOperandRule', () => {
  it('accepts conditions, questions, comparisons and boolean defines', () => {
    expectValid(
      withRule('consent and not gilbert and (if gilbert then alt <= 3 x ULN else any of (gcsf, consent))'),
      BooleanOperandRule,
    );
  });

  it('reports a quantity used as a condition, with an example of a comparison', () => {
    const text = withRule('wbc');
    expectDiagnostics(text, BooleanOperandRule).toEqual([
      { code: 'E0209', line: RULE_LINE, column: 12, message: 'expected a condition that is true or false' },
    ]);
    const [d] = checkText(text, [BooleanOperandRule]).diagnostics;
    expect([d?.label, d?.hint]).toEqual(['wbc is a lab in 10*9/L', "compare it, as in 'wbc >= N 10*9/L'"]);
  });

  it('reports coded values and numbers in and/or/not/unless/if and in if branches', () => {
    expectDiagnostics(
      withRule('consent and hbsag or not age_years unless (if bvas then consent else sex)'),
      BooleanOperandRule,
    ).toEqual([
      { code: 'E0209', line: RULE_LINE, column: 24, message: 'expected a condition that is true or false' },
      { code: 'E0209', line: RULE_LINE, column: 37, message: 'expected a condition that is true or false' },
      { code: 'E0209', line: RULE_LINE, column: 58, message: 'expected a condition that is true or false' },
      { code: 'E0209', line: RULE_LINE, column: 81, message: 'expected a condition that is true or false' },
    ]);
  });
});

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

describe('AtLeastCountRule', () => {
  it('accepts N up to the number of operands', () => {
    expectValid(withRule('at least 2 of (consent, gilbert)'), AtLeastCountRule);
  });

  it('reports N above the number of operands', () => {
    expectDiagnostics(withRule('at least 3 of (consent, gilbert)'), AtLeastCountRule).toEqual([
      { code: 'E0213', line: RULE_LINE, column: 12, message: "'at least 3 of' has only 2 operands" },
    ]);
  });
});

describe('TrendSubjectRule', () => {
  it('accepts a quantity', () => {
    expectValid(withRule('wbc fell by at least 50 % within 3 months'), TrendSubjectRule);
  });

  it('reports a coded value', () => {
    expectDiagnostics(withRule('hbsag fell by at least 50 % within 3 months'), TrendSubjectRule).toEqual([
      { code: 'E0215', line: RULE_LINE, column: 12, message: "'fell by' needs a quantity" },
    ]);
  });
});
