import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { createApi, type Matches } from '../lib/api';
import MatchList from './MatchList.svelte';

const reply: Matches = {
  id: 'mat_1',
  asOf: '2025-03-15',
  matches: [
    {
      protocol: { id: 'NCT1', title: 'A trial', version: '2' },
      cohort: { id: 'A', label: 'Cohort A' },
      verdict: 'eligible',
      missing: [],
      failed: [],
    },
    {
      protocol: { id: 'NCT2', title: 'B trial' },
      cohort: { id: 'B' },
      verdict: 'undetermined',
      missing: [
        { id: 'consent', label: 'Signed consent?' },
        { id: 'wbc', label: 'White blood cell count' },
      ],
      failed: [],
    },
    {
      protocol: { id: 'NCT3' },
      cohort: { id: 'C', label: 'Cohort C' },
      verdict: 'ineligible',
      missing: [],
      failed: [{ id: 'EX-1', title: 'Pregnant', explanation: 'pregnancy: met' }],
    },
  ],
  refused: [{ protocol: { id: 'NCT4' }, errors: [{ path: 'facts', message: 'Unrecognized key: "x"' }] }],
  warnings: [],
};

const text = (html: string) =>
  html
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('matches', () => {
  it('posts the screening document to /v1/matches as a screener', async () => {
    const sent: { url: string; init: RequestInit | undefined }[] = [];
    const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(url), init });
      return new Response(JSON.stringify(reply), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const api = createApi('eligo_t', 'http://api.test', fetch);
    const request = { asOf: '2025-03-15', facts: { sex: 'female' }, answers: { consent: true } };
    await expect(api.matches(request)).resolves.toEqual(reply);
    expect(sent.map((s) => [s.url, s.init?.method, JSON.parse(String(s.init?.body))])).toEqual([
      ['http://api.test/v1/matches', 'POST', request],
    ]);
    expect(new Headers(sent[0]!.init?.headers).get('authorization')).toBe('Bearer eligo_t');
  });

  it('lists each cohort with its verdict and what is still needed or what rules it out', () => {
    const { body } = render(MatchList, { props: { result: reply } });
    const items = [...body.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]!));
    expect(items).toEqual([
      'Eligible A trial NCT1 · cohort Cohort A',
      'Undetermined B trial NCT2 · cohort B Still needed: Signed consent?; White blood cell count',
      'Ineligible NCT3 NCT3 · cohort Cohort C Rules out: EX-1 Pregnant',
    ]);
    expect(text(body)).toContain('Not screened, the record does not fit their data: NCT4.');
  });
});
