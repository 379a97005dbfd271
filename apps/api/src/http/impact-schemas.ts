import { z } from '@hono/zod-openapi';

/** The shapes of an impact preview at the edge. */

/** One side of the comparison: a published version by number, or criteria text (an editor's). */
const ImpactSideSchema = z.union(
  [
    z.object({ version: z.number().int().positive('Expected a version number, 1 or more') }).strict(),
    z
      .object({
        text: z.string().min(1, 'Expected criteria text'),
        name: z
          .string()
          .regex(/^[\w.-]{1,100}$/, 'Expected a file name')
          .optional()
          .openapi({ description: 'File name diagnostics point into', example: 'NCT06469190.elig' }),
      })
      .strict(),
  ],
  { error: 'Expected a published version `{"version": n}` or criteria text `{"text": "…"}`' },
);

/** Inputs screened per request: each is screened twice on the request thread. */
export const IMPACT_PAGE = { default: 50, max: 100 } as const;

export const ImpactRequestSchema = z
  .object({
    from: ImpactSideSchema.optional().openapi({
      description: 'The version the screenings are compared from; the latest published one by default',
    }),
    to: ImpactSideSchema.openapi({ description: 'The version or text they are compared with' }),
    limit: z
      .number()
      .int()
      .min(1)
      .max(IMPACT_PAGE.max, `Expected at most ${IMPACT_PAGE.max} screenings per page`)
      .optional()
      .openapi({ description: `Recorded screenings to screen in this page (${IMPACT_PAGE.default})` }),
    cursor: z.string().min(1).optional().openapi({ description: 'The `next` of the previous page' }),
  })
  .strict()
  .openapi('ImpactRequest');

const Recorded = {
  screening: z.string().openapi({ description: 'The audit id of the recorded screening' }),
  siteRef: z.string().nullable().openapi({ description: "The site's own reference, when one was recorded" }),
  at: z.string().openapi({ description: 'When it was recorded' }),
};

const Verdict = z.enum(['eligible', 'ineligible', 'undetermined']);
const Status = z.enum(['met', 'not_met', 'unknown']);

export const ImpactSchema = z
  .object({
    population: z.object({
      kept: z.number().int().openapi({
        description:
          'Recorded screenings of this protocol whose input was kept (`"store": true`): the population, newest first',
      }),
    }),
    screened: z.number().int().openapi({ description: 'Of those, screened in this page' }),
    changed: z
      .array(
        z.object({
          ...Recorded,
          changes: z.array(
            z.object({
              cohort: z.string(),
              label: z.string().nullable(),
              before: Verdict.nullable().openapi({ description: 'null: the cohort is not in that version' }),
              after: Verdict.nullable(),
              criteria: z
                .array(
                  z.object({
                    id: z.string(),
                    before: Status.nullable().openapi({
                      description: 'null: not in the cohort in that version',
                    }),
                    after: Status.nullable(),
                  }),
                )
                .openapi({ description: 'Why: the criteria of the cohort whose status changed' }),
            }),
          ),
        }),
      )
      .openapi({ description: 'The screenings with at least one cohort whose verdict changes' }),
    unchanged: z.number().int(),
    unusable: z
      .array(
        z.object({
          ...Recorded,
          side: z.enum(['from', 'to']),
          paths: z.array(z.string()).openapi({ description: 'Where the kept input does not fit that side' }),
        }),
      )
      .openapi({ description: 'Screenings one side cannot screen' }),
    next: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last' }),
  })
  .openapi('Impact');
