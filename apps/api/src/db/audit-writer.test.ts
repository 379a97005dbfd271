import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, openDatabase } from './connect';
import { createStore } from './store';

const dir = mkdtempSync(join(tmpdir(), 'eligo-audit-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (id: string) => ({
  id,
  at: '2026-01-01T00:00:00.000Z',
  token_id: 'tok_a',
  token_name: 'site A',
  protocol_id: 'NCT06469190',
  version: 1,
  as_of: '2025-03-15',
  verdicts: JSON.stringify({ IgAN: 'eligible' }),
  input: null,
  batch_id: null,
});

describe('audit rows of a SQLite file', () => {
  it('are written by the writer thread, readable once acknowledged, and kept across a reopen', async () => {
    const file = join(dir, 'a.sqlite');
    const db = await openDatabase({ kind: 'sqlite', file });
    expect(db.writeScreenings).toBeTypeOf('function');
    const store = createStore(db);
    await Promise.all(
      Array.from({ length: 250 }, (_, i) => store.screenings.record([row(`scr_${1000 + i}`)])),
    );
    expect(await store.screenings.list({ limit: 500 })).toHaveLength(250);
    await db.close();

    const again = await openDatabase({ kind: 'sqlite', file });
    expect((await createStore(again).screenings.get('scr_1249'))?.token).toEqual({
      id: 'tok_a',
      name: 'site A',
    });
    await again.close();
  });

  it('rejects a failed write with the database error code, and goes on writing', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: join(dir, 'b.sqlite') });
    const store = createStore(db);
    await store.screenings.record([row('scr_1')]);
    const error = await store.screenings.record([row('scr_1')]).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    await store.screenings.record([row('scr_2')]);
    expect((await store.screenings.list({ limit: 10 })).map((r) => r.id)).toEqual(['scr_2', 'scr_1']);
    await db.close();
  });

  it('stays on the request thread for an in-memory database', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    expect(db.writeScreenings).toBeUndefined();
    await db.close();
  });
});
