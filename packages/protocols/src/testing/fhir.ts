/** Small builders of FHIR R4 resources for the protocol's tests: one line per fact. */

type Resource = Record<string, unknown> & { resourceType: string; id?: string };
export interface Bundle {
  resourceType: 'Bundle';
  type: string;
  entry: { resource: Resource }[];
}
export interface ScreeningDocument {
  asOf: string;
  bundle: Bundle;
  answers: Record<string, unknown>;
}

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const SNOMED = 'http://snomed.info/sct';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const ATC = 'http://www.whocc.no/atc';

const coded = (system: string, code: string) => ({ coding: [{ system, code }] });

export function quantity(
  loinc: string,
  value: number,
  unit: string,
  date: string,
  high?: number,
  comparator?: string,
) {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: coded(LOINC, loinc),
    effectiveDateTime: date,
    valueQuantity: { value, unit, system: UCUM, code: unit, ...(comparator ? { comparator } : {}) },
    ...(high === undefined
      ? {}
      : { referenceRange: [{ high: { value: high, unit, system: UCUM, code: unit } }] }),
  };
}

export function qualitative(loinc: string, result: 'positive' | 'negative', date: string) {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: coded(LOINC, loinc),
    effectiveDateTime: date,
    valueCodeableConcept: coded(SNOMED, result === 'positive' ? '10828004' : '260385009'),
  };
}

export function condition(
  icd10: string,
  options: { clinical?: string; verification?: string; onset?: string; abatement?: string } = {},
) {
  return {
    resourceType: 'Condition',
    clinicalStatus: coded(
      'http://terminology.hl7.org/CodeSystem/condition-clinical',
      options.clinical ?? 'active',
    ),
    verificationStatus: coded(
      'http://terminology.hl7.org/CodeSystem/condition-ver-status',
      options.verification ?? 'confirmed',
    ),
    code: coded(ICD10, icd10),
    ...(options.onset ? { onsetDateTime: options.onset } : {}),
    ...(options.abatement ? { abatementDateTime: options.abatement } : {}),
  };
}

export function medication(atc: string, start: string, end?: string) {
  return {
    resourceType: 'MedicationStatement',
    status: end ? 'completed' : 'active',
    medicationCodeableConcept: coded(ATC, atc),
    effectivePeriod: { start, ...(end ? { end } : {}) },
  };
}

export function allergy(atc: string, options: { criticality?: string; clinical?: string } = {}) {
  return {
    resourceType: 'AllergyIntolerance',
    code: coded(ATC, atc),
    criticality: options.criticality ?? 'low',
    ...(options.clinical
      ? {
          clinicalStatus: coded(
            'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            options.clinical,
          ),
        }
      : {}),
  };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

function hasCode(resource: Resource, code: string): boolean {
  const concept = (resource.code ?? resource.medicationCodeableConcept) as
    | { coding?: { code?: string }[] }
    | undefined;
  return concept?.coding?.some((c) => c.code === code) ?? false;
}

/** Resources of a bundle whose code (or medication code) is `code`. */
export function entriesWithCode(doc: ScreeningDocument, code: string): Resource[] {
  return doc.bundle.entry.map((e) => e.resource).filter((r) => hasCode(r, code));
}

export function withoutCode(doc: ScreeningDocument, code: string): ScreeningDocument {
  const next = clone(doc);
  next.bundle.entry = next.bundle.entry.filter((e) => !hasCode(e.resource, code));
  return next;
}

export function adding(doc: ScreeningDocument, ...resources: Record<string, unknown>[]): ScreeningDocument {
  const next = clone(doc);
  for (const r of resources) next.bundle.entry.push({ resource: r as Resource });
  return next;
}

/** Replaces the valueQuantity (value and unit) of every observation with this code. */
export function withValue(
  doc: ScreeningDocument,
  code: string,
  value: number,
  unit?: string,
): ScreeningDocument {
  const next = clone(doc);
  for (const r of entriesWithCode(next, code)) {
    const q = r.valueQuantity as { value: number; unit: string; code: string };
    q.value = value;
    if (unit) {
      q.unit = unit;
      q.code = unit;
    }
  }
  return next;
}

export function answering(doc: ScreeningDocument, answers: Record<string, unknown>): ScreeningDocument {
  const next = clone(doc);
  next.answers = { ...next.answers, ...answers };
  for (const [k, v] of Object.entries(answers)) if (v === undefined) delete next.answers[k];
  return next;
}

export function patch(doc: ScreeningDocument, change: (doc: ScreeningDocument) => void): ScreeningDocument {
  const next = clone(doc);
  change(next);
  return next;
}

export function patient(doc: ScreeningDocument): Resource {
  const p = doc.bundle.entry.find((e) => e.resource.resourceType === 'Patient');
  if (!p) throw new Error('example without a Patient');
  return p.resource;
}
