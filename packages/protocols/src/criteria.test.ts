import { describe, expect, it } from 'vitest';
import {
  adding,
  allergy,
  answering,
  condition,
  medication,
  patch,
  patient,
  qualitative,
  quantity,
  type ScreeningDocument,
  withoutCode,
  withValue,
} from './testing/fhir';
import { cohort, criterion, example, screenDoc } from './testing/screen';

/**
 * For every criterion, at least one patient whom that criterion alone decides: start from a
 * patient eligible for the cohort, change one fact, and expect that criterion's status and the
 * cohort's verdict to follow.
 */
const IGAN = example('eligible-igan.json');
const PMN = withValue(example('ineligible-pmn.json'), '2889-4', 4.0);
const AAV = patch(
  answering(withoutCode(IGAN, 'N02.8'), {
    acr_eular_2022_met: true,
    bvas_total: 20,
    bvas_renal_items: 3,
    prior_therapy_response: 'relapsed',
  }),
  (doc) => {
    doc.bundle.entry.push(
      { resource: condition('M31.3') },
      { resource: condition('N08.5') },
      { resource: qualitative('46266-3', 'positive', '2025-03-10') },
    );
  },
);

type Status = 'met' | 'not_met' | 'unknown';
interface Case {
  criterion: string;
  cohort: 'PMN' | 'IgAN' | 'AAV';
  base: ScreeningDocument;
  change: string;
  doc: ScreeningDocument;
  status: Status;
  verdict: 'eligible' | 'ineligible' | 'undetermined';
  missing?: string[];
}

const born = (date: string) => patch(IGAN, (doc) => void (patient(doc).birthDate = date));

