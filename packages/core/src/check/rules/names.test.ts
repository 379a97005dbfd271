// Tests of the checks that report names (E01xx), one describe per rule.
import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
import { KnownFunctionRule } from './KnownFunctionRule';
import { KnownNameRule } from './KnownNameRule';
import { ReservedNameRule } from './ReservedNameRule';
import { UniqueCohortIdRule } from './UniqueCohortIdRule';
import { UniqueCriterionIdRule } from './UniqueCriterionIdRule';
import { UniqueDeclarationNameRule } from './UniqueDeclarationNameRule';

describe('KnownNameRule', () => {
  it('accepts declared names', () => {
    expectValid(withRule('wbc >= 3 10*9/L and gilbert and gcsf within 14 days before wbc'), KnownNameRule);
  });

  it('reports an unknown name with a suggestion', () => {
    expectDiagnostics(withRule('wcb >= 3 10*9/L'), KnownNameRule).toEqual([
      { code: 'E0101', line: RULE_LINE, column: 12, message: "unknown name 'wcb'" },
    ]);
  });

  it('reports names in windows, anchors and calls', () => {
    expectDiagnostics(
      withRule('gcsf within 14 days before neutrophils and age(birthdate) >= 18'),
      KnownNameRule,
    ).toEqual([
      { code: 'E0101', line: RULE_LINE, column: 39, message: "unknown name 'neutrophils'" },
      { code: 'E0101', line: RULE_LINE, column: 59, message: "unknown name 'birthdate'" },
    ]);
  });
});

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
    expect(d?.hint).toBe(
      "the calculators are 'age', 'age_in_months', 'bmi', 'ckd_epi_2009' and 'ckd_epi_2021'",
    );
  });
});

{
  const twice = protocol(
    'lab wbc "WBC" in 10*9/L from loinc 6690-2\ntest wbc "WBC" from loinc 1',
    'wbc >= 3 10*9/L',
  );

  describe('UniqueDeclarationNameRule', () => {
    it('accepts distinct names', () => {
      expectValid(
        protocol('lab wbc "WBC" in 10*9/L from loinc 6690-2', 'wbc >= 3 10*9/L'),
        UniqueDeclarationNameRule,
      );
    });

    it('reports the second declaration and points at the first', () => {
      expectDiagnostics(twice, UniqueDeclarationNameRule).toEqual([
        { code: 'E0103', line: 3, column: 6, message: "'wbc' is declared twice" },
      ]);
      const [d] = checkText(twice, [UniqueDeclarationNameRule]).diagnostics;
      expect(d?.related).toEqual([{ message: 'first declared here', span: { start: 19, end: 22 } }]);
    });
  });
}

{
  const criterion = (id: string) => `  ${id} "t"\n    source "s"\n    met if q\n`;
  const text = (common: string[], cohorts: Record<string, string[]>) =>
    `trial T "t"\nquestion q "Q?": yes/no\ninclusion\n${common.map(criterion).join('')}${Object.entries(
      cohorts,
    )
      .map(([id, ids]) => `cohort ${id} "c"\n  exclusion\n${ids.map((c) => `  ${criterion(c)}`).join('')}`)
      .join('')}`;

  describe('UniqueCriterionIdRule', () => {
    it('allows the same id in two cohorts', () => {
      expectValid(text(['IN-1'], { A: ['EX-1'], B: ['EX-1'] }), UniqueCriterionIdRule);
    });

    it('reports a duplicate among the common criteria once', () => {
      expectDiagnostics(text(['IN-1', 'IN-1'], { A: ['EX-1'], B: ['EX-2'] }), UniqueCriterionIdRule).toEqual([
        {
          code: 'E0104',
          line: 7,
          column: 3,
          message: "criterion id 'IN-1' is used twice in the common criteria",
        },
      ]);
    });

    it('reports a cohort criterion that repeats a common id, and one repeated within a cohort', () => {
      expectDiagnostics(text(['IN-1'], { A: ['IN-1'], B: ['EX-1', 'EX-1'] }), UniqueCriterionIdRule).toEqual([
        { code: 'E0104', line: 9, column: 5, message: "criterion id 'IN-1' is used twice in cohort A" },
        { code: 'E0104', line: 17, column: 5, message: "criterion id 'EX-1' is used twice in cohort B" },
      ]);
    });
  });
}

{
  const cohort = (id: string) =>
    `cohort ${id} "c"\n  inclusion\n    ${id}-1 "t"\n      source "s"\n      met if q\n`;
  const text = (...ids: string[]) => `trial T "t"\nquestion q "Q?": yes/no\n${ids.map(cohort).join('')}`;

  describe('UniqueCohortIdRule', () => {
    it('accepts distinct cohorts', () => {
      expectValid(text('PMN', 'IgAN'), UniqueCohortIdRule);
    });

    it('reports a repeated cohort id', () => {
      expectDiagnostics(text('PMN', 'IgAN', 'PMN'), UniqueCohortIdRule).toEqual([
        { code: 'E0105', line: 13, column: 8, message: "cohort id 'PMN' is used twice" },
      ]);
    });
  });
}

describe('ReservedNameRule', () => {
  it('accepts ordinary names', () => {
    expectValid(protocol('question consent "Q?": yes/no', 'consent'), ReservedNameRule);
  });

  it('reports a declaration named after a calculator', () => {
    const text = protocol(
      'patient birth_date "DOB" from birthDate\ndefine age "Age" = age(birth_date)',
      'age >= 18',
    );
    expectDiagnostics(text, ReservedNameRule).toEqual([
      { code: 'E0106', line: 3, column: 8, message: "'age' is reserved" },
    ]);
  });
});
