import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from '@eligo/api/testing';
import { compile } from '@eligo/core';
import { examplePath, readProtocolSource } from '@eligo/protocols';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenLocally } from '../src/lib/screening';
import { type App, example, hasChromium, startApp, verdict, warnWithoutChromium } from './harness';
import { artifacts, axeViolations, forwardTo, realApi, sidewaysOverflow } from './real-api';

warnWithoutChromium();

const TOKEN_NAME = 'admin (test)';

describe.skipIf(!hasChromium)('the screening log, against the real API', () => {
  let app: App;
  let api: TestApp;

  beforeAll(async () => {
    [app, api] = await Promise.all([startApp(), realApi()]);
  });

  afterAll(async () => {
    await app?.close();
    await api?.db.close();
  });

  async function open(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
    const page = await app.browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.route('**/v1/**', forwardTo(api));
    await page.goto(app.url);
    await page.getByLabel('API token').fill(api.tokens.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Questions' }).waitFor();
    return { page, errors };
  }

  it('lists a recorded screening, filters, exports it and reopens it with the same verdicts and version', async () => {
    // Another site screening first (kept input too), ineligible for IgAN, so the filters have something to leave out.
    const other = JSON.parse(readFileSync(examplePath('NCT06469190', 'ineligible-pmn.json'), 'utf8'));
    const otherRes = await api.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: { ...other, store: true },
    });
    expect(otherRes.status).toBe(200);
    const otherId = ((await otherRes.json()) as { id: string }).id;

    const { page, errors } = await open();
    await page.getByLabel('Import a file').setInputFiles(example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    const shown = {
      IgAN: await verdict(page, 'IgAN').textContent(),
      PMN: await verdict(page, 'PMN').textContent(),
      AAV: await verdict(page, 'AAV').textContent(),
    };
    await page.getByRole('button', { name: 'Record screening' }).click();
    const status = page.locator('.record-status code');
    await status.waitFor();
    const id = (await status.textContent()) ?? '';
    expect(id).toMatch(/^scr_/);
    // The app asked the service to keep the input: that is what lets the log reopen it.
    const stored = await api.store.screenings.get(id);
    expect(stored?.input).toMatchObject({ asOf: '2025-03-15' });

    await page.getByRole('link', { name: 'Screening log' }).click();
    await page.getByRole('heading', { name: 'Screening log' }).waitFor();
    const rows = page.locator('ol.log > li');
    await expect.poll(() => rows.count()).toBe(2);
    const mine = rows.filter({ has: page.locator(`a[href$="/${id}"]`) });
    const mineText = ((await mine.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(mineText).toContain(`by ${TOKEN_NAME}`);
    expect(mineText).toContain('NCT06469190 · version 1 · screening date 2025-03-15');
    expect(mineText).toContain('IgAN Eligible');
    await page.screenshot({ path: join(artifacts, 'log-list.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Filters go to the server: eligible in IgAN leaves out the other screening.
    await page.getByLabel('Verdict', { exact: true }).selectOption('eligible');
    await page.getByLabel('In cohort').selectOption('IgAN');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.locator('a.reopen').getAttribute('href')).toBe(`#/log/NCT06469190/${id}`);
    await page.getByLabel('Verdict', { exact: true }).selectOption('ineligible');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect
      .poll(() => rows.locator('a.reopen').getAttribute('href'))
      .toBe(`#/log/NCT06469190/${otherId}`);
    // A range of days long past holds nothing; a backwards one is refused before it is sent.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Recorded from').fill('2020-01-01');
    await page.getByLabel('to (inclusive)').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText('No recorded screening matches these filters.').waitFor();
    await page.getByLabel('Recorded from').fill('2020-02-01');
    expect(await page.getByText('The last day comes before the first.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Show', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(2);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    writeFileSync(join(artifacts, 'screening-log.csv'), csv);
    expect(download.suggestedFilename()).toMatch(/^screening-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFwhen,who,trial,protocol version,site reference,verdict PMN,verdict IgAN,verdict AAV,audit record',
    );
    const recordedAt = stored?.at ?? '';
    expect(lines).toContain(
      `${recordedAt},${TOKEN_NAME},NCT06469190,1,,ineligible,eligible,ineligible,${id}`,
    );
    expect(lines.filter((l) => l !== '')).toHaveLength(3);
    expect(await page.getByRole('status').filter({ hasText: 'Exported' }).textContent()).toBe(
      'Exported 2 screenings.',
    );

    // Reopened: the same verdicts, the version it was screened with, read-only.
    await mine.getByRole('link', { name: /Reopen/ }).click();
    await page.getByRole('heading', { name: /Recorded screening/ }).waitFor();
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe(shown.IgAN);
    expect(await verdict(page, 'PMN').textContent()).toBe(shown.PMN);
    expect(await verdict(page, 'AAV').textContent()).toBe(shown.AAV);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out, each term apart from its value
    const facts = (await page.locator('dl.facts').innerText()).replace(/\s+/g, ' ');
    expect(facts).toContain('Protocol NCT06469190 version 1');
    expect(facts).toContain(`Screened by ${TOKEN_NAME}`);
    expect(facts).toContain(`Audit record ${id}`);
    expect(await page.locator('main input:not([type=checkbox]), main textarea').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record screening' }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'log-reopened.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Counted instead of opening the browser's print dialog, which would block the test.
    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; }');
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate<number>('window.printed')).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints one summary per cohort with every criterion, the answers, who, when and the version', async () => {
    const file = JSON.parse(readFileSync(example, 'utf8'));
    const input = { ...file, answers: { ...file.answers, informed_consent: true } };
    const res = await api.request('POST', '/v1/protocols/NCT06469190/screenings', {
      role: 'screener',
      body: { ...input, store: true },
    });
    const id = ((await res.json()) as { id: string }).id;
    const nct = readProtocolSource('NCT06469190');
    const compiled = compile(nct.text, { name: nct.name });
    if (!compiled.ok) throw new Error('the bundled protocol does not compile');
    const expected = screenLocally(compiled.protocol, input);
    if (!expected.ok) throw new Error('the example cannot be screened');

    const { page } = await open();
    await page.goto(`${app.url}#/log/NCT06469190/${id}`);
    await page.getByRole('button', { name: 'Print' }).waitFor();
    expect(await page.locator('.print-summary').isVisible()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    const sections = page.locator('section.print-cohort');
    expect(await sections.count()).toBe(expected.screening.cohorts.length);
    for (const [i, cohort] of expected.screening.cohorts.entries()) {
      // biome-ignore lint/performance/useDomNodeTextContent: what print media renders, not what the DOM holds
      const text = (await sections.nth(i).innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(`${cohort.label ?? cohort.id}`);
      expect(text).toContain('Protocol NCT06469190 version 1');
      expect(text).toContain('Screened by screener (test)');
      expect(text).toContain(`Audit record ${id}`);
      expect(text).toContain('signed the informed consent');
      for (const criterion of cohort.criteria) {
        expect(text).toContain(criterion.id);
        if (criterion.title) expect(text).toContain(criterion.title.replace(/\s+/g, ' '));
        expect(text).toContain(criterion.explanation.replace(/\s+/g, ' '));
      }
    }
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(artifacts, 'recorded-screening-print.png'), fullPage: true });
    const pdf = await page.pdf({ path: join(artifacts, 'recorded-screening.pdf'), format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    console.info(`printed summary: ${pages} PDF pages for ${expected.screening.cohorts.length} cohorts`);
    // One A4 page per cohort: the bundled trial's cohorts have about 45 criteria each.
    expect(pages).toBe(expected.screening.cohorts.length);
    await page.close();
  });

  it('fits a phone: the log and a reopened screening at 390×844 do not overflow sideways', async () => {
    const { page } = await open({ width: 390, height: 844 });
    await page.goto(`${app.url}#/log/NCT06469190`);
    await page.locator('ol.log > li').first().waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.screenshot({ path: join(artifacts, 'log-list-390.png'), fullPage: true });
    await page.locator('ol.log a.reopen').first().click();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.screenshot({ path: join(artifacts, 'log-reopened-390.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
