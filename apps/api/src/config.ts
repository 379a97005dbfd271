import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Everything the service reads from its environment, parsed once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Folder of the embedded SQLite database; ignored when `databaseUrl` is set. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly adminToken: string | undefined;
  /** Largest accepted request body in bytes (a batch's limit applies per line). */
  readonly bodyLimit: number;
  /** Bytes of a batch body read ahead of screening: bodies up to this size are read whole before answering. */
  readonly batchBuffer: number;
  /** Requests per second each token may make on one instance; 0 turns the limit off. */
  readonly rateLimit: number;
  /** Requests per second one client address may make without a valid token; 0 turns the limit off. */
  readonly addressRateLimit: number;
  /** Origins allowed by CORS; the web app served from the same port needs none. */
  readonly webOrigins: readonly string[];
  readonly webDir: string | undefined;
  readonly docsDir: string | undefined;
  readonly logLevel: string;
  /** Server processes sharing the port; more than one uses more cores. */
  readonly workers: number;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const webDir = env.ELIGO_WEB_DIR ?? `${root}apps/web/dist`;
  const docsDir = env.ELIGO_DOCS_DIR ?? `${root}docs/.vitepress/dist`;
  return {
    port: integer(env, 'PORT', 8787),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.ELIGO_DATA_DIR ?? `${root}.data`,
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.ELIGO_ADMIN_TOKEN || undefined,
    bodyLimit: integer(env, 'ELIGO_BODY_LIMIT', 1024 * 1024),
    batchBuffer: Math.max(64 * 1024, integer(env, 'ELIGO_BATCH_BUFFER', 64 * 1024 * 1024)),
    rateLimit: integer(env, 'ELIGO_RATE_LIMIT', 100),
    addressRateLimit: integer(env, 'ELIGO_ADDRESS_RATE_LIMIT', 10),
    webOrigins: (env.ELIGO_WEB_ORIGIN ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    webDir: existsSync(`${webDir}/index.html`) ? webDir : undefined,
    docsDir: existsSync(docsDir) ? docsDir : undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    workers: Math.max(1, integer(env, 'ELIGO_WORKERS', 1)),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got '${raw}'`);
  return value;
}
