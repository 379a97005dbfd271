import { z } from 'zod';
import { isFhirDateTime } from './dates';
import { type InputError, validate } from './issues';

/**
 * The parts of FHIR R4 resources that Eligo reads, validated; everything else passes through
 * unread. Statuses and other codes with required bindings in R4 must be one of their codes, so
 * a typo is reported rather than silently read as "not counted".
 */

const DateTime = z.string().refine(isFhirDateTime, {
  message: 'expected a FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)',
});

const Coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const CodeableConcept = z.looseObject({ coding: z.array(Coding).optional(), text: z.string().optional() });
const Quantity = z.looseObject({
  value: z.number().optional(),
  comparator: z.enum(['<', '<=', '>=', '>']).optional(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});
const Period = z.looseObject({ start: DateTime.optional(), end: DateTime.optional() });
const Reference = z.looseObject({ reference: z.string().optional() });

export const Patient = z.looseObject({
  resourceType: z.literal('Patient'),
  birthDate: DateTime.optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
});

export const Observation = z.looseObject({
  resourceType: z.literal('Observation'),
  status: z
    .enum([
      'registered',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'cancelled',
      'entered-in-error',
      'unknown',
    ])
    .optional(),
  code: CodeableConcept,
  effectiveDateTime: DateTime.optional(),
  effectivePeriod: Period.optional(),
  effectiveInstant: DateTime.optional(),
  issued: DateTime.optional(),
  valueQuantity: Quantity.optional(),
  valueCodeableConcept: CodeableConcept.optional(),
  valueString: z.string().optional(),
  referenceRange: z.array(z.looseObject({ low: Quantity.optional(), high: Quantity.optional() })).optional(),
});

export const Condition = z.looseObject({
  resourceType: z.literal('Condition'),
  clinicalStatus: CodeableConcept.optional(),
  verificationStatus: CodeableConcept.optional(),
  code: CodeableConcept.optional(),
  onsetDateTime: DateTime.optional(),
  onsetPeriod: Period.optional(),
  abatementDateTime: DateTime.optional(),
  abatementPeriod: Period.optional(),
  recordedDate: DateTime.optional(),
});

export const Medication = z.looseObject({
  resourceType: z.literal('Medication'),
  id: z.string().optional(),
  code: CodeableConcept.optional(),
});

/** Contained resources are read only when they are Medications; others pass unchecked. */
const Contained = z.array(z.looseObject({ resourceType: z.string(), id: z.string().optional() })).optional();

const medicationFields = {
  medicationCodeableConcept: CodeableConcept.optional(),
  medicationReference: Reference.optional(),
  contained: Contained,
};

const requireMedication = (
  r: { medicationCodeableConcept?: unknown; medicationReference?: unknown },
  ctx: z.core.$RefinementCtx,
) => {
  if (r.medicationCodeableConcept === undefined && r.medicationReference === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['medicationCodeableConcept'],
      message: 'required: a medicationCodeableConcept or a medicationReference',
    });
  }
};

export const MedicationStatement = z
  .looseObject({
    resourceType: z.literal('MedicationStatement'),
    status: z
      .enum([
        'active',
        'completed',
        'entered-in-error',
        'intended',
        'stopped',
        'on-hold',
        'unknown',
        'not-taken',
      ])
      .optional(),
    ...medicationFields,
    effectiveDateTime: DateTime.optional(),
    effectivePeriod: Period.optional(),
    dateAsserted: DateTime.optional(),
  })
  .superRefine(requireMedication);

export const MedicationRequest = z
  .looseObject({
    resourceType: z.literal('MedicationRequest'),
    status: z
      .enum([
        'active',
        'on-hold',
        'cancelled',
        'completed',
        'entered-in-error',
        'stopped',
        'draft',
        'unknown',
      ])
      .optional(),
    ...medicationFields,
    authoredOn: DateTime.optional(),
    dispenseRequest: z.looseObject({ validityPeriod: Period.optional() }).optional(),
  })
  .superRefine(requireMedication);

export const MedicationAdministration = z
  .looseObject({
    resourceType: z.literal('MedicationAdministration'),
    status: z
      .enum(['in-progress', 'not-done', 'on-hold', 'completed', 'entered-in-error', 'stopped', 'unknown'])
      .optional(),
    ...medicationFields,
    effectiveDateTime: DateTime.optional(),
    effectivePeriod: Period.optional(),
  })
  .superRefine(requireMedication);

export const Procedure = z.looseObject({
  resourceType: z.literal('Procedure'),
  status: z
    .enum([
      'preparation',
      'in-progress',
      'not-done',
      'on-hold',
      'stopped',
      'completed',
      'entered-in-error',
      'unknown',
    ])
    .optional(),
  code: CodeableConcept.optional(),
  performedDateTime: DateTime.optional(),
  performedPeriod: Period.optional(),
});

export const AllergyIntolerance = z.looseObject({
  resourceType: z.literal('AllergyIntolerance'),
  clinicalStatus: CodeableConcept.optional(),
  verificationStatus: CodeableConcept.optional(),
  code: CodeableConcept.optional(),
  criticality: z.enum(['low', 'high', 'unable-to-assess']).optional(),
  onsetDateTime: DateTime.optional(),
  recordedDate: DateTime.optional(),
  reaction: z
    .array(
      z.looseObject({
        substance: CodeableConcept.optional(),
        severity: z.enum(['mild', 'moderate', 'severe']).optional(),
      }),
    )
    .optional(),
});

const schemas = {
  Patient,
  Observation,
  Condition,
  Medication,
  MedicationStatement,
  MedicationRequest,
  MedicationAdministration,
  Procedure,
  AllergyIntolerance,
} as const;

export type Coding = z.infer<typeof Coding>;
export type CodeableConcept = z.infer<typeof CodeableConcept>;
export type Quantity = z.infer<typeof Quantity>;
export type Period = z.infer<typeof Period>;
export type Patient = z.infer<typeof Patient>;
export type Observation = z.infer<typeof Observation>;
export type Condition = z.infer<typeof Condition>;
export type Medication = z.infer<typeof Medication>;
export type MedicationStatement = z.infer<typeof MedicationStatement>;
export type MedicationRequest = z.infer<typeof MedicationRequest>;
export type MedicationAdministration = z.infer<typeof MedicationAdministration>;
export type Procedure = z.infer<typeof Procedure>;
export type AllergyIntolerance = z.infer<typeof AllergyIntolerance>;
export type ReadResource = {
  [K in keyof typeof schemas]: z.infer<(typeof schemas)[K]>;
}[keyof typeof schemas];

/** One resource Eligo reads, with its place in the bundle for paths in errors and warnings. */
export interface Entry<R = ReadResource> {
  readonly index: number;
  readonly fullUrl: string | undefined;
  /** `bundle.entry[3].resource` */
  readonly path: string;
  readonly resource: R;
}

const BundleShape = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z.looseObject({ resourceType: z.string() }).optional(),
      }),
    )
    .optional(),
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
    const schema = schemas[resource.resourceType as keyof typeof schemas];
    const parsed = validate(schema, resource, path);
    if (parsed.ok)
      entries.push({ index, fullUrl: entry.fullUrl, path, resource: parsed.value as ReadResource });
    else errors.push(...parsed.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}
