import { describe, expect, it } from 'vitest';
import {
  clinical,
  concept,
  condition,
  ICD10,
  bundle as make,
  patient,
  SNOMED,
  verification,
} from '../testing/fhir';
import { readBundle } from '../testing/read';

const ASOF = '2025-03-15';

function read(...resources: Parameters<typeof make>) {
  return readBundle(make(...resources), ASOF);
}

describe('Conditions', () => {
  it('reads code, statuses, onset and abatement', () => {
    const { facts, warnings } = read(
      condition(ICD10, 'E11.9', {
        onsetDateTime: '2019-06',
        abatementDateTime: '2022-01-10T09:00:00Z',
        clinicalStatus: clinical('resolved'),
      }),
      condition(SNOMED, '44054006', {
        verificationStatus: verification('provisional'),
        onsetPeriod: { start: '2024-05-01' },
      }),
    );
    expect(facts.diabetes).toEqual([
      {
        system: ICD10,
        code: 'E11.9',
        clinicalStatus: 'resolved',
        verificationStatus: 'confirmed',
        onset: '2019-06',
        abatement: '2022-01-10T09:00:00Z',
      },
      {
        system: SNOMED,
        code: '44054006',
        clinicalStatus: 'active',
        verificationStatus: 'provisional',
        onset: '2024-05-01',
      },
    ]);
    // Elements bound to ICD-10 alone cannot tell whether a SNOMED-coded diagnosis is theirs.
    expect(facts.malignancy).toEqual([
      expect.objectContaining({ unclassified: true, system: SNOMED, code: '44054006' }),
    ]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['W-FHIR-UNCLASSIFIED', 'bundle.entry[1].resource.code'],
    ]);
  });

  it("reads the recorded severity from R4's SNOMED CT value set, and nothing else as a severity", () => {
    const { facts } = read(
      condition(ICD10, 'E11.9', { severity: concept(SNOMED, '24484000') }),
      condition(ICD10, 'E11.8', { severity: concept(SNOMED, '255604002') }),
      condition(ICD10, 'E11.7', { severity: concept('http://example.org/grades', '3') }),
    );
    expect((facts.diabetes as { severity?: string }[]).map((r) => r.severity)).toEqual([
      'severe',
      'mild',
      undefined,
    ]);
  });

  it('matches ranges with exceptions, and ICD-10-CM as ICD-10', () => {
    const { facts } = read(
      condition(ICD10, 'C50.9'),
      condition(ICD10, 'C44.9'),
      condition('http://hl7.org/fhir/sid/icd-10-cm', 'C18.2'),
      condition(ICD10, 'D05.1'),
    );
    expect(facts.malignancy).toEqual([
      { system: ICD10, code: 'C50.9', clinicalStatus: 'active', verificationStatus: 'confirmed' },
      { system: ICD10, code: 'C18.2', clinicalStatus: 'active', verificationStatus: 'confirmed' },
    ]);
  });

  it('never counts refuted or entered-in-error diagnoses', () => {
    const { facts } = read(
      condition(ICD10, 'E11.9', { verificationStatus: verification('refuted') }),
      condition(ICD10, 'E10.1', { verificationStatus: verification('entered-in-error') }),
    );
    expect(facts.diabetes).toEqual([]);
  });

  it('ignores a condition whose onset is after the screening date', () => {
    const { facts, warnings } = read(condition(ICD10, 'E11.9', { onsetDateTime: '2025-03-16' }));
    expect(facts.diabetes).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('reads a condition that abated after the screening date as still active then', () => {
    const { facts } = read(
      condition(ICD10, 'E11.9', {
        clinicalStatus: clinical('resolved'),
        onsetDateTime: '2020',
        abatementDateTime: '2025-04-02',
      }),
    );
    expect(facts.diabetes).toEqual([
      {
        system: ICD10,
        code: 'E11.9',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        onset: '2020',
      },
    ]);
  });

  it('leaves missing statuses to the defaults and reports statuses outside R4', () => {
    const bare = condition(ICD10, 'E11.9', { clinicalStatus: undefined, verificationStatus: undefined });
    const odd = condition(ICD10, 'E10.9', { clinicalStatus: clinical('dormant') });
    const { facts, warnings } = read(bare, odd);
    expect(facts.diabetes).toEqual([
      { system: ICD10, code: 'E11.9', clinicalStatus: 'active', verificationStatus: 'confirmed' },
    ]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-STATUS',
        message: "the Condition's clinicalStatus is not an R4 clinicalStatus code; the record is ignored",
        path: 'bundle.entry[1].resource.clinicalStatus',
        element: 'diabetes',
      },
    ]);
  });

  it('reads closed-world kinds with nothing matched as absent, open-world ones as unknown', () => {
    const { facts } = read(patient('1990-09-20', 'female'), condition(ICD10, 'J45.9'));
    expect(facts.diabetes).toEqual([]);
    expect(facts.malignancy).toEqual([]);
    expect(Object.hasOwn(facts, 'infection')).toBe(false);
  });

  it('reads open-world conditions when they are on record', () => {
    expect(read(condition(ICD10, 'A15.0', { onsetDateTime: '2025-02' })).facts.infection).toEqual([
      {
        system: ICD10,
        code: 'A15.0',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        onset: '2025-02',
      },
    ]);
  });
});

describe('Conditions recorded after the screening date', () => {
  it('ignores an undated diagnosis recorded after the screening date, but not one with an earlier onset', () => {
    const { facts } = read(
      condition(ICD10, 'E11.9', { recordedDate: '2025-04-01' }),
      condition(ICD10, 'E10.9', { recordedDate: '2025-04-01', onsetDateTime: '2020' }),
      condition(ICD10, 'E11.2', { recordedDate: '2025-03-01' }),
    );
    expect(facts.diabetes).toEqual([
      {
        system: ICD10,
        code: 'E10.9',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        onset: '2020',
      },
      { system: ICD10, code: 'E11.2', clinicalStatus: 'active', verificationStatus: 'confirmed' },
    ]);
  });
});
