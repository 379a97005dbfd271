import { serve } from '@hono/node-server';
import { createApp } from './app';
import { BootstrapError, bootstrap } from './bootstrap';
import { ConfigError, readConfig } from './config';
import { databaseTarget, openDatabase } from './db/connect';
import { createStore } from './db/store';
import { createLogger } from './logger';
import { createProtocolCache } from './screening/cache';

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = readConfig(process.env);
  const logger = createLogger(config.logLevel);
  const target = databaseTarget(config);
  const db = await openDatabase(target);
  logger.info(
    { database: target.kind, ...(target.kind === 'sqlite' ? { file: target.file } : {}) },
    'database ready',
  );
  const store = createStore(db);
  const cache = createProtocolCache();
  await bootstrap(store, logger, {
    adminToken: config.adminToken,
    print: (line) => process.stdout.write(`${line}\n`),
    cache,
  });

  const app = createApp({ store, logger, config, cache });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      { port: info.port, web: config.webDir !== undefined, docs: config.docsDir !== undefined },
      `listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('shutdown grace period over; closing remaining connections');
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // close() stops accepting and waits for in-flight requests; idle keep-alive sockets go now.
    server.close(async () => {
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BootstrapError) {
    process.stderr.write(`eligo-api: ${error.message}\n`);
  } else {
    process.stderr.write(`eligo-api: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
