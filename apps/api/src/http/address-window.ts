import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { ApiError } from './errors';
import { clientAddress } from './rate-limit';

/**
 * At most `max` requests per client address in each window of `windowMs`, for a public endpoint
 * that writes (a contact request): far below the per-second limit of ordinary reads, so a script
 * cannot fill a site's list. Counted per app instance (its `deps`), in memory, so with N instances
 * a client may make up to N times as many. Forwarded headers are not trusted (see `clientAddress`).
 */
export function addressWindow(options: {
  max: number;
  windowMs: number;
  now?: () => number;
}): MiddlewareHandler<AppEnv> {
  const now = options.now ?? Date.now;
  const perApp = new WeakMap<object, Map<string, { start: number; count: number }>>();
  return async function addressWindow(c, next) {
    const deps = c.var.deps;
    let windows = perApp.get(deps);
    if (!windows) {
      windows = new Map();
      perApp.set(deps, windows);
    }
    const t = now();
    const key = clientAddress(c);
    let window = windows.get(key);
    if (!window || t - window.start >= options.windowMs) {
      if (windows.size >= 100_000) windows.clear();
      window = { start: t, count: 0 };
      windows.set(key, window);
    }
    if (window.count >= options.max) {
      const wait = Math.max(1, Math.ceil((window.start + options.windowMs - t) / 1000));
      throw new ApiError(
        429,
        'rate_limited',
        `Too many requests from this address: at most ${options.max} every ${Math.round(options.windowMs / 60_000)} minutes`,
        {},
        { 'Retry-After': String(wait) },
      );
    }
    window.count += 1;
    return next();
  };
}
