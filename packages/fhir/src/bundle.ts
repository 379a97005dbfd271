import type { z } from 'zod';
import { isFhirDateTime } from './dates';
import { type InputError, validate } from './issues';
import {
  array,
  boolean,
  integer,
  literal,
  loose,
  number,
  oneOf,
  optional,
  refinedObject,
  refinedString,
  type Shape,
  string,
} from './shape';

/**
 * The parts of FHIR R4 resources that Eligo reads, validated; everything else passes through
 * unread. Statuses and other codes with required bindings in R4 must be one of their codes, so
 * a typo is reported rather than silently read as "not counted".
 */

const DateTime = refinedString(
  isFhirDateTime,
  'expected a FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)',
);

const Coding = loose({
  system: optional(string),
  code: optional(string),
  display: optional(string),
});
const CodeableConcept = loose({ coding: optional(array(Coding)), text: optional(string) });
const Quantity = loose({
  value: optional(number),
  comparator: optional(oneOf(['<', '<=', '>=', '>'])),
  unit: optional(string),
  system: optional(string),
  code: optional(string),
});
const Period = loose({ start: optional(DateTime), end: optional(DateTime) });
const Identifier = loose({ system: optional(string), value: optional(string) });
const Reference = loose({ reference: optional(string), identifier: optional(Identifier) });

export const Patient = loose({
  resourceType: literal('Patient'),
  id: optional(string),
  identifier: optional(array(Identifier)),
  birthDate: optional(DateTime),
  gender: optional(oneOf(['male', 'female', 'other', 'unknown'])),
});

export const Observation = loose({
  resourceType: literal('Observation'),
  status: optional(
    oneOf([
      'registered',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'cancelled',
      'entered-in-error',
      'unknown',
    ]),
  ),
  subject: optional(Reference),
  code: CodeableConcept,
  effectiveDateTime: optional(DateTime),
  effectivePeriod: optional(Period),
  effectiveInstant: optional(DateTime),
  issued: optional(DateTime),
  valueQuantity: optional(Quantity),
  valueCodeableConcept: optional(CodeableConcept),
  valueString: optional(string),
  valueInteger: optional(integer),
  valueBoolean: optional(boolean),
  dataAbsentReason: optional(CodeableConcept),
  method: optional(CodeableConcept),
  referenceRange: optional(
    array(
      loose({
        low: optional(Quantity),
        high: optional(Quantity),
        appliesTo: optional(array(CodeableConcept)),
      }),
    ),
  ),
});

/** Read only as a record that a procedure was done (an imaging report); its results are Observations. */
export const DiagnosticReport = loose({
  resourceType: literal('DiagnosticReport'),
  status: optional(
    oneOf([
      'registered',
      'partial',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'appended',
      'cancelled',
      'entered-in-error',
      'unknown',
    ]),
  ),
  subject: optional(Reference),
  code: CodeableConcept,
  effectiveDateTime: optional(DateTime),
  effectivePeriod: optional(Period),
  issued: optional(DateTime),
});

export const Condition = loose({
  resourceType: literal('Condition'),
  /** For an Encounter's diagnosis to name it. */
  id: optional(string),
  subject: optional(Reference),
  clinicalStatus: optional(CodeableConcept),
  verificationStatus: optional(CodeableConcept),
  code: optional(CodeableConcept),
  onsetDateTime: optional(DateTime),
  onsetPeriod: optional(Period),
  abatementDateTime: optional(DateTime),
  abatementPeriod: optional(Period),
  recordedDate: optional(DateTime),
  severity: optional(CodeableConcept),
});

export const Medication = loose({
  resourceType: literal('Medication'),
  id: optional(string),
  code: optional(CodeableConcept),
});

/** Contained resources are read only when they are Medications; others pass unchecked. */
const Contained = optional(array(loose({ resourceType: string, id: optional(string) })));

