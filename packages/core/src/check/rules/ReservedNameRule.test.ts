import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, protocol } from '../testing';
import { ReservedNameRule } from './ReservedNameRule';

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
