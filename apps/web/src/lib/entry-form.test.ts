import { compile, type Screening } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import source from '../../../../packages/protocols/NCT06469190/NCT06469190.elig?raw';
import { searchCodes } from './code-search';
import { blankEntry, type EntryState, enteredFacts, enteredRecord } from './entry-facts';
import { type EntryField, entryGroups } from './entry-fields';
import { screeningRequest } from './request';
import { screenLocally } from './screening';
import { unitChoices } from './unit-choices';

const compiled = compile(source, { name: 'NCT06469190.elig' });
if (!compiled.ok) throw new Error('NCT06469190 does not compile');
const protocol = compiled.protocol;
const groups = entryGroups(protocol.info);
const fields = groups.flatMap((g) => g.fields);
const field = (id: string) => fields.find((f) => f.id === id)!;
const ids = (group: string) => groups.find((g) => g.id === group)?.fields.map((f) => f.id);

function screened(state: EntryState, asOf = '2025-03-15'): Screening {
  const local = screenLocally(
    protocol,
    screeningRequest(asOf, enteredRecord(enteredFacts(fields, state)), {}),
  );
  if (!local.ok) throw new Error(JSON.stringify(local.problems));
  return local.screening;
}
const status = (s: Screening, criterion: string) =>
  s.cohorts[0]!.criteria.find((c) => c.id === criterion)?.status;

describe('entryGroups', () => {
  it('groups the declarations in the order of the form, leaving out derived values', () => {
    expect(groups.map((g) => g.id)).toEqual([
      'demographics',
      'labs',
      'diagnoses',
      'medications',
      'procedures',
      'scores',
      'questions',
    ]);
    expect(ids('demographics')).toEqual(['birth_date', 'sex']);
    expect(ids('labs')).toContain('serum_creatinine');
    expect(ids('labs')).toContain('serum_hcg');
    expect(ids('diagnoses')).toEqual(
      expect.arrayContaining(['gilbert_syndrome', 'pregnancy', 'any_allergy']),
    );
    expect(ids('medications')).toContain('acei_arb');
    expect(ids('procedures')).toEqual(['renal_biopsy']);
    expect(ids('scores')).toEqual(['bvas_total', 'bvas_renal_items']);
    expect(ids('questions')).toContain('informed_consent');
    expect(fields.map((f) => f.id)).not.toContain('egfr');
    expect(fields.map((f) => f.id)).not.toContain('age_years');
  });

  it('gives each lab its unit choices, the declared unit first', () => {
    const creatinine = field('serum_creatinine') as Extract<EntryField, { kind: 'lab' }>;
    expect(creatinine.units[0]).toBe('mg/dL');
    expect(creatinine.units).toEqual(expect.arrayContaining(['mg/dL', 'umol/L', 'mmol/L', 'mg/L']));
    expect(creatinine.units).not.toContain('10*9/L');
    expect((field('wbc') as Extract<EntryField, { kind: 'lab' }>).units).toEqual(
      expect.arrayContaining(['10*9/L', '10*3/uL', '/uL']),
    );
  });

  it('offers no unit that only UCUM would take for the declared one', () => {
    // Without a molar mass, mass and substance do not convert.
    expect(unitChoices('g/L')).not.toContain('mmol/L');
    // An annotation changes the meaning: mL/min is not normalised to 1.73 m².
    expect(unitChoices('mL/min/{1.73_m2}')).toEqual(['mL/min/{1.73_m2}']);
    expect(unitChoices('{INR}')).toEqual(['{INR}']);
    expect(unitChoices('%')).toEqual(['%']);
  });

  it('tells whether the protocol declares a record kind a complete history', () => {
    expect(field('pregnancy')).toMatchObject({ kind: 'record', complete: true });
  });
});

describe('searchCodes', () => {
  const codesOf = (id: string) => (field(id) as Extract<EntryField, { kind: 'record' }>).codes;
  const found = (id: string, query: string) =>
    searchCodes(codesOf(id), query).map((o) => `${o.systemName} ${o.written}`);

  it('finds an ICD-10 code by text and by code', () => {
    expect(found('gilbert_syndrome', 'gilbert')).toEqual(['ICD-10 E80.4', 'SNOMED CT 27503000']);
    expect(found('gilbert_syndrome', 'icd-10 gilbert')).toEqual(['ICD-10 E80.4']);
    expect(found('gilbert_syndrome', 'E80')).toEqual(['ICD-10 E80.4']);
    expect(found('gilbert_syndrome', 'e804')).toEqual(['ICD-10 E80.4']);
    expect(found('gilbert_syndrome', 'lupus')).toEqual([]);
  });

  it('finds a code inside a range or under a prefix the binding names', () => {
    expect(found('other_glomerular_disease_pmn', 'N03.1')).toEqual(['ICD-10 N00–N07']);
    expect(found('pregnancy', 'O09.1')).toEqual(['ICD-10 O…']);
    expect(found('pregnancy', 'Z33')).toEqual(['ICD-10 Z33…']);
    expect(found('pregnancy', '')).toHaveLength(3);
  });
});

