import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireRole } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { invalid, notFound } from '../http/errors';
import { bearer, router } from '../http/router';
import {
  AuditListSchema,
  AuditQuerySchema,
  AuditRecordSchema,
  errorResponses,
  IdParam,
  json,
} from '../http/schemas';

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Audit log of screenings, newest first, with filters and a cursor',
  description:
    "An admin reads every token's screenings; any other role from screener up reads only the screenings recorded with its own token (a `token` filter naming another token finds nothing).",
  tags: ['audit'],
  security: bearer,
  middleware: [requireRole('screener')] as const,
  request: { query: AuditQuerySchema },
  responses: { 200: json(AuditListSchema, 'A page of entries'), ...errorResponses(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One audit entry, with the patient input when it was kept',
  description:
    "An admin reads any entry; any other role from screener up only the entries recorded with its own token. Another token's entry answers 404, as a missing one does, so ids do not tell whether they exist.",
  tags: ['audit'],
  security: bearer,
  middleware: [requireRole('screener')] as const,
  request: { params: IdParam },
  responses: { 200: json(AuditRecordSchema, 'The entry'), ...errorResponses(401, 403, 404) },
});

/** The one token whose screenings the caller may read, or undefined for an admin, who reads all. */
function ownToken(c: Context<AppEnv>): string | undefined {
  const principal = c.var.principal!;
  return principal.role === 'admin' ? undefined : principal.id;
}

export const auditRoutes = router()
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    if (query.cohort !== undefined && query.verdict === undefined)
      throw invalid([{ path: 'query.cohort', message: 'cohort narrows verdict: give verdict too' }]);
    const own = ownToken(c);
    if (own !== undefined && query.token !== undefined && query.token !== own)
      return c.json({ entries: [], next: null }, 200);
    const entries = await c.var.deps.store.screenings.list(
      own === undefined ? query : { ...query, token: own },
    );
    const next = entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null;
    return c.json({ entries, next }, 200);
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const entry = await c.var.deps.store.screenings.get(id);
    const own = ownToken(c);
    if (!entry || (own !== undefined && entry.token.id !== own)) throw notFound(`Audit entry '${id}'`);
    return c.json(entry, 200);
  });
