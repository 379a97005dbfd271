import type { MedicationRequest } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { ATC, concept, ICD10, bundle as make, SNOMED, statement } from '../testing/fhir';
import { testProtocol } from '../testing/protocol';
import { readBundle } from '../testing/read';
import { bundleToFacts } from '../toFacts';

const ASOF = '2025-03-15';

function read(...resources: Parameters<typeof make>) {
  return readBundle(make(...resources), ASOF);
}

function request(atc: string, extra: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p' },
    medicationCodeableConcept: concept(ATC, atc),
    ...extra,
  };
}

describe('Medication reasons', () => {
  const hypothyroidism = {
    resourceType: 'Condition' as const,
    id: 'hypo',
    subject: { reference: 'Patient/p' },
    code: concept(ICD10, 'E03.9'),
  };

  it('reads reasonCode and the codes of the Conditions reasonReference names', () => {
    const { facts } = read(
      hypothyroidism,
      statement('C09CA01', {
        effectiveDateTime: '2025-01-05',
        reasonCode: [concept(SNOMED, '38341003')],
        reasonReference: [{ reference: 'Condition/hypo' }],
      }),
    );
    expect(facts.arb).toEqual([
      {
        system: ATC,
        code: 'C09CA01',
        start: '2025-01-05',
        end: '2025-01-05',
        reason: [
          { system: SNOMED, code: '38341003' },
          { system: ICD10, code: 'E03.9' },
        ],
      },
    ]);
  });

  it('states no reason when a reference names nothing the bundle holds, or only a refuted diagnosis', () => {
    const refuted = {
      ...hypothyroidism,
      id: 'refuted',
      verificationStatus: concept('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'refuted'),
    };
    const { facts } = read(
      refuted,
      statement('C09CA01', {
        effectiveDateTime: '2025-01-05',
        reasonCode: [concept(SNOMED, '38341003')],
        reasonReference: [{ reference: 'Condition/elsewhere' }],
      }),
      statement('C09CA01', {
        effectiveDateTime: '2025-01-06',
        reasonReference: [{ reference: 'Condition/refuted' }],
      }),
    );
    expect((facts.arb as { reason?: unknown }[]).map((e) => e.reason)).toEqual([undefined, undefined]);
  });
});

describe('MedicationStatement', () => {
  it('reads an ongoing and a finished exposure', () => {
    const { facts } = read(
      statement('C09CA01', { effectivePeriod: { start: '2021-12-01' } }),
      statement('C09CA03', {
        status: 'completed',
        effectivePeriod: { start: '2019-01', end: '2020-06-30T12:00:00Z' },
      }),
    );
    expect(facts.arb).toEqual([
      { system: ATC, code: 'C09CA01', start: '2021-12-01' },
      { system: ATC, code: 'C09CA03', start: '2019-01', end: '2020-06-30' },
    ]);
  });

  it('reads effectiveDateTime as a single day', () => {
    expect(read(statement('C09CA01', { effectiveDateTime: '2025-01-05' })).facts.arb).toEqual([
      { system: ATC, code: 'C09CA01', start: '2025-01-05', end: '2025-01-05' },
    ]);
  });

  it('ignores not-taken, intended and entered-in-error statements', () => {
    const { facts } = read(
      statement('C09CA01', { status: 'not-taken', effectivePeriod: { start: '2021-12-01' } }),
      statement('C09CA01', { status: 'entered-in-error', effectivePeriod: { start: '2021-12-01' } }),
      statement('C09CA01', { status: 'intended', effectivePeriod: { start: '2021-12-01' } }),
    );
    expect(facts.arb).toEqual([]);
  });

  it('ignores an exposure starting after the screening date and keeps one ending after it', () => {
    const { facts, warnings } = read(
      statement('C09CA01', { effectivePeriod: { start: '2025-03-16' } }),
      statement('C09CA02', { effectivePeriod: { start: '2025-01-01', end: '2025-06-30' } }),
    );
    expect(facts.arb).toEqual([{ system: ATC, code: 'C09CA02', start: '2025-01-01', end: '2025-06-30' }]);
    expect(warnings).toEqual([]);
  });

  it('ignores an undated statement asserted after the screening date', () => {
    const { facts } = read(
      statement('C09CA01', { dateAsserted: '2025-03-20' }),
      statement('C09CA02', { dateAsserted: '2025-03-01' }),
    );
    expect(facts.arb).toEqual([{ system: ATC, code: 'C09CA02' }]);
  });

  it('resolves a medicationReference to a contained or bundled Medication', () => {
    const contained = statement('X', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#med' },
      contained: [{ resourceType: 'Medication', id: 'med', code: concept(ATC, 'C09CA06') }],
      effectivePeriod: { start: '2023-01-01' },
    });
    const bundled = statement('X', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: 'Medication/cand' },
      effectivePeriod: { start: '2023-02-01' },
    });
    const byUrl = statement('X', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: 'urn:uuid:5f0c' },
      effectivePeriod: { start: '2023-03-01' },
    });
    const raw = make(contained, bundled, byUrl, {
      resourceType: 'Medication',
      id: 'cand',
      code: concept(ATC, 'C09CA06'),
    });
    raw.entry!.push({
      fullUrl: 'urn:uuid:5f0c',
      resource: { resourceType: 'Medication', code: concept(ATC, 'L03AA02') },
    });
    const result = bundleToFacts(testProtocol, raw, ASOF);
    expect(result.ok && result.facts.arb).toEqual([
      { system: ATC, code: 'C09CA06', start: '2023-01-01' },
      { system: ATC, code: 'C09CA06', start: '2023-02-01' },
    ]);
    expect(result.ok && result.facts.gcsf).toEqual([{ system: ATC, code: 'L03AA02', start: '2023-03-01' }]);
  });

  it('reports a reference to no Medication and ignores the record', () => {
    const dangling = statement('X', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: 'Medication/none' },
    });
    const { facts, warnings } = read(dangling);
    expect(facts.arb).toEqual([]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-REFERENCE',
        message:
          "medicationReference 'Medication/none' names no Medication in the bundle; the record is ignored",
        path: 'bundle.entry[0].resource.medicationReference',
      },
    ]);
  });
});

