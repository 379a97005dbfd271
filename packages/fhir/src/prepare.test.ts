import { describe, expect, it } from 'vitest';
import { prepareScreeningInput } from './prepare';
import { bundle, lab, patient } from './testing/fhir';
import { testProtocol } from './testing/protocol';

const prepare = (raw: unknown) => prepareScreeningInput(testProtocol, raw);

describe('prepareScreeningInput', () => {
  it('turns a bundle into facts and passes the answers through', () => {
    const result = prepare({
      asOf: '2025-03-15',
      bundle: bundle(patient('1990-09-20', 'female'), lab('6690-2', 5.6, '10*9/L', '2025-03-12')),
      answers: { consent: true, score: 3, response: 'refractory', unknown_yet: null },
    });
    expect(result).toEqual({
      ok: true,
      input: {
        asOf: '2025-03-15',
        facts: {
          birth_date: '1990-09-20',
          sex: 'female',
          wbc: [{ value: 5.6, unit: '10*9/L', date: '2025-03-12' }],
          diabetes: [],
          malignancy: [],
          arb: [],
          biopsy: [],
          any_allergy: [],
          drug_allergy: [],
          hf_admission: [],
        },
        answers: { consent: true, score: 3, response: 'refractory', unknown_yet: null },
      },
      warnings: [],
    });
  });

  it('passes native facts through for the caller to check against the protocol', () => {
    const facts = { wbc: { value: 5.6, unit: '10*9/L' }, diabetes: false };
    expect(prepare({ asOf: '2025-03-15', facts })).toEqual({
      ok: true,
      input: { asOf: '2025-03-15', facts, answers: {} },
      warnings: [],
    });
  });

  it('gives the path of a malformed field inside the bundle', () => {
    const raw = bundle(patient('1990'), lab('6690-2', 5.6, '10*9/L', '2025-03-12'), {
      resourceType: 'Observation',
      status: 'final',
    } as never);
    expect(prepare({ asOf: '2025-03-15', bundle: raw })).toEqual({
      ok: false,
      errors: [{ path: 'bundle.entry[2].resource.code', message: 'required' }],
    });
  });

  it('reports every problem with the document itself', () => {
    expect(
      prepare({ asOf: '15/03/2025', bundle: bundle(), facts: {}, answers: { a: [1] }, extra: 1 }),
    ).toEqual({
      ok: false,
      errors: [
        { path: 'extra', message: 'unknown field (expected asOf, bundle or facts, answers, ref)' },
        { path: 'asOf', message: 'expected a full date YYYY-MM-DD' },
        { path: 'answers.a', message: 'expected a boolean, a number, a string or null' },
        { path: 'facts', message: 'give either bundle or facts, not both' },
      ],
    });
    expect(prepare({ answers: [] })).toEqual({
      ok: false,
      errors: [
        { path: 'asOf', message: 'required' },
        { path: 'answers', message: 'expected an object' },
        { path: 'bundle', message: 'required: a FHIR Bundle (or facts)' },
      ],
    });
  });

  it('reports the bundle errors along with the document errors', () => {
    expect(prepare({ asOf: '2025-02-30', bundle: { resourceType: 'Bundle', entry: 'none' } })).toEqual({
      ok: false,
      errors: [
        { path: 'asOf', message: 'expected a full date YYYY-MM-DD' },
        { path: 'bundle.entry', message: 'expected an array' },
      ],
    });
  });

  it('refuses what is not a document, and never throws', () => {
    for (const raw of [
      null,
      undefined,
      42,
      'x',
      [],
      { asOf: 1, bundle: 2 },
      { asOf: '2025-03-15', facts: [] },
    ]) {
      const result = prepare(raw);
      expect(result.ok, JSON.stringify(raw)).toBe(false);
    }
    expect(prepare('x')).toEqual({ ok: false, errors: [{ path: '', message: 'expected an object' }] });
  });
});

describe('prepareScreeningInput on junk', () => {
  const junk: unknown[] = [
    { resourceType: 'Bundle', entry: [1, null, 'x', [], { resource: null }, { resource: 5 }] },
    { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Observation', code: { coding: 'x' } } }] },
    {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'Observation', code: {}, valueQuantity: [] } }],
    },
    {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'Condition', code: { coding: [null] } } }],
    },
    {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'MedicationStatement', medicationReference: 'x' } }],
    },
    { resourceType: 'Bundle', entry: [{ resource: { resourceType: 7 } }] },
    { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', birthDate: 19900101 } }] },
  ];

  it('answers every malformed bundle with errors, never an exception', () => {
    for (const raw of junk) {
      const result = prepareScreeningInput(testProtocol, { asOf: '2025-03-15', bundle: raw });
      expect(result.ok, JSON.stringify(raw)).toBe(false);
      if (!result.ok) expect(result.errors.every((e) => e.path.startsWith('bundle'))).toBe(true);
    }
  });

  it('reads a well-formed but empty Observation as no data', () => {
    const raw = { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Observation', code: {} } }] };
    const result = prepareScreeningInput(testProtocol, { asOf: '2025-03-15', bundle: raw });
    expect(result.ok && result.warnings).toEqual([
      {
        code: 'W-FHIR-UNMAPPED',
        message:
          'an Observation coded (no system)|(no code) matches no data element of the protocol; ignored',
        path: 'bundle.entry[0].resource.code',
      },
    ]);
  });
});
