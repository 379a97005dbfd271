import { join } from 'node:path';
import type { TestApp } from '@eligo/api/testing';
import { readProtocolSource } from '@eligo/protocols';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, hasChromium, startApp, warnWithoutChromium } from './harness';
import { artifacts, axeViolations, forwardTo, realApi } from './real-api';

warnWithoutChromium();

const ID = 'NCT06469190';
type Role = keyof TestApp['tokens'];

describe.skipIf(!hasChromium)('editor intelligence and review, against the real API', () => {
  let app: App;
  let api: TestApp;

  beforeAll(async () => {
    [app, api] = await Promise.all([startApp(), realApi()]);
  });

  afterAll(async () => {
    await app?.close();
    await api?.db.close();
  });

  async function open(role: Role, hash: string): Promise<{ page: Page; errors: string[] }> {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/v1/**', forwardTo(api));
    await page.goto(`${app.url}${hash}`);
    await page.getByLabel('API token').fill(api.tokens[role]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { page, errors };
  }

  /** The screen point at the middle of `needle` within the editor line that contains `line`. */
  async function pointAt(page: Page, line: string, needle: string): Promise<{ x: number; y: number }> {
    // A string, run in the page: the tests are type-checked without the DOM's types.
    const point = await page.evaluate<{ x: number; y: number } | undefined>(`(() => {
      const line = ${JSON.stringify(line)};
      const needle = ${JSON.stringify(needle)};
      const row = [...document.querySelectorAll('.cm-line')].find((l) => l.textContent.includes(line));
      if (!row) return undefined;
      let offset = row.textContent.indexOf(needle) + Math.floor(needle.length / 2);
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (offset < node.textContent.length) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        offset -= node.textContent.length;
      }
      return undefined;
    })()`);
    if (!point) throw new Error(`'${needle}' not found on a line with '${line}'`);
    return point;
  }

  it('completes a declared name, shows what a name is on hover, jumps to its declaration with F12, renames with F2', async () => {
    const { page, errors } = await open('author', `#/author/${ID}`);
    await page.locator('.cm-content').waitFor();
    const line = 'define age_years';

    // Hover over the reference in `age(birth_date)`.
    const ref = await pointAt(page, line, 'birth_date)');
    await page.mouse.move(ref.x, ref.y);
    const hover = page.locator('.cm-tooltip-hover');
    await expect.poll(() => hover.textContent()).toBe('birth_datea date: “Date of birth”');
    await page.screenshot({ path: join(artifacts, 'editor-hover.png') });

    // F12 on the reference selects the declared name, two lines up.
    await page.mouse.click(ref.x, ref.y);
    await page.keyboard.press('F12');
    await expect
      .poll(() => page.locator('.cm-activeLine').textContent())
      .toBe('patient birth_date "Date of birth" from birthDate');
    expect(await page.evaluate('getSelection()?.toString()')).toBe('birth_date');

    // Completion while a new line is half typed (the text does not parse then).
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('define probe "p" = hemog', { delay: 20 });
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allTextContents()).toContain('hemoglobina lab in g/L');
    await page.screenshot({ path: join(artifacts, 'editor-completion.png') });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.cm-activeLine').textContent())
      .toBe('define probe "p" = hemoglobin');

    // F2 renames the declaration and every reference (the prompt answered here).
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toBe('Rename hemoglobin to');
      void dialog.accept('haemoglobin');
    });
    await page.keyboard.press('F2');
    await expect
      .poll(() => page.locator('.cm-activeLine').textContent())
      .toBe('define probe "p" = haemoglobin');
    expect(await page.locator('.cm-line', { hasText: 'lab haemoglobin "Haemoglobin"' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reviewer comments and approves the draft; the author, refused before, then publishes it', async () => {
    const nct = readProtocolSource(ID);
    const settings = await api.request('PUT', `/v1/protocols/${ID}/settings`, {
      role: 'admin',
      body: { requireApproval: true },
    });
    expect(settings.status).toBe(200);
    const saved = await api.request('POST', '/v1/protocols', {
      role: 'author',
      // Its version line names the number it will be published as (the publishing rule).
      body: {
        text: `${nct.text.replace('version "1"', 'version "2"')}\n# Revised for review.\n`,
        name: nct.name,
      },
    });
    expect(saved.status).toBe(201);

    // The author may neither approve their own draft nor publish it unapproved.
    const author = await open('author', `#/review/${ID}`);
    await author.page.getByRole('heading', { name: `Review of ${ID}` }).waitFor();
    await author.page.getByRole('button', { name: 'Publish this draft' }).click();
    await expect
      .poll(() => author.page.getByRole('alert').textContent())
      .toMatch(
        /^Publishing this text of 'NCT06469190' \([0-9a-f]{12}…\) needs an approval by a second person with the reviewer role/,
      );
    await author.page.getByRole('button', { name: 'Approve this text' }).click();
    await expect
      .poll(() => author.page.getByRole('alert').textContent())
      .toBe(
        `You wrote this draft of '${ID}': its approval must come from a second person with the reviewer role`,
      );

    // The reviewer reads the registry sentence beside its encoding, comments and approves.
    const reviewer = await open('reviewer', `#/review/${ID}`);
    const page = reviewer.page;
    const card = page
      .locator('article.criterion')
      .filter({ has: page.locator('h3', { hasText: 'C-IN-1' }) })
      .first();
    await card.waitFor();
    expect(await card.locator('.mark').textContent()).toBe('records');
    expect(await card.locator('blockquote').textContent()).toBeTruthy();
    expect(await card.locator('pre').textContent()).toMatch(/^C-IN-1 [\s\S]*met if/);
    await page.getByLabel('Comment on C-IN-1', { exact: true }).fill('Age range matches the registry.');
    await card.getByRole('button', { name: 'Add comment' }).click();
    await expect
      .poll(() => card.locator('.comments li').textContent())
      .toMatch(/^reviewer \(test\) \(reviewer, .*\): Age range matches the registry\.$/);
    await page.getByRole('button', { name: 'Approve this text' }).click();
    await expect
      .poll(() => page.locator('.bar [role=status]').first().textContent())
      .toContain('Approved by reviewer (test).');
    await page.screenshot({ path: join(artifacts, 'review-side-by-side.png') });
    expect(await axeViolations(page)).toEqual([]);
    expect(reviewer.errors).toEqual([]);

    // The author publishes now.
    await author.page.reload();
    await author.page.getByRole('button', { name: 'Publish this draft' }).click();
    await expect
      .poll(() => author.page.getByRole('status').filter({ hasText: 'Published' }).textContent())
      .toBe('Published as version 2.');
    const versions = (await (
      await api.request('GET', `/v1/protocols/${ID}/versions`, { role: 'viewer' })
    ).json()) as {
      versions: { version: number }[];
    };
    expect(versions.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(author.errors).toEqual([]);
    await page.close();
    await author.page.close();
  });
});
