import type {
  AllergyIntolerance,
  Bundle,
  CodeableConcept,
  Condition,
  Encounter,
  FhirResource,
  Immunization,
  MedicationStatement,
  Observation,
  Patient,
  Procedure,
} from 'fhir/r4';

/** Builders of small, valid FHIR R4 resources for the reader's tests. */

export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const ATC = 'http://www.whocc.no/atc';
export const UCUM = 'http://unitsofmeasure.org';

export const concept = (system: string, code: string, display?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
});

export function bundle(...resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}

/** The patient `Patient/p` that the other builders' records refer to. */
export function patient(birthDate?: string, gender?: Patient['gender']): Patient {
  return {
    resourceType: 'Patient',
    id: 'p',
    ...(birthDate ? { birthDate } : {}),
    ...(gender ? { gender } : {}),
  };
}

export function lab(
  loinc: string,
  value: number,
  unit: string,
  date: string,
  extra: Partial<Observation> = {},
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: concept(LOINC, loinc),
    effectiveDateTime: date,
    valueQuantity: { value, unit, system: UCUM, code: unit },
    ...extra,
  };
}

export function coded(
  loinc: string,
  value: CodeableConcept,
  date: string,
  extra: Partial<Observation> = {},
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: concept(LOINC, loinc),
    effectiveDateTime: date,
    valueCodeableConcept: value,
    ...extra,
  };
}

export function condition(system: string, code: string, extra: Partial<Condition> = {}): Condition {
  return {
    resourceType: 'Condition',
    subject: { reference: 'Patient/p' },
    code: concept(system, code),
    clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
    verificationStatus: concept('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed'),
    ...extra,
  };
}

export const clinical = (code: string) =>
  concept('http://terminology.hl7.org/CodeSystem/condition-clinical', code);
export const verification = (code: string) =>
  concept('http://terminology.hl7.org/CodeSystem/condition-ver-status', code);

export function statement(atc: string, extra: Partial<MedicationStatement> = {}): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    status: 'active',
    subject: { reference: 'Patient/p' },
    medicationCodeableConcept: concept(ATC, atc),
    ...extra,
  };
}

export const CVX = 'http://hl7.org/fhir/sid/cvx';

/** A completed vaccination with this vaccine code, given on `date`. */
export function immunization(
  vaccineCode: CodeableConcept,
  date: string,
  extra: Partial<Immunization> = {},
): Immunization {
  return {
    resourceType: 'Immunization',
    status: 'completed',
    patient: { reference: 'Patient/p' },
    vaccineCode,
    occurrenceDateTime: date,
    ...extra,
  };
}

export function procedure(snomed: string, extra: Partial<Procedure> = {}): Procedure {
  return {
    resourceType: 'Procedure',
    status: 'completed',
    subject: { reference: 'Patient/p' },
    code: concept(SNOMED, snomed),
    ...extra,
  };
}

export function allergy(
  code: CodeableConcept | undefined,
  extra: Partial<AllergyIntolerance> = {},
): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    patient: { reference: 'Patient/p' },
    ...(code ? { code } : {}),
    ...extra,
  };
}

export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/** A finished encounter of class `classCode` (v3 ActCode), with these types and period. */
export function encounter(
  classCode: string,
  type: CodeableConcept[],
  period: Encounter['period'],
  extra: Partial<Encounter> = {},
): Encounter {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: ACT_CODE, code: classCode },
    subject: { reference: 'Patient/p' },
    type,
    ...(period ? { period } : {}),
    ...extra,
  };
}
