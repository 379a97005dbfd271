import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from './env';

/**
 * One structured line per request: id, method, matched route, status, duration and token id.
 * Never bodies, query strings or headers: they can carry patient data or secrets.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const start = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
        token: c.get('principal')?.id,
      },
      'request',
    );
  };
}
