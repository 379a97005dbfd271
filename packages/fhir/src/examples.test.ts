import type { ProtocolInfo } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import igan from '../../protocols/NCT06469190/examples/eligible-igan.json';
import pmn from '../../protocols/NCT06469190/examples/ineligible-pmn.json';
import { prepareScreeningInput } from './prepare';
import { element, exact, prefix, range } from './testing/protocol';

/** Part of NCT06469190's declarations, with the bindings NCT06469190.elig gives them. */
const nct: ProtocolInfo = {
  id: 'NCT06469190',
  title: undefined,
  version: '1',
  hash: 'x',
  complete: ['condition', 'medication', 'procedure', 'allergy'],
  cohorts: [],
  elements: [
    element('birth_date', 'patient', { patientField: 'birthDate' }),
    element('sex', 'patient', { patientField: 'gender' }),
    element('wbc', 'lab', { unit: '10*9/L', include: [exact('loinc', '6690-2'), exact('loinc', '26464-8')] }),
    element('serum_creatinine', 'lab', {
      unit: 'mg/dL',
      molarMass: 113.12,
      include: [exact('loinc', '2160-0'), exact('loinc', '14682-9')],
    }),
    element('bilirubin_total', 'lab', {
      unit: 'umol/L',
      molarMass: 584.66,
      include: [exact('loinc', '14631-6'), exact('loinc', '1975-2')],
    }),
    element('urine_protein_24h', 'lab', { unit: 'g/(24.h)', include: [exact('loinc', '2889-4')] }),
    element('hbsag', 'test', {
      values: ['positive', 'negative'],
      include: [exact('loinc', '5196-1'), exact('loinc', '5195-3')],
    }),
    element('serum_hcg', 'test', {
      values: ['positive', 'negative'],
      include: [exact('loinc', '2118-8'), exact('loinc', '2110-5')],
    }),
    element('iga_nephropathy', 'condition', {
      closedWorld: true,
      include: [exact('icd10', 'N02.8'), exact('snomed', '236407003')],
    }),
    element('membranous_nephropathy', 'condition', {
      closedWorld: true,
      include: [
        ...['N00.2', 'N01.2', 'N02.2', 'N03.2', 'N04.2', 'N05.2', 'N06.2', 'N07.2'].map((c) =>
          exact('icd10', c),
        ),
        exact('snomed', '77182004'),
      ],
    }),
    element('other_glomerular_disease_igan', 'condition', {
      closedWorld: true,
      include: [range('icd10', 'N00', 'N07')],
      exclude: [exact('icd10', 'N02.8')],
    }),
    element('acei_arb', 'medication', {
      closedWorld: true,
      include: ['C09A', 'C09B', 'C09C', 'C09D'].map((c) => prefix('atc', c)),
    }),
    element('glucocorticoid', 'medication', { closedWorld: true, include: [prefix('atc', 'H02AB')] }),
    element('renal_biopsy', 'procedure', {
      closedWorld: true,
      include: [exact('snomed', '90241008'), exact('snomed', '48426002'), exact('snomed', '708940003')],
    }),
    element('any_allergy', 'allergy', { closedWorld: true, any: true }),
  ],
};

function prepared(doc: unknown) {
  const result = prepareScreeningInput(nct, doc);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('the worked examples of NCT06469190', () => {
  it('eligible-igan.json converts without errors to the expected facts', () => {
    const { input, warnings } = prepared(igan);
    expect(input.asOf).toBe('2025-03-15');
    expect(input.answers).toEqual(igan.answers);
    expect(input.facts).toEqual({
      birth_date: '1990-09-20',
      sex: 'female',
      wbc: [{ value: 5.6, unit: '10*9/L', date: '2025-03-12', referenceRange: { low: 3.5, high: 9.5 } }],
      serum_creatinine: [
        { value: 1.05, unit: 'mg/dL', date: '2025-03-12' },
        { value: 1.0, unit: 'mg/dL', date: '2025-01-24' },
      ],
      bilirubin_total: [{ value: 11.2, unit: 'umol/L', date: '2025-03-12', referenceRange: { high: 21 } }],
      urine_protein_24h: [{ value: 2.0, unit: 'g/(24.h)', date: '2025-03-11' }],
      hbsag: [{ code: 'negative', date: '2025-03-10' }],
      serum_hcg: [{ code: 'negative', date: '2025-03-13' }],
      iga_nephropathy: [
        {
          system: 'http://hl7.org/fhir/sid/icd-10',
          code: 'N02.8',
          display: 'Recurrent and persistent haematuria, other morphologic changes (IgA nephropathy)',
          clinicalStatus: 'active',
          verificationStatus: 'confirmed',
          onset: '2021-11-02',
        },
      ],
      membranous_nephropathy: [],
      other_glomerular_disease_igan: [],
      acei_arb: [
        { system: 'http://www.whocc.no/atc', code: 'C09CA01', display: 'losartan', start: '2021-12-01' },
      ],
      glucocorticoid: [
        {
          system: 'http://www.whocc.no/atc',
          code: 'H02AB04',
          display: 'methylprednisolone',
          start: '2024-01-10',
          end: '2024-09-30',
        },
      ],
      renal_biopsy: [
        {
          system: 'http://snomed.info/sct',
          code: '90241008',
          display: 'Biopsy of kidney',
          date: '2021-11-15',
        },
      ],
      any_allergy: [],
    });
    expect(new Set(warnings.map((w) => w.code))).toEqual(new Set(['W-FHIR-UNMAPPED']));
  });

  it('ineligible-pmn.json converts without errors to the expected facts', () => {
    const { facts } = prepared(pmn).input;
    expect(facts.sex).toBe('male');
    expect(facts.membranous_nephropathy).toEqual([
      {
        system: 'http://hl7.org/fhir/sid/icd-10',
        code: 'N04.2',
        display: 'Nephrotic syndrome, diffuse membranous glomerulonephritis',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        onset: expect.any(String),
      },
    ]);
    expect(facts.other_glomerular_disease_igan).toHaveLength(1);
    expect(facts.iga_nephropathy).toEqual([]);
    expect(facts.acei_arb).toEqual([]);
    expect(facts.glucocorticoid).toEqual([
      {
        system: 'http://www.whocc.no/atc',
        code: 'H02AB07',
        display: 'prednisone',
        start: '2023-01-05',
        end: '2023-09-30',
      },
    ]);
    expect(facts.bilirubin_total).toEqual([
      { value: 30.0, unit: 'umol/L', date: '2025-03-12', referenceRange: { high: 21 } },
    ]);
  });
});
