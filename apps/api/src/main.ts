import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app';
import { BootstrapError, bootstrap } from './bootstrap';
import { createCompilePool } from './compile/pool';
import { type Config, ConfigError, readConfig } from './config';
import { databaseTarget, openDatabase } from './db/connect';
import { describeError } from './db/redact';
import { createStore, type Store } from './db/store';
import { createLogger } from './logger';
import { createProtocolCache, type ProtocolCache } from './screening/cache';

const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = readConfig(process.env);
  const logger = createLogger(config.logLevel);
  // The last line of defence: Node's own report of an uncaught error prints the objects attached
  // to it, and a database client carries its connection parameters. This one logs the error's type,
  // code, redacted message and stack frames, then exits as Node would (a cluster primary replaces
  // the process).
  process.on('uncaughtException', (error) => {
    logger.fatal(
      { error: { ...describeError(error, config.databaseUrl), frames: frames(error) } },
      'uncaught error',
    );
    process.exit(1);
  });
  if (config.workers > 1 && cluster.isPrimary) return primary(config, logger);
  const worker = cluster.isWorker;
  const target = databaseTarget(config);
  const db = await openDatabase(target, { logger });
  if (!worker)
    logger.info(
      { database: target.kind, ...(target.kind === 'sqlite' ? { file: target.file } : {}) },
      'database ready',
    );
  const store = createStore(db);
  const cache = createProtocolCache();
  // With several processes the primary has bootstrapped already; each one compiles what is published.
  if (worker) await warm(store, cache);
  else
    await bootstrap(store, logger, {
      adminToken: config.adminToken,
      print: (line) => process.stdout.write(`${line}\n`),
      cache,
    });

  // Each process counts requests on its own and the primary hands connections out in turn, so
  // each gets its share of the per-token and per-address rates.
  const share = (rate: number) => (rate === 0 ? 0 : Math.max(1, Math.round(rate / config.workers)));
  // Criteria text from requests is compiled on threads of their own, loaded before the first request.
  const compiler = createCompilePool(config.compile);
  compiler.warm();
  const app = createApp({
    store,
    logger,
    compiler,
    compilePerToken: config.compilePerToken,
    config: {
      ...config,
      rateLimit: share(config.rateLimit),
      addressRateLimit: share(config.addressRateLimit),
    },
    cache,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      {
        port: info.port,
        web: config.webDir !== undefined,
        docs: config.docsDir !== undefined,
        ...(worker ? { worker: cluster.worker?.id } : {}),
      },
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
      await compiler.close();
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * ELIGO_WORKERS > 1: this process migrates and bootstraps the database once (so the first-start
 * token is printed once), then runs that many server processes on the same port and passes
 * SIGTERM on to them. A process that dies is replaced; one that dies before it listens stops all.
 */
async function primary(config: Config, logger: Logger) {
  const target = databaseTarget(config);
  const db = await openDatabase(target, { logger });
  logger.info(
    {
      database: target.kind,
      ...(target.kind === 'sqlite' ? { file: target.file } : {}),
      workers: config.workers,
    },
    'database ready',
  );
  await bootstrap(createStore(db), logger, {
    adminToken: config.adminToken,
    print: (line) => process.stdout.write(`${line}\n`),
  });
  await db.close();

  let stopping = false;
  let failed = false;
  const alive = new Map<number, { listening: boolean; kill: (signal: NodeJS.Signals) => void }>();
  const fork = () => {
    const w = cluster.fork();
    const entry = { listening: false, kill: (signal: NodeJS.Signals) => w.process.kill(signal) };
    alive.set(w.id, entry);
    w.on('listening', () => {
      entry.listening = true;
    });
  };
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const w of alive.values()) w.kill(signal);
  };
  cluster.on('exit', (w, code, signal) => {
    const wasListening = alive.get(w.id)?.listening ?? false;
    alive.delete(w.id);
    if (!stopping) {
      logger.error({ worker: w.id, code, signal }, 'server process exited');
      if (wasListening) return fork();
      failed = true;
      stopAll('SIGTERM');
    }
    if (alive.size === 0) {
      logger.info('stopped');
      process.exit(failed ? 1 : 0);
    }
  });
  cluster.setupPrimary({ execArgv: serverExecArgv() });
  for (let i = 0; i < config.workers; i++) fork();

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    stopAll(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * V8 flags for the server processes. Each screening request allocates a few hundred KB (a 34 KB
 * document parsed, its facts, a 42 KB response), and with 16 requests in flight per process a
 * small young generation is scavenged often while they are all alive. Semi-spaces of up to 64 MiB
 * gave 2,554-2,759 screenings/s at 0.64-0.70 CPU ms each in six API benchmark runs, against
 * 1,981-2,724/s at 0.65-0.90 ms with V8's default (32 MiB: no better than the default). The
 * `start` script passes the same flag to a single process. A value given on the command line
 * or in NODE_OPTIONS wins.
 */
const SERVER_V8_FLAGS = ['--max-semi-space-size=64'];

function serverExecArgv(): string[] {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missing = SERVER_V8_FLAGS.filter((flag) => {
    const name = flag.split('=')[0]!;
    return !given.some((g) => g === name || g.startsWith(`${name}=`));
  });
  return [...process.execArgv, ...missing];
}

/** Compiles the latest version of every protocol, so the first screenings do not wait for it. */
async function warm(store: Store, cache: ProtocolCache) {
  for (const protocol of await store.protocols.list()) {
    if (!protocol.latest) continue;
    const version = await store.protocols.version(protocol.id, protocol.latest.number);
    if (version) cache.get(version);
  }
}

function frames(error: unknown): string | undefined {
  return (error instanceof Error ? error.stack : undefined)
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BootstrapError) {
    process.stderr.write(`eligo-api: ${error.message}\n`);
  } else {
    // e.g. the database refuses the connection: say why, without the connection string's secrets.
    const { type, code, message } = describeError(error, process.env.DATABASE_URL || undefined);
    const stack = frames(error);
    process.stderr.write(
      `eligo-api: failed to start: ${type}${code ? ` ${code}` : ''}: ${message}\n${stack ? `${stack}\n` : ''}`,
    );
  }
  process.exit(1);
});
