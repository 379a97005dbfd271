import { compile } from '@eligo/core';
import { readProtocolSource } from '@eligo/protocols';
import type { Logger } from 'pino';
import { isWellFormedToken } from './auth/tokens';
import type { Store } from './db/store';
import type { ProtocolCache } from './screening/cache';

export class BootstrapError extends Error {}

/**
 * What a new installation needs before anyone can use it: an admin token (from
 * ELIGO_ADMIN_TOKEN, or generated and printed once) and, with no protocol yet, the bundled trial.
 * Both steps are idempotent, so every start runs them.
 */
export async function bootstrap(
  store: Store,
  logger: Logger,
  options: { adminToken: string | undefined; print: (line: string) => void; cache?: ProtocolCache },
): Promise<void> {
  await ensureAdmin(store, logger, options);
  if ((await store.protocols.count()) === 0) await publishBundled(store, logger, options.cache);
}

async function ensureAdmin(
  store: Store,
  logger: Logger,
  options: { adminToken: string | undefined; print: (line: string) => void },
) {
  const given = options.adminToken;
  if (given !== undefined) {
    if (!isWellFormedToken(given)) {
      throw new BootstrapError(
        'ELIGO_ADMIN_TOKEN must start with eligo_ and have at least 24 more letters, digits, - or _',
      );
    }
    if (!(await store.tokens.exists(given))) {
      await store.tokens.create({
        name: 'admin (ELIGO_ADMIN_TOKEN)',
        role: 'admin',
        createdBy: null,
        secret: given,
      });
      logger.info('admin token from ELIGO_ADMIN_TOKEN registered');
    }
    return;
  }
  if ((await store.tokens.count()) > 0) return;
  const { secret } = await store.tokens.create({
    name: 'admin (first start)',
    role: 'admin',
    createdBy: null,
  });
  logger.warn(
    'first start: created an admin token; it is printed once, alone on its own line, and stored only hashed',
  );
  options.print(secret);
}

async function publishBundled(store: Store, logger: Logger, cache: ProtocolCache | undefined) {
  const { name, text } = readProtocolSource('NCT06469190');
  const compiled = compile(text, { name });
  if (!compiled.ok) {
    logger.error(
      { diagnostics: compiled.diagnostics.length },
      'the bundled NCT06469190 protocol does not compile; not published',
    );
    return;
  }
  const info = compiled.protocol.info;
  const { version } = await store.protocols.publish({
    protocolId: info.id,
    hash: info.hash,
    title: info.title ?? null,
    name,
    text,
    publishedBy: null,
  });
  cache?.remember(version, compiled.protocol);
  logger.info({ protocol: info.id, version: version.number }, 'published the bundled protocol');
}
