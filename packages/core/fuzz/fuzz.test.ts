// The fuzz targets of the campaign (`pnpm fuzz`, 1,000,000 inputs) on a small budget, so that the test
// command runs every one of them: no uncaught exception, every diagnostic positioned, the paths agreeing.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import nct02894840 from '../../protocols/NCT02894840/NCT02894840.elig?raw';
import nct03681457 from '../../protocols/NCT03681457/NCT03681457.elig?raw';
import nct03987919 from '../../protocols/NCT03987919/NCT03987919.elig?raw';
import nct04169737 from '../../protocols/NCT04169737/NCT04169737.elig?raw';
import nct04847557 from '../../protocols/NCT04847557/NCT04847557.elig?raw';
import nct05060198 from '../../protocols/NCT05060198/NCT05060198.elig?raw';
import nct05291234 from '../../protocols/NCT05291234/NCT05291234.elig?raw';
import nct05715229 from '../../protocols/NCT05715229/NCT05715229.elig?raw';
import nct06469190 from '../../protocols/NCT06469190/NCT06469190.elig?raw';
import { isBatchScreen, leaks, withGeneratedSource } from './generated';
import { compileProblems } from './invariants';
import { coreTargets, pipeline } from './targets';

const corpus = [
  nct02894840,
  nct03681457,
  nct03987919,
  nct04169737,
  nct04847557,
  nct05060198,
  nct05291234,
  nct05715229,
  nct06469190,
];

/** Inputs per target here; the campaign runs about a thousand times as many. */
const BUDGET = 60;
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fuzz targets', () => {
  const targets = coreTargets(corpus);

  it.each(targets.map((t) => [t.name, t] as const))(
    '%s',
    (_, t) => {
      const runs = Math.max(2, Math.round((BUDGET * t.weight) / 10));
      // A library that prints would print into the service's log, with text from the input.
      const printed = CONSOLE.map((name) => vi.spyOn(console, name));
      fc.assert(
        fc.property(t.arbitrary, (value) => {
          expect(t.run(value)).toEqual([]);
          for (const spy of printed) expect(spy).not.toHaveBeenCalled();
        }),
        { numRuns: runs, seed: 20261206 },
      );
    },
    120_000,
  );
});

describe('the harness can fail', () => {
  it('sees a thrown phase, an unplaced diagnostic and a span outside the text', () => {
    const diagnostics = [
      {
        code: 'E0900',
        severity: 'error' as const,
        message: 'internal error while compiling: x',
        span: undefined,
      },
      { code: 'E0101', severity: 'error' as const, message: "unknown name 'a'", span: undefined },
      { code: 'E0101', severity: 'error' as const, message: "unknown name 'a'", span: { start: 3, end: 9 } },
    ].map((d) => ({ ...d, source: 't', start: d.span && { line: 1, column: 1 }, end: undefined }));
    expect(compileProblems('abcd', { ok: false, protocol: undefined, diagnostics })).toEqual([
      'E0900 internal error while compiling: x',
      "E0101 has no position: unknown name 'a'",
      'E0101 span 3-9 outside a text of 4',
    ]);
  });

  it('sees names and strings of a protocol spelled into generated code', () => {
    const source = 'return function screenBatch(batch) { H.columns(batch, "__proto__", \'date\'); }';
    expect(isBatchScreen(source)).toBe(true);
    expect(leaks(source, ['__proto__'])).toEqual(['literal "__proto__"', 'name __proto__']);
    expect(leaks(`${source} // cоnsent`, [])).toEqual(['literal "__proto__"', 'character U+043e']);
  });

  it('catches the population path as it is generated, and only passes real agreement', () => {
    const text = `trial T "t"\nlab hb "Hb" in g/L from loinc 718-7\ninclusion\n  I-1 "t" source "s" met if hb > 100 g/L\n`;
    const { result, sources } = withGeneratedSource(() => pipeline(text, 1));
    expect(result).toEqual([]);
    expect(sources.filter(isBatchScreen)).toHaveLength(1);
    expect(sources.filter(isBatchScreen).flatMap((s) => leaks(s, ['hb']))).toEqual([]);
  });
});
