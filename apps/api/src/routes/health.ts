import { createRoute, z } from '@hono/zod-openapi';
import { RETRY_AFTER_S } from '../db/storage-errors';
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

const readiness = createRoute({
  method: 'get',
  path: '/',
  summary: 'Readiness: whether this instance can store what it is sent (no token needed)',
  description:
    'Unlike `/healthz`, this says `unavailable` after a storage failure (disk full, I/O error, database unreachable) until a write succeeds again; while it does, it tries one small write per check. Route traffic by this; restart by `/healthz`.',
  tags: ['operations'],
  responses: {
    200: {
      description: 'Ready',
      content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
    },
    503: {
      description: 'Storage cannot take writes; `Retry-After` says when to ask again',
      content: {
        'application/json': {
          schema: z.object({
            status: z.literal('unavailable'),
            storage: z.enum(['full', 'io_error', 'unreachable', 'unavailable']),
          }),
        },
      },
    },
  },
});

export const readinessRoutes = router().openapi(readiness, async (c) => {
  const state = await c.var.deps.store.readiness();
  if (state.ready) return c.json({ status: 'ready' as const }, 200);
  c.header('Retry-After', String(state.storage === 'unavailable' ? 5 : RETRY_AFTER_S[state.storage]));
  return c.json({ status: 'unavailable' as const, storage: state.storage }, 503);
});
