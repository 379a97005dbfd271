/**
 * The codes the synthetic export uses, taken from NCT06469190's dictionary.json and .elig (LOINC,
 * ICD-10, SNOMED CT, ATC), plus a few the protocol does not read (protein and albumin ratios,
 * hypertension, metformin …) because a real export carries them too.
 */
export const SYSTEMS = {
  loinc: 'http://loinc.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  snomed: 'http://snomed.info/sct',
  atc: 'http://www.whocc.no/atc',
  ucum: 'http://unitsofmeasure.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  clinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  verification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  absent: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
} as const;

export const POSITIVE = { code: '10828004', display: 'Positive' } as const;
export const NEGATIVE = { code: '260385009', display: 'Negative' } as const;

/** A qualitative test: LOINC codes (first is the usual one) and how often it is positive. */
export interface CodedTest {
  readonly loinc: readonly string[];
  readonly display: string;
  readonly positiveRate: number;
}

export const SEROLOGY: readonly CodedTest[] = [
  { loinc: ['5196-1', '5195-3'], display: 'Hepatitis B virus surface Ag', positiveRate: 0.05 },
  { loinc: ['16933-4', '13952-7'], display: 'Hepatitis B virus core Ab', positiveRate: 0.12 },
  { loinc: ['16128-1'], display: 'Hepatitis C virus Ab', positiveRate: 0.03 },
  { loinc: ['31201-7', '68961-2'], display: 'HIV 1+2 Ab', positiveRate: 0.01 },
  { loinc: ['24110-9', '20507-0'], display: 'Treponema pallidum Ab', positiveRate: 0.02 },
];

export const HCG: CodedTest = {
  loinc: ['2118-8', '2110-5'],
  display: 'Choriogonadotropin (pregnancy test) in Serum',
  positiveRate: 0.03,
};

export type Diagnosis = 'IgAN' | 'PMN' | 'AAV' | 'FSGS' | 'none';

/** A coded condition: ICD-10 (and SNOMED CT where the protocol lists one). */
export interface ConditionCode {
  readonly icd10?: string;
  readonly snomed?: string;
  readonly display: string;
}

export const PRIMARY: Readonly<Record<Exclude<Diagnosis, 'none'>, readonly ConditionCode[]>> = {
  IgAN: [{ icd10: 'N02.8', snomed: '236407003', display: 'IgA nephropathy' }],
  PMN: [
    { icd10: 'N04.2', snomed: '77182004', display: 'Membranous nephropathy, nephrotic syndrome' },
    { icd10: 'N03.2', display: 'Chronic nephritic syndrome, diffuse membranous glomerulonephritis' },
    { icd10: 'N06.2', display: 'Isolated proteinuria, diffuse membranous glomerulonephritis' },
  ],
  AAV: [
    { icd10: 'M31.7', display: 'Microscopic polyangiitis' },
    { icd10: 'M31.3', display: 'Granulomatosis with polyangiitis' },
    { icd10: 'M30.1', display: 'Eosinophilic granulomatosis with polyangiitis' },
  ],
  FSGS: [{ icd10: 'N04.1', display: 'Nephrotic syndrome, focal and segmental glomerular lesions' }],
};

export const AAV_RENAL: ConditionCode = {
  icd10: 'N08.5',
  display: 'Glomerular disorders in systemic connective tissue disorders',
};
export const ALVEOLAR_HAEMORRHAGE: ConditionCode = {
  icd10: 'R04.8',
  display: 'Haemorrhage from other sites in respiratory passages',
};

/** Other diagnoses, each with how often a patient has one on record; `excludes`: some criterion excludes it. */
export const COMORBIDITIES: readonly (ConditionCode & {
  readonly rate: number;
  readonly female?: true;
  readonly excludes?: true;
})[] = [
  { icd10: 'I10', display: 'Essential hypertension', rate: 0.35 },
  { icd10: 'N18.3', display: 'Chronic kidney disease, stage 3', rate: 0.2 },
  { icd10: 'E11.9', snomed: '44054006', display: 'Type 2 diabetes mellitus', rate: 0.08, excludes: true },
  { icd10: 'E10.9', display: 'Type 1 diabetes mellitus', rate: 0.01, excludes: true },
  { icd10: 'I48.0', display: 'Paroxysmal atrial fibrillation', rate: 0.03, excludes: true },
  { icd10: 'I50.9', display: 'Heart failure, unspecified', rate: 0.02, excludes: true },
  { icd10: 'I20.9', display: 'Angina pectoris, unspecified', rate: 0.02, excludes: true },
  { icd10: 'J18.9', display: 'Pneumonia, unspecified organism', rate: 0.04, excludes: true },
  { icd10: 'N39.0', display: 'Urinary tract infection, site not specified', rate: 0.04, excludes: true },
  { icd10: 'B18.1', display: 'Chronic viral hepatitis B', rate: 0.02, excludes: true },
  {
    icd10: 'M32.1',
    display: 'Systemic lupus erythematosus with organ involvement',
    rate: 0.02,
    excludes: true,
  },
  { icd10: 'N18.6', snomed: '46177005', display: 'End stage renal disease', rate: 0.02, excludes: true },
  { icd10: 'Z99.2', display: 'Dependence on renal dialysis', rate: 0.01, excludes: true },
  {
    icd10: 'C50.9',
    display: 'Malignant neoplasm of breast, unspecified',
    rate: 0.015,
    female: true,
    excludes: true,
  },
  { icd10: 'C44.3', display: 'Other malignant neoplasm of skin of face', rate: 0.02 },
  {
    icd10: 'D06.9',
    display: 'Carcinoma in situ of cervix, unspecified',
    rate: 0.01,
    female: true,
    excludes: true,
  },
  { icd10: 'G40.9', display: 'Epilepsy, unspecified', rate: 0.01, excludes: true },
  { icd10: 'F32.1', display: 'Moderate depressive episode', rate: 0.04, excludes: true },
  { icd10: 'E80.4', snomed: '27503000', display: 'Gilbert syndrome', rate: 0.03 },
  { icd10: 'D80.1', display: 'Nonfamilial hypogammaglobulinaemia', rate: 0.003, excludes: true },
  { icd10: 'T78.2', display: 'Anaphylactic shock, unspecified', rate: 0.01, excludes: true },
  { icd10: 'Z33.1', display: 'Pregnant state, incidental', rate: 0.02, female: true, excludes: true },
  {
    icd10: 'N01.7',
    display: 'Rapidly progressive nephritic syndrome, diffuse crescentic glomerulonephritis',
    rate: 0.01,
    excludes: true,
  },
  { icd10: 'N04.0', display: 'Nephrotic syndrome, minor glomerular abnormality', rate: 0.01, excludes: true },
];

