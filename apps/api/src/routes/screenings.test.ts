import { compactScreening, compile } from '@eligo/core';
import { screenDocument } from '@eligo/fhir';
import { describe, expect, it } from 'vitest';
import { example, nct } from '../testing/nct';
import { type TestApp, testApp } from '../testing/support';

type Screening = {
  id: string;
  protocol: { id: string; hash: string; published: number };
  asOf: string;
  cohorts: {
    id: string;
    verdict: string;
    criteria: {
      id: string;
      kind: string;
      title?: string;
      status: string;
      explanation: string;
      missing: string[];
      trace?: { text: string; status: string; children?: unknown[] };
    }[];
    missing: string[];
    questions: unknown[];
  }[];
  warnings: unknown[];
};

async function published(): Promise<TestApp> {
  const t = await testApp();
  const res = await t.request('POST', '/v1/protocols/NCT06469190/versions', {
    role: 'author',
    body: { text: nct.text, name: nct.name },
  });
  expect(res.status).toBe(201);
  return t;
}

type CompactScreening = {
  id: string;
  protocol: { id: string; hash: string; published: number };
  asOf: string;
  cohorts: {
    id: string;
    verdict: string;
    criteria: Record<string, string>;
    missing: Record<string, string[]>;
  }[];
  warnings: unknown[];
};

const verdicts = (s: Screening | CompactScreening) =>
  Object.fromEntries(s.cohorts.map((c) => [c.id, c.verdict]));

