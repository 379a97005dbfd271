import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { ApiError } from './errors';

/**
 * Token buckets in this process's memory: with N instances behind a load balancer a client may
 * make up to N times the rate. Bursts up to twice the rate.
 *
 * A request with a valid token counts against that token (`perSecond`). A request without one
 * (no token, an unknown or revoked one) counts against its client address (`perAddress`): a
 * flood of guessed tokens is refused after a short burst instead of being looked up and answered
 * 401 thousands of times a second. A client with a valid token is never slowed down by others'
 * bad requests from the same address. 0 turns either limit off.
 */
export function rateLimit(options: {
  perSecond: number;
  perAddress: number;
  now?: () => number;
}): MiddlewareHandler<AppEnv> {
  const now = options.now ?? (() => performance.now());
  const tokens = buckets(options.perSecond);
  const addresses = buckets(options.perAddress);
  return async function rateLimit(c, next) {
    const principal = c.get('principal');
    const limit = principal ? options.perSecond : options.perAddress;
    if (limit === 0) return next();
    const wait = principal ? tokens.take(principal.id, now()) : addresses.take(clientAddress(c), now());
    if (wait !== undefined) {
      c.header('Retry-After', String(wait));
      const per = principal ? '' : ' from this address without a valid token';
      throw new ApiError(429, 'rate_limited', `Too many requests${per}: at most ${limit} per second`);
    }
    return next();
  };
}

/** `take` spends one request of `key`'s bucket, or says how many seconds to wait for one. */
function buckets(perSecond: number) {
  const capacity = perSecond * 2;
  const all = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string, t: number): number | undefined {
      const bucket = all.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      if (all.size >= 100_000 && !all.has(key)) all.clear();
      all.set(key, bucket);
      if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
      bucket.tokens -= 1;
      return undefined;
    },
  };
}

/**
 * The TCP peer's address, as a rate-limit key. Behind a reverse proxy that is the proxy's address
 * (forwarded headers are not trusted: any client could set them), so all clients without a valid
 * token share one budget there. An IPv6 client is keyed by its /64, the block a single host
 * usually has to itself.
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return addressKey(env?.incoming?.socket?.remoteAddress ?? 'unknown');
}

export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const bare = address.split('%')[0]!.toLowerCase();
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
