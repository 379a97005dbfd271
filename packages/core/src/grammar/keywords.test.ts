import { describe, expect, it } from 'vitest';
import { constants, keywords } from '../../../../docs/.vitepress/eligo.tmLanguage';
import grammar from './eligo.ohm-bundle.js';
import { KEYWORDS, reservedWords } from './keywords';

describe('the words of the language, read from the grammar', () => {
  it('lists every word the grammar spells, reserved or not', () => {
    expect(KEYWORDS).toEqual(
      expect.arrayContaining(['met', 'if', 'sub-criteria', 'yes/no', 'icd10', 'ULN', 'x']),
    );
    expect(KEYWORDS).toEqual([...new Set(KEYWORDS)].sort());
    expect(KEYWORDS.every((w) => /^[A-Za-z][A-Za-z0-9/-]*$/.test(w))).toBe(true);
  });

  it('spells every reserved word somewhere else in the grammar, and reserves what the keyword rule matches', () => {
    const reserved = reservedWords();
    expect(reserved.length).toBeGreaterThan(60);
    expect(reserved.filter((w) => !KEYWORDS.includes(w))).toEqual([]);
    expect(reserved.filter((w) => grammar.match(w, 'keyword').failed())).toEqual([]);
    // Words left free to name things, as `is positive` and `count` do.
    expect(KEYWORDS.filter((w) => !reserved.includes(w) && grammar.match(w, 'identifier').failed())).toEqual([
      'sub-criteria',
      'yes/no',
    ]);
  });

  it("the docs site's highlighter lists exactly these words", () => {
    expect([...keywords, ...constants].sort()).toEqual([...KEYWORDS]);
  });
});
