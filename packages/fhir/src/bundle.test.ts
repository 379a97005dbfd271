import { describe, expect, it } from 'vitest';
import { parseBundle } from './bundle';
import { bundle, lab, patient, statement } from './testing/fhir';

function errorsOf(raw: unknown) {
  const result = parseBundle(raw);
  return result.ok ? [] : result.errors;
}

describe('parseBundle', () => {
  it('accepts a valid bundle and skips resource types it does not read', () => {
    const raw = bundle(
      patient('1990-09-20', 'female'),
      lab('6690-2', 5.6, '10*9/L', '2025-03-12'),
      { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' } },
      { resourceType: 'Location', name: 'Ward 3' },
    );
    const result = parseBundle(raw);
    expect(result.ok && result.entries.map((e) => [e.path, e.resource.resourceType])).toEqual([
      ['bundle.entry[0].resource', 'Patient'],
      ['bundle.entry[1].resource', 'Observation'],
      ['bundle.entry[2].resource', 'Encounter'],
    ]);
  });

  it('checks the references that say whose a record is, and integer results', () => {
    const raw = bundle(lab('6690-2', 5.6, '10*9/L', '2025-03-12'), {
      resourceType: 'Immunization',
      status: 'completed',
      vaccineCode: { text: 'influenza' },
      patient: { reference: 'Patient/p' },
      occurrenceDateTime: '2024-10-01',
    });
    (raw.entry![0]!.resource as { subject: unknown }).subject = 'Patient/p';
    (raw.entry![0]!.resource as { valueInteger: unknown }).valueInteger = 1.5;
    (raw.entry![1]!.resource as { patient: { reference: unknown } }).patient.reference = 7;
    expect(errorsOf(raw)).toEqual([
      { path: 'bundle.entry[0].resource.subject', message: 'expected an object' },
      { path: 'bundle.entry[0].resource.valueInteger', message: 'expected an integer' },
      { path: 'bundle.entry[1].resource.patient.reference', message: 'expected a string' },
    ]);
  });

  it('names the entry and field of a wrong type', () => {
    const raw = bundle(
      patient('1990'),
      lab('6690-2', 5.6, '10*9/L', '2025-03-12'),
      lab('6690-2', 5.6, '10*9/L', '2025-03-12'),
      lab('718-7', 118, 'g/L', '2025-03-12'),
    );
    (raw.entry![3]!.resource as { valueQuantity: { value: unknown } }).valueQuantity.value = '118';
    expect(errorsOf(raw)).toEqual([
      { path: 'bundle.entry[3].resource.valueQuantity.value', message: 'expected a number' },
    ]);
  });

  it('reports a missing required field, a bad code and a bad date, all at once', () => {
    const raw = {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Patient', gender: 'F', birthDate: '1990-02-30' } },
        { resource: { resourceType: 'Observation', status: 'final' } },
        { resource: { resourceType: 'MedicationStatement', status: 'active' } },
        { resource: { resourceType: 'Observation', status: 'done', code: { text: 'x' } } },
      ],
    };
    expect(errorsOf(raw)).toEqual([
      {
        path: 'bundle.entry[0].resource.birthDate',
        message: 'expected a FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)',
      },
      {
        path: 'bundle.entry[0].resource.gender',
        message: 'expected one of "male", "female", "other", "unknown"',
      },
      { path: 'bundle.entry[1].resource.code', message: 'required' },
      {
        path: 'bundle.entry[2].resource.medicationCodeableConcept',
        message: 'required: a medicationCodeableConcept or a medicationReference',
      },
      {
        path: 'bundle.entry[3].resource.status',
        message:
          'expected one of "registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"',
      },
    ]);
  });

  it('reports what is wrong with the bundle itself', () => {
    expect(errorsOf(null)).toEqual([{ path: 'bundle', message: 'expected an object' }]);
    expect(errorsOf([])).toEqual([{ path: 'bundle', message: 'expected an object' }]);
    expect(errorsOf({ resourceType: 'Patient' })).toEqual([
      { path: 'bundle.resourceType', message: 'expected "Bundle"' },
    ]);
    expect(errorsOf({ resourceType: 'Bundle', entry: {} })).toEqual([
      { path: 'bundle.entry', message: 'expected an array' },
    ]);
    expect(errorsOf({ resourceType: 'Bundle', entry: [{ resource: { id: 'x' } }] })).toEqual([
      { path: 'bundle.entry[0].resource.resourceType', message: 'required' },
    ]);
  });

  it('validates nested fields by their full path', () => {
    const raw = bundle(statement('C09CA01', { effectivePeriod: { start: '2021-12-01' } }));
    (raw.entry![0]!.resource as { effectivePeriod: { start: unknown } }).effectivePeriod.start = 20211201;
    expect(errorsOf(raw)).toEqual([
      { path: 'bundle.entry[0].resource.effectivePeriod.start', message: 'expected a string' },
    ]);
  });

  it('accepts a bundle without entries', () => {
    expect(parseBundle({ resourceType: 'Bundle', type: 'collection' })).toEqual({ ok: true, entries: [] });
  });
});
