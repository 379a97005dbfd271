import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type TestApp, testApp } from '@eligo/api/testing';
import { readProtocolSource } from '@eligo/protocols';
import type { Page, Route } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The real API in this process (SQLite in memory, the bundled trial published as version 1), and
 * the browser's `/v1` requests answered by it: what the log shows is what the service stored.
 * `config` adds to the test configuration (a bulk export folder, say).
 */
export async function realApi(config: Parameters<typeof testApp>[0] = {}): Promise<TestApp> {
  const api = await testApp({ bodyLimit: 1024 * 1024, ...config });
  const nct = readProtocolSource('NCT06469190');
  const res = await api.request('POST', '/v1/protocols/NCT06469190/versions', {
    role: 'author',
    body: { text: nct.text, name: nct.name },
  });
  expect(res.status).toBe(201);
  return api;
}

export function forwardTo(api: TestApp) {
  return async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const body = request.postDataBuffer();
    const res = await api.app.request(`${url.pathname}${url.search}`, {
      method: request.method(),
      headers: request.headers(),
      ...(body ? { body: new Uint8Array(body) } : {}),
    });
    await route.fulfill({
      status: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body: Buffer.from(await res.arrayBuffer()),
    });
  };
}

/** Screenshots, PDFs and downloads of the browser tests (ignored by git). */
export const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(artifacts, { recursive: true });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is now (WCAG 2.1 A and AA rules): id and the nodes. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<AxeResults> } }).axe;
    const results = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

/** How far the page is wider than its window (0 when nothing overflows sideways). */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
