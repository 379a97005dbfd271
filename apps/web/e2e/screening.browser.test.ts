import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '@eligo/core';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const TOKEN = 'eligo_browser_test_token';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `SKIPPED: the browser test needs Chromium at ${CHROMIUM}, which this machine lacks (on Debian: apt-get install -y chromium).`,
  );
}

const root = fileURLToPath(new URL('..', import.meta.url));
const protocolDir = fileURLToPath(new URL('../../../packages/protocols/NCT06469190/', import.meta.url));
const sourceText = readFileSync(join(protocolDir, 'NCT06469190.elig'), 'utf8');
const example = join(protocolDir, 'examples/eligible-igan.json');

describe.skipIf(!hasChromium)('the web app in a browser', () => {
  let outDir: string;
  let server: PreviewServer;
  let browser: Browser;
  let url: string;
  const recorded: unknown[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'eligo-web-'));
    await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
    server = await preview({
      root,
      logLevel: 'error',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0 },
    });
    url = server.resolvedUrls?.local[0] ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function fakeApi(route: Route) {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.headers().authorization !== `Bearer ${TOKEN}`) {
      return route.fulfill({
        status: 401,
        json: { error: { code: 'unauthorized', message: 'Invalid token' } },
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
      recorded.push(body);
      const result = screenLocally(compiled.protocol, body);
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
    return route.fulfill({ status: 404, json: { error: { code: 'not_found', message: path } } });
  }

  async function signedIn(): Promise<Page> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/v1/**', fakeApi);
    await page.goto(url);
    await page.getByLabel('API token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe("Eligo tokens start with 'eligo_'.");
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Questions' }).waitFor();
    expect(errors).toEqual([]);
    return page;
  }

  const verdict = (page: Page, cohort: string) =>
    page
      .locator('section.cohort')
      .filter({ has: page.locator(`h3:has-text("${cohort}")`) })
      .locator('.verdict');

  it('screens an imported record, reacts to answers and records the screening', async () => {
    const page = await signedIn();
    // Before any record is imported every cohort is already shown, screened on the answers alone.
    await expect.poll(() => page.locator('section.cohort').count()).toBe(3);

    await page.getByLabel('Import a file').setInputFiles(example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    expect(await verdict(page, 'PMN').textContent()).toBe('Ineligible');
    expect(await verdict(page, 'AAV').textContent()).toBe('Ineligible');
    expect(await page.getByLabel('Screening date').inputValue()).toBe('2025-03-15');

    const consent = page.locator('fieldset').filter({ hasText: 'signed the informed consent' });
    await consent.getByLabel('Not answered').check();
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Undetermined');
    await expect
      .poll(() => page.locator('li.question.needed').allTextContents())
      .toEqual([expect.stringContaining('Needed to decide IgAN')]);
    await consent.getByLabel('No', { exact: true }).check();
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Ineligible');
    await consent.getByLabel('Yes', { exact: true }).check();
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');

    await page.getByRole('button', { name: 'Record screening' }).click();
    await expect
      .poll(async () => (await page.locator('.record-status').textContent())?.replace(/\s+/g, ' '))
      .toContain('Recorded for the audit trail as scr_e2e_1 against published version 1.');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ asOf: '2025-03-15', answers: { informed_consent: true } });
    await page.close();
  });

  it('marks problems in the criteria editor as the author types', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Author' }).click();
    const editor = page.getByRole('textbox', { name: 'Criteria of NCT06469190' });
    await editor.waitFor();
    await expect.poll(() => page.locator('#live-title + p').textContent()).not.toContain('error');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n  C-X-99 "Broken"\n    met if wbc >= 3 g/L');
    await expect.poll(() => page.locator('#live-title + p').textContent()).toMatch(/^1 error/);
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    await page.close();
  });
});
