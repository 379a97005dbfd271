// The FHIR reader's fuzz targets (`pnpm fuzz` runs them with the core ones, 1,000,000 inputs in
// all) on a small budget, so that the test command runs them: every mutated or arbitrary document
// is refused with a path and a message, or read and screened alike on every path.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import healthy from '../../protocols/NCT02894840/examples/eligible-healthy-woman.json';
import fever from '../../protocols/NCT02894840/examples/fever-71-hours-before.json';
import protocol02894840 from '../../protocols/NCT02894840/NCT02894840.elig?raw';
import igan from '../../protocols/NCT06469190/examples/eligible-igan.json';
import pmn from '../../protocols/NCT06469190/examples/ineligible-pmn.json';
import protocol06469190 from '../../protocols/NCT06469190/NCT06469190.elig?raw';
import { applyEdits, fhirTargets } from './targets';

const BUDGET = 60;
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;

afterEach(() => {
  vi.restoreAllMocks();
});

const protocols = { NCT06469190: protocol06469190, NCT02894840: protocol02894840 };
const documents = [
  { trial: 'NCT06469190', document: igan },
  { trial: 'NCT06469190', document: pmn },
  { trial: 'NCT02894840', document: healthy },
  { trial: 'NCT02894840', document: fever },
];

describe('fuzz targets', () => {
  it.each(fhirTargets(protocols, documents).map((t) => [t.name, t] as const))(
    '%s',
    (_, t) => {
      // A library that prints would print into the service's log, with text from the input.
      const printed = CONSOLE.map((name) => vi.spyOn(console, name));
      fc.assert(
        fc.property(t.arbitrary, (value) => {
          expect(t.run(value)).toEqual([]);
          for (const spy of printed) expect(spy).not.toHaveBeenCalled();
        }),
        { numRuns: Math.max(5, Math.round((BUDGET * t.weight) / 2)), seed: 20261206 },
      );
    },
    120_000,
  );
});

describe('document edits', () => {
  it('remove, replace, duplicate and add keys at a node in document order, on a copy', () => {
    const doc = { a: [1, 2], b: { c: 'x' } };
    expect(applyEdits(doc, [{ op: 'remove', node: 1 }])).toEqual({ a: [2], b: { c: 'x' } });
    expect(applyEdits(doc, [{ op: 'replace', node: 4, value: null }])).toEqual({ a: [1, 2], b: { c: null } });
    expect(applyEdits(doc, [{ op: 'duplicate', node: 2 }])).toEqual({ a: [1, 2, 2], b: { c: 'x' } });
    const keyed = applyEdits(doc, [{ op: 'key', node: 3, key: '__proto__', value: 1 }]) as { b: object };
    expect(Object.keys(keyed.b)).toEqual(['c', '__proto__']);
    expect(doc).toEqual({ a: [1, 2], b: { c: 'x' } });
  });
});
