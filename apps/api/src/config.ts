import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CompileBudgetSettings } from './compile/budget';
import type { CompileSettings } from './compile/pool';
import { DEFAULT_JOBS } from './feasibility/jobs';

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
  /** Compiling criteria text from requests: threads per process, time and memory budgets. */
  readonly compile: CompileSettings;
  /** Compile work each token may ask for (on one instance). */
  readonly compilePerToken: CompileBudgetSettings;
  /** Folder of FHIR bulk exports feasibility runs may read, by folder name; none when unset. */
  readonly bulkDir: string | undefined;
  /** Feasibility runs under way at once on one instance. */
  readonly feasibilityJobs: number;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

export class ConfigError extends Error {}

/**
 * The largest text within core's limits compiles in about 6 s on one busy core, and the largest
 * bundled protocol in 0.3 s: 20 s stops only what something has gone wrong with. 256 MiB of heap is
 * several times what the largest text within the limits needs.
 */
export const DEFAULT_COMPILE: CompileSettings = {
  // One core stays with the request thread.
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  timeoutMs: 20_000,
  memoryMb: 256,
  queue: 32,
};

/** A third of a compile thread per token: an author's editor checking as they type stays far below it. */
export const DEFAULT_COMPILE_PER_TOKEN: CompileBudgetSettings = { concurrent: 2, msPerMinute: 20_000 };

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
    compile: {
      threads: Math.max(1, integer(env, 'ELIGO_COMPILE_THREADS', DEFAULT_COMPILE.threads)),
      timeoutMs: Math.max(100, integer(env, 'ELIGO_COMPILE_TIMEOUT_MS', DEFAULT_COMPILE.timeoutMs)),
      memoryMb: Math.max(64, integer(env, 'ELIGO_COMPILE_MEMORY_MB', DEFAULT_COMPILE.memoryMb)),
      queue: DEFAULT_COMPILE.queue,
    },
    compilePerToken: {
      concurrent: integer(env, 'ELIGO_COMPILE_CONCURRENCY', DEFAULT_COMPILE_PER_TOKEN.concurrent),
      msPerMinute: integer(env, 'ELIGO_COMPILE_MS_PER_MINUTE', DEFAULT_COMPILE_PER_TOKEN.msPerMinute),
    },
    bulkDir: env.ELIGO_BULK_DIR || undefined,
    feasibilityJobs: Math.max(1, integer(env, 'ELIGO_FEASIBILITY_JOBS', DEFAULT_JOBS.running)),
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
