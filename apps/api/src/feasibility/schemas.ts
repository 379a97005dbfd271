import { z } from '@hono/zod-openapi';

const FunnelCriterionSchema = z.object({
  id: z.string(),
  kind: z.enum(['inclusion', 'exclusion']),
  excludes: z.number().int().openapi({ description: 'Patients this criterion decides against' }),
  remaining: z.number().int().openapi({ description: 'Patients not excluded by it nor any before it' }),
  met: z.number().int(),
  not_met: z.number().int(),
  unknown: z.number().int(),
  gain: z.number().int().openapi({
    description:
      'Patients who would be eligible without this criterion (it does not pass, every other one does)',
  }),
});

export const FunnelSchema = z
  .object({
    cohorts: z.array(
      z.object({
        id: z.string(),
        label: z.string().optional(),
        total: z.number().int(),
        eligible: z.number().int(),
        ineligible: z.number().int(),
        undetermined: z.number().int(),
        criteria: z.array(FunnelCriterionSchema),
      }),
    ),
  })
  .openapi('Funnel');

/** A bulk export's name in `ELIGO_BULK_DIR`: one folder name, never a path. */
export const BULK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const FeasibilityRequestSchema = z
  .object({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD')
      .openapi({ description: 'The screening date every patient is counted on', example: '2025-06-01' }),
    source: z.union([
      z
        .object({
          upload: z.string().openapi({
            description:
              'NDJSON: one screening document per line (`{"bundle": …}` or `{"facts": …}`); each line\'s `asOf` and `answers` are ignored',
          }),
        })
        .strict(),
      z
        .object({
          bulkExport: z
            .string()
            .regex(BULK_NAME, 'Expected the name of a bulk export folder in ELIGO_BULK_DIR, not a path')
            .refine((name) => !name.includes('..'), 'Expected a folder name, not a path')
            .openapi({ description: "A FHIR bulk export folder in the server's `ELIGO_BULK_DIR`, by name" }),
        })
        .strict(),
    ]),
  })
  .strict()
  .openapi('FeasibilityRequest');

export const FeasibilityJobSchema = z
  .object({
    id: z.string(),
    protocol: z.object({ id: z.string(), version: z.number().int() }),
    asOf: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    stage: z.enum(['reading', 'counting']).nullable().openapi({
      description:
        'While running: `reading` the patients (counted as they are read on the in-process path), or `counting` them in SQL, a slice of patients at a time; null before and after',
    }),
    done: z.number().int().openapi({
      description: 'Patients (or upload lines) read so far; while counting, patients counted so far',
    }),
    total: z.number().int().nullable().openapi({ description: 'Patients to read, once known' }),
    created: z.string(),
    finished: z.string().nullable(),
    result: z
      .object({
        path: z.enum(['sql', 'in-process']).openapi({
          description:
            '`sql` when every criterion compiled to SQL and DuckDB counted; `in-process` otherwise',
        }),
        notCompiled: z
          .array(z.object({ criterion: z.string(), message: z.string() }))
          .openapi({ description: 'Criteria the SQL path could not compile, and why' }),
        patients: z.number().int(),
        unread: z
          .number()
          .int()
          .openapi({ description: 'Documents that could not be read, left out of the counts' }),
        unreadLines: z.array(z.object({ line: z.number().int(), paths: z.array(z.string()) })).openapi({
          description: 'The first 20 upload lines that could not be read, with the paths at fault',
        }),
        funnel: FunnelSchema,
      })
      .nullable(),
    error: z.string().nullable(),
  })
  .openapi('FeasibilityJob');

export const BulkExportListSchema = z
  .object({
    configured: z
      .boolean()
      .openapi({ description: 'Whether this server reads bulk exports (`ELIGO_BULK_DIR` is set)' }),
    exports: z.array(
      z.object({
        name: z
          .string()
          .openapi({ description: 'What `source.bulkExport` of a feasibility run names', example: 'site-a' }),
        files: z.number().int().openapi({ description: 'NDJSON files at the top of the folder' }),
        bytes: z.number().int().openapi({ description: 'Their size together' }),
      }),
    ),
  })
  .openapi('BulkExportList');
