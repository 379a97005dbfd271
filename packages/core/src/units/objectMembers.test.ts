// Found by fuzzing (fuzz/targets.ts): UCUM's tables are plain objects, so unit codes named like a
// member of every object were "found" there.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compile } from '../compile';
import { isValidUnit, suggestUnits } from './ucum';

describe('unit codes named like members of every object', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('are not units, alone or inside an expression, and reach the library silently', () => {
    const log = vi.spyOn(console, 'log');
    for (const code of [
      'toString',
      'constructor',
      '__proto__',
      'valueOf',
      'mg/toString',
      'g.constructor',
      'k__proto__',
    ]) {
      expect(isValidUnit(code), code).toBe(false);
      expect(suggestUnits(code), code).toEqual([]);
    }
    expect(log).not.toHaveBeenCalled();
  });

  it('leave annotations, which are free text, alone', () => {
    expect(isValidUnit('{toString}')).toBe(true);
    expect(isValidUnit('mg/dL')).toBe(true);
  });

  it('are reported as unknown units', () => {
    const result = compile(
      `trial T "t"\nlab a "A" in toString from loinc 1-1\ninclusion\n  I-1 "t" source "s" met if a > 3 mg/hasOwnProperty\n`,
    );
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['E0201', "unknown unit 'toString'"],
      ['E0201', "unknown unit 'mg/hasOwnProperty'"],
    ]);
  });
});