/** FHIR R4 Timing: how often a dose is taken (`repeat`), or a common schedule by code (BID, TID …). */
const Timing = loose({
  repeat: optional(
    loose({
      frequency: optional(integer),
      frequencyMax: optional(integer),
      period: optional(number),
      periodMax: optional(number),
      periodUnit: optional(oneOf(['s', 'min', 'h', 'd', 'wk', 'mo', 'a'])),
      timeOfDay: optional(array(string)),
      when: optional(array(string)),
    }),
  ),
  code: optional(CodeableConcept),
});

/** FHIR R4 Dosage, the parts that say a dose, how often and by which route. */
const Dosage = loose({
  sequence: optional(integer),
  timing: optional(Timing),
  asNeededBoolean: optional(boolean),
  route: optional(CodeableConcept),
  doseAndRate: optional(array(loose({ type: optional(CodeableConcept), doseQuantity: optional(Quantity) }))),
});

const medicationFields = {
  subject: optional(Reference),
  medicationCodeableConcept: optional(CodeableConcept),
  medicationReference: optional(Reference),
  contained: Contained,
  reasonCode: optional(array(CodeableConcept)),
  reasonReference: optional(array(Reference)),
};

const requiresMedication = <Z extends z.ZodType>(inner: Shape<Z>) =>
  refinedObject(
    inner,
    (r) => {
      const use = r as { medicationCodeableConcept?: unknown; medicationReference?: unknown };
      return use.medicationCodeableConcept !== undefined || use.medicationReference !== undefined;
    },
    {
      path: ['medicationCodeableConcept'],
      message: 'required: a medicationCodeableConcept or a medicationReference',
    },
  );

export const MedicationStatement = requiresMedication(
  loose({
    resourceType: literal('MedicationStatement'),
    status: optional(
      oneOf([
        'active',
        'completed',
        'entered-in-error',
        'intended',
        'stopped',
        'on-hold',
        'unknown',
        'not-taken',
      ]),
    ),
    ...medicationFields,
    effectiveDateTime: optional(DateTime),
    effectivePeriod: optional(Period),
    dateAsserted: optional(DateTime),
    dosage: optional(array(Dosage)),
  }),
);

export const MedicationRequest = requiresMedication(
  loose({
    resourceType: literal('MedicationRequest'),
    status: optional(
      oneOf([
        'active',
        'on-hold',
        'cancelled',
        'completed',
        'entered-in-error',
        'stopped',
        'draft',
        'unknown',
      ]),
    ),
    ...medicationFields,
    authoredOn: optional(DateTime),
    dispenseRequest: optional(loose({ validityPeriod: optional(Period) })),
    dosageInstruction: optional(array(Dosage)),
  }),
);

export const MedicationAdministration = requiresMedication(
  loose({
    resourceType: literal('MedicationAdministration'),
    status: optional(
      oneOf(['in-progress', 'not-done', 'on-hold', 'completed', 'entered-in-error', 'stopped', 'unknown']),
    ),
    ...medicationFields,
    effectiveDateTime: optional(DateTime),
    effectivePeriod: optional(Period),
    dosage: optional(loose({ route: optional(CodeableConcept), dose: optional(Quantity) })),
  }),
);

export const Procedure = loose({
  resourceType: literal('Procedure'),
  subject: optional(Reference),
  status: optional(
    oneOf([
      'preparation',
      'in-progress',
      'not-done',
      'on-hold',
      'stopped',
      'completed',
      'entered-in-error',
      'unknown',
    ]),
  ),
  code: optional(CodeableConcept),
  performedDateTime: optional(DateTime),
  performedPeriod: optional(Period),
  bodySite: optional(array(CodeableConcept)),
});

export const AllergyIntolerance = loose({
  resourceType: literal('AllergyIntolerance'),
  patient: optional(Reference),
  clinicalStatus: optional(CodeableConcept),
  verificationStatus: optional(CodeableConcept),
  code: optional(CodeableConcept),
  criticality: optional(oneOf(['low', 'high', 'unable-to-assess'])),
  onsetDateTime: optional(DateTime),
  recordedDate: optional(DateTime),
  reaction: optional(
    array(
      loose({
        substance: optional(CodeableConcept),
        severity: optional(oneOf(['mild', 'moderate', 'severe'])),
      }),
    ),
  ),
});

