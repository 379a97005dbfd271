import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../db/connect';
import { nct } from '../testing/nct';
import { POSTGRES_URL } from '../testing/postgres';
import { testApp } from '../testing/support';
import { CONTACT_BODY_LIMIT, CONTACT_LIMIT } from './trials';

const ID = 'NCT06469190';
const jane = { name: 'Jane Example', email: 'jane@example.org', consent: true };

async function publishedApp(db?: Db, logger?: pino.Logger) {
  const t = await testApp({}, db, logger ? { logger } : {});
  const res = await t.request('POST', `/v1/protocols/${ID}/versions`, {
    role: 'author',
    body: { text: nct.text, name: nct.name },
  });
  expect(res.status).toBe(201);
  return t;
}

/** A contact request as if from the TCP peer `address` (the key of the per-address limit). */
function fromAddress(t: Awaited<ReturnType<typeof publishedApp>>, address: string, body: unknown) {
  return t.app.request(
    `/v1/trials/${ID}/contacts`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

describe('GET /v1/trials/{id}: the published protocol, without a token', async () => {
  const t = await publishedApp();

  it('gives the latest published text and nothing about anyone', async () => {
    const res = await t.request('GET', `/v1/trials/${ID}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['id', 'publishedAt', 'source', 'title', 'version']);
    expect(body.version).toBe(1);
    expect(body.source).toEqual({ name: nct.name, text: nct.text });
  });

  it('hides a protocol that is only a draft', async () => {
    const draft = await t.request('POST', '/v1/protocols', {
      role: 'author',
      body: { text: 'trial DRAFT-1 "x"' },
    });
    expect(draft.status).toBe(201);
    const res = await t.request('GET', '/v1/trials/DRAFT-1');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "Published trial 'DRAFT-1' not found",
    );
  });

  it('is rate-limited per client address like any request without a token', async () => {
    const limited = await testApp({ addressRateLimit: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.request('GET', `/v1/trials/${ID}`)).status);
    // Bursts up to twice the rate: two answered (404, nothing published here), then refused.
    expect(statuses).toEqual([404, 404, 429, 429]);
  });

  it('takes no other method', async () => {
    expect((await t.request('PUT', `/v1/trials/${ID}`, { body: {} })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/trials/${ID}`)).status).toBe(404);
  });
});

describe('the pre-screen page', () => {
  it("is the web app's index.html at /trials/{id}/prescreen, without a token", async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'prescreen-web-'));
    try {
      writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>web app</title>');
      const t = await testApp({ webDir });
      const res = await t.app.request(`/trials/${ID}/prescreen`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<!doctype html><title>web app</title>');
    } finally {
      rmSync(webDir, { recursive: true, force: true });
    }
  });
});