describe('POST /v1/protocols/{id}/screenings', async () => {
  const t = await published();

  it('screens the worked example: IgAN eligible, PMN and AAV ineligible, compact by default', async () => {
    const res = await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: example('eligible-igan.json'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    const s = JSON.parse(text) as CompactScreening;
    expect(Object.keys(s)).toEqual(['id', 'protocol', 'asOf', 'cohorts', 'warnings']);
    expect(Object.keys(s.protocol)).toEqual(['id', 'version', 'hash', 'published']);
    for (const cohort of s.cohorts)
      expect(Object.keys(cohort)).toEqual(['id', 'verdict', 'criteria', 'missing']);
    expect(verdicts(s)).toEqual({ PMN: 'ineligible', IgAN: 'eligible', AAV: 'ineligible' });
    expect(s.protocol).toMatchObject({ id: 'NCT06469190', published: 1 });
    expect(s.asOf).toBe('2025-03-15');
    expect(s.cohorts[1]!.criteria['C-IN-3.1.a']).toBe('met');
    expect(s.id).toMatch(/^scr_/);
    // 42 KB with the criteria's text (`full`), 110 KB with their trace trees too.
    expect(text.length).toBeLessThan(4_000);
  });

  it('records who screened what, with verdicts, and keeps the input only when asked', async () => {
    const plain = (await (
      await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
        role: 'screener',
        body: example('ineligible-pmn.json'),
      })
    ).json()) as Screening;
    const kept = (await (
      await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
        role: 'screener',
        body: { ...example('ineligible-pmn.json'), store: true },
      })
    ).json()) as Screening;
    const entry = (await (
      await t.request('GET', `/v1/audit/${plain.id}`, { role: 'admin' })
    ).json()) as Record<string, unknown>;
    expect(entry).toMatchObject({
      id: plain.id,
      token: { name: 'screener (test)' },
      protocol: { id: 'NCT06469190', version: 1 },
      asOf: example('ineligible-pmn.json').asOf,
      verdicts: { PMN: 'ineligible', IgAN: 'ineligible', AAV: 'ineligible' },
    });
    expect(entry).not.toHaveProperty('input');
    const keptEntry = (await (await t.request('GET', `/v1/audit/${kept.id}`, { role: 'admin' })).json()) as {
      input: Record<string, unknown>;
    };
    expect(keptEntry.input).toEqual(example('ineligible-pmn.json'));
    const list = (await (
      await t.request('GET', '/v1/audit?protocol=NCT06469190&limit=2', { role: 'admin' })
    ).json()) as {
      entries: { id: string }[];
      next: string | null;
    };
    expect(list.entries.map((e) => e.id)).toEqual([kept.id, plain.id]);
    expect(list.next).toBe(plain.id);
    expect((await t.request('GET', '/v1/audit/scr_missing', { role: 'admin' })).status).toBe(404);
  });

  it('gives the full screening with `full`, trace trees with `trace`, the same as the CLI path', async () => {
    const screen = async (body: Record<string, unknown>) =>
      (await (
        await t.request('POST', '/v1/protocols/NCT06469190/screenings', { role: 'screener', body })
      ).json()) as Screening & CompactScreening;
    const compact = await screen(example('eligible-igan.json'));
    const plain = (await screen({ ...example('eligible-igan.json'), full: true })) as Screening;
    const criteria = plain.cohorts.flatMap((c) => c.criteria);
    expect(criteria.length).toBeGreaterThan(20);
    for (const criterion of criteria) {
      expect(Object.keys(criterion)).toEqual([
        'id',
        'kind',
        'title',
        'source',
        'status',
        'explanation',
        'missing',
      ]);
      expect(criterion.explanation).toMatch(/\S/);
    }

    const traced = (await screen({ ...example('eligible-igan.json'), trace: true })) as Screening;
    const tracedCriteria = traced.cohorts.flatMap((c) => c.criteria);
    for (const criterion of tracedCriteria) {
      expect(criterion.trace).toMatchObject({ status: criterion.status, text: expect.any(String) });
    }

    // The same document through the CLI's own path gives the same screening, field for field.
    const { protocol } = compile(nct.text, { name: nct.name });
    const cli = screenDocument(protocol!, example('eligible-igan.json'));
    if (!cli.ok) throw new Error('the worked example does not screen');
    const { id: _, ...rest } = traced;
    const published = { published: plain.protocol.published };
    expect(JSON.parse(JSON.stringify(rest))).toEqual({
      ...JSON.parse(JSON.stringify(cli.screening)),
      protocol: { ...cli.screening.protocol, ...published },
    });
    const { id: __, ...restPlain } = plain;
    expect(restPlain).toEqual({
      ...rest,
      cohorts: rest.cohorts.map((c) => ({ ...c, criteria: c.criteria.map(({ trace: ___, ...k }) => k) })),
    });
    const { id: ____, ...restCompact } = compact;
    const made = compactScreening(cli.screening);
    expect(restCompact).toEqual(
      JSON.parse(JSON.stringify({ ...made, protocol: { ...made.protocol, ...published } })),
    );
  });

  it('400 with the path when trace is not a boolean', async () => {
    const res = await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: { ...example('eligible-igan.json'), trace: 'yes' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues).toEqual([
      { path: 'trace', message: 'Invalid input: expected boolean, received string' },
    ]);
  });

  it('pins a version when given, and 404s for one that does not exist', async () => {
    await t.request('POST', '/v1/protocols/NCT06469190/versions', {
      role: 'author',
      body: { text: nct.text.replace('version "1"', 'version "2"') },
    });
    const latest = (await (
      await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
        role: 'screener',
        body: example('eligible-igan.json'),
      })
    ).json()) as Screening;
    expect(latest.protocol.published).toBe(2);
    const pinned = (await (
      await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
        role: 'screener',
        body: { ...example('eligible-igan.json'), version: 1 },
      })
    ).json()) as Screening;
    expect(pinned.protocol.published).toBe(1);
    const missing = await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: { ...example('eligible-igan.json'), version: 9 },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: { message: "Version 9 of protocol 'NCT06469190' not found" },
    });
  });

  it('400 with paths for input the FHIR reader rejects, and nothing recorded', async () => {
    const before = await t.store.screenings.list({ limit: 500 });
    const res = await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: { asOf: '2025-03-15', bundle: { resourceType: 'Bundle', entry: 'not a list' } },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; issues: { path: string }[] };
    };
    expect(body.error).toMatchObject({ code: 'invalid_request', message: 'The screening input is invalid' });
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect(body.error.issues.every((i) => typeof i.path === 'string')).toBe(true);
    expect(await t.store.screenings.list({ limit: 500 })).toHaveLength(before.length);
  });

  it('404 for a protocol that was never published', async () => {
    const res = await t.request('POST', '/v1/protocols/NCT00000000/screenings', {
      role: 'screener',
      body: example('eligible-igan.json'),
    });
    expect(res.status).toBe(404);
  });
});

describe('ref', async () => {
  const t = await published();

  it('is echoed by a single screening and not stored', async () => {
    const res = await t.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: { ...example('eligible-igan.json'), ref: 'site-0042' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; ref: string };
    expect(body.ref).toBe('site-0042');
    expect(JSON.stringify(await t.store.screenings.get(body.id))).not.toContain('site-0042');
  });
});

