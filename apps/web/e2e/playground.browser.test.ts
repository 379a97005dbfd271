import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testApp } from '@eligo/api/testing';
import { compile } from '@eligo/core';
import { screenDocument } from '@eligo/fhir';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, warnWithoutChromium } from './harness';
import { artifacts, axeViolations } from './real-api';

warnWithoutChromium();

/**
 * The docs site built as it ships and served by the API itself (its /docs/ route, its security
 * headers), and the playground used in Chromium: edit, see the screening follow, share the link,
 * open it elsewhere, open an example of the language page.
 */
const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const defaultCriteria = readFileSync(join(docs, 'examples/playground.elig'), 'utf8');
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A woman of 34 with a white cell count on record, and a creatinine in a unit that is not one. */
const BUNDLE_DOCUMENT = {
  asOf: '2025-03-15',
  bundle: {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1990-09-20' } },
      {
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '6690-2' }] },
          subject: { reference: 'Patient/p' },
          effectiveDateTime: '2025-03-12',
          valueQuantity: { value: 2.1, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' },
        },
      },
      {
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '2160-0' }] },
          subject: { reference: 'Patient/p' },
          effectiveDateTime: '2025-03-12',
          valueQuantity: { value: 0.8, unit: 'g/L/s', system: 'http://unitsofmeasure.org', code: 'g/L/s' },
        },
      },
    ],
  },
  answers: { consent: true },
};

let outDir: string;
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  outDir = mkdtempSync(join(tmpdir(), 'eligo-docs-'));
  await promisify(execFile)(join(docs, 'node_modules/.bin/vitepress'), ['build', '--outDir', outDir], {
    cwd: docs,
  });
  const api = await testApp({ docsDir: outDir });
  // Real HTTP on 127.0.0.1: a secure context, as the service on localhost is, for the clipboard.
  server = createServer(async (req, res) => {
    const response = await api.app.request(req.url ?? '/', { method: req.method ?? 'GET' });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors and console errors (a Content-Security-Policy refusal among them). */
  readonly errors: string[];
  /** Every request the page made: method and URL. */
  readonly requests: string[];
}

async function open(url: string): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  await page.goto(url);
  return { context, page, errors, requests };
}

const editor = (page: Page, name: 'criteria' | 'patient') =>
  page.locator(`[data-editor="${name}"] .cm-content`);
