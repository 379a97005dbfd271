import type { MiddlewareHandler } from 'hono';
import type { TokenRecord, TokenStore } from '../db/tokens';
import type { AppEnv } from '../http/env';
import { forbidden, unauthorized } from '../http/errors';
import { allows, type Role } from './roles';

const CACHE_MS = 5_000;

/**
 * Resolves `Authorization: Bearer eligo_…` to a token record, or leaves no principal. Lookups are
 * cached for a few seconds per instance, so a revoked token stops working on other instances
 * within that time (immediately on the instance that revoked it).
 */
export function authenticate(tokens: TokenStore) {
  const cache = new Map<string, { record: TokenRecord | undefined; until: number }>();
  const middleware: MiddlewareHandler<AppEnv> = async function authenticate(c, next) {
    const header = c.req.header('authorization');
    const secret = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let record: TokenRecord | undefined;
    if (secret) {
      const now = Date.now();
      const hit = cache.get(secret);
      if (hit && hit.until > now) record = hit.record;
      else {
        record = await tokens.findActiveBySecret(secret);
        if (cache.size > 10_000) cache.clear();
        cache.set(secret, { record, until: now + CACHE_MS });
      }
    }
    c.set('principal', record);
    await next();
  };
  return Object.assign(middleware, { forget: () => cache.clear() });
}

/** 401 without a valid token, 403 when the token's role is weaker than `role`. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const principal = c.get('principal');
    if (!principal) throw unauthorized();
    if (!allows(principal.role, role)) throw forbidden(role);
    await next();
  };
}