describe('enteredFacts', () => {
  it('leaves out what is not entered, so a lab not entered stays unknown', () => {
    const blank = blankEntry(fields);
    expect(enteredFacts(fields, blank)).toEqual({ facts: {}, problems: {} });
    expect(enteredRecord(enteredFacts(fields, blank))).toBeUndefined();
    blank.wbc!.date = '2025-03-10';
    expect(enteredFacts(fields, blank).problems).toEqual({
      wbc: 'Enter the result, or clear its date and range.',
    });
  });

  it('writes the facts shape the import takes, and the verdict follows the entry', () => {
    const state = blankEntry(fields);
    Object.assign(state.wbc!, { value: '2,5', date: '2025-03-10', low: '3.5', high: '9.5' });
    Object.assign(state.serum_creatinine!, { value: '88.4', unit: 'umol/L', date: '2025-03-10' });
    Object.assign(state.serum_hcg!, { result: 'negative', date: '2025-03-12' });
    Object.assign(state.diabetes!, {
      presence: 'present',
      system: 'http://hl7.org/fhir/sid/icd-10',
      code: 'E11.9',
      start: '2019-06-01',
    });
    Object.assign(state.gilbert_syndrome!, { presence: 'none' });
    const { facts, problems } = enteredFacts(fields, state);
    expect(problems).toEqual({});
    expect(facts).toEqual({
      wbc: { value: 2.5, unit: '10*9/L', date: '2025-03-10', referenceRange: { low: 3.5, high: 9.5 } },
      serum_creatinine: { value: 88.4, unit: 'umol/L', date: '2025-03-10' },
      serum_hcg: { code: 'negative', date: '2025-03-12' },
      diabetes: [
        {
          system: 'http://hl7.org/fhir/sid/icd-10',
          code: 'E11.9',
          clinicalStatus: 'active',
          verificationStatus: 'confirmed',
          onset: '2019-06-01',
        },
      ],
      gilbert_syndrome: false,
    });
    const s = screened(state);
    expect(status(s, 'C-IN-3.1.a')).toBe('not_met');
    expect(status(s, 'C-IN-3.1.c')).toBe('unknown');
    expect(s.cohorts.find((c) => c.id === 'PMN')!.criteria.find((c) => c.id === 'PMN-EX-2')!.status).toBe(
      'met',
    );

    state.wbc!.value = '4.2';
    expect(status(screened(state), 'C-IN-3.1.a')).toBe('met');
  });

  it('writes the comparator a lab report prints, and core reads the result as a range', () => {
    const state = blankEntry(fields);
    Object.assign(state.birth_date!, { date: '1985-06-01' });
    Object.assign(state.sex!, { result: 'female' });
    Object.assign(state.serum_creatinine!, { comparator: '<', value: '0.5', date: '2025-03-10' });
    expect(enteredFacts(fields, state).facts.serum_creatinine).toEqual({
      value: 0.5,
      unit: 'mg/dL',
      comparator: '<',
      date: '2025-03-10',
    });
    const igan = (s: Screening, id: string) =>
      s.cohorts.find((c) => c.id === 'IgAN')!.criteria.find((c) => c.id === id)!;
    expect(igan(screened(state), 'IgAN-IN-4').explanation).toBe(
      'Estimated GFR >122.3 mL/min/1.73 m² (CKD-EPI 2021 from serum creatinine <0.5 mg/dL on 2025-03-10 (5 days before screening), age 39) ≥ 30 mL/min/1.73 m²: met',
    );

    // Exactly 3 mg/dL puts the eGFR below 30; below 3 may or may not.
    Object.assign(state.serum_creatinine!, { comparator: '', value: '3' });
    expect(enteredFacts(fields, state).facts.serum_creatinine).not.toHaveProperty('comparator');
    expect(igan(screened(state), 'IgAN-IN-4').status).toBe('not_met');
    state.serum_creatinine!.comparator = '<';
    expect(igan(screened(state), 'IgAN-IN-4').status).toBe('unknown');
    state.serum_creatinine!.comparator = '>=';
    expect(enteredFacts(fields, state).facts.serum_creatinine).toMatchObject({ value: 3, comparator: '>=' });
    expect(igan(screened(state), 'IgAN-IN-4').status).toBe('not_met');
  });

  it('refuses a comparator without its number, or one core does not know', () => {
    const state = blankEntry(fields);
    Object.assign(state.alt!, { comparator: '>' });
    Object.assign(state.ast!, { comparator: '≈', value: '30' });
    expect(enteredFacts(fields, state)).toEqual({
      facts: {},
      problems: {
        alt: 'Enter the number after >, or choose =.',
        ast: 'Choose a comparator: =, <, <=, >=, >.',
      },
    });
  });

  it('refuses a code outside the binding and an unreadable number, keeping the element unknown', () => {
    const state = blankEntry(fields);
    Object.assign(state.diabetes!, {
      presence: 'present',
      system: 'http://hl7.org/fhir/sid/icd-10',
      code: 'I10',
    });
    Object.assign(state.hemoglobin!, { value: 'high' });
    Object.assign(state.alt!, { value: '30', unit: 'mg/dL' });
    expect(enteredFacts(fields, state)).toEqual({
      facts: {},
      problems: {
        diabetes: 'I10 is not among the codes of Type 1 or type 2 diabetes.',
        hemoglobin: 'Enter the result as a number.',
        alt: 'Choose a unit: U/L, ukat/L.',
      },
    });
  });
});
