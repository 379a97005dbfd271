// Tests of the checks on routes and doses: E0207 on `daily dose` and `stable for at least`, E0223
// to E0226.
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../diagnostics/codeFrame';
import { checkText, expectDiagnostics, expectValid, protocol, RULE_LINE, withRule } from '../testing';
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
