import {
  CohortResultSchema,
  CompactScreeningSchema as CoreCompactScreeningSchema,
  DiagnosticSchema as CoreDiagnosticSchema,
  ScreeningSchema as CoreScreeningSchema,
  CriterionInfoSchema,
  CriterionResultSchema,
  ElementInfoSchema,
} from '@eligo/core';
import { z } from '@hono/zod-openapi';
import { ROLES } from '../auth/roles';

/** The shapes at the edge: what requests must be and what responses promise, for zod and OpenAPI alike. */

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      diagnostics: z.array(z.looseObject({})).optional(),
    }),
    requestId: z.string().optional(),
  })
  .openapi('Error');

// Core's schemas are wrapped in this module's `z`, whose objects carry OpenAPI names: core's own
// instances may be created before @hono/zod-openapi extends zod.
export const DiagnosticSchema = z.object(CoreDiagnosticSchema.shape).openapi('Diagnostic');

export const CriteriaTextSchema = z
  .object({
    text: z.string().min(1).openapi({ description: 'Criteria in the Eligo language (.elig)' }),
    name: z
      .string()
      .regex(/^[\w.-]{1,100}$/)
      .optional()
      .openapi({ description: 'File name diagnostics point into', example: 'NCT06469190.elig' }),
  })
  .openapi('CriteriaText');

export const PublishSchema = CriteriaTextSchema.partial().openapi('Publish', {
  description: 'Text to publish; without it the current draft is published.',
});

export const ProtocolIdParam = z.object({
  id: z
    .string()
    .regex(/^[\w.-]{1,100}$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'NCT06469190' }),
});

export const VersionParam = ProtocolIdParam.extend({
  version: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

export const CheckResultSchema = z
  .object({
    ok: z.boolean().openapi({ description: 'true when the text compiles without errors (warnings allowed)' }),
    protocol: z.object({ id: z.string(), title: z.string().nullable(), hash: z.string() }).nullable(),
    diagnostics: z.array(DiagnosticSchema),
  })
  .openapi('CheckResult');

export const VersionSummarySchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    hash: z.string(),
    title: z.string().nullable(),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
  })
  .openapi('VersionSummary');

export const PublishResultSchema = VersionSummarySchema.extend({
  created: z.boolean().openapi({ description: 'false when identical text was already published' }),
  diagnostics: z.array(DiagnosticSchema),
}).openapi('PublishResult');

export const DraftSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    text: z.string(),
    updatedAt: z.string(),
    diagnostics: z.array(DiagnosticSchema),
  })
  .openapi('Draft');

export const ProtocolListSchema = z
  .object({
    protocols: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        latest: z.object({ version: z.number().int(), hash: z.string(), publishedAt: z.string() }).nullable(),
        draftUpdatedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('ProtocolList');

const CriterionSchema = z.object(CriterionInfoSchema.shape).openapi('Criterion');

const ElementSchema = z.object(ElementInfoSchema.shape).openapi('Element');

export const ProtocolDetailSchema = VersionSummarySchema.extend({
  trialVersion: z.string().nullable(),
  source: z.object({ name: z.string(), text: z.string() }),
  cohorts: z.array(
    z.object({ id: z.string(), label: z.string().optional(), criteria: z.array(CriterionSchema) }),
  ),
  criteria: z.array(CriterionSchema).openapi({ description: 'Every criterion once, in protocol order' }),
  elements: z.array(ElementSchema),
  questions: z
    .array(ElementSchema)
    .openapi({ description: 'The elements a person answers on the screening form' }),
  inputSchema: z
    .record(z.string(), z.unknown())
    .openapi({ description: 'JSON Schema of `{asOf, facts, answers}`' }),
}).openapi('ProtocolDetail');

export const VersionListSchema = z.object({ versions: z.array(VersionSummarySchema) }).openapi('VersionList');

/**
 * A site's own pseudonymous reference for the person screened (`SCR-0042`), kept with the audit
 * record so the site can reconcile it with its screening log. One line: a newline would let it
 * forge lines in a CSV export or a log.
 */
export const SiteRefSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]*$/u, 'must be one line, without newlines or other control characters')
  .openapi({
    description:
      "The site's own pseudonymous reference for the person screened (such as `SCR-0042`), stored with the audit record; not a name",
    example: 'SCR-0042',
  });

