import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware';
import { compileCriteria } from '../compile/criteria';
import { diagnosticsJson } from '../http/diagnostics';
import { bearer, router } from '../http/router';
import { CheckResultSchema, CriteriaTextSchema, errorResponses, json } from '../http/schemas';

const check = createRoute({
  method: 'post',
  path: '/',
  summary: 'Compile criteria text and return its diagnostics (nothing is stored)',
  tags: ['protocols'],
  security: bearer,
  middleware: [requireRole('viewer')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CriteriaTextSchema } } } },
  responses: {
    200: json(CheckResultSchema, 'Diagnostics; `ok` is false when there are errors'),
    ...errorResponses(400, 401, 413, 422, 429, 503),
  },
});

export const checkRoutes = router().openapi(check, async (c) => {
  const { text, name } = c.req.valid('json');
  const compiled = await compileCriteria(c, text, name ?? 'criteria.elig');
  const info = compiled.protocol;
  return c.json(
    {
      ok: compiled.ok,
      protocol: info ? { id: info.id, title: info.title ?? null, hash: info.hash } : null,
      diagnostics: diagnosticsJson(compiled.diagnostics),
    },
    200,
  );
});
