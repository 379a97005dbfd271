import { describe, expect, it } from 'vitest';
import { compile } from './compile';

describe('what each element is used by', () => {
  it('names the criteria that use a define, directly or through other defines', () => {
    const result = compile(`trial T "t"
lab a "A" in g/L from loinc 1-1
define b = a > 1 g/L
define c = b and a < 5 g/L
define unused = a > 2 g/L
inclusion
  I-1 met if c
  I-2 met if a > 0 g/L
exclusion
  E-1 met if b or c
`);
    expect(result.ok).toBe(true);
    const usedBy = Object.fromEntries(result.protocol!.info.elements.map((e) => [e.id, e.usedBy]));
    expect(usedBy).toEqual({ a: ['I-1', 'I-2', 'E-1'], b: ['I-1', 'E-1'], c: ['I-1', 'E-1'], unused: [] });
  });
});
