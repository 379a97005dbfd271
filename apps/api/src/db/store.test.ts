import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresTarget } from '../testing/postgres';
import type { Db } from './connect';
import { openDatabase, preparedOnce } from './connect';
import { createStore, type Store } from './store';

const pgTarget = await postgresTarget();
if ('reason' in pgTarget) console.warn(`[skip] PostgreSQL storage tests skipped: ${pgTarget.reason}`);

const targets = [
  { name: 'sqlite', open: () => openDatabase({ kind: 'sqlite', file: ':memory:' }), skip: false },
  {
    name: 'postgres',
    open: () =>
      'target' in pgTarget ? openDatabase(pgTarget.target) : Promise.reject(new Error('unreachable')),
    skip: 'reason' in pgTarget,
  },
];

afterAll(async () => {
  if ('drop' in pgTarget) await pgTarget.drop();
});

const publication = (n: number, protocolId = 'NCT00000001') => ({
  protocolId,
  hash: `hash-${n}`,
  title: `Title ${n}`,
  name: `${protocolId}.elig`,
  text: `text ${n}`,
  publishedBy: 'tok_test',
});

describe.each(targets)('storage on $name', ({ open, skip }) => {
  let db: Db;
  let store: Store;
  beforeAll(async () => {
    if (skip) return;
    db = await open();
    store = createStore(db);
  });
  afterAll(async () => {
    if (!skip) await db.close();
  });

  it.skipIf(skip)('runs migrations idempotently', async () => {
    const again = await open();
    await again.close();
    await store.ping();
  });

  it.skipIf(skip)('stores tokens hashed, finds them by secret and revokes them', async () => {
    const { secret, token } = await store.tokens.create({
      name: 'site A',
      role: 'screener',
      createdBy: null,
    });
    expect(secret).toMatch(/^eligo_[\w-]{43}$/);
    const raw = await db.kysely
      .selectFrom('api_tokens')
      .select('hash')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(raw.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(raw.hash).not.toContain(secret.slice(6));
    expect((await store.tokens.findActiveBySecret(secret))?.role).toBe('screener');
    expect(await store.tokens.revoke(token.id)).toBe(true);
    expect(await store.tokens.findActiveBySecret(secret)).toBeUndefined();
    expect(await store.tokens.revoke('tok_missing')).toBe(false);
  });

  it.skipIf(skip)(
    'numbers versions 1, 2, 3 and returns the existing version for identical text',
    async () => {
      const a = await store.protocols.publish(publication(1, 'P-SEQ'));
      const b = await store.protocols.publish(publication(2, 'P-SEQ'));
      const again = await store.protocols.publish(publication(1, 'P-SEQ'));
      const c = await store.protocols.publish(publication(3, 'P-SEQ'));
      expect([a, b, again, c].map((r) => [r.version.number, r.created])).toEqual([
        [1, true],
        [2, true],
        [1, false],
        [3, true],
      ]);
      expect((await store.protocols.version('P-SEQ'))?.number).toBe(3);
      expect((await store.protocols.version('P-SEQ', 2))?.text).toBe('text 2');
      expect(await store.protocols.version('P-SEQ', 9)).toBeUndefined();
      expect((await store.protocols.versions('P-SEQ')).map((v) => v.number)).toEqual([1, 2, 3]);
    },
  );

  it.skipIf(skip)('never gives two concurrent publishes the same number', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.protocols.publish(publication(i, 'P-RACE'))),
    );
    expect(results.map((r) => r.version.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it.skipIf(skip)('publishes identical text once when raced', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.protocols.publish(publication(7, 'P-SAME'))),
    );
    expect(new Set(results.map((r) => r.version.number))).toEqual(new Set([1]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it.skipIf(skip)('keeps drafts apart from versions and lists the latest version', async () => {
    await store.protocols.saveDraft('P-DRAFT', 'tok_a', { name: 'P-DRAFT.elig', text: 'draft text' });
    expect((await store.protocols.draft('P-DRAFT', 'tok_a'))?.text).toBe('draft text');
    expect(await store.protocols.version('P-DRAFT')).toBeUndefined();
    const list = await store.protocols.list();
    expect(list.find((p) => p.id === 'P-DRAFT')).toMatchObject({
      latest: null,
      title: null,
      draftUpdatedAt: null,
    });
    expect((await store.protocols.list('tok_a')).find((p) => p.id === 'P-DRAFT')?.draftUpdatedAt).toMatch(
      /^\d{4}-/,
    );
    expect(list.find((p) => p.id === 'P-SEQ')?.latest?.number).toBe(3);
  });

  it.skipIf(skip)(
    "keeps each author's draft apart, and offers the old shared draft to authors without one",
    async () => {
      await store.protocols.saveDraft('P-AUTHORS', 'tok_a', { name: 'a.elig', text: 'by a' });
      await store.protocols.saveDraft('P-AUTHORS', 'tok_b', { name: 'b.elig', text: 'by b' });
      await store.protocols.saveDraft('P-AUTHORS', 'tok_a', { name: 'a.elig', text: 'by a, again' });
      expect((await store.protocols.draft('P-AUTHORS', 'tok_a'))?.text).toBe('by a, again');
      expect((await store.protocols.draft('P-AUTHORS', 'tok_b'))?.text).toBe('by b');
      expect(await store.protocols.draft('P-AUTHORS', 'tok_c')).toBeUndefined();
      await db.kysely
        .updateTable('protocols')
        .set({
          draft_name: 'shared.elig',
          draft_text: 'shared',
          draft_updated_at: '2026-01-01T00:00:00.000Z',
        })
        .where('id', '=', 'P-AUTHORS')
        .execute();
      expect(await store.protocols.draft('P-AUTHORS', 'tok_c')).toEqual({
        name: 'shared.elig',
        text: 'shared',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      expect((await store.protocols.draft('P-AUTHORS', 'tok_b'))?.text).toBe('by b');
    },
  );

  it.skipIf(skip)('finds the key of the latest or a given version without its text', async () => {
    expect(await store.protocols.versionKey('P-SEQ')).toEqual({
      number: 3,
      hash: 'hash-3',
      name: 'P-SEQ.elig',
    });
    expect(await store.protocols.versionKey('P-SEQ', 2)).toEqual({
      number: 2,
      hash: 'hash-2',
      name: 'P-SEQ.elig',
    });
    expect(await store.protocols.versionKey('P-SEQ', 9)).toBeUndefined();
    expect(await store.protocols.versionKey('P-DRAFT')).toBeUndefined();
  });

  it.skipIf(skip)('lists audit entries newest first with filters and a cursor', async () => {
    const row = (i: number, protocol: string, token: string) => ({
      id: `scr_${String(i).padStart(4, '0')}`,
      at: `2026-01-0${1 + (i % 5)}T00:00:00.000Z`,
      token_id: token,
      token_name: token,
      protocol_id: protocol,
      version: 1 + (i % 2),
      as_of: '2025-03-15',
      verdicts: JSON.stringify({ IgAN: 'eligible' }),
      input: i === 0 ? JSON.stringify({ asOf: '2025-03-15' }) : null,
      batch_id: null,
    });
    await store.screenings.record(
      Array.from({ length: 10 }, (_, i) => row(i, i < 6 ? 'A' : 'B', i % 3 ? 't1' : 't2')),
    );
    const page1 = await store.screenings.list({ limit: 4 });
    expect(page1.map((e) => e.id)).toEqual(['scr_0009', 'scr_0008', 'scr_0007', 'scr_0006']);
    const page2 = await store.screenings.list({ limit: 4, before: 'scr_0006' });
    expect(page2.map((e) => e.id)).toEqual(['scr_0005', 'scr_0004', 'scr_0003', 'scr_0002']);
    expect((await store.screenings.list({ limit: 50, protocol: 'B' })).length).toBe(4);
    expect((await store.screenings.list({ limit: 50, protocol: 'A', version: 2 })).map((e) => e.id)).toEqual([
      'scr_0005',
      'scr_0003',
      'scr_0001',
    ]);
    expect((await store.screenings.list({ limit: 50, token: 't2' })).map((e) => e.id)).toEqual([
      'scr_0009',
      'scr_0006',
      'scr_0003',
      'scr_0000',
    ]);
    expect(
      (
        await store.screenings.list({
          limit: 50,
          since: '2026-01-02T00:00:00.000Z',
          until: '2026-01-03T00:00:00.000Z',
        })
      ).map((e) => e.id),
    ).toEqual(['scr_0006', 'scr_0001']);
    const withInput = await store.screenings.get('scr_0000');
    expect(withInput).toMatchObject({ verdicts: { IgAN: 'eligible' }, input: { asOf: '2025-03-15' } });
    expect((await store.screenings.get('scr_0001')) ?? {}).not.toHaveProperty('input');
    expect(page1[0]).not.toHaveProperty('input');
  });
});

describe('SQLite statements', () => {
  it('are prepared once per SQL text, but never handed out while still iterating', () => {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');
    const db = preparedOnce(sqlite, 2);
    const sql = 'select n from t order by n';
    const first = db.prepare(sql);
    expect(db.prepare(sql)).toBe(first);
    const seen: unknown[] = [];
    for (const row of first.iterate([])) {
      const again = db.prepare(sql);
      expect(again).not.toBe(first);
      seen.push((row as { n: number }).n, again.all([]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(db.prepare(sql)).toBe(first);
    db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare(sql)).not.toBe(first);
    db.close();
  });
});
