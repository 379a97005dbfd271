import { describe, expect, it } from 'vitest';
import { ATC, allergy, concept, bundle as make, procedure, SNOMED } from '../testing/fhir';
import { readBundle } from '../testing/read';

const ASOF = '2025-03-15';

function read(...resources: Parameters<typeof make>) {
  return readBundle(make(...resources), ASOF);
}

describe('Procedures', () => {
  it('reads completed procedures with their date (its moment when timed), and the last day of a period', () => {
    const { facts } = read(
      procedure('90241008', { performedDateTime: '2021-11-15T10:00:00+08:00' }),
      procedure('90241008', { performedPeriod: { start: '2020-02', end: '2020-02' } }),
      procedure('90241008', { performedPeriod: { start: '2025-02-20', end: '2025-03-01' } }),
      procedure('90241008', { performedPeriod: { end: '2024-06-01' } }),
    );
    expect(facts.biopsy).toEqual([
      { system: SNOMED, code: '90241008', date: '2021-11-15T10:00:00+08:00' },
      { system: SNOMED, code: '90241008', date: '2020-02', end: '2020-02' },
      { system: SNOMED, code: '90241008', date: '2025-02-20', end: '2025-03-01' },
      { system: SNOMED, code: '90241008', date: '2024-06-01' },
    ]);
  });

  it('reads a procedure in progress as under way from its start', () => {
    const { facts } = read(
      procedure('90241008', { status: 'in-progress', performedPeriod: { start: '2025-03-01' } }),
    );
    expect(facts.biopsy).toEqual([
      { system: SNOMED, code: '90241008', date: '2025-03-01', inProgress: true },
    ]);
  });

  it('keeps the body sites as codings, every coding that names its system and code', () => {
    const { facts } = read(
      procedure('90241008', {
        performedDateTime: '2025-03-01',
        bodySite: [
          { coding: [{ system: SNOMED, code: '12738006', display: 'Brain structure' }] },
          { coding: [{ system: 'http://example.org/sites', code: 'L-LUNG' }, { code: 'no-system' }] },
        ],
      }),
      procedure('90241008', { performedDateTime: '2025-03-02', bodySite: [{ text: 'left lung' }] }),
    );
    expect(facts.biopsy).toEqual([
      {
        system: SNOMED,
        code: '90241008',
        date: '2025-03-01',
        bodySite: [
          { system: SNOMED, code: '12738006', display: 'Brain structure' },
          { system: 'http://example.org/sites', code: 'L-LUNG' },
        ],
      },
      { system: SNOMED, code: '90241008', date: '2025-03-02' },
    ]);
  });

  it('counts only completed or ongoing procedures performed by the screening date', () => {
    const { facts } = read(
      procedure('90241008', { status: 'entered-in-error', performedDateTime: '2025-03-01' }),
      procedure('90241008', { status: 'not-done', performedDateTime: '2025-03-01' }),
      procedure('90241008', { performedDateTime: '2025-03-16' }),
    );
    expect(facts.biopsy).toEqual([]);
  });
});

describe('AllergyIntolerance', () => {
  it('reads code, criticality and the most severe reaction; `from any` takes every allergy', () => {
    const { facts } = read(
      allergy(concept(ATC, 'L01AA01'), {
        criticality: 'high',
        reaction: [
          { severity: 'mild', manifestation: [] },
          { severity: 'severe', manifestation: [] },
        ],
      }),
      allergy(concept(SNOMED, '91936005')),
      allergy(undefined, { reaction: [{ substance: concept(ATC, 'L01AA01'), manifestation: [] }] }),
    );
    expect(facts.drug_allergy).toEqual([
      { system: ATC, code: 'L01AA01', criticality: 'high', severity: 'severe' },
      // A SNOMED-coded allergy may be to a drug the ATC binding names: it cannot say.
      { system: SNOMED, code: '91936005', unclassified: true },
      { system: ATC, code: 'L01AA01' },
    ]);
    expect(facts.any_allergy).toEqual([
      { system: ATC, code: 'L01AA01', criticality: 'high', severity: 'severe' },
      { system: SNOMED, code: '91936005' },
      { system: ATC, code: 'L01AA01' },
    ]);
  });

  it('takes an allergy without any code for `from any`', () => {
    expect(read(allergy(undefined, { criticality: 'low' })).facts.any_allergy).toEqual([
      { criticality: 'low' },
    ]);
  });

  it('never counts refuted or entered-in-error allergies, nor later ones', () => {
    const status = (system: string, code: string) =>
      concept(`http://terminology.hl7.org/CodeSystem/${system}`, code);
    const { facts } = read(
      allergy(concept(ATC, 'L01AA01'), {
        verificationStatus: status('allergyintolerance-verification', 'refuted'),
      }),
      allergy(concept(ATC, 'L01AA01'), {
        verificationStatus: status('allergyintolerance-verification', 'entered-in-error'),
      }),
      allergy(concept(ATC, 'L01AA01'), { recordedDate: '2025-04-01' }),
    );
    expect(facts.drug_allergy).toEqual([]);
    expect(facts.any_allergy).toEqual([]);
  });

  it('keeps inactive and resolved allergies: a history of allergic reactions counts', () => {
    const status = (code: string) =>
      concept('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code);
    const { facts } = read(
      allergy(concept(ATC, 'L01AA01'), { clinicalStatus: status('resolved'), criticality: 'high' }),
      allergy(concept(ATC, 'L01AA01'), { clinicalStatus: status('inactive') }),
    );
    expect(facts.drug_allergy).toHaveLength(2);
    expect(facts.any_allergy).toEqual([
      { system: ATC, code: 'L01AA01', criticality: 'high' },
      { system: ATC, code: 'L01AA01' },
    ]);
  });
});
