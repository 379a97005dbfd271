import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireRole } from '../auth/middleware';
import { compileCriteria } from '../compile/criteria';
import type { AppEnv } from '../http/env';
import { invalid, notCompiled, notFound } from '../http/errors';
import { IMPACT_PAGE, ImpactRequestSchema, ImpactSchema } from '../http/impact-schemas';
import { bearer, router } from '../http/router';
import { errorResponses, json, ProtocolIdParam } from '../http/schemas';
import { impactOn } from '../screening/impact';
import { publishedVersion } from '../screening/published';

/*
 * Why on the server: the population is the kept patient input of every token's recorded
 * screenings, which only an admin may read (`GET /v1/audit/{id}`; other roles see their own
 * token's). An author asking what a change would do needs the verdicts, not the records, so the
 * inputs are screened here and only the audit id, the site's own reference and the statuses that
 * changed leave the server.
 */
const impact = createRoute({
  method: 'post',
  path: '/{id}/impact',
  summary: "Which of the site's recorded screenings a change of the criteria would decide otherwise, and why",
  description: `Screens the kept input of the protocol's recorded screenings (those posted with \`"store": true\`), newest first, against \`from\` (a published version, the latest by default) and \`to\` (a version or criteria text), and lists per screening whose verdicts differ the cohorts that change and the criteria whose status changed. Only audit ids, site references and statuses are returned, never the input. At most ${IMPACT_PAGE.max} screenings per request (\`limit\`, ${IMPACT_PAGE.default} by default); \`next\` continues.`,
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('author')] as const,
  request: {
    params: ProtocolIdParam,
    body: { required: true, content: { 'application/json': { schema: ImpactRequestSchema } } },
  },
  responses: {
    200: json(ImpactSchema, 'One page of the comparison'),
    ...errorResponses(400, 401, 403, 404, 413, 422, 429, 503),
  },
});

type Side = z.infer<typeof ImpactRequestSchema>['to'];

/** A side compiled in this process: a published version from the cache, text after the compile pool took it. */
async function compiledSide(c: Context<AppEnv>, id: string, side: Side | undefined, path: 'from' | 'to') {
  if (side === undefined || 'version' in side) return (await publishedVersion(c, id, side?.version)).protocol;
  const name = side.name ?? `${id}.elig`;
  // The pool compiles within the time and memory budgets and charges the token; only text that
  // passed it is compiled again here, as publishing and the first screening of a version do.
  const checked = await compileCriteria(c, side.text, name);
  if (!checked.ok || !checked.protocol) throw notCompiled(checked.diagnostics);
  if (checked.protocol.id !== id)
    throw invalid([
      { path: `${path}.text`, message: `the text declares trial '${checked.protocol.id}', not '${id}'` },
    ]);
  // Cached by content hash like a version, so the next pages of one comparison need not compile it.
  return c.var.deps.cache.get({ hash: checked.protocol.hash, name, text: side.text });
}

export const impactRoutes = router().openapi(impact, async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { store } = c.var.deps;
  if (!(await store.protocols.exists(id))) throw notFound(`Protocol '${id}'`);
  const from = await compiledSide(c, id, body.from, 'from');
  const to = await compiledSide(c, id, body.to, 'to');
  const limit = body.limit ?? IMPACT_PAGE.default;
  const [kept, page] = await Promise.all([
    store.keptInputs.count(id),
    store.keptInputs.page(id, { before: body.cursor, limit }),
  ]);
  const result = impactOn(from, to, page);
  const next = page.length === limit ? (page.at(-1)?.id ?? null) : null;
  return c.json({ population: { kept }, ...result, next } as z.infer<typeof ImpactSchema>, 200);
});
