import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { type AuditWriter, startAuditWriter } from './audit-writer';
import { migrate } from './migrations';
import { observedDialect } from './observed-dialect';
import { describeError } from './redact';
import type { Database } from './schema';
import { type StorageHealth, storageHealth } from './storage-health';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where audit rows go when not through `kysely` on this thread: a SQLite file's writer thread. */
  readonly writeScreenings?: AuditWriter['write'];
  /**
   * SQLite's `data_version`: changes whenever another connection (another process, or the audit
   * writer thread) commits, not when this one does. Lets a reader keep an answer until the
   * database may have changed. Absent for PostgreSQL, which has no such cheap signal.
   */
  readonly dataVersion?: () => number;
  /** Whether storage is failing (disk full, I/O errors, server gone); sees every statement. */
  readonly storage: StorageHealth;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string | undefined };

export function databaseTarget(config: { databaseUrl: string | undefined; dataDir: string }): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  // Only this service's user reads the folder it creates (an existing folder is left as it is).
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return { kind: 'sqlite', file: join(config.dataDir, 'eligo.sqlite') };
}

/**
 * The database holds patient input (when kept) and token hashes: only its owner may read it.
 * SQLite creates the WAL, shared-memory and journal files with the database file's permissions,
 * so creating that file 0600 first covers them all; files left by an older version are narrowed
 * too. Explicit rather than a umask, which would also apply to whatever else the process creates
 * and cannot be set from the audit writer's thread.
 */
function ownerOnly(file: string) {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
    if (existsSync(path)) chmodSync(path, 0o600);
}

export interface OpenOptions {
  /** Where lost connections and storage failures are reported; nothing is logged without one. */
  readonly logger?: Logger | undefined;
}

/** Opens the database and runs pending migrations. */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Db> {
  const storage = storageHealth(options.logger);
  const db =
    target.kind === 'sqlite'
      ? openSqlite(target.file, storage)
      : openPostgres(target.url, target.schema, storage, options.logger);
  try {
    const schema =
      db.dialect === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]
            ?.schema
        : undefined;
    await migrate(db.kysely as Kysely<unknown>, schema);
  } catch (error) {
    await db.close();
    throw error;
  }
  if (target.kind === 'sqlite' && target.file !== ':memory:') {
    // Started after the migrations, so the writer never sees a table that is not there yet.
    const writer = startAuditWriter(target.file);
    return {
      ...db,
      writeScreenings: observedWrite(writer.write, storage),
      close: async () => {
        await writer.close();
        await db.close();
      },
    };
  }
  return db;
}

const AUDIT_INSERT = 'insert into "screenings"';

/** The audit writer thread's writes, seen by the storage health like Kysely's statements. */
function observedWrite(write: AuditWriter['write'], storage: StorageHealth): AuditWriter['write'] {
  return async (rows) => {
    try {
      storage.before(AUDIT_INSERT);
      await write(rows);
      storage.succeeded(AUDIT_INSERT);
    } catch (error) {
      storage.failed(error);
      throw error;
    }
  };
}

function openSqlite(file: string, storage: StorageHealth): Db {
  const sqlite = openSqliteFile(file);
  const dialect = observedDialect(new SqliteDialect({ database: preparedOnce(sqlite) }), storage);
  const kysely = new Kysely<Database>({ dialect });
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  return {
    kysely,
    dialect: 'sqlite',
    dataVersion: () => dataVersion.get() as number,
    storage,
    close: () => kysely.destroy(),
  };
}

/** A connection to a SQLite file with the settings every connection of the service uses. */
export function openSqliteFile(file: string): SQLite.Database {
  if (file !== ':memory:' && file !== '') ownerOnly(file);
  const sqlite = new SQLite(file);
  // WAL with synchronous=FULL: a commit is on disk before the response that acknowledges it.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * The database as Kysely's SQLite driver sees it, with each SQL text prepared once: the driver
 * prepares every query it runs, and preparing cost as much CPU as running the screening request's
 * two queries. A statement still iterating (a streamed query) is never handed out twice.
 */
export function preparedOnce(sqlite: SQLite.Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, schema: string | undefined, storage: StorageHealth, logger?: Logger): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A server that does not answer fails the request (503) instead of holding it forever.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    // Names the service's sessions in pg_stat_activity; an application_name in the URL wins.
    application_name: 'eligo-api',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A connection that dies (the server restarts, an administrator or a proxy ends it) emits
  // 'error' on its client, and on the pool too when it was idle. Unhandled, either event ends the
  // process and prints the client with its connection parameters. The pool drops a broken client
  // and opens a new one when next needed; a statement running on it fails and is answered 503.
  pool.on('error', () => {
    // Logged by the client's own listener below, which sees idle and checked-out clients alike.
  });
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      logger?.warn({ error: describeError(error, url) }, 'database connection lost; it will be replaced');
    });
  });
  const kysely = new Kysely<Database>({ dialect: observedDialect(new PostgresDialect({ pool }), storage) });
  return { kysely, dialect: 'postgres', storage, close: () => kysely.destroy() };
}

/** A unique or primary-key violation, in either database's words. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
