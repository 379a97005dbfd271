import type { ProtocolInfo } from '@eligo/core';
import type { CodeableConcept, MedicationRequest } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  ATC,
  allergy,
  clinical,
  concept,
  condition,
  bundle as make,
  procedure,
  SNOMED,
  statement,
} from '../testing/fhir';
import { element, exact, prefix, testProtocol } from '../testing/protocol';
import { readBundle } from '../testing/read';
import { bundleToFacts } from '../toFacts';

const ASOF = '2025-03-15';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const LISINOPRIL = concept(RXNORM, '314076', 'lisinopril 10 MG Oral Tablet');

function read(...resources: Parameters<typeof make>) {
  return readBundle(make(...resources), ASOF);
}

function request(medication: CodeableConcept, extra: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p' },
    medicationCodeableConcept: medication,
    authoredOn: '2024-06-01',
    ...extra,
  };
}

describe('records the protocol cannot classify', () => {
  it('keeps an RxNorm medication, when every binding is ATC, as unclassified for every medication element', () => {
    const { facts, warnings } = read(request(LISINOPRIL));
    const record = {
      unclassified: true,
      system: RXNORM,
      code: '314076',
      display: 'lisinopril 10 MG Oral Tablet',
      start: '2024-06-01',
    };
    expect(facts.arb).toEqual([record]);
    expect(facts.gcsf).toEqual([record]);
    expect(warnings).toEqual([
      {
        code: 'W-FHIR-UNCLASSIFIED',
        message:
          "a MedicationRequest with the codes http://www.nlm.nih.gov/research/umls/rxnorm|314076 ('lisinopril 10 MG Oral Tablet') " +
          'has no code in a system that the bindings of arb, gcsf use (http://www.whocc.no/atc); it is read as an ' +
          'unclassified medication record of each, so their criteria are unknown where it could decide them',
        path: 'bundle.entry[0].resource.medicationCodeableConcept',
      },
    ]);
  });

  it('classifies a record with any coding in a bound system: matched, or none of the elements', () => {
    const both: CodeableConcept = {
      coding: [
        { system: RXNORM, code: '979480', display: 'losartan potassium 50 MG Oral Tablet' },
        { system: ATC, code: 'C09CA01', display: 'losartan' },
      ],
    };
    const paracetamol = concept(ATC, 'N02BE01', 'paracetamol');
    const { facts, warnings } = read(request(both), request(paracetamol));
    expect(facts.arb).toEqual([{ system: ATC, code: 'C09CA01', display: 'losartan', start: '2024-06-01' }]);
    expect(facts.gcsf).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('reports a medication with no code at all, by its text', () => {
    const { facts, warnings } = read(request({ text: 'lisinopril 10 mg daily' }));
    expect(facts.arb).toEqual([
      { unclassified: true, display: 'lisinopril 10 mg daily', start: '2024-06-01' },
    ]);
    expect(warnings.map((w) => w.message.split(' has ')[0])).toEqual([
      "a MedicationRequest with no code ('lisinopril 10 mg daily')",
    ]);
  });

  it('reads a referenced Medication coded in RxNorm the same way, pointing at the reference', () => {
    const { facts, warnings } = read(
      request(LISINOPRIL, {
        medicationCodeableConcept: undefined,
        medicationReference: { reference: '#med' },
        contained: [{ resourceType: 'Medication', id: 'med', code: LISINOPRIL }],
      }),
    );
    expect(facts.arb).toEqual([expect.objectContaining({ unclassified: true, code: '314076' })]);
    expect(warnings.map((w) => w.path)).toEqual(['bundle.entry[0].resource.medicationReference']);
  });

  it('drops, without a warning, what would not be read even if classified: not taken, or after the screening date', () => {
    const { facts, warnings } = read(
      request(LISINOPRIL, { status: 'entered-in-error' }),
      request(LISINOPRIL, { authoredOn: '2025-04-01' }),
    );
    expect(facts.arb).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('keeps a condition coded only in a local system, with its statuses and dates, for every condition element', () => {
    const local = condition('http://hospital.example/problems', 'HTN-1', {
      code: {
        coding: [{ system: 'http://hospital.example/problems', code: 'HTN-1', display: 'Hypertension' }],
      },
      clinicalStatus: clinical('resolved'),
      onsetDateTime: '2019-04-02',
      abatementDateTime: '2020-01-10',
    });
    const { facts, warnings } = read(local);
    const record = {
      unclassified: true,
      system: 'http://hospital.example/problems',
      code: 'HTN-1',
      display: 'Hypertension',
      clinicalStatus: 'resolved',
      verificationStatus: 'confirmed',
      onset: '2019-04-02',
      abatement: '2020-01-10',
    };
    expect(facts.diabetes).toEqual([record]);
    expect(facts.malignancy).toEqual([record]);
    expect(facts.infection).toEqual([record]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['W-FHIR-UNCLASSIFIED', 'bundle.entry[0].resource.code'],
    ]);
    expect(warnings[0]?.message).toContain(
      'the bindings of diabetes, malignancy, infection use (http://hl7.org/fhir/sid/icd-10, http://snomed.info/sct)',
    );
  });

  it('keeps a procedure coded in CPT as unclassified', () => {
    const cpt = procedure('x', {
      code: concept('http://www.ama-assn.org/go/cpt', '50200', 'Renal biopsy; percutaneous'),
    });
    cpt.performedDateTime = '2021-11-15';
    expect(read(cpt).facts.biopsy).toEqual([
      {
        unclassified: true,
        system: 'http://www.ama-assn.org/go/cpt',
        code: '50200',
        display: 'Renal biopsy; percutaneous',
        date: '2021-11-15',
      },
    ]);
  });

  it('classifies per element: an element bound `from any` takes an RxNorm allergy, one bound to ATC cannot tell', () => {
    const { facts, warnings } = read(allergy(concept(RXNORM, '3002', 'cyclophosphamide')));
    expect(facts.any_allergy).toEqual([{ system: RXNORM, code: '3002', display: 'cyclophosphamide' }]);
    expect(facts.drug_allergy).toEqual([
      { unclassified: true, system: RXNORM, code: '3002', display: 'cyclophosphamide' },
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['W-FHIR-UNCLASSIFIED']);
    expect(warnings[0]?.message).toContain('the bindings of drug_allergy use (http://www.whocc.no/atc)');
  });
});

describe('a code system excluded whole (`except atc *`)', () => {
  // Egg allergy by SNOMED or ICD-10, and said by its author not to be any ATC-coded allergy; and
  // one that leaves out only antibacterials (J01), which says nothing of other ATC codes.
  const info: ProtocolInfo = {
    ...testProtocol,
    elements: [
      ...testProtocol.elements,
      element('egg_allergy', 'allergy', {
        closedWorld: true,
        include: [exact('snomed', '91930004'), exact('icd10', 'Z91.012')],
        exclude: [prefix('atc', '')],
      }),
      element('not_antibacterial', 'allergy', {
        closedWorld: true,
        include: [exact('snomed', '91930004')],
        exclude: [prefix('atc', 'J01')],
      }),
    ],
  };
  const readWith = (...resources: Parameters<typeof make>) => {
    const result = bundleToFacts(info, make(...resources), ASOF);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  };

  it('reads an ATC-coded allergy as known not to be the element, neither matched nor unclassified', () => {
    const { facts, warnings } = readWith(allergy(concept(ATC, 'J01CE02', 'phenoxymethylpenicillin')));
    // A complete history with no egg allergy in it.
    expect(facts.egg_allergy).toEqual([]);
    expect(facts.any_allergy).toEqual([{ system: ATC, code: 'J01CE02', display: 'phenoxymethylpenicillin' }]);
    expect(warnings).toEqual([]);
  });

  it('still matches an egg allergy by its SNOMED code', () => {
    const { facts } = readWith(allergy(concept(SNOMED, '91930004', 'Allergy to eggs')));
    expect(facts.egg_allergy).toEqual([{ system: SNOMED, code: '91930004', display: 'Allergy to eggs' }]);
  });

  it('keeps an allergy in a system neither bound nor excluded unclassified', () => {
    const { facts, warnings } = readWith(allergy(concept(RXNORM, '3002', 'cyclophosphamide')));
    expect(facts.egg_allergy).toEqual([
      { unclassified: true, system: RXNORM, code: '3002', display: 'cyclophosphamide' },
    ]);
    expect(warnings[0]?.message).toContain(
      'the bindings of drug_allergy, egg_allergy, not_antibacterial use',
    );
  });

  it('reads a record whose code the binding excludes as not the element, whichever system it binds', () => {
    const { facts } = readWith(allergy(concept(ATC, 'J01GB03', 'gentamicin')));
    expect(facts.not_antibacterial).toEqual([]);
  });

  it('excluding some codes of a system says nothing of its others: they stay unclassified', () => {
    const { facts } = readWith(allergy(concept(ATC, 'L01AA01', 'cyclophosphamide')));
    expect(facts.egg_allergy).toEqual([]);
    expect(facts.not_antibacterial).toEqual([
      { unclassified: true, system: ATC, code: 'L01AA01', display: 'cyclophosphamide' },
    ]);
  });
});

describe('display', () => {
  it("fills display from the matching coding, else from the concept's text", () => {
    const withText = statement('C09CA01', { effectivePeriod: { start: '2021-12-01' } });
    withText.medicationCodeableConcept = { ...concept(ATC, 'C09CA01'), text: 'Cozaar 50 mg' };
    const biopsy = procedure('90241008');
    biopsy.code = concept(SNOMED, '90241008', 'Biopsy of kidney');
    const { facts } = read(withText, biopsy);
    expect(facts.arb).toEqual([
      { system: ATC, code: 'C09CA01', display: 'Cozaar 50 mg', start: '2021-12-01' },
    ]);
    expect(facts.biopsy).toEqual([{ system: SNOMED, code: '90241008', display: 'Biopsy of kidney' }]);
  });
});
