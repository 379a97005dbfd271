import { describe, expect, it } from 'vitest';
import { small } from '../testing/small';
import { testApp } from '../testing/support';

describe('POST /v1/check', async () => {
  const t = await testApp();

  it('returns ok with the protocol id for text that compiles', async () => {
    const res = await t.request('POST', '/v1/check', {
      role: 'viewer',
      body: { text: small('T-1'), name: 't.elig' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      protocol: { id: 'T-1', title: 'A small test trial' },
      diagnostics: [],
    });
  });

  it('returns located diagnostics (200, nothing stored) for text that does not compile', async () => {
    const text = `${small('T-1')}\nbogus !!\n`;
    const res = await t.request('POST', '/v1/check', { role: 'viewer', body: { text } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: boolean;
      protocol: unknown;
      diagnostics: { severity: string; source: string; start: { line: number } }[];
    };
    expect(body.ok).toBe(false);
    expect(body.protocol).toBeNull();
    const error = body.diagnostics.find((d) => d.severity === 'error');
    expect(error?.source).toBe('criteria.elig');
    expect(error?.start.line).toBe(text.split('\n').length - 1);
    expect(
      (await t.request('GET', '/v1/protocols', { role: 'viewer' }).then((r) => r.json())) as object,
    ).toEqual({
      protocols: [],
    });
  });
});

describe('drafts and publishing', async () => {
  const t = await testApp();

  it('422 with the diagnostics list when a draft does not compile', async () => {
    const res = await t.request('POST', '/v1/protocols', { role: 'author', body: { text: 'trial' } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; diagnostics: { severity: string }[] } };
    expect(body.error.code).toBe('diagnostics');
    expect(body.error.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('creates a draft under the id the text declares, and reads it back', async () => {
    const res = await t.request('POST', '/v1/protocols', {
      role: 'author',
      body: { text: small('T-DRAFT') },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'T-DRAFT', name: 'T-DRAFT.elig' });
    const draft = await t.request('GET', '/v1/protocols/T-DRAFT/draft', { role: 'author' });
    expect(await draft.json()).toMatchObject({ id: 'T-DRAFT', text: small('T-DRAFT') });
    const list = (await (await t.request('GET', '/v1/protocols', { role: 'viewer' })).json()) as {
      protocols: { id: string; latest: unknown }[];
    };
    expect(list.protocols.find((p) => p.id === 'T-DRAFT')).toMatchObject({ latest: null });
    // A draft is not a published protocol.
    expect((await t.request('GET', '/v1/protocols/T-DRAFT', { role: 'viewer' })).status).toBe(404);
  });

  it("keeps each author's draft apart: one author's save never replaces another's", async () => {
    const saved = await t.request('PUT', '/v1/protocols/T-DRAFT/draft', {
      role: 'admin',
      body: { text: small('T-DRAFT', 5) },
    });
    expect(saved.status).toBe(200);
    const mine = await t.request('GET', '/v1/protocols/T-DRAFT/draft', { role: 'author' });
    expect(await mine.json()).toMatchObject({ text: small('T-DRAFT') });
    const theirs = await t.request('GET', '/v1/protocols/T-DRAFT/draft', { role: 'admin' });
    expect(await theirs.json()).toMatchObject({ text: small('T-DRAFT', 5) });
  });

  it('400 when the text declares another trial than the path', async () => {
    const res = await t.request('PUT', '/v1/protocols/T-OTHER/draft', {
      role: 'author',
      body: { text: small('T-DRAFT') },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { issues: [{ path: 'text', message: "the text declares trial 'T-DRAFT', not 'T-OTHER'" }] },
    });
  });

  it('publishes the draft as version 1, identical text as a no-op, new text as version 2', async () => {
    const first = await t.request('POST', '/v1/protocols/T-DRAFT/versions', { role: 'author' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ id: 'T-DRAFT', version: 1, created: true });
    const again = await t.request('POST', '/v1/protocols/T-DRAFT/versions', {
      role: 'author',
      body: { text: small('T-DRAFT') },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ version: 1, created: false });
    const second = await t.request('POST', '/v1/protocols/T-DRAFT/versions', {
      role: 'author',
      body: { text: small('T-DRAFT', 1) },
    });
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ version: 2, created: true });
    const versions = await (
      await t.request('GET', '/v1/protocols/T-DRAFT/versions', { role: 'viewer' })
    ).json();
    expect((versions as { versions: { version: number }[] }).versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('409 when publishing without text or a draft; 422 for text that does not compile', async () => {
    await t.request('POST', '/v1/protocols/T-NODRAFT/versions', {
      role: 'author',
      body: { text: small('T-NODRAFT') },
    });
    const res = await t.request('POST', '/v1/protocols/T-NODRAFT/versions', { role: 'author', body: {} });
    expect(res.status).toBe(409);
    expect(
      (await t.request('POST', '/v1/protocols/T-NONE/versions', { role: 'author', body: {} })).status,
    ).toBe(404);
    const broken = await t.request('POST', '/v1/protocols/T-DRAFT/versions', {
      role: 'author',
      body: { text: `${small('T-DRAFT')}\n!!\n` },
    });
    expect(broken.status).toBe(422);
  });

  it('409 naming both numbers when the text declares another version than the next; nothing published', async () => {
    await t.request('POST', '/v1/protocols/T-VER/versions', {
      role: 'author',
      body: { text: small('T-VER') },
    });
    const skipped = await t.request('POST', '/v1/protocols/T-VER/versions', {
      role: 'author',
      body: { text: small('T-VER', 1, '3') },
    });
    expect(skipped.status).toBe(409);
    expect(await skipped.json()).toMatchObject({
      error: {
        code: 'version_mismatch',
        message:
          'The text declares version "3" but would be published as version 2: change its version line to version "2" (or remove the line) and publish again',
      },
    });
    const stale = await t.request('POST', '/v1/protocols/T-VER/versions', {
      role: 'author',
      body: { text: small('T-VER', 1, '1') },
    });
    expect(stale.status).toBe(409);
    const listed = (await (
      await t.request('GET', '/v1/protocols/T-VER/versions', { role: 'viewer' })
    ).json()) as {
      versions: { version: number }[];
    };
    expect(listed.versions.map((v) => v.version)).toEqual([1]);
    // The number alone when the text has no version line; the text's own when it matches.
    const bare = await t.request('POST', '/v1/protocols/T-VER/versions', {
      role: 'author',
      body: { text: small('T-VER', 1, null) },
    });
    expect(await bare.json()).toMatchObject({ version: 2, created: true });
    const matching = await t.request('POST', '/v1/protocols/T-VER/versions', {
      role: 'author',
      body: { text: small('T-VER', 2, '3') },
    });
    expect(matching.status).toBe(201);
    expect(await matching.json()).toMatchObject({ version: 3, created: true });
    // Text already published is that version again, whatever it declares: nothing new is numbered.
    const again = await t.request('POST', '/v1/protocols/T-VER/versions', {
      role: 'author',
      body: { text: small('T-VER') },
    });
    expect(await again.json()).toMatchObject({ version: 1, created: false });
  });

  it('two concurrent publishes never get the same number', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.request('POST', '/v1/protocols/T-RACE/versions', {
          role: 'author',
          // Without a version line: which of them gets which number is the race's to decide.
          body: { text: small('T-RACE', i + 1, null) },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { version: number }).version),
    );
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('returns the latest or a given version with source, criteria, cohorts, questions and input schema', async () => {
    const latest = (await (await t.request('GET', '/v1/protocols/T-DRAFT', { role: 'viewer' })).json()) as {
      version: number;
      source: { name: string; text: string };
      cohorts: { id: string }[];
      criteria: { id: string; source: string }[];
      questions: { id: string; kind: string }[];
      inputSchema: { type?: string; properties?: Record<string, unknown> };
    };
    expect(latest.version).toBe(2);
    expect(latest.source).toEqual({ name: 'T-DRAFT.elig', text: small('T-DRAFT', 1) });
    expect(latest.cohorts.map((c) => c.id)).toEqual(['A']);
    expect(latest.criteria.map((c) => [c.id, c.source])).toEqual([
      ['IN-1', 'Age ≥ 18 years'],
      ['IN-2', 'Signed informed consent'],
      ['A-IN-1', 'White blood cell count ≥ 3 x 10^9/L'],
    ]);
    expect(latest.questions.map((q) => [q.id, q.kind])).toEqual([['consent', 'question']]);
    expect(latest.inputSchema.type).toBe('object');
    expect(Object.keys(latest.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['asOf', 'facts', 'answers']),
    );
    const v1 = (await (
      await t.request('GET', '/v1/protocols/T-DRAFT/versions/1', { role: 'viewer' })
    ).json()) as {
      version: number;
      source: { text: string };
    };
    expect(v1.version).toBe(1);
    expect(v1.source.text).toBe(small('T-DRAFT'));
  });
});
