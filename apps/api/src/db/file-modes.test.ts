import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseTarget, openDatabase } from './connect';
import { createStore } from './store';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('the files the server writes', () => {
  const root = mkdtempSync(join(tmpdir(), 'eligo-modes-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are readable by their owner only: the data folder 0700, the database, its WAL and shared memory 0600', async () => {
    const target = databaseTarget({ databaseUrl: undefined, dataDir: join(root, 'data') });
    expect(mode(join(root, 'data'))).toBe('700');
    if (target.kind !== 'sqlite') throw new Error('expected SQLite');
    const db = await openDatabase(target);
    try {
      // A write through the service's connection and one through the audit writer's thread.
      const store = createStore(db);
      await store.tokens.create({ name: 'a', role: 'admin', createdBy: null });
      await store.screenings.record([
        {
          id: 'scr_1',
          at: '2025-03-15T00:00:00.000Z',
          token_id: 'tok_1',
          token_name: 'a',
          protocol_id: 'P',
          version: 1,
          as_of: '2025-03-15',
          verdicts: '{}',
          input: '{"name":"Jane Doe"}',
          batch_id: null,
        },
      ]);
      for (const suffix of ['', '-wal', '-shm'])
        expect([suffix, mode(`${target.file}${suffix}`)]).toEqual([suffix, '600']);
    } finally {
      await db.close();
    }
  });

  it('narrows a database file left world-readable by an older version', async () => {
    const file = join(root, 'old.sqlite');
    writeFileSync(file, '', { mode: 0o644 });
    const db = await openDatabase({ kind: 'sqlite', file });
    await db.close();
    expect(mode(file)).toBe('600');
  });
});
