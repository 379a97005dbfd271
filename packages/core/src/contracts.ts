import { z } from 'zod';
import type { LocatedDiagnostic } from './diagnostics/diagnostic';
import { ELEMENT_KINDS, type ProtocolInfo } from './protocol';
import type { CompactScreening } from './screen/compact';
import type { TrialMatch } from './screen/matches';
import type { Screening, Trace } from './screen/types';

/**
 * zod schemas of what core hands across a boundary (the API's responses, the CLI's JSON, the web
 * app's state): a screening, a protocol's description and its diagnostics. Inputs have theirs in
 * facts/shapes.ts and facts/schema.ts. `contracts.test.ts` keeps them in step with the types.
 */

export const StatusSchema = z.enum(['met', 'not_met', 'unknown']);
export const VerdictSchema = z.enum(['eligible', 'ineligible', 'undetermined']);

export const TraceSchema: z.ZodType<Trace> = z.lazy(() =>
  z.object({
    text: z.string(),
    status: StatusSchema,
    elements: z.array(z.string()).optional(),
    date: z.string().optional(),
    children: z.array(TraceSchema).optional(),
  }),
);

export const InputWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  element: z.string().optional(),
});

export const CriterionResultSchema = z.object({
  id: z.string(),
  kind: z.enum(['inclusion', 'exclusion']),
  title: z.string().optional(),
  source: z.string().optional().describe("The protocol's verbatim sentence"),
  status: StatusSchema,
  explanation: z.string().describe('One line a person can read: what decided the status'),
  /** Omitted where a consumer asked for explanations only (the API's default). */
  trace: TraceSchema.optional().describe('Every step of the reasoning'),
  missing: z.array(z.string()).describe('When unknown: the data elements that would decide it'),
});

export const CohortResultSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  verdict: VerdictSchema,
  criteria: z.array(CriterionResultSchema),
  missing: z.array(z.string()),
  questions: z.array(z.object({ id: z.string(), text: z.string() })),
});

export const ScreeningSchema = z.object({
  protocol: z.object({ id: z.string(), version: z.string().optional(), hash: z.string() }),
  asOf: z.string(),
  cohorts: z.array(CohortResultSchema),
  warnings: z.array(InputWarningSchema),
});

/**
 * A screening without text (`compactScreening`): what `eligo screen --ndjson` streams and what the
 * API answers by default. Titles and sources are the protocol's, in `ProtocolInfoSchema`.
 */
export const CompactCohortSchema = z.object({
  id: z.string(),
  verdict: VerdictSchema,
  criteria: z
    .record(z.string(), StatusSchema)
    .describe("Each criterion's status by criterion id, headings included, in the cohort's order"),
  missing: z
    .record(z.string(), z.array(z.string()))
    .describe('For each unknown criterion that data would decide: the data elements that would'),
});

export const CompactScreeningSchema = z.object({
  protocol: ScreeningSchema.shape.protocol,
  asOf: z.string(),
  cohorts: z.array(CompactCohortSchema),
  warnings: z.array(InputWarningSchema),
});

/** One cohort of one trial ranked for a patient (`rankMatches`). */
export const TrialMatchSchema = z.object({
  protocol: z.object({ id: z.string(), title: z.string().optional(), version: z.string().optional() }),
  cohort: z.object({ id: z.string(), label: z.string().optional() }),
  verdict: VerdictSchema,
  missing: z
    .array(z.object({ id: z.string(), label: z.string() }))
    .describe('When undetermined: the data elements and questions that would decide it'),
  failed: z
    .array(z.object({ id: z.string(), title: z.string().optional(), explanation: z.string() }))
    .describe('When ineligible: the inclusions not met and the exclusions met'),
});

const LocationSchema = z.object({ line: z.number().int(), column: z.number().int() });
const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });

export const DiagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  source: z.string(),
  start: LocationSchema.optional(),
  end: LocationSchema.optional(),
  span: SpanSchema.optional().describe('UTF-16 offsets into the text'),
  label: z.string().optional(),
  hint: z.string().optional(),
  related: z.array(z.object({ message: z.string(), span: SpanSchema })).optional(),
});

