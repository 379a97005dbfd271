import { describe, expect, it } from 'vitest';
import { BootstrapError, bootstrap } from './bootstrap';
import { createStore } from './db/store';
import { memoryDb, silent } from './testing/support';

async function fresh() {
  return createStore(await memoryDb());
}

describe('first start', () => {
  it('creates one admin token, prints it once on its own, and stores only its hash', async () => {
    const store = await fresh();
    const printed: string[] = [];
    const print = (line: string) => printed.push(line);
    await bootstrap(store, silent, { adminToken: undefined, print });
    await bootstrap(store, silent, { adminToken: undefined, print });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^eligo_[\w-]{43}$/);
    expect((await store.tokens.findActiveBySecret(printed[0]!))?.role).toBe('admin');
    const rows = await store.db.kysely.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(printed[0]);
  });

  it('takes the admin token from ELIGO_ADMIN_TOKEN and prints nothing', async () => {
    const store = await fresh();
    const printed: string[] = [];
    const token = 'eligo_0123456789abcdefghijklmnopqrstuv';
    await bootstrap(store, silent, { adminToken: token, print: (l) => printed.push(l) });
    await bootstrap(store, silent, { adminToken: token, print: (l) => printed.push(l) });
    expect(printed).toEqual([]);
    expect(await store.tokens.count()).toBe(1);
    expect((await store.tokens.findActiveBySecret(token))?.role).toBe('admin');
  });

  it('refuses an ELIGO_ADMIN_TOKEN without the prefix', async () => {
    const store = await fresh();
    await expect(bootstrap(store, silent, { adminToken: 'hunter2', print: () => {} })).rejects.toThrow(
      BootstrapError,
    );
  });

  it('publishes the bundled NCT06469190 into an empty database, once', async () => {
    const store = await fresh();
    await bootstrap(store, silent, { adminToken: undefined, print: () => {} });
    await bootstrap(store, silent, { adminToken: undefined, print: () => {} });
    expect((await store.protocols.versions('NCT06469190')).map((v) => v.number)).toEqual([1]);
  });
});
