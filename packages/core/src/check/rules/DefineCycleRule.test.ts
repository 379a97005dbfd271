import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, protocol } from '../testing';
import { DefineCycleRule } from './DefineCycleRule';

describe('DefineCycleRule', () => {
  it('accepts defines built on other defines', () => {
    expectValid(protocol('question q "Q?": yes/no\ndefine a = q\ndefine b = a and q', 'b'), DefineCycleRule);
  });

  it('reports each cycle once, at the define where it closes', () => {
    const text = protocol('define a = b\ndefine b = c or a\ndefine c = a\ndefine d = d', 'a and d');
    expectDiagnostics(text, DefineCycleRule).toEqual([
      { code: 'E0302', line: 2, column: 8, message: "'a' is defined in terms of itself" },
      { code: 'E0302', line: 5, column: 8, message: "'d' is defined in terms of itself" },
    ]);
  });
});
