import { z } from 'zod';
import { ROUTE_WORDS } from '../codes/routes';
import { DAY_ONLY, dayFromIso, MOMENT_KNOWN, NO_OFFSET, parseDate, readMoment } from '../time/dates';

const DATE_SHAPE = /^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * The generic shapes of patient facts, one per kind of data element. A protocol's own input
 * schema (`facts/schema.ts`) picks one of these for each of its declared elements.
 *
 * Dates may be partial (`1990`, `1990-05`) and keep that precision; date-times are cut to the day.
 */
export const PartialDate = z
  .string()
  .regex(DATE_SHAPE, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD')
  // `2025-02-30` has the shape but is no day: refused here, not read one way by one path and
  // another way by the other.
  .refine((text) => !DATE_SHAPE.test(text) || parseDate(text) !== undefined, 'not a calendar date')
  .describe('A date: YYYY, YYYY-MM or YYYY-MM-DD (a time part is ignored).');

export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a full date YYYY-MM-DD')
  .refine(
    (text) => !/^\d{4}-\d{2}-\d{2}$/.test(text) || !Number.isNaN(dayFromIso(text)),
    'not a calendar date',
  )
  .describe('A full calendar date YYYY-MM-DD.');

/**
 * A date question's answer: a day, or a moment on it, a time of day with its UTC offset. Hour
 * windows count back from the moment; a day alone is every moment of that day.
 */
export const DateAnswer = z
  .string()
  .superRefine((text, ctx) => {
    const read = readMoment(text);
    if (read === NO_OFFSET)
      ctx.addIssue({
        code: 'custom',
        message: 'a time of day needs its UTC offset: YYYY-MM-DDThh:mm:ss+hh:mm (or Z)',
      });
    else if (read === DAY_ONLY ? text.length !== 10 : read !== MOMENT_KNOWN)
      ctx.addIssue({
        code: 'custom',
        message:
          'expected a date YYYY-MM-DD, or a date and time with its UTC offset YYYY-MM-DDThh:mm:ss+hh:mm',
      });
  })
  .describe(
    'A full calendar date YYYY-MM-DD, or a date and time with its UTC offset (YYYY-MM-DDThh:mm:ss+hh:mm or Z).',
  );

export const Sex = z.enum(['male', 'female', 'other', 'unknown']);

export const Comparator = z.enum(['<', '<=', '>=', '>']);

/** A code of a record's coded field (a body site, a reason, what a reference range applies to): the system by its URI. */
export const Coding = z
  .object({
    system: z.string(),
    code: z.string(),
    display: z.string().optional(),
  })
  .strict();

export const ReferenceRange = z
  .object({
    low: z.number().optional(),
    high: z.number().optional(),
    /** Unit of low/high when it differs from the value's unit. */
    unit: z.string().optional(),
    /** Whom it applies to (Observation.referenceRange.appliesTo): read by labs declared with `range for …`. */
    appliesTo: z.array(Coding).optional(),
  })
  .strict();

/** One lab or test result: a number with a UCUM unit, or a coded result such as `positive`. */
export const Measurement = z
  .object({
    value: z.number().optional(),
    unit: z.string().optional(),
    comparator: Comparator.optional(),
    code: z.string().optional(),
    date: PartialDate.optional(),
    referenceRange: ReferenceRange.optional(),
  })
  .strict()
  .refine((m) => (m.value === undefined) !== (m.code === undefined), {
    message: 'a result has either a value (with its unit) or a code, not both',
  });

export const ClinicalStatus = z.enum([
  'active',
  'recurrence',
  'relapse',
  'inactive',
  'remission',
  'resolved',
]);
export const VerificationStatus = z.enum([
  'confirmed',
  'provisional',
  'differential',
  'unconfirmed',
  'refuted',
  'entered-in-error',
]);

/**
 * What every record says of its own code: the coding that matched (for explanations, with the
 * source's display text), or that none of its codes is in a code system the protocol's bindings of
 * its kind use. Such an `unclassified` record may or may not be the element's: it can never make
 * a record rule true, and it keeps a complete history from reading as "no record".
 */
const recordCoding = {
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
  unclassified: z.literal(true).optional(),
};

export const ConditionRecord = z
  .object({
    ...recordCoding,
    clinicalStatus: ClinicalStatus.default('active'),
    verificationStatus: VerificationStatus.default('confirmed'),
    onset: PartialDate.optional(),
    abatement: PartialDate.optional(),
    /** Absent: not recorded, so `C severe` may or may not hold. */
    severity: z.enum(['mild', 'moderate', 'severe']).optional(),
  })
  .strict();

/** A route of administration, by its word (codes/routes.ts maps SNOMED CT route codes to these). */
export const Route = z.enum(ROUTE_WORDS);

/** An amount of a drug with its UCUM unit: `{ value: 500, unit: 'mg' }`, `{ value: 1.5, unit: 'g/d' }`. */
export const DoseQuantity = z
  .object({
    value: z.number().nonnegative(),
    unit: z.string(),
  })
  .strict();

export const Exposure = z
  .object({
    ...recordCoding,
    start: PartialDate.optional(),
    /** Absent: ongoing up to the screening date. */
    end: PartialDate.optional(),
    /** Absent: not known, so the record may or may not be of the routes an element asks for. */
    route: Route.optional(),
    /** One dose, a mass (`mg`, `g`, `ug`). */
    dose: DoseQuantity.optional(),
    /** How many doses a day (0.5: every other day; 1/7: weekly). */
    perDay: z.number().positive().optional(),
    /** The dose per day, a mass per time (`mg/d`); taken before `dose` × `perDay` when both are given. */
    dailyDose: DoseQuantity.optional(),
    /** Why it was given (MedicationRequest/Statement reasonCode, or the Condition a reasonReference names). Absent: not stated. */
    reason: z.array(Coding).optional(),
  })
  .strict();

export const ProcedureRecord = z
  .object({
    ...recordCoding,
    /** When it was done, or began (a course of radiotherapy). */
    date: PartialDate.optional(),
    /** The last day of a procedure performed over a period. */
    end: PartialDate.optional(),
    /** Under way on the screening date: it runs to that day and may go on. */
    inProgress: z.literal(true).optional(),
    /** Where on the body (Procedure.bodySite). Absent: not stated, so it may or may not be of the sites an element asks for. */
    bodySite: z.array(Coding).optional(),
  })
  .strict();

export const Criticality = z.enum(['low', 'high', 'unable-to-assess']);
export const ReactionSeverity = z.enum(['mild', 'moderate', 'severe']);

export const AllergyRecord = z
  .object({
    ...recordCoding,
    criticality: Criticality.optional(),
    severity: ReactionSeverity.optional(),
  })
  .strict();

/**
 * What kind of encounter: the classes of HL7 v3 ActEncounterCode (the values of FHIR R4's
 * `Encounter.class`), by name. IMP, ACUTE and NONAC are all `inpatient`; docs/fhir.md has the map.
 */
export const EncounterClass = z.enum([
  'inpatient',
  'emergency',
  'ambulatory',
  'observation',
  'short_stay',
  'preadmission',
  'home',
  'field',
  'virtual',
]);

/** FHIR R4's Encounter.status. Planned, cancelled and entered-in-error encounters never count. */
export const EncounterStatus = z.enum([
  'planned',
  'arrived',
  'triaged',
  'in-progress',
  'onleave',
  'finished',
  'cancelled',
  'entered-in-error',
  'unknown',
]);

/** A hospital stay, an emergency visit, any encounter: a period with its class and status. */
export const EncounterRecord = z
  .object({
    ...recordCoding,
    start: PartialDate.optional(),
    /** Absent: under way at the screening date, unless the status is `finished` (then it ended by that date, when is not known). */
    end: PartialDate.optional(),
    /** Absent: not known, so the record may or may not be of the classes an element asks for. */
    class: EncounterClass.optional(),
    status: EncounterStatus.optional(),
  })
  .strict();

/** `true`/`false` is shorthand for "one confirmed, active record" / "no record". */
export const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]);
export const recordsOrBoolean = <T extends z.ZodType>(item: T) => z.union([z.boolean(), z.array(item)]);

