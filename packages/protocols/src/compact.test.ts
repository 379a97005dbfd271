import { readFileSync } from 'node:fs';
import {
  type CompiledProtocol,
  compactScreening,
  compile,
  type ScreeningInput,
  screen,
  screenCompact,
} from '@eligo/core';
import { readDocument, screenDocument, screenDocumentCompact } from '@eligo/fhir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledProtocols, examplePath, workedPatients } from './index';

/**
 * The compact path (fast statuses, the explaining path only for unknown criteria and results in
 * units that may not convert) against the full screening made compact, on every bundled trial's
 * worked patients and on variants of them: resources left out, answers left out, values scaled,
 * results and reference ranges in units that do not convert.
 */

const trials = Object.keys(bundledProtocols).map((id) => {
  const protocol = compile(readFileSync(bundledProtocols[id]!, 'utf8'), { name: `${id}.elig` }).protocol!;
  const docs =
    id === 'NCT06469190'
      ? ['eligible-igan.json', 'ineligible-pmn.json'].map(
          (f) => JSON.parse(readFileSync(examplePath('NCT06469190', f), 'utf8')) as unknown,
        )
      : workedPatients(id as never).map((p) => p.doc);
  return { id, protocol, docs };
});

type Json = Record<string, unknown>;

/** A variant of a screening document, drawn from `random`. */
function vary(doc: unknown, random: () => number): unknown {
  const copy = structuredClone(doc) as { bundle?: { entry?: { resource: Json }[] }; answers?: Json };
  if (copy.answers)
    copy.answers = Object.fromEntries(Object.entries(copy.answers).filter(() => random() > 0.3));
  const entries = copy.bundle?.entry;
  if (entries && copy.bundle)
    copy.bundle.entry = entries.filter(({ resource }) => {
      if (resource.resourceType === 'Patient') return true;
      if (random() < 0.15) return false;
      const q = resource.valueQuantity as Json | undefined;
      if (q && typeof q.value === 'number') {
        if (random() < 0.2) q.value *= 0.5 + random();
        if (random() < 0.15) Object.assign(q, { unit: 'kg', code: 'kg' });
      }
      const range = (resource.referenceRange as { low?: Json; high?: Json }[] | undefined)?.[0];
      if (range && random() < 0.2) for (const end of [range.low, range.high]) if (end) end.code = 'kg';
      return true;
    });
  return copy;
}

/** Native facts with a lab's results and their ranges moved into units that do not convert. */
function badUnits(input: ScreeningInput, random: () => number): ScreeningInput {
  const facts = structuredClone(input.facts ?? {}) as Record<string, unknown>;
  for (const value of Object.values(facts))
    for (const m of (Array.isArray(value) ? value : [value]) as Json[]) {
      if (m === null || typeof m !== 'object' || typeof m.value !== 'number') continue;
      if (random() < 0.3) m.unit = 'kg';
      const range = m.referenceRange as Json | undefined;
      if (range && random() < 0.3) range.unit = 'mol';
    }
  return { ...input, facts } as ScreeningInput;
}

const same = (protocol: CompiledProtocol, doc: unknown) => {
  const full = screenDocument(protocol, doc, { trace: false });
  const compact = screenDocumentCompact(protocol, doc);
  expect(compact.ok).toBe(full.ok);
  if (full.ok && compact.ok)
    expect(JSON.stringify(compact.screening)).toBe(JSON.stringify(compactScreening(full.screening)));
  return full;
};

describe.each(trials)('screenCompact on $id', ({ protocol, docs }) => {
  it.skipIf(docs.length === 0)('gives the full screening made compact, for the worked patients', () => {
    for (const doc of docs) expect(same(protocol, doc).ok).toBe(true);
  });

  it.skipIf(docs.length === 0)('and for variants with data left out and units that do not convert', () => {
    let warned = 0;
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.integer(), (n, seed) => {
        const random = mulberry32(seed);
        same(protocol, vary(docs[n], random));
        const read = readDocument(protocol, docs[n]);
        if (!read.ok) return;
        const input = badUnits(read.input, random);
        const full = compactScreening(screen(protocol, input, { trace: false }));
        if (full.warnings.length > 0) warned++;
        expect(JSON.stringify(screenCompact(protocol, input))).toBe(JSON.stringify(full));
      }),
      { numRuns: 60, seed: 20_250_315 },
    );
    // The unit warnings are exercised, not only the statuses (a trial without labs has none).
    if (protocol.elements.some((e) => e.unit !== undefined) && docs.length > 0)
      expect(warned).toBeGreaterThan(0);
  });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
