import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connect';
import type { ScreeningTable } from '../db/schema';
import { postgresTarget } from '../testing/postgres';
import { memoryDb, type TestApp, testApp } from '../testing/support';

const pgTarget = await postgresTarget('log_audit');
if ('reason' in pgTarget) console.warn(`[skip] PostgreSQL audit filter tests skipped: ${pgTarget.reason}`);

afterAll(async () => {
  if ('drop' in pgTarget) await pgTarget.drop();
});

const targets = [
  { name: 'SQLite', open: memoryDb, skip: false },
  {
    name: 'PostgreSQL',
    open: () =>
      'target' in pgTarget ? openDatabase(pgTarget.target) : Promise.reject(new Error('unreachable')),
    skip: 'reason' in pgTarget,
  },
];

const row = (id: string, at: string, protocol: string, verdicts: Record<string, string>): ScreeningTable => ({
  id,
  at,
  token_id: 'tok_1',
  token_name: 'ward 7',
  protocol_id: protocol,
  version: 1,
  as_of: '2025-03-15',
  verdicts: JSON.stringify(verdicts),
  input: null,
  batch_id: null,
});

// Ids sort by time, as the service's own do.
const rows = [
  row('scr_01', '2026-01-01T09:00:00.000Z', 'NCT1', { IgAN: 'eligible', PMN: 'ineligible' }),
  row('scr_02', '2026-01-01T22:30:00.000Z', 'NCT1', { IgAN: 'ineligible', PMN: 'ineligible' }),
  row('scr_03', '2026-01-02T00:00:00.000Z', 'NCT1', { IgAN: 'undetermined', PMN: 'eligible' }),
  row('scr_04', '2026-01-02T12:00:00.000Z', 'NCT2', { all_comers: 'eligible' }),
  row('scr_05', '2026-01-03T08:00:00.000Z', 'NCT2', { all_comers: 'undetermined' }),
  row('scr_06', '2026-01-04T08:00:00.000Z', 'NCT1', { IgAN: 'ineligible', PMN: 'undetermined' }),
];

describe.each(targets)('GET /v1/audit filters on $name', ({ open, skip }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (skip) return;
    t = await testApp({}, await open());
    await t.store.screenings.record(rows);
  });
  afterAll(async () => {
    await t?.db.close();
  });

  async function ids(query: string): Promise<string[]> {
    const res = await t.request('GET', `/v1/audit?${query}`, { role: 'admin' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { entries: { id: string }[] }).entries.map((e) => e.id);
  }

  it.skipIf(skip)('by trial', async () => {
    expect(await ids('protocol=NCT2')).toEqual(['scr_05', 'scr_04']);
    expect(await ids('protocol=NCT9')).toEqual([]);
  });

  it.skipIf(skip)('by a verdict any cohort has, never mistaking ineligible for eligible', async () => {
    expect(await ids('verdict=eligible')).toEqual(['scr_04', 'scr_03', 'scr_01']);
    expect(await ids('verdict=ineligible')).toEqual(['scr_06', 'scr_02', 'scr_01']);
    expect(await ids('verdict=undetermined&protocol=NCT1')).toEqual(['scr_06', 'scr_03']);
  });

  it.skipIf(skip)("by one cohort's verdict, its id matched exactly (case and underscore)", async () => {
    expect(await ids('verdict=ineligible&cohort=IgAN')).toEqual(['scr_06', 'scr_02']);
    expect(await ids('verdict=eligible&cohort=PMN')).toEqual(['scr_03']);
    expect(await ids('verdict=eligible&cohort=igan')).toEqual([]);
    expect(await ids('verdict=eligible&cohort=all_comers')).toEqual(['scr_04']);
    expect(await ids('verdict=eligible&cohort=all')).toEqual([]);
  });

  it.skipIf(skip)('by date range: since inclusive, until exclusive, in any offset', async () => {
    const since = encodeURIComponent('2026-01-02T00:00:00Z');
    const until = encodeURIComponent('2026-01-03T08:00:00.000Z');
    expect(await ids(`since=${since}&until=${until}`)).toEqual(['scr_04', 'scr_03']);
    // Midnight of 2 January in UTC+2 is 22:00 UTC on the 1st: the 22:30 screening is that day's.
    const local = encodeURIComponent('2026-01-02T00:00:00+02:00');
    const localEnd = encodeURIComponent('2026-01-03T00:00:00+02:00');
    expect(await ids(`since=${local}&until=${localEnd}`)).toEqual(['scr_04', 'scr_03', 'scr_02']);
  });

  it.skipIf(skip)('pages through filtered entries with the cursor', async () => {
    const first = await t.request('GET', '/v1/audit?protocol=NCT1&limit=2', { role: 'admin' });
    const page1 = (await first.json()) as { entries: { id: string }[]; next: string | null };
    expect(page1.entries.map((e) => e.id)).toEqual(['scr_06', 'scr_03']);
    expect(page1.next).toBe('scr_03');
    expect(await ids(`protocol=NCT1&limit=2&before=${page1.next}`)).toEqual(['scr_02', 'scr_01']);
  });
});

