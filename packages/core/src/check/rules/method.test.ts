// Tests of E0232, the check on the codes of a result's `method`.
import { describe, expect, it } from 'vitest';
import { parse } from '../../parse';
import { checkText, expectDiagnostics, expectValid } from '../testing';
import { MethodCodeRule } from './MethodCodeRule';

const protocol = (declaration: string) =>
  `trial T "t"\n${declaration}\ninclusion\n  IN-1 met if pet is positive\n`;

describe('MethodCodeRule', () => {
  it('accepts methods in SNOMED CT and ATC, on tests and labs', () => {
    expectValid(
      protocol('test pet "PET" from loinc 44138-6 method snomed 456995000, 712736002, atc V09AX04'),
      MethodCodeRule,
    );
    expectValid(
      `trial T "t"\nlab pet "SUVR" in 1 from loinc 44138-6 method snomed 456995000\ninclusion\n  IN-1 met if pet > 1.1\n`,
      MethodCodeRule,
    );
  });

  it('reports each method code in LOINC or ICD-10, at the code', () => {
    const text = protocol(
      'test pet "PET" from loinc 44138-6 method loinc 44138-6, snomed 456995000, icd10 G30*',
    );
    expectDiagnostics(text, MethodCodeRule).toEqual([
      { code: 'E0232', line: 2, column: 48, message: 'a method is not coded in loinc' },
      { code: 'E0232', line: 2, column: 81, message: 'a method is not coded in icd10' },
    ]);
    const [loinc, icd10] = checkText(text, [MethodCodeRule]).diagnostics;
    expect(loinc?.label).toBe('a LOINC code names the test itself');
    expect(icd10?.label).toBe('an ICD-10 code names a diagnosis');
    expect(loinc?.hint).toContain("the test's own code goes after 'from'");
  });

  it('reports a method clause given twice as a syntax error', () => {
    const text = protocol('test pet "PET" from loinc 44138-6 method snomed 1 method snomed 2');
    expect(parse(text).diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['E0003', "syntax error: 'method' is given twice"],
    ]);
  });
});