describe('POST /v1/protocols/{id}/screenings/batch', async () => {
  const t = await published();
  const line = (file: 'eligible-igan.json' | 'ineligible-pmn.json') => JSON.stringify(example(file));

  it('streams one result per line, errors in place, and the funnel last', async () => {
    const body = `${line('eligible-igan.json')}\n{not json\n\n${line('ineligible-pmn.json')}\n`;
    const res = await t.request('POST', '/v1/protocols/NCT06469190/screenings/batch?store=true', {
      role: 'screener',
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const out = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(verdicts(out[0] as unknown as Screening).IgAN).toBe('eligible');
    expect(out[0]).toMatchObject({ line: 1, ref: 'pat-example-eligible-igan' });
    expect(out[1]).toEqual({ line: 2, errors: [{ path: '', message: expect.any(String) }] });
    expect(verdicts(out[2] as unknown as Screening).PMN).toBe('ineligible');
    expect(out[2]).toMatchObject({ line: 4, ref: 'pat-example-ineligible-pmn' });
    const last = out[3] as { summary: unknown; batch: { id: string; screened: number; failed: number } };
    expect(last.batch).toMatchObject({ screened: 2, failed: 1 });
    expect(last.summary).toBeTruthy();
    const audit = await t.store.screenings.list({ limit: 10, batch: last.batch.id });
    expect(audit).toHaveLength(2);
    expect(((await t.store.screenings.get(audit[0]!.id)) as { input: unknown }).input).toEqual(
      example('ineligible-pmn.json'),
    );
  });

  it("leads each line with the input's own ref when it gives one, and refuses an unusable ref", async () => {
    const own = JSON.stringify({ ...example('eligible-igan.json'), ref: 'site-0042' });
    const empty = JSON.stringify({ ...example('eligible-igan.json'), ref: '' });
    const res = await t.request('POST', '/v1/protocols/NCT06469190/screenings/batch', {
      role: 'screener',
      body: `${own}\n${empty}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    const out = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toMatchObject({ line: 1, ref: 'site-0042' });
    expect(verdicts(out[0] as unknown as Screening).IgAN).toBe('eligible');
    expect(out[1]).toEqual({
      line: 2,
      errors: [{ path: 'ref', message: 'expected a string of 1 to 200 characters' }],
    });
  });

  it('streams compact lines unless ?full=true (the text) or ?trace=true (trace trees too)', async () => {
    const batch = async (query: string) => {
      const res = await t.request('POST', `/v1/protocols/NCT06469190/screenings/batch${query}`, {
        role: 'screener',
        body: `${line('eligible-igan.json')}\n`,
        headers: { 'content-type': 'application/x-ndjson' },
      });
      return { status: res.status, text: await res.text() };
    };
    const first = (text: string) => JSON.parse(text.split('\n')[0]!) as Screening & CompactScreening;
    const compact = first((await batch('')).text);
    expect(Object.keys(compact)).toEqual(['line', 'ref', 'protocol', 'asOf', 'cohorts', 'warnings']);
    for (const cohort of compact.cohorts)
      expect(Object.keys(cohort)).toEqual(['id', 'verdict', 'criteria', 'missing']);
    expect(verdicts(compact)).toEqual({ PMN: 'ineligible', IgAN: 'eligible', AAV: 'ineligible' });
    const full = first((await batch('?full=true')).text).cohorts.flatMap((c) => c.criteria);
    expect(full.every((k) => !('trace' in k) && k.explanation.length > 0 && k.title !== undefined)).toBe(
      true,
    );
    const traced = first((await batch('?trace=true')).text).cohorts.flatMap((c) => c.criteria);
    expect(traced.every((k) => k.trace?.status === k.status && k.explanation.length > 0)).toBe(true);
    const wrong = await batch('?trace=yes');
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text).error.issues[0].path).toBe('query.trace');
  });

  it('answers the first line before the client has sent the rest', async () => {
    const encoder = new TextEncoder();
    let sendRest: () => void = () => {};
    const input = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`${line('eligible-igan.json')}\n`));
        sendRest = () => {
          for (let i = 0; i < 50; i++) controller.enqueue(encoder.encode(`${line('ineligible-pmn.json')}\n`));
          controller.close();
        };
      },
    });
    const res = await t.app.request('/v1/protocols/NCT06469190/screenings/batch', {
      method: 'POST',
      body: input,
      headers: { authorization: `Bearer ${t.tokens.screener}`, 'content-type': 'application/x-ndjson' },
      duplex: 'half',
    } as RequestInit);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(verdicts(JSON.parse(String(first.value).split('\n')[0]!) as Screening).IgAN).toBe('eligible');
    sendRest();
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
    const lines = text.trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ batch: { screened: 51, failed: 0 } });
  });

  it('applies the body limit per line, not to the whole batch', async () => {
    const small = await testApp({ bodyLimit: 64 * 1024 });
    await small.request('POST', '/v1/protocols/NCT06469190/versions', {
      role: 'author',
      body: { text: nct.text },
    });
    const many = Array.from({ length: 40 }, () => line('eligible-igan.json')).join('\n');
    expect(many.length).toBeGreaterThan(64 * 1024);
    const huge = JSON.stringify({ ...example('eligible-igan.json'), pad: 'x'.repeat(70 * 1024) });
    const res = await small.request('POST', '/v1/protocols/NCT06469190/screenings/batch', {
      role: 'screener',
      body: `${many}\n${huge}\n`,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    const out = (await res.text()).trimEnd().split('\n');
    expect(out).toHaveLength(42);
    expect(JSON.parse(out[40]!)).toEqual({
      line: 41,
      errors: [{ path: '', message: 'line longer than 65536 bytes' }],
    });
  });
});