describe('GET /v1/audit refuses bad filters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  const cases = [
    ['since=2026-13-45T00:00:00Z', 'query.since'],
    ['until=yesterday', 'query.until'],
    ['since=2026-01-02', 'query.since'],
    ['verdict=maybe', 'query.verdict'],
    ['cohort=IgAN', 'query.cohort'],
  ] as const;

  it.each(cases)('400 for %s, naming %s', async (query, path) => {
    const res = await t.request('GET', `/v1/audit?${query}`, { role: 'admin' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path)).toEqual([path]);
  });

  it('says why a cohort alone is refused', async () => {
    const res = await t.request('GET', '/v1/audit?cohort=IgAN', { role: 'admin' });
    expect(await res.json()).toMatchObject({
      error: { issues: [{ path: 'query.cohort', message: 'cohort narrows verdict: give verdict too' }] },
    });
  });
});

describe('GET /v1/audit for a screener: the screenings of their own token only', () => {
  let t: TestApp;
  let mine: string;
  let theirs: string;
  beforeAll(async () => {
    t = await testApp();
    mine = (await t.store.tokens.findActiveBySecret(t.tokens.screener))!.id;
    theirs = (await t.store.tokens.create({ name: 'ward 9', role: 'screener', createdBy: null })).token.id;
    const by = (token: string, name: string) => (r: ScreeningTable) => ({
      ...r,
      token_id: token,
      token_name: name,
    });
    await t.store.screenings.record([
      ...rows.slice(0, 3).map(by(mine, 'screener (test)')),
      ...rows.slice(3).map(by(theirs, 'ward 9')),
    ]);
  });

  async function ids(query: string, role: 'admin' | 'screener'): Promise<string[]> {
    const res = await t.request('GET', `/v1/audit?${query}`, { role });
    expect(res.status).toBe(200);
    return ((await res.json()) as { entries: { id: string }[] }).entries.map((e) => e.id);
  }

  it('lists what the screener recorded, and everything for an admin', async () => {
    expect(await ids('', 'screener')).toEqual(['scr_03', 'scr_02', 'scr_01']);
    expect(await ids('', 'admin')).toEqual(['scr_06', 'scr_05', 'scr_04', 'scr_03', 'scr_02', 'scr_01']);
    expect(await ids('verdict=eligible', 'screener')).toEqual(['scr_03', 'scr_01']);
  });

  it('pages within the screener’s own entries', async () => {
    const res = await t.request('GET', '/v1/audit?limit=2', { role: 'screener' });
    const page = (await res.json()) as { entries: { id: string }[]; next: string | null };
    expect(page.entries.map((e) => e.id)).toEqual(['scr_03', 'scr_02']);
    expect(await ids(`limit=2&before=${page.next}`, 'screener')).toEqual(['scr_01']);
  });

  it("cannot widen the view with a token filter: another token's finds nothing", async () => {
    expect(await ids(`token=${theirs}`, 'screener')).toEqual([]);
    expect(await ids(`token=${mine}`, 'screener')).toEqual(['scr_03', 'scr_02', 'scr_01']);
    expect(await ids(`token=${theirs}`, 'admin')).toEqual(['scr_06', 'scr_05', 'scr_04']);
  });

  it("answers another token's entry as it answers a missing one: 404, the same message", async () => {
    const own = await t.request('GET', '/v1/audit/scr_01', { role: 'screener' });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: 'scr_01', token: { id: mine, name: 'screener (test)' } });
    const error = async (id: string) => {
      const res = await t.request('GET', `/v1/audit/${id}`, { role: 'screener' });
      expect(res.status).toBe(404);
      return ((await res.json()) as { error: unknown }).error;
    };
    expect(await error('scr_04')).toEqual({ code: 'not_found', message: "Audit entry 'scr_04' not found" });
    expect(await error('scr_99')).toEqual({ code: 'not_found', message: "Audit entry 'scr_99' not found" });
    const admin = await t.request('GET', '/v1/audit/scr_04', { role: 'admin' });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ id: 'scr_04', token: { id: theirs, name: 'ward 9' } });
  });

  it('gives a viewer nothing: 403', async () => {
    const res = await t.request('GET', '/v1/audit', { role: 'viewer' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { code: 'forbidden', message: 'This needs the screener role' },
    });
  });
});
