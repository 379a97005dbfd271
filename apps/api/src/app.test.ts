import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Role } from './auth/roles';
import { createStore } from './db/store';
import { memoryDb, testApp } from './testing/support';

/** Every route with the weakest role allowed to call it. */
const routes: { method: string; path: string; role: Role; body?: unknown }[] = [
  { method: 'POST', path: '/v1/check', role: 'viewer', body: { text: 'trial X "x"' } },
  { method: 'GET', path: '/v1/protocols', role: 'viewer' },
  { method: 'POST', path: '/v1/protocols', role: 'author', body: { text: 'trial X "x"' } },
  { method: 'GET', path: '/v1/protocols/X', role: 'viewer' },
  { method: 'GET', path: '/v1/protocols/X/draft', role: 'reviewer' },
  { method: 'PUT', path: '/v1/protocols/X/draft', role: 'author', body: { text: 'trial X "x"' } },
  { method: 'POST', path: '/v1/protocols/X/versions', role: 'author', body: {} },
  { method: 'GET', path: '/v1/protocols/X/versions', role: 'viewer' },
  { method: 'GET', path: '/v1/protocols/X/versions/1', role: 'viewer' },
  {
    method: 'POST',
    path: '/v1/protocols/X/screenings',
    role: 'screener',
    body: { asOf: '2025-03-15', facts: {} },
  },
  { method: 'POST', path: '/v1/protocols/X/screenings/batch', role: 'screener', body: '{}\n' },
  { method: 'POST', path: '/v1/matches', role: 'screener', body: { asOf: '2025-03-15', facts: {} } },
  { method: 'GET', path: '/v1/protocols/X/settings', role: 'viewer' },
  { method: 'PUT', path: '/v1/protocols/X/settings', role: 'admin', body: { requireApproval: true } },
  {
    method: 'GET',
    path: '/v1/protocols/X/reviews/0000000000000000000000000000000000000000000000000000000000000000',
    role: 'reviewer',
  },
  {
    method: 'POST',
    path: '/v1/protocols/X/reviews/0000000000000000000000000000000000000000000000000000000000000000/comments',
    role: 'reviewer',
    body: { criterionId: 'IN-1', text: 'ok' },
  },
  {
    method: 'POST',
    path: '/v1/protocols/X/reviews/0000000000000000000000000000000000000000000000000000000000000000/approvals',
    role: 'reviewer',
  },
  { method: 'GET', path: '/v1/audit', role: 'screener' },
  { method: 'GET', path: '/v1/audit/scr_1', role: 'screener' },
  { method: 'GET', path: '/v1/tokens/me', role: 'viewer' },
  { method: 'GET', path: '/v1/tokens', role: 'admin' },
  { method: 'POST', path: '/v1/tokens', role: 'admin', body: { name: 'n', role: 'viewer' } },
  { method: 'DELETE', path: '/v1/tokens/tok_1', role: 'admin' },
  // The trial's own public routes (GET /v1/trials/X, POST …/contacts) take no token: routes/trials.test.ts.
  { method: 'GET', path: '/v1/trials/X/contacts', role: 'screener' },
];

const weaker: Record<Role, Role | undefined> = {
  admin: 'author',
  author: 'reviewer',
  reviewer: 'screener',
  screener: 'viewer',
  viewer: undefined,
};

describe('authentication and roles', async () => {
  const t = await testApp();

  it.each(routes)('$method $path: 401 without a token', async ({ method, path, body }) => {
    const res = await t.request(method, path, { body });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: 'unauthorized', message: 'A valid bearer token is required' },
    });
  });

  it.each(routes.filter((r) => weaker[r.role]))(
    '$method $path: 403 for a weaker role than $role',
    async (route) => {
      const res = await t.request(route.method, route.path, { role: weaker[route.role], body: route.body });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        error: { code: 'forbidden', message: `This needs the ${route.role} role` },
      });
    },
  );

  it.each(routes)('$method $path: the $role role gets past authorisation', async (route) => {
    const res = await t.request(route.method, route.path, { role: route.role, body: route.body });
    expect([401, 403]).not.toContain(res.status);
  });

  it('401 for an unknown, malformed or revoked token', async () => {
    const unknown = await t.app.request('/v1/protocols', { headers: { authorization: 'Bearer eligo_nope' } });
    expect(unknown.status).toBe(401);
    const basic = await t.app.request('/v1/protocols', { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
    const created = await t.request('POST', '/v1/tokens', {
      role: 'admin',
      body: { name: 'temp', role: 'viewer' },
    });
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    const auth = { authorization: `Bearer ${secret}` };
    expect((await t.app.request('/v1/tokens/me', { headers: auth })).status).toBe(200);
    expect((await t.request('DELETE', `/v1/tokens/${id}`, { role: 'admin' })).status).toBe(204);
    expect((await t.app.request('/v1/tokens/me', { headers: auth })).status).toBe(401);
  });
});

