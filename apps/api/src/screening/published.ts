import type { Context } from 'hono';
import type { AppEnv } from '../http/env';
import { notFound } from '../http/errors';

/**
 * The published version to screen against and its compiled form. Which version is latest is
 * answered by the store, which asks the database again whenever another instance may have
 * published since; the version's text is read only when its compiled form is not cached yet.
 */
export async function publishedVersion(c: Context<AppEnv>, id: string, number: number | undefined) {
  const { store, cache } = c.var.deps;
  const missing = () =>
    notFound(number === undefined ? `Protocol '${id}'` : `Version ${number} of protocol '${id}'`);
  const key = await store.protocols.versionKey(id, number);
  if (!key) throw missing();
  const cached = cache.peek(key);
  if (cached) return { version: key, protocol: cached };
  const found = await store.protocols.version(id, key.number);
  if (!found) throw missing();
  return { version: found, protocol: cache.get(found) };
}
