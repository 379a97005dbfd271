import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware';
import { notFound } from '../http/errors';
import { bearer, router } from '../http/router';
import { errorResponses, IdParam, json, NewTokenSchema, TokenSchema } from '../http/schemas';

const me = createRoute({
  method: 'get',
  path: '/me',
  summary: 'The calling token (id, name, role)',
  tags: ['tokens'],
  security: bearer,
  middleware: [requireRole('viewer')] as const,
  responses: { 200: json(TokenSchema, 'The token'), ...errorResponses(401) },
});

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'All tokens (never their secrets)',
  tags: ['tokens'],
  security: bearer,
  middleware: [requireRole('admin')] as const,
  responses: { 200: json(z.object({ tokens: z.array(TokenSchema) }), 'Tokens'), ...errorResponses(401, 403) },
});

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a token; its secret is in this response only',
  tags: ['tokens'],
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewTokenSchema } } } },
  responses: {
    201: json(TokenSchema.extend({ secret: z.string().openapi({ example: 'eligo_…' }) }), 'Created'),
    ...errorResponses(400, 401, 403),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Revoke a token',
  tags: ['tokens'],
  security: bearer,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
});

export const tokenRoutes = router()
  .openapi(me, (c) => c.json(c.var.principal!, 200))
  .openapi(list, async (c) => c.json({ tokens: await c.var.deps.store.tokens.list() }, 200))
  .openapi(create, async (c) => {
    const { name, role } = c.req.valid('json');
    const { secret, token } = await c.var.deps.store.tokens.create({
      name,
      role,
      createdBy: c.var.principal!.id,
    });
    return c.json({ ...token, secret }, 201);
  })
  .openapi(revoke, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await c.var.deps.store.tokens.revoke(id))) throw notFound(`Token '${id}'`);
    c.var.deps.forgetTokens?.();
    return c.body(null, 204);
  });
