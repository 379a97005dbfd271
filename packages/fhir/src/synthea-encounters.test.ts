import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { screenDocument } from './screenDocument';
import { SYNTHEA_PATIENTS, syntheaBundle } from './testing/synthea';

/**
 * Synthea's encounters (class AMB, EMER, IMP, HH, VR; types and reasons in SNOMED CT) read through
 * encounter elements: admissions and emergency visits by class, a stay by its reason, and one
 * bound to ICD-10 only, which can classify none of them.
 */
const SOURCE = `trial SYN-ENC "Encounters in Synthea records"
records complete for encounter
encounter admission "Inpatient admission" from any class inpatient
encounter er_visit "Emergency room visit" from any class emergency
encounter sepsis_stay "Stay for sepsis" from snomed 91302008 class inpatient, emergency
encounter hf_admission "Hospitalisation for heart failure" from icd10 I50* class inpatient
exclusion
  ADM-30D met if admission within 30 days before screening
  ER-3M met if er_visit within 3 months before screening
  SEPSIS-12M met if sepsis_stay within 12 months before screening
  HF-12M met if hf_admission within 12 months before screening
`;

const protocol = (() => {
  const result = compile(SOURCE, { name: 'encounters.elig' });
  if (!result.protocol) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.protocol;
})();

function statuses(patient: string, asOf: string) {
  const result = screenDocument(protocol, { asOf, bundle: syntheaBundle(patient) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return Object.fromEntries(result.screening.cohorts[0]!.criteria.map((c) => [c.id, c.status]));
}

describe('Synthea encounters', () => {
  it('are the four patients', () => {
    expect(SYNTHEA_PATIENTS).toHaveLength(4);
  });

  it('a skilled-nursing admission after an emergency visit, read by class', () => {
    // a5cb8ce9: EMER 2018-10-18, then IMP 2018-10-18 to 2018-11-06.
    expect(statuses('a5cb8ce9-cec6-6b23-0990-cbaf753578a4', '2018-11-20')).toEqual({
      'ADM-30D': 'met',
      'ER-3M': 'met',
      'SEPSIS-12M': 'not_met',
      // The admission is coded in SNOMED CT only: it may or may not have been for heart failure.
      'HF-12M': 'unknown',
    });
    // Her emergency stay for sepsis, 1971-09-03 to 1971-09-09, by its reasonCode.
    expect(statuses('a5cb8ce9-cec6-6b23-0990-cbaf753578a4', '1971-12-01')['SEPSIS-12M']).toBe('met');
  });

  it('an emergency visit a day before the window, and no admission at all', () => {
    // cbc86e51: EMER 2018-08-11. The 3 months before 2018-11-11 start on 2018-08-11; before
    // 2018-11-12, on the 12th.
    const patient = 'cbc86e51-9eca-3855-76ec-c058f72c5761';
    expect(statuses(patient, '2018-11-11')['ER-3M']).toBe('met');
    expect(statuses(patient, '2018-11-12')).toEqual({
      'ADM-30D': 'not_met',
      'ER-3M': 'not_met',
      'SEPSIS-12M': 'not_met',
      // No inpatient encounter at all: the unclassifiable ambulatory visits are of another class.
      'HF-12M': 'not_met',
    });
  });
});
