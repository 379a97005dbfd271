import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { ApiError } from './errors';

/**
 * A token bucket per API token, in this process's memory: with N instances behind a load balancer
 * a token may make up to N times the rate. `perSecond` = 0 turns it off. Bursts up to twice the rate.
 */
export function rateLimit(options: { perSecond: number; now?: () => number }): MiddlewareHandler<AppEnv> {
  const now = options.now ?? (() => performance.now());
  const capacity = options.perSecond * 2;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async function rateLimit(c, next) {
    const principal = c.get('principal');
    if (options.perSecond === 0 || !principal) return next();
    const t = now();
    const bucket = buckets.get(principal.id) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * options.perSecond);
    bucket.at = t;
    if (bucket.tokens < 1) {
      buckets.set(principal.id, bucket);
      const wait = Math.ceil((1 - bucket.tokens) / options.perSecond);
      c.header('Retry-After', String(Math.max(1, wait)));
      throw new ApiError(429, 'rate_limited', `Too many requests: at most ${options.perSecond} per second`);
    }
    bucket.tokens -= 1;
    buckets.set(principal.id, bucket);
    if (buckets.size > 100_000) buckets.clear();
    return next();
  };
}