describe('tokens', async () => {
  const t = await testApp();

  it('creates a token whose secret is returned once and never listed', async () => {
    const res = await t.request('POST', '/v1/tokens', {
      role: 'admin',
      body: { name: 'ward 7', role: 'screener' },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; secret: string; role: string };
    expect(created).toMatchObject({ name: 'ward 7', role: 'screener', revokedAt: null });
    expect(created.secret).toMatch(/^eligo_/);
    const list = await (await t.request('GET', '/v1/tokens', { role: 'admin' })).text();
    expect(list).toContain('ward 7');
    expect(list).not.toContain(created.secret);
    expect(list).not.toContain('hash');
    const me = await t.app.request('/v1/tokens/me', {
      headers: { authorization: `Bearer ${created.secret}` },
    });
    expect(await me.json()).toMatchObject({ id: created.id, name: 'ward 7', role: 'screener' });
  });

  it('rejects an unknown role with the path', async () => {
    const res = await t.request('POST', '/v1/tokens', { role: 'admin', body: { name: 'x', role: 'root' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', issues: [{ path: 'role' }] },
    });
  });

  it('404 when revoking a token that does not exist', async () => {
    const res = await t.request('DELETE', '/v1/tokens/tok_missing', { role: 'admin' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'not_found', message: "Token 'tok_missing' not found" },
    });
  });
});

describe('bad input is a 4xx, never a 500', async () => {
  const t = await testApp({ bodyLimit: 1024 });

  it('400 for malformed JSON', async () => {
    const res = await t.request('POST', '/v1/tokens', { role: 'admin', body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_json', message: 'The request body is not valid JSON' },
    });
  });

  it('400 with the offending path for wrong types', async () => {
    const res = await t.request('POST', '/v1/check', { role: 'viewer', body: { text: 42 } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues).toEqual([
      { path: 'text', message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('400 for a missing or non-object body, 415 for another content type', async () => {
    const missing = await t.request('POST', '/v1/check', { role: 'viewer' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { issues: [{ path: 'text', message: 'Invalid input: expected string, received undefined' }] },
    });
    const array = await t.request('POST', '/v1/check', { role: 'viewer', body: '[1,2]' });
    expect(await array.json()).toMatchObject({
      error: { issues: [{ path: '', message: 'Invalid input: expected object, received array' }] },
    });
    const text = await t.request('POST', '/v1/check', {
      role: 'viewer',
      body: 'trial X "x"',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('400 naming the query parameter for a bad filter', async () => {
    const res = await t.request('GET', '/v1/audit?limit=0', { role: 'admin' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'query.limit' }] } });
  });

  it('400 for a screening without asOf, naming the field', async () => {
    const res = await t.request('POST', '/v1/protocols/X/screenings', {
      role: 'screener',
      body: { facts: {} },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'asOf' }] } });
  });

  it('413 for an oversize body, declared or streamed', async () => {
    const big = { name: 'x'.repeat(2000), role: 'viewer' };
    const res = await t.request('POST', '/v1/tokens', { role: 'admin', body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'payload_too_large', message: 'The request body is larger than 1024 bytes' },
    });
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(encoder.encode('x'.repeat(500)));
        c.close();
      },
    });
    const streamed = await t.app.request('/v1/tokens', {
      method: 'POST',
      body: stream,
      headers: { authorization: `Bearer ${t.tokens.admin}`, 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const declared = (text: string) =>
      t.app.request('/v1/tokens', {
        method: 'POST',
        body: text,
        headers: {
          authorization: `Bearer ${t.tokens.admin}`,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(text)),
        },
      });
    expect((await declared(JSON.stringify(big))).status).toBe(413);
    expect((await declared(JSON.stringify({ name: 'ward 7', role: 'viewer' }))).status).toBe(201);
  });

  it('404 as JSON for unknown API paths', async () => {
    const res = await t.request('GET', '/v1/nothing', { role: 'admin' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'not_found', message: 'GET /v1/nothing not found' },
    });
  });

  it('404 for unknown protocols and versions', async () => {
    const res = await t.request('GET', '/v1/protocols/NOPE', { role: 'viewer' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { message: "Protocol 'NOPE' not found" } });
    const v = await t.request('GET', '/v1/protocols/NOPE/versions/3', { role: 'viewer' });
    expect(await v.json()).toMatchObject({ error: { message: "Version 3 of protocol 'NOPE' not found" } });
    const bad = await t.request('GET', '/v1/protocols/NOPE/versions/zero', { role: 'viewer' });
    expect(bad.status).toBe(400);
  });

  it('500 without internals when something unexpected fails', async () => {
    const db = await memoryDb();
    const store = createStore(db);
    const { secret } = await store.tokens.create({ name: 'v', role: 'viewer', createdBy: null });
    const broken = {
      ...store,
      protocols: {
        ...store.protocols,
        list: () => Promise.reject(new Error('patient Jane Doe in /srv/secret/path')),
      },
    };
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = createApp({
      store: broken,
      logger,
      config: {
        bodyLimit: 1024,
        batchBuffer: 1 << 20,
        rateLimit: 0,
        addressRateLimit: 0,
        webOrigins: [],
        webDir: undefined,
        docsDir: undefined,
      },
    });
    const res = await app.request('/v1/protocols', { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal', message: 'Internal server error' } });
    expect(text).not.toContain('Jane');
    expect(lines.join('')).not.toContain('Jane');
    expect(lines.join('')).toContain('unhandled error');
  });
});

describe('operations', async () => {
  it('answers /healthz and /v1/healthz without a token', async () => {
    const t = await testApp();
    for (const path of ['/healthz', '/v1/healthz']) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });

  it('says unavailable when the database does not answer', async () => {
    const t = await testApp();
    await t.db.close();
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(503);
  });

  it('serves OpenAPI 3.1 with every route and the bearer scheme', async () => {
    const t = await testApp();
    const res = await t.app.request('/v1/openapi.json');
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const schemas = (doc as unknown as { components: { schemas: Record<string, SchemaDoc> } }).components
      .schemas;
    expect(schemas.ScreeningRequest?.properties?.full).toMatchObject({
      type: 'boolean',
      description: expect.stringContaining('Off by default: the answer is compact'),
    });
    expect(schemas.ScreeningRequest?.properties?.trace).toMatchObject({ type: 'boolean' });
    expect(Object.keys(schemas.CompactScreening?.properties ?? {})).toEqual([
      'protocol',
      'asOf',
      'cohorts',
      'warnings',
      'id',
      'ref',
    ]);
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    for (const r of routes) {
      const templated = r.path
        .replace('/v1', '')
        .replace(/\/X(?=\/|$)/, '/{id}')
        .replace(/versions\/1$/, 'versions/{version}')
        .replace(/reviews\/0{64}/, 'reviews/{hash}')
        .replace(/\/(scr|tok)_1$/, '/{id}');
      expect(operations).toContain(`${r.method} ${templated}`);
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the API reference page with its script and styles from this server, and nothing from elsewhere', async () => {
    const t = await testApp();
    const page = await (await t.app.request('/v1/docs')).text();
    expect(page).toContain("url: '/v1/openapi.json'");
    expect(page).toContain('src="/v1/docs/swagger-ui-bundle.js"');
    expect(page).toContain('href="/v1/docs/swagger-ui.css"');
    // No validator badge (it would send the document to validator.swagger.io), no other origin.
    expect(page).toContain('validatorUrl: null');
    expect(page).not.toMatch(/https?:\/\//);
    for (const [file, type] of [
      ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
      ['swagger-ui.css', 'text/css; charset=utf-8'],
    ]) {
      const res = await t.app.request(`/v1/docs/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      await res.body?.cancel();
    }
    expect((await t.app.request('/v1/docs/package.json')).status).toBe(404);
    expect((await t.app.request('/v1/docs/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('sets security headers and a request id', async () => {
    const t = await testApp();
    const res = await t.app.request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    const api = await t.request('GET', '/v1/tokens/me', { role: 'viewer' });
    expect(api.headers.get('cache-control')).toBe('no-store');
    const denied = await t.request('GET', '/v1/tokens/me');
    expect(denied.headers.get('cache-control')).toBe('no-store');
  });

  it('allows CORS only from the configured web origin', async () => {
    const t = await testApp({ webOrigins: ['https://eligo.example'] });
    const preflight = (origin: string) =>
      t.app.request('/v1/protocols', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    expect((await preflight('https://eligo.example')).headers.get('access-control-allow-origin')).toBe(
      'https://eligo.example',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await preflight('https://eligo.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');

    const get = (origin: string) =>
      t.request('GET', '/v1/tokens/me', { role: 'viewer', headers: { origin } });
    const fromWeb = await get('https://eligo.example');
    expect(fromWeb.status).toBe(200);
    expect(fromWeb.headers.get('access-control-allow-origin')).toBe('https://eligo.example');
    expect(fromWeb.headers.get('access-control-expose-headers')).toBe('X-Request-Id,Retry-After');
    expect(fromWeb.headers.get('vary')).toBe('Origin');
    expect(fromWeb.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    expect(fromWeb.headers.get('cache-control')).toBe('no-store');
    const fromElsewhere = await get('https://evil.example');
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    expect(fromElsewhere.headers.get('vary')).toBe('Origin');
    const refused = await t.request('GET', '/v1/tokens/me', { headers: { origin: 'https://eligo.example' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://eligo.example');
  });

  it('rate-limits per token with Retry-After', async () => {
    const t = await testApp({ rateLimit: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await t.request('GET', '/v1/tokens/me', { role: 'viewer' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const limited = await t.request('GET', '/v1/tokens/me', { role: 'viewer' });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Another token has its own bucket.
    expect((await t.request('GET', '/v1/tokens/me', { role: 'author' })).status).toBe(200);
  });

  it('logs one line per request without bodies, query strings or tokens', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const db = await memoryDb();
    const store = createStore(db);
    const { secret } = await store.tokens.create({ name: 'a', role: 'admin', createdBy: null });
    const app = createApp({
      store,
      logger,
      config: {
        bodyLimit: 4096,
        batchBuffer: 1 << 20,
        rateLimit: 0,
        addressRateLimit: 0,
        webOrigins: [],
        webDir: undefined,
        docsDir: undefined,
      },
    });
    await app.request('/v1/protocols/P/screenings?version=PATIENT-MRN-123', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ asOf: 'not a date', facts: { name: 'Jane Doe' } }),
    });
    const log = lines.join('');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'request', method: 'POST', status: 400 });
    expect(log).not.toContain('Jane');
    expect(log).not.toContain('MRN');
    expect(log).not.toContain(secret);
  });
});

describe('web app and docs from the same port', async () => {
  const root = mkdtempSync(join(tmpdir(), 'eligo-static-'));
  const web = join(root, 'web');
  const docs = join(root, 'docs');
  mkdirSync(join(web, 'assets'), { recursive: true });
  mkdirSync(join(docs, 'guide'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>web</title>');
  writeFileSync(join(web, 'assets', 'app-1a2b3c4d.js'), 'console.log(1)');
  writeFileSync(join(docs, 'index.html'), '<title>docs</title>');
  writeFileSync(join(docs, 'api.html'), '<title>api docs</title>');
  writeFileSync(join(docs, '404.html'), '<title>docs 404</title>');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const t = await testApp({ webDir: web, docsDir: docs });

  it('serves the web app, with index.html for client-side routes', async () => {
    expect(await (await t.app.request('/')).text()).toContain('<title>web</title>');
    expect(await (await t.app.request('/protocols/NCT06469190/screen')).text()).toContain(
      '<title>web</title>',
    );
    const asset = await t.app.request('/assets/app-1a2b3c4d.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('serves the docs under /docs/ with clean URLs and their 404 page', async () => {
    expect(await (await t.app.request('/docs/')).text()).toContain('<title>docs</title>');
    expect(await (await t.app.request('/docs/api')).text()).toContain('<title>api docs</title>');
    const missing = await t.app.request('/docs/nope');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('docs 404');
  });

  it('never serves files outside its folders', async () => {
    for (const path of [
      '/../secret.txt',
      '/docs/../../secret.txt',
      '/docs/%2e%2e/%2e%2e/secret.txt',
      '/%2e%2e/secret.txt',
    ]) {
      const res = await t.app.request(path);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('keeps API paths as JSON 404s', async () => {
    const res = await t.app.request('/v1/unknown');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});

interface SchemaDoc {
  properties?: Record<string, { type?: string; description?: string }>;
}
