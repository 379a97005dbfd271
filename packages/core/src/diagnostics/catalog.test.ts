import { describe, expect, it } from 'vitest';
import docs from '../../../../docs/diagnostics.md?raw';
import catalogText from './catalog.ts?raw';

describe('catalog', () => {
  const codes = [...catalogText.matchAll(/['"]((?:E|W)\d{4})['"]/g)].map((m) => m[1]!);

  it('has unique codes', () => {
    expect(codes.length).toBeGreaterThan(30);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has a section in docs/diagnostics.md for every code', () => {
    const documented = new Set([...docs.matchAll(/^### ((?:E|W)\d{4})$/gm)].map((m) => m[1]));
    expect(codes.filter((c) => !documented.has(c))).toEqual([]);
  });
});
