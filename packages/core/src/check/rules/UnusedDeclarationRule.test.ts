import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, protocol } from '../testing';
import { UnusedDeclarationRule } from './UnusedDeclarationRule';

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
