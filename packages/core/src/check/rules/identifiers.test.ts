// Identifiers that look like others (E0107, E0108), one describe per rule.
import { describe, expect, it } from 'vitest';
import { skeleton } from '../../lexical/scripts';
import { checkText, expectDiagnostics, expectValid, protocol } from '../testing';
import { ConfusableIdentifierRule } from './ConfusableIdentifierRule';
import { MixedScriptIdentifierRule } from './MixedScriptIdentifierRule';

const CYRILLIC_O = '\u043e';

describe('MixedScriptIdentifierRule', () => {
  it('accepts names in one script, with digits and underscores', () => {
    expectValid(
      protocol(
        'question consent_2 "C": yes/no\nquestion согласие "C": yes/no\nquestion 同意_1 "C": yes/no',
        'consent_2 and согласие and 同意_1',
      ),
      MixedScriptIdentifierRule,
    );
  });

  it('accepts Latin with Han and kana, as Japanese names are written', () => {
    expectValid(protocol('question 同意ok_かな "C": yes/no', '同意ok_かな'), MixedScriptIdentifierRule);
  });

  it('reports a declaration and each use that mixes Latin and Cyrillic', () => {
    const name = `c${CYRILLIC_O}nsent`;
    expectDiagnostics(protocol(`question ${name} "C": yes/no`, name), MixedScriptIdentifierRule).toEqual([
      {
        code: 'E0107',
        line: 2,
        column: 10,
        message: `identifier '${name}' mixes Latin and Cyrillic letters`,
      },
      {
        code: 'E0107',
        line: 6,
        column: 12,
        message: `identifier '${name}' mixes Latin and Cyrillic letters`,
      },
    ]);
  });

  it('names the letters to retype', () => {
    const { diagnostics } = checkText(protocol(`question c${CYRILLIC_O}nsεnt "C": yes/no`, 'true'), [
      MixedScriptIdentifierRule,
    ]);
    expect(diagnostics.map((d) => [d.message, d.hint])).toEqual([
      [
        `identifier 'c${CYRILLIC_O}nsεnt' mixes Latin, Cyrillic and Greek letters`,
        `retype '${CYRILLIC_O}' (U+043E, Cyrillic), 'ε' (U+03B5, Greek) in Latin`,
      ],
    ]);
  });
});

describe('ConfusableIdentifierRule', () => {
  it('accepts names that differ on screen', () => {
    expectValid(
      protocol(
        'question consent "C": yes/no\nquestion consent_2 "C": yes/no\nquestion café "C": yes/no\nquestion cafe "C": yes/no',
        'consent',
      ),
      ConfusableIdentifierRule,
    );
  });

  it('reports a whole-script look-alike of an earlier declaration, pointing at it', () => {
    const { diagnostics, source } = checkText(
      protocol('question coe "C": yes/no\nquestion сое "C": yes/no', 'coe and сое'),
      [ConfusableIdentifierRule],
    );
    expect(
      diagnostics.map((d) => [d.code, source.locate(d.span!.start), d.message, d.related?.[0]?.message]),
    ).toEqual([
      ['E0108', { line: 3, column: 10 }, "'сое' looks the same as 'coe'", "'coe' is declared here"],
    ]);
  });

  it('reports digits and letters taken for one another, and compatibility forms', () => {
    expectDiagnostics(
      protocol(
        'question hba1c "C": yes/no\nquestion hbalc "C": yes/no\nquestion o2 "C": yes/no\nquestion ｏ2 "C": yes/no',
        'true',
      ),
      ConfusableIdentifierRule,
    ).toEqual([
      { code: 'E0108', line: 3, column: 10, message: "'hbalc' looks the same as 'hba1c'" },
      { code: 'E0108', line: 5, column: 10, message: "'ｏ2' looks the same as 'o2'" },
    ]);
  });

  it('leaves the same name declared twice to the duplicate check', () => {
    expectValid(protocol('question a "C": yes/no\nquestion a "C": yes/no', 'a'), ConfusableIdentifierRule);
  });

  it('folds with a skeleton in the manner of TR39', () => {
    expect(skeleton(`c${CYRILLIC_O}nsent`)).toBe('consent');
    expect(skeleton('ΗΙΝ')).toBe('HlN');
    expect(skeleton('𝐜onsent')).toBe('consent');
  });
});
