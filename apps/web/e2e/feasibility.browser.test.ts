import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from '@eligo/api/testing';
import { type SyntheticBulkDir, syntheticBulkDir } from '@eligo/api/testing/bulk';
import { compile, createFunnel, type FunnelResult } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { examplePath, readProtocolSource } from '@eligo/protocols';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocally } from '../src/lib/feasibility/run-local';
import { recount, type WhatIfCohort } from '../src/lib/feasibility/what-if';
import { type App, hasChromium, startApp, warnWithoutChromium } from './harness';
import { artifacts, axeViolations, forwardTo, realApi } from './real-api';

warnWithoutChromium();

const AS_OF = '2025-06-01';
const source = readProtocolSource('NCT06469190');
const info = compile(source.text, { name: source.name }).protocol!.info;
const examples = ['eligible-igan.json', 'ineligible-pmn.json'].map(
  (f) => JSON.parse(readFileSync(examplePath('NCT06469190', f), 'utf8')) as { bundle: { entry: unknown[] } },
);
/** 40 patients: the two examples with different records left out of each. */
const ndjson = Array.from({ length: 40 }, (_, i) => {
  const doc = structuredClone(examples[i % 2]!);
  doc.bundle.entry = doc.bundle.entry.filter((_, e) => e === 0 || (e * 7 + i) % 5 !== 0);
  return JSON.stringify(doc);
}).join('\n');
/** What the page must show, counted here by the same core. */
const expected = runLocally(source.text, source.name, AS_OF, ndjson);

/** The funnel core counts over a bulk export's patients, as the server's run must. */
async function bulkFunnel(bulk: SyntheticBulkDir): Promise<FunnelResult> {
  const { protocol } = compile(source.text, { name: source.name });
  const funnel = createFunnel(protocol!.info);
  for await (const { bundle } of bulk.bundles()) {
    const facts = bundleToFacts(protocol!.info, bundle, bulk.asOf);
    if (!facts.ok) continue;
    const input = { asOf: bulk.asOf, facts: facts.facts, answers: {} };
    funnel.add({ verdicts: protocol!.verdicts(input), statuses: protocol!.evaluate(input).statuses });
  }
  return funnel.result();
}

const label = (id: string) => info.cohorts.find((c) => c.id === id)!.label ?? id;

const totals = (c: WhatIfCohort) =>
  `${c.total} patients: ${c.eligible} eligible (${Math.round((100 * c.eligible) / c.total)} %), ${c.ineligible} ineligible, ${c.undetermined} undetermined`;