describe('POST /v1/trials/{id}/contacts', () => {
  it('stores the contact details with the moment of consent, for a published trial only', async () => {
    const t = await publishedApp();
    const before = new Date().toISOString();
    const res = await t.request('POST', `/v1/trials/${ID}/contacts`, { body: jane });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const list = await t.request('GET', `/v1/trials/${ID}/contacts`, { role: 'screener' });
    expect(list.status).toBe(200);
    const { contacts } = (await list.json()) as { contacts: Record<string, unknown>[] };
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      id,
      protocolId: ID,
      name: 'Jane Example',
      email: 'jane@example.org',
      phone: null,
    });
    expect(String(contacts[0]!.consentedAt) >= before).toBe(true);

    const unknown = await t.request('POST', '/v1/trials/NCT00000000/contacts', { body: jane });
    expect(unknown.status).toBe(404);
  });

  it('refuses screening answers and anything else that is not a contact detail, naming the path', async () => {
    const t = await publishedApp();
    const cases: [unknown, string, string][] = [
      [{ ...jane, answers: { lactating: false } }, '', 'Unrecognized key: "answers"'],
      [{ ...jane, facts: { diabetes: true } }, '', 'Unrecognized key: "facts"'],
      [{ name: 'Jane', consent: true }, 'email', 'give an email address or a phone number'],
      [{ ...jane, email: 'not-an-address' }, 'email', 'Invalid email address'],
      [{ ...jane, consent: false }, 'consent', 'consent to be contacted by the study team is required'],
      [{ ...jane, name: '   ' }, 'name', 'Too small: expected string to have >=1 characters'],
      [
        { name: 'Jane', phone: 'call me', consent: true },
        'phone',
        'a phone number: digits, spaces, ( ) and -, an optional leading +',
      ],
    ];
    for (const [i, [body, path, message]] of cases.entries()) {
      // Each from its own address: refused requests count against an address's limit too.
      const res = await fromAddress(t, `192.0.2.${i + 1}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string; issues: unknown[] } }).error;
      expect(error.code).toBe('invalid_request');
      expect(error.issues).toEqual([{ path, message }]);
    }
    const list = await t.request('GET', `/v1/trials/${ID}/contacts`, { role: 'admin' });
    expect(((await list.json()) as { contacts: unknown[] }).contacts).toEqual([]);
  });

  it('accepts a phone number instead of an email address', async () => {
    const t = await publishedApp();
    const res = await t.request('POST', `/v1/trials/${ID}/contacts`, {
      body: { name: 'Sam', phone: '+44 (0)20 7946-0000', consent: true },
    });
    expect(res.status).toBe(201);
  });

  it(`refuses a body over ${CONTACT_BODY_LIMIT} bytes`, async () => {
    const t = await publishedApp();
    const res = await t.request('POST', `/v1/trials/${ID}/contacts`, {
      body: { ...jane, name: 'x'.repeat(CONTACT_BODY_LIMIT) },
    });
    expect(res.status).toBe(413);
  });

  it(`answers 429 after ${CONTACT_LIMIT} requests from one address, with Retry-After`, async () => {
    const t = await publishedApp();
    for (let i = 0; i < CONTACT_LIMIT; i++) {
      const res = await t.request('POST', `/v1/trials/${ID}/contacts`, { body: jane });
      expect(res.status).toBe(201);
    }
    const res = await t.request('POST', `/v1/trials/${ID}/contacts`, { body: jane });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Too many requests from this address: at most 5 every 10 minutes',
    );
    // Another address has its own count, and so has another app (instance).
    expect((await fromAddress(t, '198.51.100.7', jane)).status).toBe(201);
    const other = await publishedApp();
    expect((await other.request('POST', `/v1/trials/${ID}/contacts`, { body: jane })).status).toBe(201);
  });

  it('logs no contact detail', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const t = await publishedApp(undefined, logger);
    expect((await t.request('POST', `/v1/trials/${ID}/contacts`, { body: jane })).status).toBe(201);
    expect(
      (await t.request('POST', `/v1/trials/${ID}/contacts`, { body: { ...jane, extra: 'Jane' } })).status,
    ).toBe(400);
    const log = lines.join('');
    expect(log).toContain('"route":"/v1/trials/:id/contacts"');
    expect(log).not.toContain('Jane');
    expect(log).not.toContain('jane@example.org');
  });
});

describe('GET /v1/trials/{id}/contacts', async () => {
  const t = await publishedApp();

  it('needs a token (401) of a site role, screener or above (403 for a viewer)', async () => {
    expect((await t.request('GET', `/v1/trials/${ID}/contacts`)).status).toBe(401);
    expect((await t.request('GET', `/v1/trials/${ID}/contacts`, { role: 'viewer' })).status).toBe(403);
    for (const role of ['screener', 'author', 'admin'] as const) {
      expect((await t.request('GET', `/v1/trials/${ID}/contacts`, { role })).status, role).toBe(200);
    }
  });
});

// The same table on PostgreSQL, in a schema of this test's own.
const pgClient = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1500 });
const pgReason = await pgClient.connect().then(
  () => undefined,
  (error: Error) => `PostgreSQL not reachable at ${POSTGRES_URL} (${error.message})`,
);
if (pgReason) console.warn(`[skip] contacts on PostgreSQL skipped: ${pgReason}`);
const schema = `prescreen_contacts_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(pgReason !== undefined)('contacts on PostgreSQL', () => {
  let db: Db | undefined;
  afterAll(async () => {
    await db?.close();
    await pgClient.query(`drop schema if exists ${schema} cascade`);
    await pgClient.end();
  });

  it('stores and lists them', async () => {
    await pgClient.query(`create schema ${schema}`);
    db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema });
    const t = await publishedApp(db);
    expect((await t.request('POST', `/v1/trials/${ID}/contacts`, { body: jane })).status).toBe(201);
    const res = await t.request('GET', `/v1/trials/${ID}/contacts`, { role: 'screener' });
    const { contacts } = (await res.json()) as { contacts: Record<string, unknown>[] };
    expect(contacts.map((c) => [c.name, c.email, c.phone])).toEqual([
      ['Jane Example', 'jane@example.org', null],
    ]);
  });
});
