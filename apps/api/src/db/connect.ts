import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type AuditWriter, startAuditWriter } from './audit-writer';
import { migrate } from './migrations';
import type { Database } from './schema';

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
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string | undefined };

export function databaseTarget(config: { databaseUrl: string | undefined; dataDir: string }): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  mkdirSync(config.dataDir, { recursive: true });
  return { kind: 'sqlite', file: join(config.dataDir, 'eligo.sqlite') };
}

/** Opens the database and runs pending migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  const db = target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, target.schema);
  try {
    await migrate(db.kysely as Kysely<unknown>);
  } catch (error) {
    await db.close();
    throw error;
  }
  if (target.kind === 'sqlite' && target.file !== ':memory:') {
    // Started after the migrations, so the writer never sees a table that is not there yet.
    const writer = startAuditWriter(target.file);
    return {
      ...db,
      writeScreenings: writer.write,
      close: async () => {
        await writer.close();
        await db.close();
      },
    };
  }
  return db;
}

function openSqlite(file: string): Db {
  const { kysely, sqlite } = openSqliteConnection(file);
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  return {
    kysely,
    dialect: 'sqlite',
    dataVersion: () => dataVersion.get() as number,
    close: () => kysely.destroy(),
  };
}

function openSqliteConnection(file: string): { kysely: Kysely<Database>; sqlite: SQLite.Database } {
  const sqlite = openSqliteFile(file);
  return {
    kysely: new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) }),
    sqlite,
  };
}

/** A connection to a SQLite file with the settings every connection of the service uses. */
export function openSqliteFile(file: string): SQLite.Database {
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

function openPostgres(url: string, schema: string | undefined): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

/** A unique or primary-key violation, in either database's words. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
