import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from './connect';
import { latestVersionKeys } from './latest-version';
import { createStore, type Store } from './store';

const publication = (n: number) => ({
  protocolId: 'P-LATEST',
  hash: `hash-${n}`,
  title: `Title ${n}`,
  name: 'P-LATEST.elig',
  text: `text ${n}`,
  publishedBy: 'tok_test',
});

const audit = (id: string) => ({
  id,
  at: '2026-01-01T00:00:00.000Z',
  token_id: 'tok_test',
  token_name: 'test',
  protocol_id: 'P-LATEST',
  version: 1,
  as_of: '2025-03-15',
  verdicts: '{}',
  input: null,
  batch_id: null,
});

/**
 * Two connections to one SQLite file stand for two server processes: the latest version's key is
 * kept between screenings, but a version either of them publishes is the next screening's.
 */
describe('the latest version of a protocol, on one SQLite file from two processes', () => {
  let dir: string;
  let dbs: Db[];
  let here: Store;
  let there: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eligo-latest-'));
    const file = join(dir, 'eligo.sqlite');
    dbs = [await openDatabase({ kind: 'sqlite', file }), await openDatabase({ kind: 'sqlite', file })];
    here = createStore(dbs[0]!);
    there = createStore(dbs[1]!);
    await here.protocols.publish(publication(1));
  });
  afterEach(async () => {
    for (const db of dbs) await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the database again only once something was committed', async () => {
    const queries = vi.spyOn(dbs[0]!.kysely, 'selectFrom');
    expect((await here.protocols.versionKey('P-LATEST'))?.number).toBe(1);
    expect((await here.protocols.versionKey('P-LATEST'))?.number).toBe(1);
    expect(queries).toHaveBeenCalledTimes(1);
    // An audit row committed by the writer thread is another connection's commit.
    await here.screenings.record([audit('scr_1')]);
    expect((await here.protocols.versionKey('P-LATEST'))?.number).toBe(1);
    expect(queries).toHaveBeenCalledTimes(2);
  });

  it("sees another process's publication at once", async () => {
    expect((await here.protocols.versionKey('P-LATEST'))?.number).toBe(1);
    expect(await here.protocols.versionKey('P-OTHER')).toBeUndefined();
    await there.protocols.publish(publication(2));
    await there.protocols.publish({ ...publication(1), protocolId: 'P-OTHER' });
    expect(await here.protocols.versionKey('P-LATEST')).toEqual({
      number: 2,
      hash: 'hash-2',
      name: 'P-LATEST.elig',
    });
    expect((await here.protocols.versionKey('P-OTHER'))?.number).toBe(1);
  });

  it('sees its own publication at once', async () => {
    expect((await here.protocols.versionKey('P-LATEST'))?.number).toBe(1);
    await here.protocols.publish(publication(2));
    expect((await here.protocols.versionKey('P-LATEST'))?.number).toBe(2);
  });

  it('answers for a pinned version from the database', async () => {
    await there.protocols.publish(publication(2));
    expect((await here.protocols.versionKey('P-LATEST', 1))?.hash).toBe('hash-1');
    expect(await here.protocols.versionKey('P-LATEST', 3)).toBeUndefined();
  });
});

describe('latest version keys', () => {
  const key = (number: number) => ({ number, hash: `hash-${number}`, name: 'p.elig' });

  it('does not keep an answer read before a publication of its own connection', async () => {
    // This connection's commits leave data_version as it was.
    const keys = latestVersionKeys({ dataVersion: () => 7 });
    let answer!: (k: ReturnType<typeof key>) => void;
    const during = keys.get('P', () => new Promise((resolve) => (answer = resolve)));
    keys.forget();
    answer(key(1));
    expect((await during)?.number).toBe(1);
    expect((await keys.get('P', async () => key(2)))?.number).toBe(2);
    expect((await keys.get('P', async () => key(3)))?.number).toBe(2);
  });

  it('asks every time without data_version (PostgreSQL)', async () => {
    const keys = latestVersionKeys({});
    let n = 0;
    const read = async () => key(++n);
    await keys.get('P', read);
    expect((await keys.get('P', read))?.number).toBe(2);
  });
});
