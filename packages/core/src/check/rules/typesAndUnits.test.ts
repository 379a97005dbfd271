// Tests of the checks that report types and units (E02xx), one describe per rule.
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../diagnostics/codeFrame';
import { checkText, expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
import { ArithmeticRule } from './ArithmeticRule';
import { AtLeastCountRule } from './AtLeastCountRule';
import { BooleanOperandRule } from './BooleanOperandRule';
import { CalculatorCallRule } from './CalculatorCallRule';
import { ConditionQualifierRule } from './ConditionQualifierRule';
import { EncounterClassRule } from './EncounterClassRule';
import { EpisodesSubjectRule } from './EpisodesSubjectRule';
import { KnownResultRule } from './KnownResultRule';
import { KnownValueRule } from './KnownValueRule';
import { LimitMultipleRule } from './LimitMultipleRule';
import { MedicationQualifierRule } from './MedicationQualifierRule';
import { ObservationWindowRule } from './ObservationWindowRule';
import { RecordWindowRule } from './RecordWindowRule';
import { SevereRecordRule } from './SevereRecordRule';
import { TrendSubjectRule } from './TrendSubjectRule';
import { UnitAnnotationRule } from './UnitAnnotationRule';
import { UnitDimensionRule } from './UnitDimensionRule';
import { ValidUnitRule } from './ValidUnitRule';
import { ValueCodeRule } from './ValueCodeRule';
import { WindowLengthRule } from './WindowLengthRule';

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

describe('UnitDimensionRule: mass and substance concentrations', () => {
  it('hints at a molar mass on the lab, with a note at its declaration', () => {
    const text = protocol(
      'lab glucose "Glucose" in mg/dL from loinc 2345-7\nlab sodium "Sodium" in mmol/L from loinc 2951-2',
      'glucose <= 7 mmol/L and 130 mg/dL <= sodium',
    );
    const { source, diagnostics } = checkText(text, [UnitDimensionRule]);
    expect(diagnostics.map((d) => renderDiagnostic(d, source))).toEqual([
      `test.elig:7:25 error E0203 unit mismatch
  7 |     met if glucose <= 7 mmol/L and 130 mg/dL <= sodium
    |                         ^^^^^^ 'mmol/L' is a substance concentration; glucose is a mass concentration (mg/dL)
  hint: add 'molar mass <g/mol>' to the declaration of glucose, so that mass and substance concentrations convert
  note: glucose is declared here (test.elig:2:1)
`,
      `test.elig:7:40 error E0203 unit mismatch
  7 |     met if glucose <= 7 mmol/L and 130 mg/dL <= sodium
    |                                        ^^^^^ 'mg/dL' is a mass concentration; sodium is a substance concentration (mmol/L)
  hint: add 'molar mass <g/mol>' to the declaration of sodium, so that mass and substance concentrations convert
  note: sodium is declared here (test.elig:3:1)
`,
    ]);
  });

  it('accepts both once the lab has its molar mass, its positivity threshold included', () => {
    expectValid(
      protocol(
        'lab glucose "Glucose" in mg/dL from loinc 2345-7 molar mass 180.16 g/mol positive above 11 mmol/L',
        'glucose <= 7 mmol/L',
      ),
      UnitDimensionRule,
    );
  });

  it('hints the same for a positivity threshold, but not between kinds a molar mass cannot bridge', () => {
    const text = protocol(
      'lab glucose "Glucose" in mg/dL from loinc 2345-7 positive above 11 mmol/L\nlab wbc "WBC" in 10*9/L from loinc 6690-2',
      'glucose is positive and wbc >= 3 g/L',
    );
    const { diagnostics } = checkText(text, [UnitDimensionRule]);
    expect(diagnostics.map((d) => [d.code, d.hint, d.related?.[0]?.message])).toEqual([
      [
        'E0203',
        "add 'molar mass <g/mol>' to the declaration of glucose, so that mass and substance concentrations convert",
        'glucose is declared here',
      ],
      ['E0203', undefined, undefined],
    ]);
  });
});

describe('UnitAnnotationRule', () => {
  const labs =
    'lab crcl "Creatinine clearance" in mL/min from loinc 2164-2\nlab egfr "eGFR" in mL/min/{1.73_m2} from loinc 98979-8';

  it('reports a threshold whose annotation the element lacks, with both fixes', () => {
    const text = protocol(labs, 'crcl >= 60 mL/min/{1.73_m2}');
    const { source, diagnostics } = checkText(text, [UnitAnnotationRule]);
    expect(diagnostics.map((d) => renderDiagnostic(d, source))).toEqual([
      `test.elig:7:23 error E0218 unit annotations differ
  7 |     met if crcl >= 60 mL/min/{1.73_m2}
    |                       ^^^^^^^^^^^^^^^^ 'mL/min/{1.73_m2}' carries {1.73_m2}; crcl is in mL/min, which carries none
  hint: UCUM reads {…} as 1, so one would pass for the other unconverted: declare crcl in mL/min/{1.73_m2} if that is what it measures, or write the threshold as '60 mL/min'
`,
    ]);
  });

  it('checks the other way round, both ends of between, two elements, latest of and declarations', () => {
    const text = protocol(
      `${labs}\nlab ratio "Ratio" in {INR} from loinc 6301-6 positive above 2 {score}`,
      'egfr >= 60 mL/min and crcl between 30 mL/min and 60 mL/min/{1.73_m2} or crcl >= egfr or latest of (crcl, egfr) > 1 mL/min',
    );
    expectDiagnostics(text, UnitAnnotationRule).toEqual([
      { code: 'E0218', line: 4, column: 63, message: 'unit annotations differ' },
      { code: 'E0218', line: 8, column: 23, message: 'unit annotations differ' },
      { code: 'E0218', line: 8, column: 64, message: 'unit annotations differ' },
      { code: 'E0218', line: 8, column: 92, message: 'unit annotations differ' },
      { code: 'E0218', line: 8, column: 117, message: 'unit annotations differ' },
    ]);
    expect(checkText(text, [UnitAnnotationRule]).diagnostics.map((d) => d.hint)).toEqual([
      "UCUM reads {…} as 1, so one would pass for the other unconverted: declare ratio in {score} if that is what it measures, or write the threshold as '2 {INR}'",
      "UCUM reads {…} as 1, so one would pass for the other unconverted: declare egfr in mL/min if that is what it measures, or write the threshold as '60 mL/min/{1.73_m2}'",
      "UCUM reads {…} as 1, so one would pass for the other unconverted: declare crcl in mL/min/{1.73_m2} if that is what it measures, or write the threshold as '60 mL/min'",
      'UCUM reads {…} as 1, so one would pass for the other unconverted: compare values whose units carry the same annotations',
      'UCUM reads {…} as 1, so one would pass for the other unconverted: compare values whose units carry the same annotations',
    ]);
  });

  it('accepts the same annotations, bare numbers against annotated units, and units without any', () => {
    expectValid(
      protocol(
        `${labs}\nlab inr "INR" in {INR} from loinc 6301-6`,
        'egfr >= 45 mL/min/{1.73_m2} and egfr < 1.5 mL/s/{1.73_m2} and crcl >= 1 mL/s and inr <= 1.5',
      ),
      UnitAnnotationRule,
    );
  });

  it('keeps range warnings from converting across annotations', () => {
    // Without the guard, 30 mL/min would convert to 30 mL/min/{1.73_m2} and W0001 would follow.
    const egfr = 'lab egfr "eGFR" in mL/min/{1.73_m2} from loinc 98979-8';
    expectDiagnostics(protocol(egfr, 'egfr >= 60 mL/min/{1.73_m2} and egfr < 30 mL/min')).toEqual([
      { code: 'E0218', line: 6, column: 54, message: 'unit annotations differ' },
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

  it('accepts them on encounters: how long a stay lasted', () => {
    expectValid(
      protocol(
        'encounter admission "Any admission" from any class inpatient',
        'admission for more than 7 days or admission for at least 1 month',
      ),
      MedicationQualifierRule,
    );
  });

  it('reports a medication qualifier on a condition', () => {
    expectDiagnostics(withRule('gilbert for at least 3 months'), MedicationQualifierRule).toEqual([
      {
        code: 'E0207',
        line: RULE_LINE,
        column: 20,
        message: "'for at least' applies to medications and encounters only",
      },
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
    'encounter hf_admission "Hospitalisation for heart failure" from icd10 I50* class inpatient',
  ].join('\n');

  it('accepts windows on medications, conditions, procedures and encounters, back from screening, a result or a date question', () => {
    expectValid(
      protocol(
        decls,
        'mi within 90 days before screening or surgery within 4 weeks before first_dose or chemo within 72 hours before wbc or hf_admission within 12 months before first_dose',
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
        line: 12,
        column: 16,
        message:
          "'within … before' applies to medications, conditions, procedures, encounters and date questions",
      },
      {
        code: 'E0215',
        line: 12,
        column: 75,
        message:
          "'within … before' needs a date to count back from: screening, a lab or test result, a condition or a date question",
      },
      {
        code: 'E0217',
        line: 12,
        column: 97,
        message: 'hours are measured only in `within … before` windows',
      },
    ]);
  });
});

describe('any result within a window (RecordWindowRule)', () => {
  const decls = [
    'lab temp "Body temperature" in Cel from loinc 8310-5',
    'condition fever "Fever" from icd10 R50*',
    'question enrolment "Enrolment date and time": date',
    'question consent "Consent?": yes/no',
  ].join('\n');

  it('accepts any result of a lab in a window of hours before a date question or the screening date', () => {
    expectValid(
      protocol(
        decls,
        'any temp within 72 hours before enrolment > 38 Cel or any temp within 3 days before screening >= 39 Cel',
      ),
      RecordWindowRule,
    );
  });

  it('reports any … within on a condition, and an anchor that is not a date', () => {
    expectDiagnostics(
      protocol(
        decls,
        'any fever within 72 hours before enrolment > 38 Cel or any temp within 72 hours before consent > 38 Cel',
      ),
      RecordWindowRule,
    ).toEqual([
      {
        code: 'E0229',
        line: 9,
        column: 16,
        message: "'any … within … before' reads the results of a lab or test",
      },
      {
        code: 'E0215',
        line: 9,
        column: 99,
        message:
          "'within … before' needs a date to count back from: screening, a lab or test result, a condition or a date question",
      },
    ]);
  });
});

describe('date windows: forward, and with computed lengths', () => {
  const decls = [
    'medication chemo "Chemotherapy" from atc L01*',
    'question last_dose "Last dose of another study drug": date',
    'question departure "Planned departure": date',
    'question half_life "Half-life": number in h',
    'question amount "Dose": number in mg',
    'question half_life_months "Half-life": number in mo',
  ].join('\n');

  it('accepts a date question looking forward, back, and over a computed time', () => {
    expectValid(
      protocol(
        decls,
        'departure within 3 months after screening or last_dose within 5 * half_life before screening or last_dose within 72 hours before departure',
      ),
      RecordWindowRule,
      WindowLengthRule,
    );
  });

  it('reports a record window looking forward or over a computed time', () => {
    expectDiagnostics(
      protocol(
        decls,
        'chemo within 3 months after screening or chemo within 5 * half_life before screening or departure within 3 months after half_life',
      ),
      RecordWindowRule,
    ).toEqual([
      {
        code: 'E0239',
        line: 11,
        column: 18,
        message: "'within … after' applies to date questions",
      },
      {
        code: 'E0239',
        line: 11,
        column: 59,
        message: 'a computed window length applies to date questions',
      },
      {
        code: 'E0215',
        line: 11,
        column: 132,
        message:
          "'within … after' needs a date to count on from: screening, a lab or test result, a condition or a date question",
      },
    ]);
  });

  it('reports a computed length that is not a time, or is in months or years', () => {
    expectDiagnostics(
      protocol(
        decls,
        'last_dose within 5 * amount before screening or last_dose within 5 before screening or last_dose within 5 * half_life_months before screening',
      ),
      WindowLengthRule,
    ).toEqual([
      { code: 'E0238', line: 11, column: 29, message: "a window's length is a time" },
      { code: 'E0238', line: 11, column: 77, message: "a window's length is a time" },
      {
        code: 'E0240',
        line: 11,
        column: 116,
        message: 'a computed window length is exact: months and years are calendar lengths',
      },
    ]);
  });
});

describe('EpisodesSubjectRule', () => {
  const decls = [
    'condition mi "Myocardial infarction" from icd10 I21*',
    'procedure transfusion "Transfusion" from snomed 116859006',
    'medication chemo "Chemotherapy" from atc L01*',
    'encounter admission "Admission" from any class inpatient',
  ].join('\n');

  it('counts episodes of medications, procedures and encounters', () => {
    expectValid(
      protocol(
        decls,
        'episodes of chemo separated by more than 30 days >= 2 or episodes of transfusion >= 3 or episodes of admission > 1',
      ),
      EpisodesSubjectRule,
    );
  });

  it('reports episodes of a condition', () => {
    expectDiagnostics(protocol(decls, 'episodes of mi >= 2'), EpisodesSubjectRule).toEqual([
      {
        code: 'E0227',
        line: 9,
        column: 24,
        message: "'episodes of' counts medications, encounters and procedures",
      },
    ]);
  });
});

describe('KnownResultRule', () => {
  const decls = [
    'test hiv "HIV antibody" from loinc 31201-7',
    'lab hbv_dna "HBV DNA" in [IU]/mL from loinc 29615-2 positive above ULN',
    'question tested "Tested positive?": one of positive, negative',
  ].join('\n');

  it('accepts is known on tests and labs, windowed too', () => {
    expectValid(
      protocol(decls, 'hiv is known positive or hbv_dna within 28 days is known positive'),
      KnownResultRule,
    );
  });

  it('reports is known on a question', () => {
    expectDiagnostics(protocol(decls, 'tested is known positive'), KnownResultRule).toEqual([
      {
        code: 'E0228',
        line: 8,
        column: 12,
        message: "'is known' applies to lab and test results",
      },
    ]);
  });
});

describe('KnownResultRule on is only', () => {
  const decls = [
    'test species "Species" from loinc 32700-7 values falciparum = snomed 30020004, vivax = snomed 74746009',
    'question slide "Species on the slide?": one of falciparum, vivax',
  ].join('\n');

  it('accepts is only on a test, windowed too', () => {
    expectValid(protocol(decls, 'species within 0 days is only falciparum'), KnownResultRule);
  });

  it('reports is only on a question', () => {
    expectDiagnostics(protocol(decls, 'slide is only falciparum'), KnownResultRule).toEqual([
      { code: 'E0236', line: 7, column: 12, message: "'is only' applies to lab and test results" },
    ]);
  });
});

describe('ValueCodeRule', () => {
  it('accepts codes bound once each, and numbers on a pure-number lab', () => {
    const decls = [
      'test stage "Stage" from loinc 21908-9 values iv = snomed 1222837003 or snomed 1222838008, other',
      'lab nyha "NYHA" in {score} from loinc 88020-3 values 1 = snomed 420300004, 2 = snomed 421704003',
    ].join('\n');
    expectValid(protocol(decls, 'stage is iv and nyha >= 2'), ValueCodeRule);
  });

  it('reports a code bound to two values, and one bound twice to the same value', () => {
    const decls = [
      'test nyha "NYHA" from loinc 88020-3 values iii = snomed 420913000, iv = snomed 420913000',
      'test stage "Stage" from loinc 21908-9 values iv = snomed 1222837003 or snomed 1222837003',
    ].join('\n');
    const text = protocol(decls, 'nyha is iv and stage is iv');
    expectDiagnostics(text, ValueCodeRule).toEqual([
      { code: 'E0235', line: 2, column: 73, message: "'snomed 420913000' is bound to more than one value" },
      { code: 'E0235', line: 3, column: 72, message: "'snomed 1222837003' is bound to more than one value" },
    ]);
    const [across, same] = checkText(text, [ValueCodeRule]).diagnostics;
    expect(across?.label).toBe("already bound to 'iii', here to 'iv'");
    expect(same?.label).toBe("already bound to 'iv'");
  });

  it('reports numbers for coded results on a lab with a dimension', () => {
    const text = protocol(
      'lab weight "Weight" in kg from loinc 29463-7 values 1 = snomed 420300004',
      'weight > 1 kg',
    );
    expectDiagnostics(text, ValueCodeRule).toEqual([
      {
        code: 'E0237',
        line: 2,
        column: 57,
        message: "coded results of 'weight' cannot read as numbers in kg",
      },
    ]);
  });
});

describe('SevereRecordRule', () => {
  it('accepts severe on an allergy and on a condition', () => {
    expectValid(withRule('any_allergy severe or gilbert severe'), SevereRecordRule);
  });

  it('reports severe on a medication', () => {
    expectDiagnostics(withRule('gcsf severe'), SevereRecordRule).toEqual([
      { code: 'E0208', line: RULE_LINE, column: 17, message: "'severe' applies to allergies and conditions" },
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

  it("reports values on either side of 'given'", () => {
    expectValid(withRule('consent given gilbert'), BooleanOperandRule);
    expectDiagnostics(withRule('wbc given hbsag'), BooleanOperandRule).toEqual([
      { code: 'E0209', line: RULE_LINE, column: 12, message: 'expected a condition that is true or false' },
      { code: 'E0209', line: RULE_LINE, column: 22, message: 'expected a condition that is true or false' },
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

describe('ArithmeticRule', () => {
  it('accepts arithmetic on quantities, with units divided out where a formula needs numbers', () => {
    expectValid(
      withRule('(140 - age_years) * (weight / 1 kg) / (72 * (creatinine / 1 mg/dL)) * 1 mL/min >= 60 mL/min'),
      ArithmeticRule,
      UnitDimensionRule,
    );
  });

  it('reports arithmetic on a code, and a sum of unlike quantities', () => {
    expectDiagnostics(withRule('sex * 2 >= 1 or creatinine + 500 mg >= 1 mg/dL'), ArithmeticRule).toEqual([
      { code: 'E0219', line: RULE_LINE, column: 12, message: "'*' needs numbers or quantities" },
      {
        code: 'E0220',
        line: RULE_LINE,
        column: 28,
        message: 'cannot add 500 mg (a mass, mg) to creatinine (a mass concentration, mg/dL)',
      },
    ]);
  });

  it('compares a computed quantity in its composed unit', () => {
    expectDiagnostics(withRule('weight / height >= 1 mL'), UnitDimensionRule).toEqual([
      expect.objectContaining({ code: 'E0203', line: RULE_LINE }),
    ]);
  });
});

describe('EncounterClassRule', () => {
  it('accepts the classes of an encounter, several at once', () => {
    expectValid(
      protocol(
        'encounter acute "Acute care" from any class inpatient, emergency, observation, short_stay',
        'acute within 30 days before screening',
      ),
      EncounterClassRule,
    );
  });

  it('reports a class an encounter cannot have, with the nearest one', () => {
    const text = protocol(
      'encounter er "Emergency visit" from any class emergncy, inpatient',
      'er within 3 months before screening',
    );
    expectDiagnostics(text, EncounterClassRule).toEqual([
      { code: 'E0221', line: 2, column: 47, message: "'emergncy' is not an encounter class" },
    ]);
    const [d] = checkText(text, [EncounterClassRule]).diagnostics;
    expect(d?.hint).toBe("did you mean 'emergency'?");
    expect(d?.label).toBe(
      "the classes are 'inpatient', 'emergency', 'ambulatory', 'observation', 'short_stay', 'preadmission', 'home', 'field' and 'virtual'",
    );
  });

  it('reports a class on a record that is not an encounter, from the keyword on', () => {
    const text = protocol('condition hf "Heart failure" from icd10 I50* class inpatient', 'hf');
    expectDiagnostics(text, EncounterClassRule).toEqual([
      { code: 'E0222', line: 2, column: 46, message: "'class' applies to encounters only" },
    ]);
    const { source, diagnostics } = checkText(text, [EncounterClassRule]);
    expect(diagnostics.map((d) => renderDiagnostic(d, source))).toEqual([
      `test.elig:2:46 error E0222 'class' applies to encounters only
  2 | condition hf "Heart failure" from icd10 I50* class inpatient
    |                                              ^^^^^^^^^^^^^^^ hf is a condition
  hint: declare it as an encounter (\`encounter … from … class inpatient\`), or drop the class
`,
    ]);
  });
});