describe.skipIf(!hasChromium)('feasibility, against the real API', () => {
  let app: App;
  let api: TestApp;
  const bulk = syntheticBulkDir({ name: 'site-a', patients: 30, seed: 11 });

  beforeAll(async () => {
    [app, api] = await Promise.all([startApp(), realApi({ bulkDir: bulk.root })]);
  });

  afterAll(async () => {
    await app?.close();
    await api?.db.close();
    bulk.remove();
  });

  async function open(population = ndjson): Promise<{ page: Page; errors: string[] }> {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.route('**/v1/**', forwardTo(api));
    await page.goto(app.url);
    await page.getByLabel('API token').fill(api.tokens.author);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Questions' }).waitFor();
    await page.getByRole('link', { name: 'Feasibility' }).click();
    await page.getByRole('heading', { name: 'Feasibility: NCT06469190' }).waitFor();
    await page.getByLabel('Screening date').fill(AS_OF);
    await page.getByLabel(/Population/).setInputFiles({
      name: 'population.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(population),
    });
    return { page, errors };
  }

  const shownTotals = async (page: Page, cohort: string) =>
    ((await page.getByTestId(`totals-${cohort}`).textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('counts an upload in the browser, draws the funnel, recounts a dropped criterion and exports CSV, SVG and PNG', async () => {
    const { page, errors } = await open();
    await page.getByLabel('This browser (nothing is sent)').check();
    await page.getByRole('button', { name: 'Count' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 60_000 })
      .toBe('Done: 40 patients counted in this browser.');
    for (const cohort of expected.funnel.cohorts) {
      expect(await shownTotals(page, cohort.id)).toBe(`${totals({ ...cohort, basis: 'as-run' })}.`);
      expect(await page.locator(`[data-chart="${cohort.id}"] svg rect`).count()).toBeGreaterThan(
        cohort.criteria.length,
      );
    }
    // The table is the chart's text alternative: one row per criterion with its counts.
    const igan = expected.funnel.cohorts.find((c) => c.id === 'IgAN')!;
    const first = igan.criteria[0]!;
    const row = page
      .getByRole('table', { name: `Criteria of ${label('IgAN')}, in order` })
      .getByRole('row')
      .nth(1);
    expect(((await row.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(
      `${first.met} ${first.not_met} ${first.unknown} ${first.excludes} ${first.remaining} ${first.gain}`.replace(
        / /g,
        '',
      ),
    );
    await page.screenshot({ path: join(artifacts, 'feasibility-funnel.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Dropping the criterion that excludes the most IgAN patients, by keyboard.
    const costly = [...igan.criteria].sort((a, b) => b.excludes - a.excludes)[0]!;
    const box = page.getByRole('checkbox', { name: new RegExp(`^Drop ${costly.id} `) });
    await box.focus();
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
    const after = recount(info, expected, new Set([costly.id]));
    const iganAfter = after.find((c) => c.id === 'IgAN')!;
    expect(await shownTotals(page, 'IgAN')).toBe(`${totals(iganAfter)} — with ${costly.id} dropped.`);
    expect(iganAfter.ineligible).toBeLessThan(igan.ineligible);
    await page.screenshot({ path: join(artifacts, 'feasibility-dropped.png'), fullPage: true });

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csvPath = join(artifacts, 'feasibility.csv');
    await csv.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'cohort,total,eligible,ineligible,undetermined,criterion,title,kind,met,not_met,unknown,excludes,remaining,gain',
    );
    expect(lines.length - 1).toBe(after.reduce((n, c) => n + c.criteria.length, 0));
    expect(
      lines.some((l) =>
        l.startsWith(`IgAN,${iganAfter.total},${iganAfter.eligible},${iganAfter.ineligible},`),
      ),
    ).toBe(true);
    expect(lines.join('\n')).not.toContain(`,${costly.id},`);

    const figure = page.getByRole('region', { name: label('IgAN') });
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: 'SVG' }).click(),
    ]);
    await svg.saveAs(join(artifacts, 'feasibility-IgAN.svg'));
    expect(readFileSync(join(artifacts, 'feasibility-IgAN.svg'), 'utf8')).toMatch(
      /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: 'PNG' }).click(),
    ]);
    await png.saveAs(join(artifacts, 'feasibility-IgAN.png'));
    expect([...readFileSync(join(artifacts, 'feasibility-IgAN.png')).subarray(0, 4)]).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
    expect(errors).toEqual([]);
  });

  it('runs the same upload as a server job, with the same funnel and which path ran', async () => {
    const { page, errors } = await open();
    await page.getByLabel('The server', { exact: true }).check();
    await page.getByRole('button', { name: 'Count' }).click();
    const settled = async () =>
      (await page.getByRole('alert').count()) > 0
        ? `alert: ${await page.getByRole('alert').textContent()}`
        : await page.getByRole('status').textContent();
    await expect.poll(settled, { timeout: 90_000 }).toBe('Done: 40 patients counted on the server.');
    for (const cohort of expected.funnel.cohorts)
      expect(await shownTotals(page, cohort.id)).toBe(`${totals({ ...cohort, basis: 'as-run' })}.`);
    const note = (await page.locator('.toolbar p').textContent())?.replace(/\s+/g, ' ') ?? '';
    // Every criterion of NCT06469190 has an SQL form: the server counts on DuckDB.
    expect(note).toContain('Counted on the server (SQL on DuckDB): 40 patients.');
    expect(note).not.toContain('Without an SQL form');
    await page.screenshot({ path: join(artifacts, 'feasibility-server.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('counts a bulk export already on the server, chosen by name, and draws its funnel', async () => {
    const expectedBulk = await bulkFunnel(bulk);
    const { page, errors } = await open();
    await page.getByLabel('An export on the server').check();
    const select = page.getByLabel('Which export');
    expect(await select.locator('option').allTextContents()).toEqual([
      expect.stringMatching(/^site-a \(\d+ NDJSON files, \d+\.\d MB\)$/),
    ]);
    expect(await select.inputValue()).toBe('site-a');
    // No file to choose and no place to count: an export on the server is counted there.
    expect(await page.getByLabel(/Population/).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Where to count' }).count()).toBe(0);
    await page.getByLabel('Screening date').fill(bulk.asOf);
    await page.getByRole('button', { name: 'Count' }).click();
    const settled = async () =>
      (await page.getByRole('alert').count()) > 0
        ? `alert: ${await page.getByRole('alert').textContent()}`
        : await page.getByRole('status').textContent();
    await expect
      .poll(settled, { timeout: 90_000 })
      .toBe(`Done: ${bulk.patients} patients counted on the server.`);
    for (const cohort of expectedBulk.cohorts) {
      expect(cohort.total).toBe(bulk.patients);
      expect(await shownTotals(page, cohort.id)).toBe(`${totals({ ...cohort, basis: 'as-run' })}.`);
      expect(await page.locator(`[data-chart="${cohort.id}"] svg rect`).count()).toBeGreaterThan(
        cohort.criteria.length,
      );
    }
    const note = (await page.locator('.toolbar p').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    expect(note).toMatch(/^The bulk export site-a\. Counted on the server \(SQL on DuckDB\): 30 patients\./);
    await page.screenshot({ path: join(artifacts, 'feasibility-bulk-export.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    // Building the page, the job's thread and DuckDB: on a loaded machine over the default minute.
  }, 120_000);

  it('cancels a browser run: the worker stops, progress goes, nothing is counted, Count is offered again', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/v1/**', forwardTo(api));
    await page.goto(app.url);
    await page.getByLabel('API token').fill(api.tokens.author);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Feasibility' }).click();
    await page.getByLabel('Screening date').fill(AS_OF);
    const many = Array.from({ length: 15 }, () => ndjson).join('\n');
    await page.getByLabel(/Population/).setInputFiles({
      name: 'many.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(many),
    });
    await page.getByLabel('This browser (nothing is sent)').check();
    await page.getByRole('button', { name: 'Count' }).click();
    // Cancelled as soon as it can be: on a quiet machine the 600 patients take only a few seconds.
    await page
      .getByRole('button', { name: 'Cancel' })
      .click({ timeout: 30_000 })
      .catch(async (e) => {
        throw new Error(
          `${e}; status: ${await page.getByRole('status').textContent()}; progress: ${await page
            .locator('.progress span')
            .textContent()
            .catch(() => 'none')}`,
        );
      });
    expect(await page.getByRole('status').textContent()).toBe('Cancelled: nothing was counted.');
    expect(await page.locator('progress').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'feasibility-cancelled.png'), fullPage: true });
    expect(await page.getByRole('button', { name: 'Count' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
