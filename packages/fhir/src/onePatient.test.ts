import type { Bundle, FhirResource, Reference } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { ATC, allergy, bundle, concept, condition, lab, patient, statement } from './testing/fhir';
import { testProtocol } from './testing/protocol';
import { bundleToFacts } from './toFacts';

const ASOF = '2025-03-15';

function errorsOf(raw: Bundle) {
  const result = bundleToFacts(testProtocol, raw, ASOF);
  return result.ok ? [] : result.errors;
}

function facts(raw: Bundle) {
  const result = bundleToFacts(testProtocol, raw, ASOF);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const about = <R extends FhirResource>(resource: R, subject: Reference): R => ({ ...resource, subject });

describe('a document describes exactly one patient', () => {
  it('refuses a result whose subject is another patient, naming the entry and the field', () => {
    const raw = bundle(
      patient('1990-09-20', 'female'),
      lab('6690-2', 5.6, '10*9/L', '2025-03-12', { subject: { reference: 'Patient/p' } }),
      lab('1742-6', 24, 'U/L', '2025-03-12'),
      lab('6690-2', 1.2, '10*9/L', '2025-03-14', { subject: { reference: 'Patient/q' } }),
    );
    expect(errorsOf(raw)).toEqual([
      {
        path: 'bundle.entry[3].resource.subject',
        message:
          "refers to 'Patient/q', not the bundle's patient (bundle.entry[0].resource, Patient/p): a document describes exactly one patient",
      },
    ]);
  });

  it('refuses two different patients whatever their order, naming both entries', () => {
    const first = bundle(patient('1990', 'male'), { ...patient('1950', 'female'), id: 'q' });
    const second = bundle({ ...patient('1950', 'female'), id: 'q' }, patient('1990', 'male'));
    expect(errorsOf(first)).toEqual([
      {
        path: 'bundle.entry[1].resource',
        message:
          "a second patient (id 'q') beside bundle.entry[0].resource (id 'p'): a document describes exactly one patient",
      },
    ]);
    expect(errorsOf(second)).toHaveLength(1);
  });

  it('refuses two Patients with the same id but different content', () => {
    expect(errorsOf(bundle(patient('1990', 'male'), patient('1950', 'male')))).toEqual([
      {
        path: 'bundle.entry[1].resource',
        message:
          "a Patient with the same id 'p' as bundle.entry[0].resource but different content: a document describes exactly one patient",
      },
    ]);
  });

  it('reads the same patient listed twice identically (key order and meta aside) as one', () => {
    const copy = {
      meta: { lastUpdated: '2025-03-01T00:00:00Z' },
      gender: 'male',
      birthDate: '1990',
      id: 'p',
    };
    const result = facts(
      bundle(
        patient('1990', 'male'),
        { resourceType: 'Patient', ...copy } as FhirResource,
        lab('6690-2', 5.6, '10*9/L', '2025-03-12'),
      ),
    );
    expect(result.facts.sex).toBe('male');
    expect(result.facts.wbc).toHaveLength(1);
    expect(result.warnings).toEqual([]);
  });

  it('checks the patient field of allergies and immunizations, and encounters', () => {
    const raw = bundle(
      patient('1990'),
      allergy(concept(ATC, 'L01AA01'), { patient: { reference: 'Patient/q' } }),
      {
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { text: 'influenza' },
        patient: { reference: 'Patient/q' },
        occurrenceDateTime: '2024-10-01',
      },
      {
        resourceType: 'Encounter',
        status: 'finished',
        class: { code: 'AMB' },
        subject: { reference: 'Patient/q' },
      },
    );
    expect(errorsOf(raw).map((e) => e.path)).toEqual([
      'bundle.entry[1].resource.patient',
      'bundle.entry[2].resource.patient',
      'bundle.entry[3].resource.subject',
    ]);
  });

  it("resolves references by the Patient's fullUrl, and refuses another entry's", () => {
    const raw = bundle(
      { ...patient('1990'), id: undefined } as FhirResource,
      about(condition('http://hl7.org/fhir/sid/icd-10', 'E11.9'), { reference: 'urn:uuid:a1' }),
      about(condition('http://hl7.org/fhir/sid/icd-10', 'C50.9'), { reference: 'urn:uuid:b2' }),
    );
    raw.entry![0]!.fullUrl = 'urn:uuid:a1';
    expect(errorsOf(raw)).toEqual([
      {
        path: 'bundle.entry[2].resource.subject',
        message:
          "refers to 'urn:uuid:b2', not the bundle's patient (bundle.entry[0].resource): a document describes exactly one patient",
      },
    ]);
    raw.entry!.pop();
    expect(facts(raw).facts.diabetes).toHaveLength(1);
  });

  it("compares an absolute reference with the Patient's own address", () => {
    const at = (reference: string) =>
      bundle(patient('1990'), statement('C09CA01', { subject: { reference } }));
    const here = at('https://ehr.example/fhir/Patient/p/_history/3');
    here.entry![0]!.fullUrl = 'https://ehr.example/fhir/Patient/p';
    const elsewhere = at('https://other.example/fhir/Patient/p');
    elsewhere.entry![0]!.fullUrl = 'https://ehr.example/fhir/Patient/p';
    expect(errorsOf(here)).toEqual([]);
    expect(errorsOf(elsewhere).map((e) => e.path)).toEqual(['bundle.entry[1].resource.subject']);
  });

  it('refuses a contained subject and a subject that is not a patient', () => {
    const raw = bundle(
      patient('1990'),
      lab('6690-2', 5.6, '10*9/L', '2025-03-12', { subject: { reference: '#other' } }),
      lab('6690-2', 5.6, '10*9/L', '2025-03-12', { subject: { reference: 'Group/ward-3' } }),
    );
    expect(errorsOf(raw).map((e) => [e.path, e.message.split(',')[0]])).toEqual([
      ['bundle.entry[1].resource.subject', "refers to a contained resource ('#other')"],
      ['bundle.entry[2].resource.subject', "refers to 'Group/ward-3' (not a Patient)"],
    ]);
  });

  it("accepts, with a warning, a reference it can resolve neither way, and one by the Patient's identifier silently", () => {
    const mrn = { system: 'https://hospital.example/mrn', value: '12345' };
    const raw = bundle(
      { ...patient('1990'), identifier: [mrn] } as FhirResource,
      lab('6690-2', 5.6, '10*9/L', '2025-03-12', { subject: { identifier: mrn } }),
      lab('6690-2', 5.0, '10*9/L', '2025-03-11', {
        subject: { identifier: { system: 'https://lab.example/id', value: 'L-9' } },
      }),
      lab('6690-2', 4.8, '10*9/L', '2025-03-10', {
        subject: { reference: 'Patient?identifier=https://hospital.example/mrn|12345' },
      }),
    );
    const { facts: read, warnings } = facts(raw);
    expect(read.wbc).toHaveLength(3);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-SUBJECT',
        message:
          "the reference gives only an identifier (https://lab.example/id|L-9) that the bundle's Patient does not list; the record is read as the bundle's patient's",
        path: 'bundle.entry[2].resource.subject',
      },
    ]);
  });

  it('reads records without a subject as the patient’s', () => {
    const raw = bundle(patient('1990'), { ...lab('6690-2', 5.6, '10*9/L', '2025-03-12') });
    expect(facts(raw).facts.wbc).toHaveLength(1);
  });

  it('without a Patient resource, holds every record to the first patient they name', () => {
    const raw = bundle(
      lab('6690-2', 5.6, '10*9/L', '2025-03-12', { subject: { reference: 'Patient/a' } }),
      lab('6690-2', 5.0, '10*9/L', '2025-03-11', { subject: { reference: 'Patient/a' } }),
      lab('6690-2', 1.0, '10*9/L', '2025-03-13', { subject: { reference: 'Patient/b' } }),
    );
    expect(errorsOf(raw)).toEqual([
      {
        path: 'bundle.entry[2].resource.subject',
        message:
          "refers to 'Patient/b', not the bundle's patient (Patient/a, as bundle.entry[0].resource.subject names it; the bundle has no Patient resource): a document describes exactly one patient",
      },
    ]);
  });
});