export const ScreeningRequestSchema = z
  .object({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
      .openapi({ example: '2025-03-15' }),
    bundle: z.looseObject({}).optional().openapi({ description: 'A FHIR R4 Bundle (or give `facts`)' }),
    facts: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "The protocol's native facts" }),
    answers: z.record(z.string(), z.unknown()).optional(),
    ref: z.string().min(1).max(200).optional().openapi({
      description:
        "Your own name for this input (stored only with the input, `store`), echoed in the answer; batch lines give it, or else the Bundle Patient's id, with the input's `line`",
    }),
    siteRef: SiteRefSchema.optional(),
    version: z.number().int().positive().optional().openapi({ description: 'Pin a published version' }),
    store: z.boolean().optional().openapi({ description: 'Keep the patient input in the audit record' }),
    full: z.boolean().optional().openapi({
      description:
        'Answer with the full screening: each criterion with its kind, title, source, one-line explanation and missing elements. Off by default: the answer is compact (`CompactScreening`).',
    }),
    trace: z.boolean().optional().openapi({
      description:
        "Answer with the full screening and each criterion's `trace` tree (every step of the reasoning, with dates and element ids).",
    }),
  })
  .openapi('ScreeningRequest');

/** Core's screening, plus the audit record's id and the published version screened against. */
export const ScreeningSchema = z
  .object({
    ...CoreScreeningSchema.shape,
    id: z.string().openapi({ description: 'Audit record id' }),
    ref: z.string().optional().openapi({ description: "The request's `ref`, when it gave one" }),
    siteRef: z.string().optional().openapi({ description: "The request's `siteRef`, when it gave one" }),
    protocol: z.object({
      ...CoreScreeningSchema.shape.protocol.shape,
      published: z.number().int().openapi({ description: 'Published version screened against' }),
    }),
    cohorts: z.array(
      z.object({
        ...CohortResultSchema.shape,
        criteria: z.array(
          z.object({
            ...CriterionResultSchema.shape,
            trace: z.unknown().optional().openapi({
              description:
                'The full reasoning as a tree of steps `{text, status, elements?, date?, children?}`; only when the request asks for it (`"trace": true`, or `?trace=true` for a batch)',
            }),
          }),
        ),
      }),
    ),
  })
  .openapi('Screening');

/** The default answer: core's compact screening, plus the audit record's id and the published version. */
export const CompactScreeningSchema = z
  .object({
    ...CoreCompactScreeningSchema.shape,
    id: z.string().openapi({ description: 'Audit record id' }),
    ref: z.string().optional().openapi({ description: "The request's `ref`, when it gave one" }),
    protocol: z.object({
      ...CoreCompactScreeningSchema.shape.protocol.shape,
      published: z.number().int().openapi({ description: 'Published version screened against' }),
    }),
  })
  .openapi('CompactScreening');

export const BatchQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional().openapi({ description: 'Pin a published version' }),
  store: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Keep each patient input in its audit record' }),
  full: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Full screenings (titles, sources, explanations) instead of compact lines' }),
  trace: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: "Full screenings with each criterion's `trace` tree" }),
});

export const AuditQuerySchema = z.object({
  protocol: z.string().optional(),
  version: z.coerce.number().int().positive().optional(),
  token: z.string().optional(),
  batch: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional().openapi({ description: 'ISO date-time, inclusive' }),
  until: z.iso.datetime({ offset: true }).optional().openapi({ description: 'ISO date-time, exclusive' }),
  verdict: z
    .enum(['eligible', 'ineligible', 'undetermined'])
    .optional()
    .openapi({ description: 'Entries where some cohort (or `cohort`) has this verdict' }),
  cohort: z.string().min(1).optional().openapi({ description: 'With `verdict`: the cohort that has it' }),
  before: z.string().optional().openapi({ description: 'Cursor: the `next` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const AuditRecordSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    token: z.object({ id: z.string(), name: z.string() }),
    protocol: z.object({ id: z.string(), version: z.number().int() }),
    asOf: z.string(),
    verdicts: z.record(z.string(), z.enum(['eligible', 'ineligible', 'undetermined'])),
    batchId: z.string().nullable(),
    siteRef: z
      .string()
      .nullable()
      .openapi({ description: "The site's own reference for the person screened, when given" }),
    input: z.unknown().optional(),
  })
  .openapi('AuditRecord');

export const AuditListSchema = z
  .object({ entries: z.array(AuditRecordSchema), next: z.string().nullable() })
  .openapi('AuditList');

export const RoleSchema = z.enum(ROLES);

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');

export const NewTokenSchema = z
  .object({ name: z.string().min(1).max(100), role: RoleSchema })
  .openapi('NewToken');

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

export const errorResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503)[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: errorDescriptions[s], content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );

const errorDescriptions = {
  400: 'Invalid request; `issues` names the offending paths',
  401: 'Missing or invalid bearer token',
  403: "The token's role is too weak",
  404: 'Not found',
  409: 'Conflict',
  413: 'Body too large',
  422: 'The criteria text does not compile; `diagnostics` lists why',
  429: 'Rate limited; retry after `Retry-After` seconds',
  503: 'Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds',
} as const;

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
