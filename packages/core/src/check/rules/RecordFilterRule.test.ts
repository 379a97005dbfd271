// Tests of the checks on `site` and `for`: E0247 to E0249.
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../diagnostics/codeFrame';
import { checkText, expectDiagnostics, expectValid, protocol } from '../testing';
import { RecordFilterRule } from './RecordFilterRule';

describe('RecordFilterRule', () => {
  it('accepts body sites on a procedure, reasons on a medication and a lab range chosen by what it applies to', () => {
    expectValid(
      protocol('lab fsh "FSH" in m[IU]/mL from loinc 15067-2 range for snomed 76498008, 307429007', 'fsh'),
      RecordFilterRule,
    );
    expectValid(
      protocol(
        'procedure rt "Radiotherapy" from snomed 108290001 site except snomed 12738006, 258335003',
        'rt',
      ),
      RecordFilterRule,
    );
    expectValid(
      protocol('medication t4 "Levothyroxine" from atc H03AA01 for icd10 E03*, snomed 40930008', 't4'),
      RecordFilterRule,
    );
  });

  it('reports a body site on a record kind other than procedure, over the whole clause', () => {
    const text = protocol('condition dx "Diabetes" from icd10 E11* site snomed 12738006', 'dx');
    expectDiagnostics(text, RecordFilterRule).toEqual([
      { code: 'E0247', line: 2, column: 41, message: "'site' applies to procedures only" },
    ]);
    expect(
      renderDiagnostic(checkText(text, [RecordFilterRule]).diagnostics[0]!, checkText(text).source),
    ).toBe(
      [
        "test.elig:2:41 error E0247 'site' applies to procedures only",
        '  2 | condition dx "Diabetes" from icd10 E11* site snomed 12738006',
        '    |                                         ^^^^^^^^^^^^^^^^^^^^ dx is a condition',
        '',
      ].join('\n'),
    );
  });

  it('reports a reason on a record kind other than medication', () => {
    const text = protocol('procedure rt "Radiotherapy" from snomed 108290001 for icd10 C79.31', 'rt');
    expectDiagnostics(text, RecordFilterRule).toEqual([
      { code: 'E0248', line: 2, column: 51, message: "'for' applies to medications only" },
    ]);
    expect(checkText(text, [RecordFilterRule]).diagnostics[0]?.label).toBe('rt is a procedure');
  });

  it('reports codes of a system that cannot name a body site or a diagnosis, each on its code', () => {
    const sites = protocol(
      'procedure rt "Radiotherapy" from snomed 108290001 site snomed 12738006, icd10 C71',
      'rt',
    );
    expectDiagnostics(sites, RecordFilterRule).toEqual([
      { code: 'E0249', line: 2, column: 79, message: 'a body site is a snomed code, not icd10' },
    ]);
    expect(checkText(sites, [RecordFilterRule]).diagnostics[0]?.hint).toBe(
      'Procedure.bodySite holds SNOMED CT body structures: write site snomed …',
    );
    const ranges = protocol('lab fsh "FSH" in m[IU]/mL from loinc 15067-2 range for loinc 15067-2', 'fsh');
    expectDiagnostics(ranges, RecordFilterRule).toEqual([
      {
        code: 'E0249',
        line: 2,
        column: 62,
        message: 'a reference range applies to a snomed code, not loinc',
      },
    ]);
    const reasons = protocol(
      'medication t4 "Levothyroxine" from atc H03AA01 for loinc 3016-3, icd10 E03*',
      't4',
    );
    expectDiagnostics(reasons, RecordFilterRule).toEqual([
      { code: 'E0249', line: 2, column: 58, message: 'a reason is a snomed or icd10 diagnosis, not loinc' },
    ]);
  });
});
