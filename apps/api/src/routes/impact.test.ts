import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { small } from '../testing/small';
import { testApp } from '../testing/support';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; the assertions pin them.
const read = async (res: Response): Promise<any> => res.json();

const ID = 'T-IMPACT';
const AS_OF = '2025-03-15';
/** Born 1990 (35 on the screening date) and 2000 (25): an age minimum of 30 tells them apart. */
const patient = (birth: string) => ({
  asOf: AS_OF,
  facts: { birth_date: birth, wbc: [{ value: 4, unit: '10*9/L', date: '2025-03-01' }] },
  answers: { consent: true },
});
const older = patient('1990-06-01');
const younger = patient('2000-06-01');
const thirtyOrOlder = small(ID, 1).replace('met if age_years >= 18', 'met if age_years >= 30');

describe('POST /v1/protocols/{id}/impact', async () => {
  const t = await testApp();
  const publish = async (text: string) => {
    const res = await t.request('POST', `/v1/protocols/${ID}/versions`, { role: 'author', body: { text } });
    expect(res.status).toBe(201);
  };
  await publish(small(ID));
  const screen = async (body: Record<string, unknown>, id = ID) => {
    const res = await t.request('POST', `/v1/protocols/${id}/screenings`, { role: 'screener', body });
    expect(res.status).toBe(200);
    return (await read(res)).id as string;
  };
  const kept = {
    older: await screen({ ...older, store: true, siteRef: 'site-001' }),
    younger: await screen({ ...younger, store: true, siteRef: 'site-002' }),
  };
  // Not kept, so not in the population; nor is another trial's.
  await screen({ ...younger, siteRef: 'site-003' });
  expect(
    (
      await t.request('POST', '/v1/protocols/T-ELSE/versions', {
        role: 'author',
        body: { text: small('T-ELSE') },
      })
    ).status,
  ).toBe(201);
  await screen({ ...younger, store: true }, 'T-ELSE');
  const impact = (body: unknown, role: 'author' | 'admin' | 'reviewer' | 'screener' | null = 'author') =>
    t.request('POST', `/v1/protocols/${ID}/impact`, { role: role ?? undefined, body });

  it('needs a token (401) and the author role (403)', async () => {
    const body = { to: { text: thirtyOrOlder } };
    expect((await impact(body, null)).status).toBe(401);
    for (const role of ['screener', 'reviewer'] as const) {
      const res = await impact(body, role);
      expect(res.status).toBe(403);
      expect((await read(res)).error.message).toBe('This needs the author role');
    }
    expect((await impact(body, 'admin')).status).toBe(200);
  });

  it("lists the kept screening whose verdict the text changes, the criterion that changed and why; nothing of the patient's input", async () => {
    const res = await impact({ to: { text: thirtyOrOlder } });
    expect(res.status).toBe(200);
    const body = await read(res);
    const recorded = await read(await t.request('GET', `/v1/audit/${kept.younger}`, { role: 'admin' }));
    expect(body).toEqual({
      population: { kept: 2 },
      screened: 2,
      changed: [
        {
          screening: kept.younger,
          siteRef: 'site-002',
          at: recorded.at,
          changes: [
            {
              cohort: 'A',
              label: 'Cohort A',
              before: 'eligible',
              after: 'ineligible',
              criteria: [{ id: 'IN-1', before: 'met', after: 'not_met' }],
            },
          ],
        },
      ],
      unchanged: 1,
      unusable: [],
      next: null,
    });
    // The verdicts the audit recorded for version 1 are the `before` side's.
    expect(recorded.verdicts).toEqual({ A: 'eligible' });
    expect(JSON.stringify(body)).not.toContain('2000-06-01');
  });

  it('compares two published versions, and a version with itself to no change', async () => {
    const same = await read(await impact({ from: { version: 1 }, to: { version: 1 } }));
    expect(same).toMatchObject({ screened: 2, changed: [], unchanged: 2, unusable: [] });
    const local = await testApp();
    for (const text of [small(ID), thirtyOrOlder]) {
      const res = await local.request('POST', `/v1/protocols/${ID}/versions`, {
        role: 'author',
        body: { text },
      });
      expect(res.status).toBe(201);
    }
    const res = await local.request('POST', `/v1/protocols/${ID}/screenings`, {
      role: 'screener',
      body: { ...younger, version: 1, store: true },
    });
    const id = (await read(res)).id;
    const versions = await read(
      await local.request('POST', `/v1/protocols/${ID}/impact`, {
        role: 'author',
        body: { from: { version: 1 }, to: { version: 2 } },
      }),
    );
    expect(
      versions.changed.map((c: { screening: string; siteRef: string | null }) => [c.screening, c.siteRef]),
    ).toEqual([[id, null]]);
    // Without `from`, the latest version (2) is the old side: compared with itself, nothing changes.
    const latest = await read(
      await local.request('POST', `/v1/protocols/${ID}/impact`, {
        role: 'author',
        body: { to: { version: 2 } },
      }),
    );
    expect(latest).toMatchObject({ changed: [], unchanged: 1 });
    await local.db.close();
  });

  it('pages newest first: `limit` screenings a page, `next` continuing', async () => {
    const first = await read(await impact({ to: { text: thirtyOrOlder }, limit: 1 }));
    expect(first).toMatchObject({ population: { kept: 2 }, screened: 1, next: kept.younger });
    expect(first.changed.map((c: { screening: string }) => c.screening)).toEqual([kept.younger]);
    const second = await read(await impact({ to: { text: thirtyOrOlder }, limit: 1, cursor: first.next }));
    expect(second).toMatchObject({ screened: 1, changed: [], unchanged: 1, next: kept.older });
    const last = await read(await impact({ to: { text: thirtyOrOlder }, limit: 1, cursor: second.next }));
    expect(last).toMatchObject({ screened: 0, changed: [], unchanged: 0, next: null });
  });

  it('reports a kept input the new text cannot screen, by path only', async () => {
    // Consent is no longer asked: the kept answer to it names a question the text lacks.
    const withoutConsent = small(ID, 2)
      .replace(/^question consent .*\n/m, '')
      .replace(/ {2}IN-2 "Consent"\n.*\n.*met if consent\n/, '');
    expect(compile(withoutConsent).ok).toBe(true);
    const body = await read(await impact({ to: { text: withoutConsent } }));
    expect(body.unusable).toEqual([
      {
        screening: kept.younger,
        siteRef: 'site-002',
        at: expect.any(String),
        side: 'to',
        paths: ['answers'],
      },
      { screening: kept.older, siteRef: 'site-001', at: expect.any(String), side: 'to', paths: ['answers'] },
    ]);
    expect(body.screened).toBe(2);
  });

  it('refuses bad input with 400 and the path at fault, unknown protocols and versions with 404, broken text with 422', async () => {
    const issues = async (body: unknown) => {
      const res = await impact(body);
      expect(res.status).toBe(400);
      return (await read(res)).error.issues;
    };
    expect(await issues({})).toEqual([
      {
        path: 'to',
        message: 'Expected a published version `{"version": n}` or criteria text `{"text": "…"}`',
      },
    ]);
    expect(await issues({ to: { version: 0 } })).toEqual([
      { path: 'to.version', message: 'Expected a version number, 1 or more' },
    ]);
    expect(await issues({ from: { text: '' }, to: { version: 1 } })).toEqual([
      { path: 'from.text', message: 'Expected criteria text' },
    ]);
    expect(await issues({ to: { text: thirtyOrOlder }, limit: 500 })).toEqual([
      { path: 'limit', message: 'Expected at most 100 screenings per page' },
    ]);
    expect(await issues({ to: { text: small('T-OTHER') } })).toEqual([
      { path: 'to.text', message: "the text declares trial 'T-OTHER', not 'T-IMPACT'" },
    ]);
    expect(await issues({ to: { text: thirtyOrOlder }, patients: [older] })).toEqual([
      { path: '', message: 'Unrecognized key: "patients"' },
    ]);
    const unknown = await t.request('POST', '/v1/protocols/T-NONE/impact', {
      role: 'author',
      body: { to: { text: small('T-NONE') } },
    });
    expect(unknown.status).toBe(404);
    expect((await read(unknown)).error.message).toBe("Protocol 'T-NONE' not found");
    const version = await impact({ from: { version: 9 }, to: { text: thirtyOrOlder } });
    expect(version.status).toBe(404);
    expect((await read(version)).error.message).toBe("Version 9 of protocol 'T-IMPACT' not found");
    const broken = await impact({
      to: { text: thirtyOrOlder.replace('age_years >= 30', 'age_yeers >= 30') },
    });
    expect(broken.status).toBe(422);
    const diagnostics: { code: string; severity: string }[] = (await read(broken)).error.diagnostics;
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['E0101']);
  });
});
