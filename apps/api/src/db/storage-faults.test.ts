import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { type Logger, pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createStore } from '../db/store';
import { postgresTarget } from '../testing/postgres';
import { small } from '../testing/small';
import { testApp } from '../testing/support';
import { type Db, openDatabase } from './connect';

// A disk cannot be filled in a test. The driver's own error is thrown instead, through the fault
// hook every statement passes, exactly as better-sqlite3 and node-postgres throw it; and SQLite's
// page limit makes SQLite itself fail with SQLITE_FULL.
const sqliteFull = () => new SQLite.SqliteError('database or disk is full', 'SQLITE_FULL');
const sqliteIo = () => new SQLite.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
const postgresFull = () =>
  Object.assign(
    new pg.DatabaseError('could not extend file "base/16384/16400": No space left on device', 120, 'error'),
    { code: '53100' },
  );

const writes = /^\s*(insert|update|delete)/i;
const screening = { asOf: '2025-03-15', facts: {} };

/** A logger whose lines the test reads. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { lines, logger };
}

/** An app over `db`, logging to `log`. */
async function harness(db: Db, { lines, logger } = capture()) {
  const t = await testApp({}, db);
  const app = createApp({
    store: createStore(db),
    logger,
    config: {
      bodyLimit: 64 * 1024,
      batchBuffer: 1 << 20,
      rateLimit: 0,
      addressRateLimit: 0,
      webOrigins: [],
      webDir: undefined,
      docsDir: undefined,
    },
  });
  const auth = (role: 'author' | 'screener') => ({ authorization: `Bearer ${t.tokens[role]}` });
  const publish = await app.request('/v1/protocols/T-FULL/versions', {
    method: 'POST',
    headers: { ...auth('author'), 'content-type': 'application/json' },
    body: JSON.stringify({ text: small('T-FULL') }),
  });
  expect(publish.status).toBe(201);
  return {
    lines,
    app,
    screen: () =>
      app.request('/v1/protocols/T-FULL/screenings', {
        method: 'POST',
        headers: { ...auth('screener'), 'content-type': 'application/json' },
        body: JSON.stringify(screening),
      }),
    batch: (n: number) =>
      app.request('/v1/protocols/T-FULL/screenings/batch', {
        method: 'POST',
        headers: { ...auth('screener'), 'content-type': 'application/x-ndjson' },
        body: `${JSON.stringify(screening)}\n`.repeat(n),
      }),
  };
}

const pgTarget = await postgresTarget();
if ('reason' in pgTarget) console.warn(`[skip] PostgreSQL storage fault tests skipped: ${pgTarget.reason}`);
afterAll(async () => {
  if ('drop' in pgTarget) await pgTarget.drop();
});

const databases = [
  {
    name: 'SQLite',
    open: (logger: Logger) => openDatabase({ kind: 'sqlite', file: ':memory:' }, { logger }),
    full: sqliteFull,
    code: 'SQLITE_FULL',
    skip: false,
  },
  {
    name: 'PostgreSQL',
    open: (logger: Logger) =>
      'target' in pgTarget ? openDatabase(pgTarget.target, { logger }) : Promise.reject(new Error('skipped')),
    full: postgresFull,
    code: '53100',
    skip: 'reason' in pgTarget,
  },
];