export const Encounter = loose({
  resourceType: literal('Encounter'),
  subject: optional(Reference),
  status: optional(
    oneOf([
      'planned',
      'arrived',
      'triaged',
      'in-progress',
      'onleave',
      'finished',
      'cancelled',
      'entered-in-error',
      'unknown',
    ]),
  ),
  class: optional(Coding),
  type: optional(array(CodeableConcept)),
  reasonCode: optional(array(CodeableConcept)),
  diagnosis: optional(array(loose({ condition: optional(Reference) }))),
  period: optional(Period),
});

/** A vaccine given (or not): read as a medication exposure on its day (read/immunization.ts). */
export const Immunization = loose({
  resourceType: literal('Immunization'),
  patient: optional(Reference),
  status: optional(oneOf(['completed', 'entered-in-error', 'not-done'])),
  vaccineCode: optional(CodeableConcept),
  occurrenceDateTime: optional(DateTime),
  occurrenceString: optional(string),
});

const schemas = {
  Patient,
  Observation,
  DiagnosticReport,
  Condition,
  Medication,
  MedicationStatement,
  MedicationRequest,
  MedicationAdministration,
  Procedure,
  AllergyIntolerance,
  Encounter,
  Immunization,
} as const;

type Of<S extends Shape> = z.infer<S['zod']>;
export type Coding = Of<typeof Coding>;
export type CodeableConcept = Of<typeof CodeableConcept>;
export type Quantity = Of<typeof Quantity>;
export type Period = Of<typeof Period>;
export type Dosage = Of<typeof Dosage>;
export type Patient = Of<typeof Patient>;
export type Observation = Of<typeof Observation>;
export type DiagnosticReport = Of<typeof DiagnosticReport>;
export type Condition = Of<typeof Condition>;
export type Medication = Of<typeof Medication>;
export type MedicationStatement = Of<typeof MedicationStatement>;
export type MedicationRequest = Of<typeof MedicationRequest>;
export type MedicationAdministration = Of<typeof MedicationAdministration>;
export type Procedure = Of<typeof Procedure>;
export type AllergyIntolerance = Of<typeof AllergyIntolerance>;
export type Encounter = Of<typeof Encounter>;
export type Immunization = Of<typeof Immunization>;
export type Reference = Of<typeof Reference>;
export type ReadResource = {
  [K in keyof typeof schemas]: Of<(typeof schemas)[K]>;
}[keyof typeof schemas];

/** One resource Eligo reads, with its place in the bundle for paths in errors and warnings. */
export interface Entry<R = ReadResource> {
  readonly index: number;
  readonly fullUrl: string | undefined;
  /** `bundle.entry[3].resource` */
  readonly path: string;
  readonly resource: R;
}

const BundleShape = loose({
  resourceType: literal('Bundle'),
  entry: optional(
    array(
      loose({
        fullUrl: optional(string),
        resource: optional(loose({ resourceType: string })),
      }),
    ),
  ),
});

/**
 * Validates a Bundle's shape: the bundle itself, then each resource of a type Eligo reads
 * against its own schema, so every error names its entry and field. Resources of other types
 * and entries without a resource are skipped. Never throws.
 */
export function parseBundle(
  raw: unknown,
): { ok: true; entries: Entry[] } | { ok: false; errors: InputError[] } {
  const shape = validate(BundleShape, raw, 'bundle');
  if (!shape.ok) return shape;
  const entries: Entry[] = [];
  const errors: InputError[] = [];
  for (const [index, entry] of (shape.value.entry ?? []).entries()) {
    const resource = entry.resource;
    if (resource === undefined || !Object.hasOwn(schemas, resource.resourceType)) continue;
    const path = `bundle.entry[${index}].resource`;
    const schema: Shape = schemas[resource.resourceType as keyof typeof schemas];
    const parsed = validate(schema, resource, path);
    if (parsed.ok)
      entries.push({ index, fullUrl: entry.fullUrl, path, resource: parsed.value as ReadResource });
    else errors.push(...parsed.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}
