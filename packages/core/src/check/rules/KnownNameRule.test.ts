import { describe, it } from 'vitest';
import { expectDiagnostics, expectValid, RULE_LINE, withRule } from '../testing';
import { KnownNameRule } from './KnownNameRule';

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