describe.each(databases)('a full disk on $name', ({ open, full, code, skip }) => {
  it.skipIf(skip)(
    'answers 503 with Retry-After, logs the driver code, leaves liveness ok and readiness down until a write succeeds',
    async () => {
      const log = capture();
      const db = await open(log.logger);
      try {
        const h = await harness(db, log);
        expect((await h.screen()).status).toBe(200);

        db.storage.fault = (statement) => (writes.test(statement) ? full() : undefined);
        const refused = await h.screen();
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('60');
        const body = (await refused.json()) as {
          error: { code: string; message: string };
          requestId: string;
        };
        expect(body.error.code).toBe('storage_full');
        expect(body.requestId).toBeTruthy();
        const logged = h.lines.find((l) => l.msg === 'storage error' && l.requestId === body.requestId);
        expect(logged).toMatchObject({ level: 50, storage: 'full', err: { code } });

        // Alive (restarting would not help), but not ready: reads still work, writes do not.
        expect((await h.app.request('/healthz')).status).toBe(200);
        const notReady = await h.app.request('/readyz');
        expect(notReady.status).toBe(503);
        expect(notReady.headers.get('retry-after')).toBe('60');
        expect(await notReady.json()).toEqual({ status: 'unavailable', storage: 'full' });
        expect((await h.app.request('/v1/readyz')).status).toBe(503);
        // A batch is refused before its 200 goes out, not cut short after it.
        const batch = await h.batch(3);
        expect(batch.status).toBe(503);
        expect(((await batch.json()) as { error: { code: string } }).error.code).toBe('storage_full');

        // Space again: readiness finds out by writing, without waiting for a client's write.
        db.storage.fault = undefined;
        const ready = await h.app.request('/readyz');
        expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
        expect(h.lines.some((l) => l.msg === 'storage available again')).toBe(true);
        expect((await h.screen()).status).toBe(200);
      } finally {
        await db.close();
      }
    },
  );
});

describe('storage failures on SQLite', () => {
  it('maps a real SQLITE_FULL (the page limit reached) to 503, and recovers when there is room', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    const h = await harness(db);
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db.kysely)).rows[0]!
      .page_count;
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db.kysely);
    // Audit rows go into the free space of the existing pages until there is none.
    let status = 200;
    for (let i = 0; i < 200 && status === 200; i++) status = (await h.screen()).status;
    expect(status).toBe(503);
    expect(h.lines.find((l) => l.msg === 'storage error')).toMatchObject({ err: { code: 'SQLITE_FULL' } });
    // (Readiness is not asked here: its probe row still fits into a page with room left.)
    await sql.raw(`pragma max_page_count = ${pages * 100}`).execute(db.kysely);
    expect((await h.screen()).status).toBe(200);
    await db.close();
  });

  it('maps I/O errors to 503 storage_io_error', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    const h = await harness(db);
    db.storage.fault = (statement) => (writes.test(statement) ? sqliteIo() : undefined);
    const res = await h.screen();
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '30']);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('storage_io_error');
    expect(h.lines.find((l) => l.msg === 'storage error')).toMatchObject({
      err: { code: 'SQLITE_IOERR_WRITE' },
    });
    expect(await (await h.app.request('/readyz')).json()).toEqual({
      status: 'unavailable',
      storage: 'io_error',
    });
    await db.close();
  });

  it('ends a batch whose audit rows cannot be written with an error line saying how many were recorded', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    const h = await harness(db);
    let inserts = 0;
    // The first group of 200 audit rows goes in; the next fails.
    db.storage.fault = (statement) =>
      /^\s*insert into "screenings"/i.test(statement) && ++inserts > 3 ? sqliteFull() : undefined;
    const res = await h.batch(450);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { error: { code: string }; batch: { recorded: number } };
    expect(last.error.code).toBe('storage_full');
    expect(last.batch.recorded).toBe(200);
    expect(lines.some((l) => l.includes('"summary"'))).toBe(false);
    expect(h.lines.find((l) => l.msg === 'storage error')).toMatchObject({ err: { code: 'SQLITE_FULL' } });
    await db.close();
  });
});

describe('storage failures on a SQLite file', () => {
  it('maps a failed write of the audit writer thread to 503 like any other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eligo-full-'));
    const log = capture();
    const db = await openDatabase(
      { kind: 'sqlite', file: join(dir, 'eligo.sqlite') },
      { logger: log.logger },
    );
    try {
      expect(db.writeScreenings).toBeDefined();
      const h = await harness(db, log);
      db.storage.fault = (statement) =>
        statement.startsWith('insert into "screenings"') ? sqliteFull() : undefined;
      const res = await h.screen();
      expect([res.status, res.headers.get('retry-after')]).toEqual([503, '60']);
      expect(log.lines.find((l) => l.msg === 'storage unavailable')).toMatchObject({ code: 'SQLITE_FULL' });
      db.storage.fault = undefined;
      expect((await h.screen()).status).toBe(200);
      expect(db.storage.problem).toBeUndefined();
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
