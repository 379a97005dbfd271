import {
  type CompiledProtocol,
  type InputWarning,
  rankMatches,
  type Screening,
  TrialMatchSchema,
} from '@eligo/core';
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware';
import { newId } from '../auth/tokens';
import { invalid } from '../http/errors';
import { jsonResponse } from '../http/json-bytes';
import { bearer, router } from '../http/router';
import { errorResponses, json, ScreeningRequestSchema } from '../http/schemas';
import { publishedVersion } from '../screening/published';
import { screenDocument, verdicts } from '../screening/run';

const MatchRequestSchema = ScreeningRequestSchema.omit({
  version: true,
  store: true,
  trace: true,
  siteRef: true,
}).openapi('MatchRequest');

const MatchesSchema = z
  .object({
    id: z.string().openapi({ description: 'Batch id of the audit records, one per trial screened' }),
    ref: z.string().optional().openapi({ description: "The request's `ref`, when it gave one" }),
    asOf: z.string(),
    matches: z.array(TrialMatchSchema).openapi({
      description:
        'Every cohort of every published trial: eligible first, then undetermined with the fewest missing items first, then ineligible',
    }),
    refused: z
      .array(
        z.object({
          protocol: z.object({ id: z.string() }),
          errors: z.array(z.object({ path: z.string(), message: z.string() })),
        }),
      )
      .openapi({
        description: 'Trials whose schema refused the native facts given (a Bundle is read by every trial)',
      }),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() })),
  })
  .openapi('Matches');

const route = createRoute({
  method: 'post',
  path: '/',
  summary: 'Which trials could this patient join? One patient screened against every published trial, ranked',
  description:
    "Takes the document a screening takes. Answers and native facts are given to each trial by its own ids (others are ignored), so one document can carry every trial's answers. Each trial's screening is recorded in the audit log under the returned id.",
  tags: ['screenings'],
  security: bearer,
  middleware: [requireRole('screener')] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: MatchRequestSchema } } },
  },
  responses: {
    200: json(MatchesSchema, 'The ranked matches'),
    ...errorResponses(400, 401, 403, 413, 429, 503),
  },
});

type Document = z.infer<typeof MatchRequestSchema>;

/** The document as one trial takes it: only the answers and facts named by its own declarations. */
function forTrial(protocol: CompiledProtocol, document: Document): Document {
  const ids = new Set(protocol.info.elements.map((e) => e.id));
  const own = (record: Record<string, unknown> | undefined) =>
    record && Object.fromEntries(Object.entries(record).filter(([key]) => ids.has(key)));
  return {
    ...document,
    ...(document.answers ? { answers: own(document.answers) } : {}),
    ...(document.facts ? { facts: own(document.facts) } : {}),
  };
}

export const matchRoutes = router().openapi(route, async (c) => {
  const document = c.req.valid('json');
  const { store } = c.var.deps;
  const published = (await store.protocols.list()).filter((p) => p.latest !== null);
  const screened: { info: CompiledProtocol['info']; screening: Screening; number: number }[] = [];
  const refused: { protocol: { id: string }; errors: { path: string; message: string }[] }[] = [];
  for (const summary of published) {
    const { version, protocol } = await publishedVersion(c, summary.id, summary.latest!.number);
    const outcome = screenDocument(protocol, forTrial(protocol, document));
    if (outcome.ok)
      screened.push({ info: protocol.info, screening: outcome.screening, number: version.number });
    else refused.push({ protocol: { id: summary.id }, errors: [...outcome.errors] });
  }
  // What no trial can read (a bad date, a Bundle with two patients) is the request's fault.
  if (screened.length === 0 && refused.length > 0) {
    throw invalid(refused[0]!.errors, 'The screening input is invalid');
  }
  const id = newId('mat');
  const principal = c.var.principal!;
  const at = new Date().toISOString();
  await store.screenings.record(
    screened.map(({ info, screening, number }) => ({
      id: newId('scr'),
      at,
      token_id: principal.id,
      token_name: principal.name,
      protocol_id: info.id,
      version: number,
      as_of: screening.asOf,
      verdicts: JSON.stringify(verdicts(screening)),
      input: null,
      batch_id: id,
    })),
  );
  const body = {
    id,
    ...(document.ref === undefined ? {} : { ref: document.ref }),
    asOf: document.asOf,
    matches: rankMatches(screened),
    refused,
    warnings: distinct(screened.flatMap((s) => s.screening.warnings)),
  };
  return jsonResponse(c, body as z.infer<typeof MatchesSchema>, 200);
});

/** A Bundle is read once per trial, so the same warning can come back from each. */
function distinct(warnings: readonly InputWarning[]) {
  const seen = new Map<string, { code: string; message: string; path?: string }>();
  for (const w of warnings) {
    const key = `${w.code}\u0000${w.path ?? ''}\u0000${w.message}`;
    if (!seen.has(key))
      seen.set(key, { code: w.code, message: w.message, ...(w.path ? { path: w.path } : {}) });
  }
  return [...seen.values()];
}
