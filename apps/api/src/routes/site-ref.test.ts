import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../db/connect';
import { example, nct } from '../testing/nct';
import { POSTGRES_URL } from '../testing/postgres';
import { memoryDb, testApp } from '../testing/support';

/** A PostgreSQL database in a schema of this file's own, or the reason there is none. */
async function postgresDb(): Promise<{ db: Db; drop: () => Promise<void> } | { reason: string }> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
  } catch (error) {
    return { reason: `PostgreSQL not reachable at ${POSTGRES_URL} (${(error as Error).message})` };
  }
  const schema = `entry_site_ref_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await client.query(`create schema ${schema}`);
  await client.end();
  const db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema });
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const folder = mkdtempSync(join(tmpdir(), 'eligo-site-ref-'));
const postgres = await postgresDb();
if ('reason' in postgres) console.warn(`[skip] site reference on PostgreSQL skipped: ${postgres.reason}`);
afterAll(async () => {
  if ('drop' in postgres) await postgres.drop();
  rmSync(folder, { recursive: true, force: true });
});

// In memory, a SQLite file (rows go through the audit writer's thread) and PostgreSQL.
const stores: [string, () => Promise<Db> | undefined][] = [
  ['SQLite in memory', memoryDb],
  ['a SQLite file', () => openDatabase({ kind: 'sqlite', file: join(folder, 'audit.sqlite') })],
  ['PostgreSQL', () => ('db' in postgres ? Promise.resolve(postgres.db) : undefined)],
];

describe.each(stores)('the site reference on %s', async (name, open) => {
  const skip = name === 'PostgreSQL' && !('db' in postgres);
  const db = skip ? undefined : await open();
  const t = db && (await testApp({}, db));
  if (t) {
    const published = await t.request('POST', '/v1/protocols/NCT06469190/versions', {
      role: 'author',
      body: { text: nct.text, name: nct.name },
    });
    expect(published.status).toBe(201);
  }
  const screen = (body: Record<string, unknown>) =>
    t!.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: { ...example('eligible-igan.json'), ...body },
    });

  it.skipIf(skip)(
    'is stored with the audit record and returned by the screening and audit reads',
    async () => {
      const res = await screen({ siteRef: 'SCR-0042' });
      expect(res.status).toBe(200);
      const screening = (await res.json()) as { id: string; siteRef?: string };
      expect(screening.siteRef).toBe('SCR-0042');
      const entry = (await (
        await t!.request('GET', `/v1/audit/${screening.id}`, { role: 'admin' })
      ).json()) as {
        siteRef: string | null;
      };
      expect(entry.siteRef).toBe('SCR-0042');
      const list = (await (
        await t!.request('GET', '/v1/audit?protocol=NCT06469190', { role: 'admin' })
      ).json()) as { entries: { id: string; siteRef: string | null }[] };
      expect(list.entries.find((e) => e.id === screening.id)?.siteRef).toBe('SCR-0042');
    },
  );

  it.skipIf(skip)('is null when the request gives none, and not echoed', async () => {
    const res = await screen({});
    const screening = (await res.json()) as Record<string, unknown>;
    expect(screening).not.toHaveProperty('siteRef');
    const entry = (await (
      await t!.request('GET', `/v1/audit/${String(screening.id)}`, { role: 'admin' })
    ).json()) as Record<string, unknown>;
    expect(entry.siteRef).toBeNull();
  });

  it.skipIf(skip)(
    '400 with the path for a newline, a control character or more than 64 characters; nothing recorded',
    async () => {
      const before = await t!.store.screenings.list({ limit: 500 });
      for (const siteRef of ['SCR-0042\nforged line', 'SCR\r0042', 'SCR\u00000042']) {
        const res = await screen({ siteRef });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
          { path: 'siteRef', message: 'must be one line, without newlines or other control characters' },
        ]);
      }
      const long = await screen({ siteRef: 'S'.repeat(65) });
      expect(long.status).toBe(400);
      expect(((await long.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
        { path: 'siteRef', message: 'Too big: expected string to have <=64 characters' },
      ]);
      expect((await screen({ siteRef: 'S'.repeat(64) })).status).toBe(200);
      expect(await t!.store.screenings.list({ limit: 500 })).toHaveLength(before.length + 1);
    },
  );
});
