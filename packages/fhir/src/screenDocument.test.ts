import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { screenDocument } from './screenDocument';

const protocol = compile(
  `trial T "t"
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
question consent "Consented?": yes/no
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

  it('passes the trace option to the screening', () => {
    const doc = { asOf: '2025-03-15', bundle: observation('10*9/L') };
    const full = screenDocument(protocol, doc);
    const lean = screenDocument(protocol, doc, { trace: false });
    const criterion = (r: typeof full) => (r.ok ? r.screening.cohorts[0]!.criteria[0]! : undefined);
    expect(criterion(lean)?.trace).toEqual({ text: '', status: 'met' });
    expect(criterion(lean)?.explanation).toBe(criterion(full)?.explanation);
    expect(criterion(full)?.trace.text).toBe(
      'White blood cell count 4 ×10⁹/L (2025-03-01, 14 days before screening) ≥ 3 ×10⁹/L',
    );
  });

  it('checks the answers given with a bundle as it checks those given with facts', () => {
    const answers = { consent: 'yes', mood: true };
    const withBundle = screenDocument(protocol, {
      asOf: '2025-03-15',
      bundle: observation('10*9/L'),
      answers,
    });
    const withFacts = screenDocument(protocol, {
      asOf: '2025-03-15',
      facts: { wbc: { value: 4, unit: '10*9/L' } },
      answers,
    });
    expect(withBundle.ok ? [] : withBundle.errors).toEqual([
      { path: 'answers.consent', message: 'Invalid input: expected boolean, received string' },
      { path: 'answers', message: 'Unrecognized key: "mood"' },
    ]);
    expect(withBundle).toEqual(withFacts);
    const answered = screenDocument(protocol, {
      asOf: '2025-03-15',
      bundle: observation('10*9/L'),
      answers: { consent: true },
    });
    expect(answered.ok && answered.screening.cohorts[0]!.verdict).toBe('eligible');
  });
});
