import { pino } from 'pino';
import { createApp } from '../app';
import type { Role } from '../auth/roles';
import { createCompilePool } from '../compile/pool';
import { DEFAULT_COMPILE } from '../config';
import { type Db, openDatabase } from '../db/connect';
import { createStore, type Store } from '../db/store';
import type { Deps } from '../http/env';
import { createProtocolCache } from '../screening/cache';

export const silent = pino({ level: 'silent' });

/** Compiling the bundled trial takes a while; apps in one test file share their compiled protocols. */
const sharedCache = createProtocolCache();

/** A compile thread loads the compiler when it starts; apps in one test file share theirs. */
export const sharedCompiler = createCompilePool({ ...DEFAULT_COMPILE, threads: 1 });

export async function memoryDb(): Promise<Db> {
  return openDatabase({ kind: 'sqlite', file: ':memory:' });
}

export interface TestApp {
  readonly app: ReturnType<typeof createApp>;
  readonly store: Store;
  readonly db: Db;
  /** A bearer token per role. */
  readonly tokens: Record<Role, string>;
  request(
    method: string,
    path: string,
    options?: { role?: Role | undefined; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

export async function testApp(
  config: Partial<Deps['config']> = {},
  db?: Db,
  deps: Partial<Pick<Deps, 'logger' | 'batchStallMs' | 'compiler' | 'compilePerToken'>> = {},
): Promise<TestApp> {
  const database = db ?? (await memoryDb());
  const store = createStore(database);
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'author', 'reviewer', 'screener', 'viewer'] as const) {
    tokens[role] = (await store.tokens.create({ name: `${role} (test)`, role, createdBy: null })).secret;
  }
  const app = createApp({
    store,
    cache: sharedCache,
    compiler: sharedCompiler,
    // Off, as the request rate limit is: the tests of the budget turn it on.
    compilePerToken: { concurrent: 0, msPerMinute: 0 },
    logger: silent,
    ...deps,
    config: {
      bodyLimit: 64 * 1024,
      batchBuffer: 1024 * 1024,
      rateLimit: 0,
      addressRateLimit: 0,
      webOrigins: [],
      webDir: undefined,
      docsDir: undefined,
      ...config,
    },
  });
  return {
    app,
    store,
    db: database,
    tokens,
    request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.role) headers.authorization = `Bearer ${tokens[options.role]}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      return Promise.resolve(app.request(path, { method, headers, body }));
    },
  };
}
