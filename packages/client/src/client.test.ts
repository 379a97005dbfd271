import { readFileSync } from 'node:fs';
import { testApp } from '@eligo/api/testing';
import { examplePath, readProtocolSource } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { createEligoClient } from './index';

describe('createEligoClient', async () => {
  const t = await testApp();
  const client = (role: keyof typeof t.tokens) =>
    createEligoClient({
      baseUrl: 'http://eligo.test/',
      token: t.tokens[role],
      fetch: (request) => Promise.resolve(t.app.request(request)),
    });

  it('publishes, screens and reads the answer with its types, under /v1 with the bearer token', async () => {
    const trial = readProtocolSource('NCT06469190');
    const published = await client('author').POST('/protocols/{id}/versions', {
      params: { path: { id: 'NCT06469190' } },
      body: { text: trial.text, name: trial.name },
    });
    expect(published.response.status).toBe(201);

    const document = JSON.parse(readFileSync(examplePath('NCT06469190', 'eligible-igan.json'), 'utf8'));
    const { data, error } = await client('screener').POST('/protocols/{id}/screenings', {
      params: { path: { id: 'NCT06469190' } },
      body: { ...document, ref: 'site-1' },
    });
    expect(error).toBeUndefined();
    expect(data?.ref).toBe('site-1');
    expect(data?.cohorts.find((c) => c.id === 'IgAN')?.verdict).toBe('eligible');
    expect(data?.protocol.published).toBe(1);

    const matches = await client('screener').POST('/matches', { body: document });
    expect(matches.data?.matches[0]).toMatchObject({ protocol: { id: 'NCT06469190' }, verdict: 'eligible' });
  });

  it('gives the API error, typed, for a route the role may not call and an unknown trial', async () => {
    const forbidden = await client('viewer').GET('/tokens');
    expect(forbidden.response.status).toBe(403);
    expect(forbidden.error?.error.code).toBe('forbidden');
    const missing = await client('viewer').GET('/protocols/{id}', { params: { path: { id: 'NOPE' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe('not_found');
  });
});
