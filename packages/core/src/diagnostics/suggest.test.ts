import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, quoteList, suggest } from './suggest';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('wcb', 'wbc')).toBe(1);
    expect(editDistance('femlae', 'female')).toBe(1);
  });
});

describe('suggest', () => {
  const names = ['wbc', 'neutrophils', 'hemoglobin', 'alt', 'ast', 'age_years'];

  it('finds typos, best first', () => {
    expect(suggest('wcb', names)).toEqual(['wbc']);
    expect(suggest('hemoglobn', names)).toEqual(['hemoglobin']);
    expect(suggest('aat', names)).toEqual(['alt', 'ast']);
    expect(suggest('femal', ['male', 'female', 'other', 'unknown'])).toEqual(['female']);
  });

  it('treats a difference of case as close', () => {
    expect(suggest('WBC', names)).toEqual(['wbc']);
  });

  it('suggests nothing for unrelated words', () => {
    expect(suggest('creatinine', names)).toEqual([]);
    expect(suggest('x', names)).toEqual([]);
  });

  it('never suggests the input itself', () => {
    expect(suggest('wbc', names)).toEqual([]);
  });
});

describe('wording', () => {
  it('quotes and joins', () => {
    expect(quoteList(['a'])).toBe("'a'");
    expect(quoteList(['a', 'b', 'c'])).toBe("'a', 'b' or 'c'");
    expect(didYouMean(['wbc'])).toBe("did you mean 'wbc'?");
    expect(didYouMean([])).toBeUndefined();
  });
});
