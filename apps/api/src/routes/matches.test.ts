import type { TrialMatch } from '@eligo/core';
import { readProtocolSource } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { example, nct } from '../testing/nct';
import { testApp } from '../testing/support';

const flu = readProtocolSource('NCT02894840');

async function twoTrials() {
  const t = await testApp();
  for (const source of [nct, flu]) {
    const res = await t.request('POST', `/v1/protocols/${source.text.match(/^trial (\S+)/m)![1]}/versions`, {
      role: 'author',
      body: { text: source.text, name: source.name },
    });
    expect(res.status).toBe(201);
  }
  // A draft nobody published is no trial to match.
  const draft = await t.request('POST', '/v1/protocols', {
    role: 'author',
    body: { text: 'trial DRAFT "x"' },
  });
  expect(draft.status).toBe(201);
  return t;
}

interface Matches {
  id: string;
  ref?: string;
  asOf: string;
  matches: TrialMatch[];
  refused: { protocol: { id: string }; errors: unknown[] }[];
}

describe('POST /v1/matches', async () => {
  const t = await twoTrials();

  it("ranks every published trial's cohorts for one patient, each trial taking its own answers", async () => {
    const res = await t.request('POST', '/v1/matches', {
      role: 'screener',
      body: { ...example('eligible-igan.json'), ref: 'site-7' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Matches;
    expect(body.ref).toBe('site-7');
    expect(body.refused).toEqual([]);
    const rows = body.matches.map((m) => [m.protocol.id, m.cohort.id, m.verdict]);
    expect(rows[0]).toEqual(['NCT06469190', 'IgAN', 'eligible']);
    expect(rows.map((r) => r[0]).sort()).toEqual([
      'NCT02894840',
      'NCT06469190',
      'NCT06469190',
      'NCT06469190',
    ]);
    const order = { eligible: 0, undetermined: 1, ineligible: 2 };
    const ranks = body.matches.map((m) => order[m.verdict]);
    expect(ranks).toEqual([...ranks].sort());
    const fluMatch = body.matches.find((m) => m.protocol.id === 'NCT02894840')!;
    // The flu trial's questions were not answered: what it still needs is named, with labels.
    expect(fluMatch.verdict).not.toBe('eligible');
    if (fluMatch.verdict === 'undetermined') expect(fluMatch.missing.length).toBeGreaterThan(0);
    for (const m of body.matches.filter((x) => x.verdict === 'ineligible'))
      expect(m.failed.length).toBeGreaterThan(0);

    const audit = await t.store.screenings.list({ limit: 10, batch: body.id });
    expect(audit.map((a) => a.protocol.id).sort()).toEqual(['NCT02894840', 'NCT06469190']);
  });

  it('refuses a document no trial can read, naming the path', async () => {
    const res = await t.request('POST', '/v1/matches', {
      role: 'screener',
      body: { ...example('eligible-igan.json'), asOf: '2025-02-30' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toContain('asOf');
  });

  it('is for screeners', async () => {
    const res = await t.request('POST', '/v1/matches', {
      role: 'viewer',
      body: example('eligible-igan.json'),
    });
    expect(res.status).toBe(403);
  });
});