export type PartialDate = z.infer<typeof PartialDate>;
export type Sex = z.infer<typeof Sex>;
export type Comparator = z.infer<typeof Comparator>;
export type Measurement = z.infer<typeof Measurement>;
export type Coding = z.infer<typeof Coding>;
export type ConditionRecord = z.infer<typeof ConditionRecord>;
export type ClinicalStatus = z.infer<typeof ClinicalStatus>;
export type VerificationStatus = z.infer<typeof VerificationStatus>;
export type Exposure = z.infer<typeof Exposure>;
export type Route = z.infer<typeof Route>;
export type DoseQuantity = z.infer<typeof DoseQuantity>;
export type ProcedureRecord = z.infer<typeof ProcedureRecord>;
export type AllergyRecord = z.infer<typeof AllergyRecord>;
export type EncounterClass = z.infer<typeof EncounterClass>;
export type EncounterStatus = z.infer<typeof EncounterStatus>;
export type EncounterRecord = z.infer<typeof EncounterRecord>;

/** The facts of one patient, keyed by element id. Missing keys are unknown (or absent, for closed-world record kinds). */
export type FactValue =
  | string
  | Measurement
  | Measurement[]
  | boolean
  | ConditionRecord[]
  | Exposure[]
  | ProcedureRecord[]
  | AllergyRecord[]
  | EncounterRecord[];
export type Facts = Record<string, FactValue | undefined>;

export type AnswerValue = boolean | number | string;
export type Answers = Record<string, AnswerValue | null | undefined>;

/** One screening's input, as the CLI and the API take it (with `bundle` handled by @eligo/fhir). */
export const ScreeningInput = z
  .object({
    asOf: Day,
    facts: z.record(z.string(), z.unknown()).default({}),
    answers: z.record(z.string(), z.union([z.boolean(), z.number(), z.string(), z.null()])).default({}),
  })
  .strict();
export type ScreeningInput = {
  asOf: string;
  facts?: Facts;
  answers?: Answers;
};
