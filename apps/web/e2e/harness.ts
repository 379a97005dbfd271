import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, rankMatches } from '@eligo/core';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { expect } from 'vitest';
import { screenLocally } from '../src/lib/screening';

/**
 * The built app in Debian's Chromium, served by `vite preview`, with the API answered here from the
 * bundled protocol (screenings recorded by the same core the server runs). It needs a system
 * Chromium: a browser downloaded by a test tool cannot run on the machines this targets.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const TOKEN = 'eligo_browser_test_token';
export const hasChromium = existsSync(CHROMIUM);

export function warnWithoutChromium(): void {
  if (!hasChromium) {
    console.warn(
      `SKIPPED: the browser test needs Chromium at ${CHROMIUM}, which this machine lacks (on Debian: apt-get install -y chromium).`,
    );
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const protocolDir = fileURLToPath(new URL('../../../packages/protocols/NCT06469190/', import.meta.url));
const sourceText = readFileSync(join(protocolDir, 'NCT06469190.elig'), 'utf8');
export const example = join(protocolDir, 'examples/eligible-igan.json');

export interface App {
  readonly browser: Browser;
  readonly url: string;
  /** Bodies of the screenings the app recorded. */
  readonly recorded: unknown[];
  close(): Promise<void>;
}

export async function startApp(): Promise<App> {
  const outDir = mkdtempSync(join(tmpdir(), 'eligo-web-'));
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const server: PreviewServer = await preview({
    root,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    browser,
    url: server.resolvedUrls?.local[0] ?? '',
    recorded: [],
    async close() {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** The API, answered from the bundled protocol. */
export function fakeApi(app: App) {
  return async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.headers().authorization !== `Bearer ${TOKEN}`) {
      return route.fulfill({
        status: 401,
        json: { error: { code: 'unauthorized', message: 'A valid bearer token is required' } },
      });
    }
    const compiled = compile(sourceText, { name: 'NCT06469190.elig' });
    if (!compiled.ok) throw new Error('the bundled protocol does not compile');
    const info = compiled.protocol.info;
    if (path === '/v1/protocols') {
      return route.fulfill({
        json: {
          protocols: [
            {
              id: info.id,
              title: info.title ?? null,
              latest: { version: 1, hash: info.hash, publishedAt: '2025-03-01T00:00:00Z' },
              draftUpdatedAt: null,
            },
          ],
        },
      });
    }
    if (path === `/v1/protocols/${info.id}`) {
      return route.fulfill({
        json: {
          id: info.id,
          version: 1,
          hash: info.hash,
          title: info.title ?? null,
          publishedAt: '2025-03-01T00:00:00Z',
          publishedBy: 'admin',
          trialVersion: info.version ?? null,
          source: { name: 'NCT06469190.elig', text: sourceText },
          cohorts: info.cohorts,
          criteria: [],
          elements: info.elements,
          questions: info.elements.filter((e) => e.kind === 'question'),
          inputSchema: {},
        },
      });
    }
    if (path === `/v1/protocols/${info.id}/screenings` && request.method() === 'POST') {
      const body = request.postDataJSON();
      app.recorded.push(body);
      // `store`, the site reference and what the answer carries (`full`, `trace`) are the API's own
      // fields, not part of the screening input.
      const {
        store: _keep,
        siteRef: _ref,
        full: _full,
        trace: _trace,
        ...input
      } = body as typeof body & { store?: boolean; siteRef?: string; full?: boolean; trace?: boolean };
      const result = screenLocally(compiled.protocol, input as typeof body);
      if (!result.ok)
        return route.fulfill({ status: 400, json: { error: { code: 'invalid', message: 'bad input' } } });
      return route.fulfill({
        json: {
          ...result.screening,
          id: 'scr_e2e_1',
          protocol: { ...result.screening.protocol, published: 1 },
        },
      });
    }
    if (path === '/v1/matches' && request.method() === 'POST') {
      const result = screenLocally(compiled.protocol, request.postDataJSON());
      if (!result.ok)
        return route.fulfill({ status: 400, json: { error: { code: 'invalid', message: 'bad input' } } });
      return route.fulfill({
        json: {
          id: 'mat_e2e_1',
          asOf: result.screening.asOf,
          matches: rankMatches([{ info, screening: result.screening }]),
          refused: [],
          warnings: [],
        },
      });
    }
    return route.fulfill({ status: 404, json: { error: { code: 'not_found', message: path } } });
  };
}

export interface SignedIn {
  readonly page: Page;
  /** Uncaught errors and console errors seen so far. */
  readonly errors: string[];
}

/** A page signed in with the test token (after a first, malformed one), showing the screening form. */
export async function signedIn(
  app: App,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<SignedIn> {
  const page = await app.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**/v1/**', fakeApi(app));
  await page.goto(app.url);
  await page.getByLabel('API token').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe("Eligo tokens start with 'eligo_'.");
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Questions' }).waitFor();
  expect(errors).toEqual([]);
  return { page, errors };
}

/** The verdict shown on a cohort's card. */
export const verdict = (page: Page, cohort: string) =>
  page
    .locator('section.cohort')
    .filter({ has: page.locator(`h3:has-text("${cohort}")`) })
    .locator('.verdict');
