import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware';
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
  tags: ['audit'],
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { query: AuditQuerySchema },
  responses: { 200: json(AuditListSchema, 'A page of entries'), ...errorResponses(400, 401, 403) },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One audit entry, with the patient input when it was kept',
  tags: ['audit'],
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 200: json(AuditRecordSchema, 'The entry'), ...errorResponses(401, 403, 404) },
});

export const auditRoutes = router()
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    if (query.cohort !== undefined && query.verdict === undefined)
      throw invalid([{ path: 'query.cohort', message: 'cohort narrows verdict: give verdict too' }]);
    const entries = await c.var.deps.store.screenings.list(query);
    const next = entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null;
    return c.json({ entries, next }, 200);
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const entry = await c.var.deps.store.screenings.get(id);
    if (!entry) throw notFound(`Audit entry '${id}'`);
    return c.json(entry, 200);
  });