const CodePatternSchema = z.object({
  system: z.string(),
  code: z.string(),
  match: z.enum(['exact', 'prefix', 'range']),
  to: z.string().optional(),
});

export const ElementInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  lay: z
    .string()
    .optional()
    .describe('The element put to the person it is about, in plain words, where the protocol gives it'),
  kind: z.enum(ELEMENT_KINDS),
  patientField: z.enum(['birthDate', 'gender']).optional(),
  unit: z.string().optional(),
  molarMass: z.number().optional(),
  values: z.array(z.string()).optional(),
  valueCodes: z
    .array(z.object({ value: z.string(), system: z.string(), code: z.string() }))
    .optional()
    .describe(
      'Codes a coded result may carry, each with the value (a word, or a number for a lab) it reads as',
    ),
  binding: z
    .object({ any: z.boolean(), include: z.array(CodePatternSchema), exclude: z.array(CodePatternSchema) })
    .optional(),
  method: z
    .object({ any: z.boolean(), include: z.array(CodePatternSchema), exclude: z.array(CodePatternSchema) })
    .optional()
    .describe("For a lab or test: the codes a result's method (Observation.method) must have; absent, any"),
  classes: z.array(z.string()).optional().describe('Encounter classes the element takes; absent, any'),
  routes: z.array(z.string()).optional().describe('Routes of administration a medication takes; absent, any'),
  rangeFor: z
    .object({ except: z.boolean(), codes: z.array(CodePatternSchema) })
    .optional()
    .describe('What the reference range a lab reads its limits from must apply to; absent, any'),
  sites: z
    .object({ except: z.boolean(), codes: z.array(CodePatternSchema) })
    .optional()
    .describe("Body sites a procedure's records must have (or, with except, must not); absent, any"),
  reasons: z
    .object({ except: z.boolean(), codes: z.array(CodePatternSchema) })
    .optional()
    .describe("Conditions a medication's exposures must be given for; absent, any"),
  answer: z
    .object({
      type: z.enum(['boolean', 'count', 'score', 'number', 'date', 'code']),
      min: z.number().optional(),
      max: z.number().optional(),
      unit: z.string().optional(),
      values: z.array(z.string()).optional(),
    })
    .optional(),
  closedWorld: z.boolean(),
  usedBy: z.array(z.string()),
});

export const CriterionInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(['inclusion', 'exclusion']),
  title: z.string().optional(),
  source: z.string().optional(),
  heading: z.boolean().describe('Decided by its sub-criteria'),
  elements: z.array(z.string()).describe('Data elements and questions it depends on'),
});

export const ProtocolInfoSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  version: z.string().optional(),
  screeningPeriod: z.object({ amount: z.number(), unit: z.string() }).optional(),
  hash: z.string(),
  complete: z.array(z.enum(['condition', 'medication', 'procedure', 'allergy', 'encounter'])),
  elements: z.array(ElementInfoSchema),
  cohorts: z.array(
    z.object({ id: z.string(), label: z.string().optional(), criteria: z.array(CriterionInfoSchema) }),
  ),
});

// Compile-time: every value of the TypeScript types is accepted by its schema.
type Mutable<T> = T extends Trace
  ? T
  : T extends readonly (infer U)[]
    ? Mutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;
type Accepts<S extends z.ZodType, T> = Mutable<T> extends z.input<S> ? true : never;
export const contractsMatchTypes: [
  Accepts<typeof ScreeningSchema, Screening>,
  Accepts<typeof ProtocolInfoSchema, ProtocolInfo>,
  Accepts<typeof DiagnosticSchema, LocatedDiagnostic>,
  Accepts<typeof TrialMatchSchema, TrialMatch>,
  Accepts<typeof CompactScreeningSchema, CompactScreening>,
] = [true, true, true, true, true];
