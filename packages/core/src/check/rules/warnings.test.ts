// Tests of the checks that report warnings and notes (W0xxx), one describe per rule.
import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
import { AlwaysTrueRangeRule } from './AlwaysTrueRangeRule';
import { ContradictoryRangeRule } from './ContradictoryRangeRule';
import { CriterionSourceRule } from './CriterionSourceRule';
import { UnusedDeclarationRule } from './UnusedDeclarationRule';

describe('ContradictoryRangeRule', () => {
  it('accepts satisfiable ranges, touching bounds included', () => {
    expectValid(
      withRule('wbc >= 3 10*9/L and wbc <= 3 10*9/L and age_years between 18 and 70'),
      ContradictoryRangeRule,
    );
    expectValid(withRule('wbc >= 5 10*9/L or wbc < 3 10*9/L'), ContradictoryRangeRule);
  });

  it('reports an empty conjunction, naming the two comparisons', () => {
    const text = withRule('consent and wbc >= 5 10*9/L and wbc < 3 10*9/L');
    expectDiagnostics(text, ContradictoryRangeRule).toEqual([
      { code: 'W0001', line: RULE_LINE, column: 12, message: 'no value of wbc satisfies this range' },
    ]);
    expect(checkText(text, [ContradictoryRangeRule]).diagnostics[0]?.label).toBe(
      "'wbc >= 5 10*9/L' and 'wbc < 3 10*9/L' cannot both hold",
    );
  });

  it('compares across units and with strict bounds that meet', () => {
    expectDiagnostics(withRule('all of (wbc > 3000 10*6/L, wbc < 3 10*9/L)'), ContradictoryRangeRule).toEqual(
      [{ code: 'W0001', line: RULE_LINE, column: 12, message: 'no value of wbc satisfies this range' }],
    );
  });

  it('reports between with its ends reversed', () => {
    const text = withRule('age_years between 70 and 18');
    expectDiagnostics(text, ContradictoryRangeRule).toEqual([
      { code: 'W0001', line: RULE_LINE, column: 12, message: 'no value of age_years satisfies this range' },
    ]);
    expect(checkText(text, [ContradictoryRangeRule]).diagnostics[0]?.label).toBe(
      'the low end 70 is above the high end 18',
    );
  });

  it('keeps values with different windows apart', () => {
    expectValid(withRule('wbc within 7 days >= 5 10*9/L and wbc < 3 10*9/L'), ContradictoryRangeRule);
  });
});

describe('AlwaysTrueRangeRule', () => {
  it('accepts a disjunction that leaves a gap', () => {
    expectValid(withRule('wbc < 3 10*9/L or wbc > 3 10*9/L'), AlwaysTrueRangeRule);
    expectValid(withRule('wbc >= 5 10*9/L or wbc < 3 10*9/L'), AlwaysTrueRangeRule);
  });

  it('reports a disjunction that covers every value', () => {
    const text = withRule('wbc >= 3 10*9/L or wbc < 5 10*9/L');
    expectDiagnostics(text, AlwaysTrueRangeRule).toEqual([
      { code: 'W0002', line: RULE_LINE, column: 12, message: 'every value of wbc satisfies this' },
    ]);
    expect(checkText(text, [AlwaysTrueRangeRule]).diagnostics[0]?.label).toBe(
      "'wbc >= 3 10*9/L' or 'wbc < 5 10*9/L' covers every value",
    );
  });

  it('reports bounds that meet when one includes the meeting point', () => {
    expectDiagnostics(
      withRule('any of (consent, age_years <= 18, age_years > 18)'),
      AlwaysTrueRangeRule,
    ).toEqual([
      { code: 'W0002', line: RULE_LINE, column: 12, message: 'every value of age_years satisfies this' },
    ]);
  });
});

describe('UnusedDeclarationRule', () => {
  it('counts uses in criteria and in defines', () => {
    expectValid(
      protocol(
        'patient birth_date "DOB" from birthDate\ndefine age_years = age(birth_date)',
        'age_years >= 18',
      ),
      UnusedDeclarationRule,
    );
  });

  it('reports each unused declaration', () => {
    const text = protocol(
      'lab wbc "WBC" in 10*9/L from loinc 6690-2\ncondition gilbert "G" from icd10 E80.4\nquestion q "Q?": yes/no',
      'q',
    );
    expectDiagnostics(text, UnusedDeclarationRule).toEqual([
      { code: 'W0003', line: 2, column: 5, message: "'wbc' is declared but never used" },
      { code: 'W0003', line: 3, column: 11, message: "'gilbert' is declared but never used" },
    ]);
  });
});

describe('CriterionSourceRule', () => {
  it('accepts a criterion with its source sentence', () => {
    expectValid(withRule('consent'), CriterionSourceRule);
  });

  it('notes a criterion without one', () => {
    expectDiagnostics(
      'trial T "t"\nquestion q "Q?": yes/no\ninclusion\n  IN-1 "t"\n    met if q\n',
      CriterionSourceRule,
    ).toEqual([{ code: 'W0004', line: 4, column: 3, message: "criterion 'IN-1' has no source sentence" }]);
  });
});
