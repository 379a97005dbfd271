import { describe, expect, it } from 'vitest';
import { checkText, expectDiagnostics, expectValid, protocol } from '../testing';
import { UniqueDeclarationNameRule } from './UniqueDeclarationNameRule';

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