/** Renal biopsy codes of the protocol (the first is the usual one). */
export const RENAL_BIOPSY = [
  { code: '90241008', display: 'Biopsy of kidney' },
  { code: '48426002', display: 'Percutaneous needle biopsy of kidney' },
  { code: '708940003', display: 'Biopsy of kidney using ultrasound guidance' },
] as const;

export const OTHER_PROCEDURE = { code: '80146002', display: 'Excision of appendix' } as const;

/** A drug: ATC code, the dose in mg and how often, its route. */
export interface Drug {
  readonly atc: string;
  readonly display: string;
  readonly doseMg: readonly number[];
  readonly perDay: 1 | 2 | 3;
  readonly route: 'oral' | 'intravenous' | 'subcutaneous';
}

export const DRUGS = {
  losartan: { atc: 'C09CA01', display: 'losartan', doseMg: [50, 100], perDay: 1, route: 'oral' },
  ramipril: { atc: 'C09AA05', display: 'ramipril', doseMg: [2.5, 5, 10], perDay: 1, route: 'oral' },
  valsartan: { atc: 'C09CA03', display: 'valsartan', doseMg: [80, 160], perDay: 1, route: 'oral' },
  prednisone: { atc: 'H02AB07', display: 'prednisone', doseMg: [20, 40, 60], perDay: 1, route: 'oral' },
  prednisolone: { atc: 'H02AB06', display: 'prednisolone', doseMg: [10, 30, 50], perDay: 1, route: 'oral' },
  methylprednisolone: {
    atc: 'H02AB04',
    display: 'methylprednisolone',
    doseMg: [16, 32],
    perDay: 1,
    route: 'oral',
  },
  mycophenolate: {
    atc: 'L04AA06',
    display: 'mycophenolic acid',
    doseMg: [500, 1000],
    perDay: 2,
    route: 'oral',
  },
  cyclophosphamide: {
    atc: 'L01AA01',
    display: 'cyclophosphamide',
    doseMg: [500, 750, 1000],
    perDay: 1,
    route: 'intravenous',
  },
  rituximab: { atc: 'L01FA01', display: 'rituximab', doseMg: [375, 1000], perDay: 1, route: 'intravenous' },
  tacrolimus: { atc: 'L04AD02', display: 'tacrolimus', doseMg: [1, 2, 3], perDay: 2, route: 'oral' },
  ciclosporin: { atc: 'L04AD01', display: 'ciclosporin', doseMg: [100, 150], perDay: 2, route: 'oral' },
  hydroxychloroquine: {
    atc: 'P01BA02',
    display: 'hydroxychloroquine',
    doseMg: [200],
    perDay: 2,
    route: 'oral',
  },
  filgrastim: {
    atc: 'L03AA02',
    display: 'filgrastim',
    doseMg: [0.3, 0.48],
    perDay: 1,
    route: 'subcutaneous',
  },
  metformin: { atc: 'A10BA02', display: 'metformin', doseMg: [500, 850], perDay: 2, route: 'oral' },
  atorvastatin: { atc: 'C10AA05', display: 'atorvastatin', doseMg: [10, 20, 40], perDay: 1, route: 'oral' },
} as const satisfies Record<string, Drug>;

export const ROUTES = {
  oral: { code: '26643006', display: 'Oral route' },
  intravenous: { code: '47625008', display: 'Intravenous route' },
  subcutaneous: { code: '34206005', display: 'Subcutaneous route' },
} as const;

/** Allergy substances in ATC: a trial drug (cyclophosphamide) and two that are not. */
export const ALLERGENS = [
  { atc: 'L01AA01', display: 'cyclophosphamide', rate: 0.005 },
  { atc: 'J01CA04', display: 'amoxicillin', rate: 0.06 },
  { atc: 'N02BA01', display: 'acetylsalicylic acid', rate: 0.02 },
] as const;
