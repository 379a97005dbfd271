import { createRoute, z } from '@hono/zod-openapi';
import { router } from '../http/router';

const health = createRoute({
  method: 'get',
  path: '/',
  summary: 'Liveness and database reachability (no token needed)',
  tags: ['operations'],
  responses: {
    200: {
      description: 'Up',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
    503: {
      description: 'The database does not answer',
      content: { 'application/json': { schema: z.object({ status: z.literal('unavailable') }) } },
    },
  },
});

export const healthRoutes = router().openapi(health, async (c) => {
  try {
    await c.var.deps.store.ping();
    return c.json({ status: 'ok' as const }, 200);
  } catch {
    return c.json({ status: 'unavailable' as const }, 503);
  }
});
