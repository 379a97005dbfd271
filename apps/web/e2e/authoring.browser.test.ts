import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from '@eligo/api/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, example, hasChromium, startApp, warnWithoutChromium } from './harness';
import { artifacts, axeViolations, forwardTo, realApi } from './real-api';

warnWithoutChromium();

// The page compiles the 380-line protocol in the browser several times; a loaded machine needs the time.
const soon = { timeout: 15_000, interval: 100 };

const AGE_RULE = 'met if age_years between 18 and 70';

/** The editor draws only the lines in view: scroll until the line with `text` is drawn. */
async function editorLine(page: Page, text: string) {
  const line = page.locator('.cm-line', { hasText: text });
  for (let scrolled = 0; (await line.count()) === 0 && scrolled < 40; scrolled++)
    await page.locator('.cm-scroller').evaluate((el) => el.scrollBy(0, 400));
  return line.first();
}

/** Puts the cursor at the end of the editor line holding `text`. */
async function endOf(page: Page, text: string) {
  await (await editorLine(page, text)).click();
  await page.keyboard.press('End');
}

describe.skipIf(!hasChromium)('authoring in the browser, against the real API', () => {
  let app: App;
  let api: TestApp;

  beforeAll(async () => {
    [app, api] = await Promise.all([startApp(), realApi()]);
  });

  afterAll(async () => {
    await app?.close();
    await api?.db.close();
  });

  it('breaks, formats, saves, publishes and compares a protocol, and previews the impact', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
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
    await page.getByRole('link', { name: 'Author' }).click();
    await page.getByRole('heading', { name: /Criteria of NCT06469190/ }).waitFor();
    await expect.poll(() => page.getByText('This is the text of published version 1.').count(), soon).toBe(1);

    // Broken: a misspelled name, reported at its line with a suggestion.
    await endOf(page, AGE_RULE);
    await page.keyboard.type(' and age_yeers > 0');
    const live = page.getByRole('region', { name: 'Checked in this browser' });
    await expect.poll(() => live.getByRole('status').textContent(), soon).toBe('1 error.');
    const problem = (await live.locator('li').first().textContent())?.replace(/\s+/g, ' ').trim();
    // Column 44: four spaces, `met if age_years between 18 and 70` (34), ` and ` (5).
    expect(problem).toBe(
      "151:44 error E0101 unknown name 'age_yeers' — not declared Hint: did you mean 'age_years'?",
    );
    expect(
      await page.getByText('The text has errors: the API publishes it once they are fixed.').count(),
    ).toBe(1);
    await page.screenshot({ path: join(artifacts, 'authoring-1-diagnostic.png') });

    // Undone, then the threshold raised with stray spaces that the formatter removes.
    await page.keyboard.press('Control+z');
    await expect.poll(() => live.getByRole('status').textContent(), soon).toBe('No problems found.');
    await endOf(page, AGE_RULE);
    for (let i = 0; i < ' and 70'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('   40');
    await expect.poll(() => page.getByText('Unsaved changes', { exact: true }).count(), soon).toBe(1);
    await page.getByRole('button', { name: 'Format' }).click();
    await expect.poll(() => page.getByText('Formatted (Ctrl+Z undoes it).').count(), soon).toBe(1);
    expect(await (await editorLine(page, 'met if age_years between')).textContent()).toBe(
      '    met if age_years between 40 and 70',
    );

    // The version line still says 1: the page warns, and the API refuses with both numbers.
    await expect
      .poll(() => page.locator('.warning').first().textContent(), soon)
      .toMatch(/The text declares version "1", but publishing makes it version 2/);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), soon)
      .toBe(
        'Not published: The text declares version "1" but would be published as version 2: change its version line to version "2" (or remove the line) and publish again',
      );
    await page.getByRole('button', { name: 'Set the version line to "2"' }).click();
    await expect.poll(() => page.getByText('Publishing makes this text version 2.').count(), soon).toBe(1);

    // Leaving with unsaved text asks first; staying keeps the page and its text.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Screen', exact: true }).click();
    await expect
      .poll(() => asked, soon)
      .toEqual(['The criteria have changes that are not saved. Leave and lose them?']);
    // The address changes before the question is asked and is put back once the answer is in.
    await expect.poll(() => new URL(page.url()).hash, soon).toBe('#/author/NCT06469190');
    await expect.poll(() => page.getByText('Unsaved changes', { exact: true }).count(), soon).toBe(1);

    // Saved as the draft from the keyboard.
    await endOf(page, 'met if age_years between');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByText(/^Draft saved at /).count(), soon).toBe(1);
    expect(await page.getByText('No unsaved changes').count()).toBe(1);
    const draft = (await (
      await api.request('GET', '/v1/protocols/NCT06469190/draft', { role: 'author' })
    ).json()) as {
      text: string;
    };
    expect(draft.text).toContain('met if age_years between 40 and 70');
    expect(draft.text).toContain('version "2"');

    // After a reload the editor starts from the published text and offers the newer draft.
    await page.reload();
    await page.getByRole('heading', { name: /Criteria of NCT06469190/ }).waitFor();
    await expect
      .poll(() => page.locator('.warning').first().textContent(), soon)
      .toMatch(/^\s*A draft saved at .* differs from the published text\./);
    await page.getByRole('button', { name: 'Open the draft' }).click();
    await expect.poll(() => page.getByText(/^Opened the draft saved at /).count(), soon).toBe(1);
    expect(await (await editorLine(page, 'met if age_years between')).textContent()).toBe(
      '    met if age_years between 40 and 70',
    );
    expect(await page.getByText('No unsaved changes').count()).toBe(1);

    // Published, with the API's answer shown.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.getByText('Published as version 2.').count(), soon).toBe(1);
    const answer = page.getByRole('region', { name: "The API's answer" });
    expect(await answer.locator('dd').first().textContent()).toBe('2 (new)');
    const versions = (await (
      await api.request('GET', '/v1/protocols/NCT06469190/versions', { role: 'viewer' })
    ).json()) as {
      versions: { version: number }[];
    };
    expect(versions.versions.map((v) => v.version)).toEqual([1, 2]);
    await expect.poll(() => page.getByText('This is the text of published version 2.').count(), soon).toBe(1);
    await page.screenshot({ path: join(artifacts, 'authoring-2-published.png') });

    // Version 1 against version 2, from the keyboard: one criterion changed, its old and new text side by side.
    const history = page.getByRole('region', { name: 'Versions and what changed' });
    expect(await history.locator('table.versions tbody tr').count()).toBe(2);
    await history.getByLabel('Compare').selectOption('1');
    await history.getByLabel('with').selectOption('2');
    await history.getByRole('button', { name: 'Compare criteria' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => history.getByRole('status').first().textContent(), soon)
      .toMatch(/^\s*1 criterion differs: 1 changed,\s+0 added, 0 removed\.\s*$/);
    expect([
      await history.getByLabel('Compare').inputValue(),
      await history.getByLabel('with').inputValue(),
    ]).toEqual(['1', '2']);
    const change = history.locator('li.change');
    expect((await change.locator('h4').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'C-IN-1 changed (rule)',
    );
    expect(await change.locator('del').allTextContents()).toEqual(['[removed: 18]']);
    expect(await change.locator('ins').allTextContents()).toEqual(['[added: 40]']);
    const source = change
      .locator('tr', { has: page.locator('th', { hasText: 'Source sentence' }) })
      .locator('td');
    expect(await source.allTextContents()).toEqual([
      'Age: ≥ 18 years old and ≤ 70 years old, male or female;',
      'Age: ≥ 18 years old and ≤ 70 years old, male or female;',
    ]);

    // The impact: no recorded screening kept its input yet, so the bundled examples stand in. The
    // eligible example is 34, so the IgAN cohort no longer takes her.
    const shownPatients = async () =>
      (await history.locator('ul.patients > li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    await history.getByRole('button', { name: 'Preview the impact' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => history.getByRole('status').nth(1).textContent(), soon)
      .toMatch(
        /^\s*No recorded screening of this trial kept its input, so its bundled examples stand in\. Of 2 sample\s+patients, 1 changes\s+verdict and 1 does\s+not\.\s*$/,
      );
    expect(await shownPatients()).toEqual([
      'eligible-igan Relapsed/refractory IgA nephropathy: eligible → ineligible because C-IN-1 met → not met',
    ]);
    await history.screenshot({ path: join(artifacts, 'authoring-3-diff-and-impact.png') });

    // A screening recorded at the site with its input kept (the eligible example, under version 1)
    // and one without: the preview now screens the kept one on the server, named by its site
    // reference and audit id.
    const recordScreening = async (store: boolean, siteRef: string) => {
      const res = await api.request('POST', '/v1/protocols/NCT06469190/screenings', {
        role: 'screener',
        body: { ...JSON.parse(readFileSync(example, 'utf8')), version: 1, store, siteRef },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { id: string }).id;
    };
    const kept = await recordScreening(true, 'site-0042');
    await recordScreening(false, 'site-0043');
    await history.getByRole('button', { name: 'Preview the impact' }).click();
    await expect
      .poll(() => history.getByRole('status').nth(1).textContent(), soon)
      .toMatch(/^\s*Of 1 recorded screening with its input kept, 1 changes\s+verdict and 0 do\s+not\.\s*$/);
    expect(await shownPatients()).toEqual([
      `site-0042 (screening ${kept}) Relapsed/refractory IgA nephropathy: eligible → ineligible because C-IN-1 met → not met`,
    ]);
    await history.screenshot({ path: join(artifacts, 'authoring-4-impact-on-recorded.png') });

    expect(await axeViolations(page)).toEqual([]);
    // Chromium logs every error status; these two are answers the page expects (no draft yet, the refused publish).
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
    await page.close();
    // One long journey: on a loaded machine it takes well over the default minute.
  }, 180_000);
});