const editorText = (page: Page, name: 'criteria' | 'patient') =>
  editor(page, name).evaluate((el) =>
    [...el.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'),
  );
/** The page loads the compiler on first use and screens after a pause in typing: wait for it. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const verdict = (page: Page) => page.locator('[data-verdict]').first();
const status = (page: Page, criterion: string) => page.locator(`[data-criterion="${criterion}"] .status`);

describe.skipIf(!hasChromium)('the docs playground', () => {
  let shared: { url: string; criteria: string; patient: string };

  it('screens as the criteria are typed, marks diagnostics by line:column, and copies a link', async () => {
    const { context, page, errors, requests } = await open(`${origin}/docs/playground.html`);
    await eventually(() => verdict(page).textContent()).toBe('undetermined');
    expect(await status(page, 'IN-1').textContent()).toBe('met');
    expect(await status(page, 'IN-4').textContent()).toBe('unknown');
    expect(await editorText(page, 'criteria')).toBe(defaultCriteria);

    // Raise the age limit from 18 to 40: the patient, 34, no longer meets IN-1.
    await page.locator('.cm-line', { hasText: 'met if age_years >= 18' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('40');
    await eventually(() => verdict(page).textContent()).toBe('ineligible');
    expect(await status(page, 'IN-1').textContent()).toBe('not met');
    await page.screenshot({ path: join(artifacts, 'playground-edited.png'), fullPage: true });

    // A name that is not declared: the list shows core's diagnostic at its line and column.
    await page.keyboard.type(' and agee > 1');
    const typed = (await editorText(page, 'criteria')).replace(/\u00a0/g, ' ');
    const expected = compile(typed).diagnostics.filter((d) => d.severity === 'error');
    expect(expected.map((d) => d.code)).toContain('E0101');
    const listed = page.getByRole('list', { name: 'Criteria diagnostics' }).locator('li.error');
    await eventually(() => listed.allTextContents()).toEqual(
      expected.map((d) => expect.stringContaining(`${d.start!.line}:${d.start!.column} ${d.code}`)),
    );
    await eventually(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await page.getByText('No screening until the criteria compile').isVisible()).toBe(true);
    for (let i = 0; i < ' and agee > 1'.length; i++) await page.keyboard.press('Backspace');
    await eventually(() => verdict(page).textContent()).toBe('ineligible');

    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await eventually(() => page.getByRole('status').textContent()).toBe('Link copied.');
    const url = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(url).toBe(page.url());
    expect(url).toMatch(/\/docs\/playground\.html#s=[\w-]+$/);
    shared = {
      url,
      criteria: await editorText(page, 'criteria'),
      patient: await editorText(page, 'patient'),
    };
    expect(shared.criteria).toContain('met if age_years >= 40');

    // Nothing went anywhere but the site's own files: no request carries the state.
    for (const request of requests) {
      expect(request).toMatch(new RegExp(`^GET ${origin}/docs/`));
      expect(request).not.toContain('#');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a copied link in a new browser with the same criteria, patient and screening', async () => {
    const { context, page, errors } = await open(shared.url);
    await eventually(() => verdict(page).textContent()).toBe('ineligible');
    expect(await editorText(page, 'criteria')).toBe(shared.criteria);
    expect(await editorText(page, 'patient')).toBe(shared.patient);
    expect(await status(page, 'IN-1').textContent()).toBe('not met');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads a FHIR Bundle through the criteria's bindings, and points at a JSON error", async () => {
    const { context, page, errors } = await open(`${origin}/docs/playground.html`);
    await eventually(() => verdict(page).textContent()).toBe('undetermined');
    await editor(page, 'patient').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('{\n  "asOf": "2025-03-15",\n  "bundle": {\n');
    await eventually(() =>
      page.getByRole('list', { name: 'Patient problems' }).locator('li.error').allTextContents(),
    ).toEqual([expect.stringMatching(/^4:1 JSON /)]);

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(JSON.stringify(BUNDLE_DOCUMENT, null, 2));
    const compiled = compile(defaultCriteria);
    const screened = compiled.ok ? screenDocument(compiled.protocol, BUNDLE_DOCUMENT) : undefined;
    expect(screened?.ok).toBe(true);
    const cohort = screened?.ok ? screened.screening.cohorts[0]! : undefined;
    await eventually(() => verdict(page).textContent()).toBe(cohort?.verdict);
    const words = { met: 'met', not_met: 'not met', unknown: 'unknown' };
    for (const criterion of cohort?.criteria ?? []) {
      expect(await status(page, criterion.id).textContent(), criterion.id).toBe(words[criterion.status]);
    }
    // The creatinine in grams per litre per second cannot be converted: a warning, and unknown.
    expect(cohort?.criteria.find((c) => c.id === 'IN-3')?.status).toBe('unknown');
    expect(
      await page.getByRole('list', { name: 'Patient problems' }).locator('li.warning').allTextContents(),
    ).toEqual([
      "— W-FHIR-UNIT creatinine, bundle.entry[2].resource.valueQuantity.code: 'g/L/s' cannot be converted to mg/dL; the value is treated as missing",
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens an example of the language page, read after the context declarations', async () => {
    const { context, page, errors } = await open(`${origin}/docs/language.html`);
    const links = page.getByRole('link', { name: 'Open in playground' });
    expect(await links.count()).toBeGreaterThanOrEqual(10);
    await links.first().click();
    await page.waitForURL(/\/docs\/playground\.html#s=/);
    // The first example is the whole NCT06469190 protocol; with no patient data it is undetermined.
    await eventually(() => verdict(page).textContent()).toBe('undetermined');
    const criteria = await editorText(page, 'criteria');
    expect(criteria.split('\n')[0]).toMatch(/^trial NCT06469190 /);
    expect(await status(page, 'C-IN-1').textContent()).toBe('unknown');
    await page.screenshot({ path: join(artifacts, 'playground-example.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
