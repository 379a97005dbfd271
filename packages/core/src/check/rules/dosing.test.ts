// Tests of the checks on routes and doses: E0207 on `daily dose` and `stable for at least`, E0223
// to E0226, E0241 and E0242 on dose histories.
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../diagnostics/codeFrame';
import { checkText, expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
import { DoseHistoryRule } from './DoseHistoryRule';
import { EquivalenceTableRule } from './EquivalenceTableRule';
import { MedicationQualifierRule } from './MedicationQualifierRule';
import { MedicationRouteRule } from './MedicationRouteRule';
import { UnitDimensionRule } from './UnitDimensionRule';

const STEROID =
  'medication steroid "Systemic corticosteroid" from atc H02AB* route oral, intravenous, intramuscular, subcutaneous';

describe('MedicationRouteRule', () => {
  it('accepts the table’s routes on a medication', () => {
    expectValid(protocol(STEROID, 'steroid'), MedicationRouteRule);
    expectValid(protocol('medication arb "ARB" from atc C09C*', 'arb'), MedicationRouteRule);
  });

  it('reports a route that is not in the table, with the closest words', () => {
    const text = protocol(
      'medication steroid "Steroid" from atc H02AB* route oral, topcal, by_mouth',
      'steroid',
    );
    expectDiagnostics(text, MedicationRouteRule).toEqual([
      { code: 'E0224', line: 2, column: 58, message: "'topcal' is not a route of administration" },
      { code: 'E0224', line: 2, column: 66, message: "'by_mouth' is not a route of administration" },
    ]);
    const [typo, word] = checkText(text, [MedicationRouteRule]).diagnostics;
    expect(typo?.hint).toBe("did you mean 'topical'?");
    expect(word?.hint).toBe(
      'routes are words such as oral, intravenous, intramuscular, subcutaneous, topical, inhalation (docs/language.md lists them)',
    );
  });

  it('reports a route on a record kind other than medication, over the whole list', () => {
    const text = protocol('condition dx "Diabetes" from icd10 E11* route oral, topical', 'dx');
    expectDiagnostics(text, MedicationRouteRule).toEqual([
      { code: 'E0223', line: 2, column: 47, message: "'route' applies to medications only" },
    ]);
    expect(checkText(text, [MedicationRouteRule]).diagnostics[0]?.label).toBe('dx is a condition');
    expect(
      renderDiagnostic(checkText(text, [MedicationRouteRule]).diagnostics[0]!, checkText(text).source),
    ).toBe(
      [
        "test.elig:2:47 error E0223 'route' applies to medications only",
        '  2 | condition dx "Diabetes" from icd10 E11* route oral, topical',
        '    |                                               ^^^^^^^^^^^^^ dx is a condition',
        '',
      ].join('\n'),
    );
  });
});

describe('MedicationQualifierRule on doses', () => {
  it('accepts daily doses and stable dosing of medications', () => {
    expectValid(
      withRule('gcsf daily dose > 5 mg/d and gcsf stable for at least 3 months'),
      MedicationQualifierRule,
    );
  });

  it('reports a daily dose or stable dosing of something that is not a medication', () => {
    expectDiagnostics(
      withRule('wbc daily dose > 5 mg/d or gilbert stable for at least 3 months'),
      MedicationQualifierRule,
    ).toEqual([
      { code: 'E0207', line: RULE_LINE, column: 16, message: "'daily dose' applies to medications only" },
      {
        code: 'E0207',
        line: RULE_LINE,
        column: 47,
        message: "'stable for at least' applies to medications only",
      },
    ]);
    const [dose, stable] = checkText(
      withRule('wbc daily dose > 5 mg/d or gilbert stable for at least 3 months'),
      [MedicationQualifierRule],
    ).diagnostics;
    expect(dose?.label).toBe('wbc is a lab in 10*9/L');
    expect(stable?.label).toBe('gilbert is a condition');
  });
});

describe('EquivalenceTableRule', () => {
  it('accepts a table by its reference drug', () => {
    expectValid(
      protocol(
        STEROID,
        'steroid daily dose as prednisone > 10 mg/d and steroid daily dose as prednisolone < 40 mg/d',
      ),
      EquivalenceTableRule,
    );
  });

  it('reports a table that does not exist, with the tables there are', () => {
    const text = protocol(
      STEROID,
      'steroid daily dose as prednisolon > 10 mg/d or steroid daily dose as morphine > 1 mg/d',
    );
    expectDiagnostics(text, EquivalenceTableRule).toEqual([
      { code: 'E0225', line: 6, column: 34, message: "no dose equivalence table is named 'prednisolon'" },
      { code: 'E0225', line: 6, column: 81, message: "no dose equivalence table is named 'morphine'" },
    ]);
    const [typo, other] = checkText(text, [EquivalenceTableRule]).diagnostics;
    expect(typo?.hint).toBe("did you mean 'prednisolone' or 'prednisone'?");
    expect(other?.hint).toBe("the tables are named 'prednisolone' or 'prednisone'");
  });
});

describe('UnitDimensionRule on daily doses', () => {
  it('accepts masses per time, and a dose per kilogram through arithmetic', () => {
    expectValid(
      withRule(
        'gcsf daily dose >= 1.5 g/d and gcsf daily dose < 2000 mg/(24.h) and 300 ug/d <= gcsf daily dose and gcsf daily dose / weight > 1 mg/kg/d',
      ),
      UnitDimensionRule,
    );
  });

  it('reports a threshold that is not a mass per time, or has no unit', () => {
    const text = withRule('gcsf daily dose > 10 mg or gcsf daily dose >= 1500 or 2 [IU]/d < gcsf daily dose');
    expectDiagnostics(text, UnitDimensionRule).toEqual([
      { code: 'E0226', line: RULE_LINE, column: 33, message: 'a daily dose compares with a mass per time' },
      { code: 'E0226', line: RULE_LINE, column: 58, message: 'a daily dose compares with a mass per time' },
      { code: 'E0226', line: RULE_LINE, column: 68, message: 'a daily dose compares with a mass per time' },
    ]);
    const labels = checkText(text, [UnitDimensionRule]).diagnostics.map((d) => d.label);
    expect(labels).toEqual([
      "'mg' is a mass; gcsf daily dose is in mg/d",
      "'1500' has no unit; gcsf daily dose is in mg/d",
      "'[IU]/d' is an arbitrary amount; gcsf daily dose is in mg/d",
    ]);
  });
});

describe('DoseHistoryRule', () => {
  const DEX = 'medication dex "Dexamethasone" from atc H02AB02';

  it('accepts a window of days, an increase of one drug, or of a class in equivalents', () => {
    expectValid(
      protocol(
        `${DEX}\n${STEROID}`,
        'not dex daily dose increased within 14 days and steroid daily dose as prednisone increased within 2 weeks and steroid highest daily dose as prednisone within 14 days > 10 mg/d',
      ),
      DoseHistoryRule,
    );
  });

  it('reports a window of no days, pinned to the duration', () => {
    const text = protocol(
      DEX,
      'dex daily dose increased within 0 days or dex highest daily dose within 0 days > 1 mg/d',
    );
    expectDiagnostics(text, DoseHistoryRule).toEqual([
      { code: 'E0241', line: 6, column: 44, message: "'increased within' needs a window of at least 1 day" },
      {
        code: 'E0241',
        line: 6,
        column: 84,
        message: "'highest daily dose … within' needs a window of at least 1 day",
      },
    ]);
    const [rise, highest] = checkText(text, [DoseHistoryRule]).diagnostics;
    expect(rise?.hint).toBe(
      "a rise needs two days to compare: write the protocol's window, as in 'increased within 14 days'",
    );
    expect(highest?.hint).toBe("for the daily dose on the screening date, write 'M daily dose'");
    expect(highest?.label).toBe('no days before the screening date');
  });

  it('reports an increase over a class of drugs without a table, over the daily dose', () => {
    const text = protocol(STEROID, 'steroid daily dose increased within 14 days');
    expectDiagnostics(text, DoseHistoryRule).toEqual([
      {
        code: 'E0242',
        line: 6,
        column: 12,
        message: "'increased within' on steroid compares milligrams of different drugs",
      },
    ]);
    const [d] = checkText(text, [DoseHistoryRule]).diagnostics;
    expect(d?.label).toBe('steroid names a class of drugs');
    expect(d?.hint).toBe(
      "compare equivalents ('daily dose as prednisone increased within …'), or declare one drug",
    );
    expect(renderDiagnostic(d!, checkText(text).source)).toBe(
      [
        "test.elig:6:12 error E0242 'increased within' on steroid compares milligrams of different drugs",
        '  6 |     met if steroid daily dose increased within 14 days',
        '    |            ^^^^^^^^^^^^^^^^^^ steroid names a class of drugs',
        "  hint: compare equivalents ('daily dose as prednisone increased within …'), or declare one drug",
        '',
      ].join('\n'),
    );
  });

  it('leaves a dose history of something that is not a medication to E0207', () => {
    const text = withRule(
      'wbc daily dose increased within 14 days or gilbert highest daily dose within 7 days > 1 mg/d',
    );
    expectValid(text, DoseHistoryRule);
    expect(checkText(text, [MedicationQualifierRule]).diagnostics.map((d) => d.message)).toEqual([
      "'daily dose' applies to medications only",
      "'daily dose' applies to medications only",
    ]);
  });
});