describe('MedicationRequest', () => {
  it('reads the validity period, falling back to authoredOn for the start', () => {
    const { facts, warnings } = read(
      request('C09CA01', { dispenseRequest: { validityPeriod: { start: '2024-01-01', end: '2024-12-31' } } }),
      request('C09CA02', { authoredOn: '2024-06-01T10:00:00Z' }),
    );
    expect(facts.arb).toEqual([
      { system: ATC, code: 'C09CA01', start: '2024-01-01', end: '2024-12-31' },
      { system: ATC, code: 'C09CA02', start: '2024-06-01' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('counts a finished request without an end on its start day only, with a warning', () => {
    const { facts, warnings } = read(request('C09CA01', { status: 'stopped', authoredOn: '2023-05-02' }));
    expect(facts.arb).toEqual([{ system: ATC, code: 'C09CA01', start: '2023-05-02', end: '2023-05-02' }]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-PERIOD',
        message: 'a finished MedicationRequest has no end date; counted as an exposure on 2023-05-02 only',
        path: 'bundle.entry[0].resource',
        element: 'arb',
      },
    ]);
  });

  it('ignores cancelled, draft and entered-in-error requests, and those authored after the screening date', () => {
    const { facts } = read(
      request('C09CA01', { status: 'cancelled', authoredOn: '2024-01-01' }),
      request('C09CA01', { status: 'draft', authoredOn: '2024-01-01' }),
      request('C09CA01', { status: 'entered-in-error', authoredOn: '2024-01-01' }),
      request('C09CA01', { authoredOn: '2025-03-20' }),
    );
    expect(facts.arb).toEqual([]);
  });
});

describe('MedicationAdministration', () => {
  it('reads given doses by their effective time and ignores not-done ones', () => {
    const { facts } = read(
      {
        resourceType: 'MedicationAdministration',
        status: 'completed',
        subject: { reference: 'Patient/p' },
        medicationCodeableConcept: concept(ATC, 'L03AA02'),
        effectiveDateTime: '2025-03-01T08:00:00Z',
      },
      {
        resourceType: 'MedicationAdministration',
        status: 'not-done',
        subject: { reference: 'Patient/p' },
        medicationCodeableConcept: concept(ATC, 'L03AA02'),
        effectivePeriod: { start: '2025-03-02', end: '2025-03-03' },
      },
    );
    expect(facts.gcsf).toEqual([{ system: ATC, code: 'L03AA02', start: '2025-03-01', end: '2025-03-01' }]);
  });

  it('leaves an open-world medication with no record unknown', () => {
    expect(Object.hasOwn(read(statement('C09CA01')).facts, 'gcsf')).toBe(false);
  });
});