const cases: Case[] = [
  // ---------------------------------------------------------------- common inclusion (asOf 2025-03-15)
  { criterion: 'C-IN-1', cohort: 'IgAN', base: IGAN, change: 'born 2007-03-16: 17 the day before the 18th birthday', doc: born('2007-03-16'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-1', cohort: 'IgAN', base: IGAN, change: 'born 2007-03-15: 18 on the birthday', doc: born('2007-03-15'), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-1', cohort: 'IgAN', base: IGAN, change: 'born 1954-03-16: 70 years 11 months', doc: born('1954-03-16'), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-1', cohort: 'IgAN', base: IGAN, change: 'born 1954-03-15: 71st birthday', doc: born('1954-03-15'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-1', cohort: 'IgAN', base: IGAN, change: 'born in 1990 (year only): 34 or 35', doc: born('1990'), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-1', cohort: 'IgAN', base: IGAN, change: 'born in 2007 (year only): 17 or 18', doc: born('2007'), status: 'unknown', verdict: 'undetermined', missing: ['birth_date'] },
  { criterion: 'C-IN-2', cohort: 'IgAN', base: IGAN, change: 'CD19 0 %', doc: withValue(IGAN, '8117-4', 0), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-2', cohort: 'IgAN', base: IGAN, change: 'CD19 coded positive', doc: adding(withoutCode(IGAN, '8117-4'), qualitative('8117-4', 'positive', '2025-03-10')), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-2', cohort: 'IgAN', base: IGAN, change: 'no CD19 result', doc: withoutCode(IGAN, '8117-4'), status: 'unknown', verdict: 'undetermined', missing: ['cd19_b_cells'] },
  { criterion: 'C-IN-3.1.a', cohort: 'IgAN', base: IGAN, change: 'WBC 2.9 10*9/L', doc: withValue(IGAN, '6690-2', 2.9), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.1.a', cohort: 'IgAN', base: IGAN, change: 'WBC 3.0 10*3/uL (= 3 10*9/L)', doc: withValue(IGAN, '6690-2', 3.0, '10*3/uL'), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-3.1.a', cohort: 'IgAN', base: IGAN, change: 'WBC 2900 /uL', doc: withValue(IGAN, '6690-2', 2900, '/uL'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.1.a', cohort: 'IgAN', base: IGAN, change: 'no WBC', doc: withoutCode(IGAN, '6690-2'), status: 'unknown', verdict: 'undetermined', missing: ['wbc'] },
  { criterion: 'C-IN-3.1.b', cohort: 'IgAN', base: IGAN, change: 'ANC 0.9', doc: withValue(IGAN, '751-8', 0.9), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.1.b', cohort: 'IgAN', base: IGAN, change: 'filgrastim ending 14 days before the ANC', doc: adding(IGAN, medication('L03AA02', '2025-02-20', '2025-02-26')), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.1.b', cohort: 'IgAN', base: IGAN, change: 'filgrastim ending 15 days before the ANC', doc: adding(IGAN, medication('L03AA02', '2025-02-20', '2025-02-25')), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-3.1.c', cohort: 'IgAN', base: IGAN, change: 'Hb 5.9 g/dL', doc: withValue(IGAN, '718-7', 5.9, 'g/dL'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.1.c', cohort: 'IgAN', base: IGAN, change: 'Hb 6.0 g/dL (= 60 g/L)', doc: withValue(IGAN, '718-7', 6.0, 'g/dL'), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-3.2.a', cohort: 'IgAN', base: IGAN, change: 'ALT 121 U/L, ULN 40', doc: withValue(IGAN, '1742-6', 121), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.2.a', cohort: 'IgAN', base: IGAN, change: 'ALT 120 U/L = 3 × ULN', doc: withValue(IGAN, '1742-6', 120), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-3.2.a', cohort: 'IgAN', base: IGAN, change: 'ALT without a reference range', doc: patch(IGAN, (d) => { for (const e of d.bundle.entry) if ((e.resource.code as { coding: { code: string }[] } | undefined)?.coding[0]?.code === '1742-6') delete e.resource.referenceRange; }), status: 'unknown', verdict: 'undetermined', missing: ['alt'] },
  { criterion: 'C-IN-3.2.b', cohort: 'IgAN', base: IGAN, change: 'AST 121 U/L, ULN 40', doc: withValue(IGAN, '1920-8', 121), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.2.c', cohort: 'IgAN', base: IGAN, change: 'bilirubin 32 umol/L > 1.5 × 21', doc: withValue(IGAN, '14631-6', 32), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.2.c', cohort: 'IgAN', base: IGAN, change: 'bilirubin 32 umol/L with Gilbert syndrome (≤ 3 × ULN)', doc: adding(withValue(IGAN, '14631-6', 32), condition('E80.4')), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-3.3.a', cohort: 'IgAN', base: IGAN, change: 'INR 1.9 > 1.5 × 1.2', doc: withValue(IGAN, '6301-6', 1.9), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.3.a', cohort: 'IgAN', base: IGAN, change: 'INR 1.8 = 1.5 × 1.2', doc: withValue(IGAN, '6301-6', 1.8), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-3.3.b', cohort: 'IgAN', base: IGAN, change: 'PT 20.3 s > 1.5 × 13.5', doc: withValue(IGAN, '5902-2', 20.3), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.4.a', cohort: 'IgAN', base: IGAN, change: 'not haemodynamically stable', doc: answering(IGAN, { hemodynamically_stable: false }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-3.4.a', cohort: 'IgAN', base: IGAN, change: 'stability not answered', doc: answering(IGAN, { hemodynamically_stable: undefined }), status: 'unknown', verdict: 'undetermined', missing: ['hemodynamically_stable'] },
  { criterion: 'C-IN-3.4.b', cohort: 'IgAN', base: IGAN, change: 'LVEF 54 %', doc: withValue(IGAN, '10230-1', 54), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-4.a', cohort: 'IgAN', base: IGAN, change: 'contraception refused', doc: answering(IGAN, { contraception_agreed: false }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-4.a', cohort: 'IgAN', base: IGAN, change: 'not of childbearing potential, contraception refused', doc: answering(IGAN, { contraception_agreed: false, childbearing_potential: false }), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-4.b', cohort: 'IgAN', base: IGAN, change: 'hCG only 8 days before', doc: patch(IGAN, (d) => { for (const e of d.bundle.entry) if (e.resource.effectiveDateTime === '2025-03-13') e.resource.effectiveDateTime = '2025-03-07'; }), status: 'unknown', verdict: 'undetermined', missing: ['serum_hcg'] },
  { criterion: 'C-IN-4.b', cohort: 'IgAN', base: IGAN, change: 'hCG exactly 7 days before', doc: patch(IGAN, (d) => { for (const e of d.bundle.entry) if (e.resource.effectiveDateTime === '2025-03-13') e.resource.effectiveDateTime = '2025-03-08'; }), status: 'met', verdict: 'eligible' },
  { criterion: 'C-IN-4.c', cohort: 'IgAN', base: IGAN, change: 'lactating', doc: answering(IGAN, { lactating: true }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-5.a', cohort: 'IgAN', base: IGAN, change: 'no consent', doc: answering(IGAN, { informed_consent: false }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'C-IN-5.b', cohort: 'IgAN', base: IGAN, change: 'poor compliance', doc: answering(IGAN, { good_compliance: false }), status: 'not_met', verdict: 'ineligible' },
  // ---------------------------------------------------------------- common exclusion
  { criterion: 'C-EX-1', cohort: 'IgAN', base: IGAN, change: 'cyclophosphamide allergy', doc: adding(IGAN, allergy('L01AA01')), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-1', cohort: 'IgAN', base: IGAN, change: 'contraindication attested', doc: answering(IGAN, { trial_drug_contraindication: true }), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-2', cohort: 'IgAN', base: IGAN, change: 'suspected pneumonia', doc: adding(IGAN, condition('J18.9', { verification: 'provisional' })), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-2', cohort: 'IgAN', base: IGAN, change: 'refuted pneumonia', doc: adding(IGAN, condition('J18.9', { verification: 'refuted' })), status: 'not_met', verdict: 'eligible' },
  { criterion: 'C-EX-3', cohort: 'IgAN', base: IGAN, change: 'epilepsy', doc: adding(IGAN, condition('G40.9')), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-4', cohort: 'IgAN', base: IGAN, change: 'atrial fibrillation', doc: adding(IGAN, condition('I48.0')), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-5', cohort: 'IgAN', base: IGAN, change: 'hereditary hypogammaglobulinaemia', doc: adding(IGAN, condition('D80.0')), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-6', cohort: 'IgAN', base: IGAN, change: 'breast cancer resolved in 2010', doc: adding(IGAN, condition('C50.9', { clinical: 'resolved', abatement: '2010-06-01' })), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-6', cohort: 'IgAN', base: IGAN, change: 'basal-cell skin cancer', doc: adding(IGAN, condition('C44.3')), status: 'not_met', verdict: 'eligible' },
  { criterion: 'C-EX-6', cohort: 'IgAN', base: IGAN, change: 'cervical carcinoma in situ resolved 6 years ago', doc: adding(IGAN, condition('D06.9', { clinical: 'resolved', abatement: '2019-03-01' })), status: 'not_met', verdict: 'eligible' },
  { criterion: 'C-EX-6', cohort: 'IgAN', base: IGAN, change: 'cervical carcinoma in situ resolved 4 years ago', doc: adding(IGAN, condition('D06.9', { clinical: 'resolved', abatement: '2021-03-01' })), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-7', cohort: 'IgAN', base: IGAN, change: 'CKD stage 5 on dialysis', doc: adding(IGAN, condition('N18.6')), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-8.a', cohort: 'IgAN', base: IGAN, change: 'HBsAg positive and HBV DNA 150 IU/mL above LoD 20', doc: adding(answeringPositive(IGAN, '5196-1'), quantity('29615-2', 150, '[IU]/mL', '2025-03-10', 20)), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-8.a', cohort: 'IgAN', base: IGAN, change: 'HBsAg positive and HBV DNA <20 IU/mL', doc: adding(answeringPositive(IGAN, '5196-1'), quantity('29615-2', 20, '[IU]/mL', '2025-03-10', 20, '<')), status: 'not_met', verdict: 'eligible' },
  { criterion: 'C-EX-8.a', cohort: 'IgAN', base: IGAN, change: 'HBsAg positive, no HBV DNA', doc: answeringPositive(IGAN, '5196-1'), status: 'unknown', verdict: 'undetermined', missing: ['hbv_dna'] },
  { criterion: 'C-EX-8.b', cohort: 'IgAN', base: IGAN, change: 'HCV Ab and RNA positive', doc: adding(answeringPositive(IGAN, '16128-1'), quantity('11011-4', 1000, '[IU]/mL', '2025-03-10', 15)), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-8.c', cohort: 'IgAN', base: IGAN, change: 'HIV Ab positive', doc: answeringPositive(IGAN, '31201-7'), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-8.d', cohort: 'IgAN', base: IGAN, change: 'syphilis test positive', doc: answeringPositive(IGAN, '24110-9'), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-9', cohort: 'IgAN', base: IGAN, change: 'dementia', doc: adding(IGAN, condition('F03')), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-10', cohort: 'IgAN', base: IGAN, change: 'other trial treatment', doc: answering(IGAN, { other_trial_treatment_3mo: true }), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-11', cohort: 'IgAN', base: IGAN, change: 'pregnant', doc: adding(IGAN, condition('Z33.1')), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-11', cohort: 'IgAN', base: IGAN, change: 'intends to conceive', doc: answering(IGAN, { intends_to_conceive: true }), status: 'met', verdict: 'ineligible' },
  { criterion: 'C-EX-12', cohort: 'IgAN', base: IGAN, change: 'investigator excludes', doc: answering(IGAN, { investigator_excludes: true }), status: 'met', verdict: 'ineligible' },
  // ---------------------------------------------------------------- PMN (a man, 52, proteinuria raised to 4.0 g)
  { criterion: 'PMN-IN-1', cohort: 'PMN', base: PMN, change: 'no renal biopsy', doc: withoutCode(PMN, '90241008'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'PMN-IN-1', cohort: 'PMN', base: PMN, change: 'membranous nephropathy only provisional', doc: adding(withoutCode(PMN, 'N04.2'), condition('N04.2', { verification: 'provisional' })), status: 'unknown', verdict: 'undetermined', missing: ['membranous_nephropathy'] },
  { criterion: 'PMN-IN-2', cohort: 'PMN', base: PMN, change: '3400 mg/(24.h)', doc: withValue(PMN, '2889-4', 3400, 'mg/(24.h)'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'PMN-IN-2', cohort: 'PMN', base: PMN, change: '3500 mg/(24.h)', doc: withValue(PMN, '2889-4', 3500, 'mg/(24.h)'), status: 'met', verdict: 'eligible' },
  { criterion: 'PMN-IN-3', cohort: 'PMN', base: PMN, change: 'responding to therapy', doc: answering(PMN, { prior_therapy_response: 'responding' }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'PMN-IN-4', cohort: 'PMN', base: PMN, change: 'creatinine 168 umol/L (eGFR ≈ 42)', doc: withValue(PMN, '2160-0', 168, 'umol/L'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'PMN-IN-4', cohort: 'PMN', base: PMN, change: 'no creatinine, no eGFR', doc: withoutCode(PMN, '2160-0'), status: 'unknown', verdict: 'undetermined', missing: ['egfr_observation', 'serum_creatinine'] },
  { criterion: 'PMN-IN-4', cohort: 'PMN', base: PMN, change: 'a lab eGFR of 44 after the creatinine', doc: adding(PMN, quantity('98979-8', 44, 'mL/min/{1.73_m2}', '2025-03-13')), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'PMN-EX-1', cohort: 'PMN', base: PMN, change: 'lupus', doc: adding(PMN, condition('M32.1')), status: 'met', verdict: 'ineligible' },
  { criterion: 'PMN-EX-2', cohort: 'PMN', base: PMN, change: 'type 2 diabetes', doc: adding(PMN, condition('E11.9')), status: 'met', verdict: 'ineligible' },
  // ---------------------------------------------------------------- IgAN
  { criterion: 'IgAN-IN-1', cohort: 'IgAN', base: IGAN, change: 'IgA nephropathy only provisional', doc: adding(withoutCode(IGAN, 'N02.8'), condition('N02.8', { verification: 'provisional' })), status: 'unknown', verdict: 'undetermined', missing: ['iga_nephropathy'] },
  { criterion: 'IgAN-IN-2', cohort: 'IgAN', base: IGAN, change: 'losartan from 2024-12-15: exactly 3 months', doc: adding(withoutCode(IGAN, 'C09CA01'), medication('C09CA01', '2024-12-15')), status: 'met', verdict: 'eligible' },
  { criterion: 'IgAN-IN-2', cohort: 'IgAN', base: IGAN, change: 'losartan from 2024-12-16: a day short', doc: adding(withoutCode(IGAN, 'C09CA01'), medication('C09CA01', '2024-12-16')), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'IgAN-IN-3', cohort: 'IgAN', base: IGAN, change: 'proteinuria 0.9 g, no decline, not relapsed', doc: withValue(IGAN, '2889-4', 0.9), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'IgAN-IN-4', cohort: 'IgAN', base: IGAN, change: 'creatinine 2.5 mg/dL (eGFR ≈ 25)', doc: withValue(IGAN, '2160-0', 2.5), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'IgAN-EX-1', cohort: 'IgAN', base: IGAN, change: 'rheumatoid arthritis', doc: adding(IGAN, condition('M05.9')), status: 'met', verdict: 'ineligible' },
  { criterion: 'IgAN-EX-2', cohort: 'IgAN', base: IGAN, change: 'crescentic glomerulonephritis', doc: adding(IGAN, condition('N01.7')), status: 'met', verdict: 'ineligible' },
  // ---------------------------------------------------------------- AAV
  { criterion: 'AAV-IN-1', cohort: 'AAV', base: AAV, change: 'ACR/EULAR criteria not met', doc: answering(AAV, { acr_eular_2022_met: false }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'AAV-IN-2', cohort: 'AAV', base: AAV, change: 'MPO-ANCA negative, PR3 untested', doc: adding(withoutCode(AAV, '46266-3'), qualitative('46266-3', 'negative', '2025-03-10')), status: 'unknown', verdict: 'undetermined', missing: ['anca_pr3'] },
  { criterion: 'AAV-IN-3', cohort: 'AAV', base: AAV, change: 'no AAV renal pathology', doc: withoutCode(AAV, 'N08.5'), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'AAV-IN-4', cohort: 'AAV', base: AAV, change: 'BVAS 14', doc: answering(AAV, { bvas_total: 14 }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'AAV-IN-5', cohort: 'AAV', base: AAV, change: 'one renal BVAS item', doc: answering(AAV, { bvas_renal_items: 1 }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'AAV-IN-6', cohort: 'AAV', base: AAV, change: 'refractory without cyclophosphamide', doc: answering(AAV, { prior_therapy_response: 'refractory' }), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'AAV-IN-6', cohort: 'AAV', base: AAV, change: 'refractory after glucocorticoid, cyclophosphamide and MMF', doc: adding(answering(AAV, { prior_therapy_response: 'refractory' }), medication('L01AA01', '2024-01-10', '2024-05-01')), status: 'met', verdict: 'eligible' },
  { criterion: 'AAV-IN-7', cohort: 'AAV', base: AAV, change: 'creatinine 5.0 mg/dL (eGFR ≈ 11)', doc: withValue(AAV, '2160-0', 5.0), status: 'not_met', verdict: 'ineligible' },
  { criterion: 'AAV-EX-1', cohort: 'AAV', base: AAV, change: 'creatinine 5.0 mg/dL (eGFR ≈ 11)', doc: withValue(AAV, '2160-0', 5.0), status: 'met', verdict: 'ineligible' },
  { criterion: 'AAV-EX-2', cohort: 'AAV', base: AAV, change: 'alveolar haemorrhage needing ventilation', doc: adding(answering(AAV, { ventilation_beyond_screening: true }), condition('R04.8')), status: 'met', verdict: 'ineligible' },
  { criterion: 'AAV-EX-2', cohort: 'AAV', base: AAV, change: 'ventilation attested without alveolar haemorrhage', doc: answering(AAV, { ventilation_beyond_screening: true }), status: 'not_met', verdict: 'eligible' },
];

function answeringPositive(doc: ScreeningDocument, loinc: string): ScreeningDocument {
  return adding(withoutCode(doc, loinc), qualitative(loinc, 'positive', '2025-03-10'));
}

describe('NCT06469190 baselines', () => {
  it.each([
    ['IgAN', IGAN],
    ['PMN', PMN],
    ['AAV', AAV],
  ] as const)('%s baseline is eligible for its cohort', (id, doc) => {
    const c = cohort(screenDoc(doc), id);
    expect(c.criteria.filter((k) => k.status !== (k.kind === 'inclusion' ? 'met' : 'not_met')).map((k) => [k.id, k.status, k.explanation])).toEqual([]);
    expect(c.verdict).toBe('eligible');
  });
});

describe('NCT06469190: each criterion decides alone', () => {
  it('covers every criterion of every cohort', () => {
    const covered = new Set(cases.map((c) => c.criterion));
    const all = screenDoc(IGAN).cohorts.flatMap((c) => c.criteria.map((k) => k.id));
    expect([...new Set(all)].filter((id) => !covered.has(id) && id !== 'C-IN-3')).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.criterion} ${c.change}`, c] as const))('%s', (_name, c) => {
    const s = screenDoc(c.doc);
    const result = criterion(s, c.cohort, c.criterion);
    expect([result.status, result.explanation]).toEqual([c.status, expect.any(String)]);
    expect(cohort(s, c.cohort).verdict).toBe(c.verdict);
    if (c.missing) expect([...result.missing].sort()).toEqual(c.missing);
    if (c.status !== 'unknown') expect(result.missing).toEqual([]);
  });
});
