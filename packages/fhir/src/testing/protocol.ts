import { CODE_SYSTEMS, type CodePatternInfo, type ElementInfo, type ProtocolInfo } from '@eligo/core';

/** A hand-built ProtocolInfo covering every kind and binding form the reader handles. */

type System = keyof typeof CODE_SYSTEMS;
export const exact = (system: System, code: string): CodePatternInfo => ({
  system: CODE_SYSTEMS[system],
  code,
  match: 'exact',
});
export const prefix = (system: System, code: string): CodePatternInfo => ({
  system: CODE_SYSTEMS[system],
  code,
  match: 'prefix',
});
export const range = (system: System, code: string, to: string): CodePatternInfo => ({
  system: CODE_SYSTEMS[system],
  code,
  match: 'range',
  to,
});

export function element(
  id: string,
  kind: ElementInfo['kind'],
  options: Partial<ElementInfo> & {
    include?: CodePatternInfo[];
    exclude?: CodePatternInfo[];
    any?: boolean;
  } = {},
): ElementInfo {
  const { include, exclude, any, ...rest } = options;
  const binding =
    include || any ? { any: any ?? false, include: include ?? [], exclude: exclude ?? [] } : rest.binding;
  return { id, label: id, kind, closedWorld: false, usedBy: [], ...rest, binding };
}

export const testProtocol: ProtocolInfo = {
  id: 'TEST-1',
  title: 'A protocol for the reader tests',
  version: '1',
  hash: 'test',
  complete: ['condition', 'medication', 'procedure', 'allergy', 'encounter'],
  cohorts: [],
  elements: [
    element('birth_date', 'patient', { patientField: 'birthDate' }),
    element('sex', 'patient', { patientField: 'gender', values: ['male', 'female', 'other', 'unknown'] }),
    // Value words bound to SNOMED CT codes: a stage group, and an ordinal class read as a number.
    element('stage_group', 'test', {
      values: ['iv', 'ivb', 'iiib'],
      valueCodes: [
        { value: 'iv', system: CODE_SYSTEMS.snomed, code: '1222837003' },
        { value: 'ivb', system: CODE_SYSTEMS.snomed, code: '1222841004' },
      ],
      include: [exact('loinc', '21908-9')],
    }),
    element('nyha_class', 'lab', {
      unit: '{score}',
      valueCodes: [
        { value: '2', system: CODE_SYSTEMS.snomed, code: '421704003' },
        { value: '3', system: CODE_SYSTEMS.snomed, code: '420913000' },
      ],
      include: [exact('loinc', '88020-3')],
    }),
    element('wbc', 'lab', { unit: '10*9/L', include: [exact('loinc', '6690-2'), exact('loinc', '26464-8')] }),
    element('fsh', 'lab', {
      unit: 'm[IU]/mL',
      include: [exact('loinc', '15067-2')],
      rangeFor: { except: false, codes: [exact('snomed', '76498008'), exact('snomed', '307429007')] },
    }),
    element('creatinine', 'lab', {
      unit: 'mg/dL',
      molarMass: 113.12,
      include: [exact('loinc', '2160-0'), exact('loinc', '14682-9')],
    }),
    element('alt', 'lab', { unit: 'U/L', include: [exact('loinc', '1742-6')] }),
    element('inr', 'lab', { unit: '{INR}', include: [exact('loinc', '6301-6')] }),
    element('ecog', 'lab', { unit: '{score}', include: [exact('loinc', '89247-1')] }),
    element('lvef', 'lab', { unit: '%', include: [exact('loinc', '10230-1')] }),
    element('hbv_dna', 'lab', { unit: '[IU]/mL', include: [exact('loinc', '29615-2')] }),
    element('hbsag', 'test', { values: ['positive', 'negative'], include: [exact('loinc', '5196-1')] }),
    element('anca_mpo', 'test', { values: ['positive', 'negative'], include: [exact('loinc', '46266-3')] }),
    element('anca_pattern', 'test', {
      values: ['perinuclear', 'cytoplasmic', 'negative'],
      include: [exact('loinc', '17351-8')],
    }),
    element('diabetes', 'condition', {
      closedWorld: true,
      include: [prefix('icd10', 'E10'), prefix('icd10', 'E11'), exact('snomed', '44054006')],
    }),
    element('malignancy', 'condition', {
      closedWorld: true,
      include: [range('icd10', 'C00', 'C97')],
      exclude: [prefix('icd10', 'C44')],
    }),
    element('infection', 'condition', { include: [prefix('icd10', 'A'), prefix('icd10', 'B')] }),
    element('arb', 'medication', { closedWorld: true, include: [prefix('atc', 'C09C')] }),
    element('gcsf', 'medication', { include: [prefix('atc', 'L03AA')] }),
    element('biopsy', 'procedure', { closedWorld: true, include: [exact('snomed', '90241008')] }),
    element('any_allergy', 'allergy', { closedWorld: true, any: true }),
    element('drug_allergy', 'allergy', { closedWorld: true, include: [exact('atc', 'L01AA01')] }),
    element('hf_admission', 'encounter', {
      closedWorld: true,
      include: [prefix('icd10', 'I50'), exact('snomed', '84114007')],
      classes: ['inpatient'],
    }),
    element('acute_visit', 'encounter', { any: true, classes: ['inpatient', 'emergency'] }),
    element('any_encounter', 'encounter', { any: true }),
    element('consent', 'question', { answer: { type: 'boolean' } }),
  ],
};
