import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { screenDocument } from './screenDocument';

const protocol = compile(
  `trial T "t"
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
inclusion
  IN-1 "WBC" met if wbc >= 3 10*9/L
`,
  { name: 't.elig' },
).protocol!;

const observation = (unit: string) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '6690-2' }] },
        effectiveDateTime: '2025-03-01',
        valueQuantity: { value: 4, unit, system: 'http://unitsofmeasure.org', code: unit },
      },
    },
  ],
});

describe('screenDocument', () => {
  it('screens a bundle', () => {
    const r = screenDocument(protocol, { asOf: '2025-03-15', bundle: observation('10*9/L') });
    expect(r.ok && r.screening.cohorts.map((c) => c.verdict)).toEqual(['eligible']);
  });

  it('screens native facts and reports facts errors with their path', () => {
    const ok = screenDocument(protocol, { asOf: '2025-03-15', facts: { wbc: { value: 2, unit: '10*9/L' } } });
    expect(ok.ok && ok.screening.cohorts[0]!.verdict).toBe('ineligible');
    const bad = screenDocument(protocol, {
      asOf: '2025-03-15',
      facts: { wbc: { value: 'two', unit: '10*9/L' } },
    });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(['facts.wbc.value']);
  });

  it('keeps the reader warnings: an unconvertible unit is missing data, not zero', () => {
    const r = screenDocument(protocol, { asOf: '2025-03-15', bundle: observation('g/L') });
    expect(r.ok && r.screening.cohorts[0]!.verdict).toBe('undetermined');
    expect(r.ok && r.screening.warnings.length).toBeGreaterThan(0);
  });
});
