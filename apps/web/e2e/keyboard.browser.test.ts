import { readFileSync } from 'node:fs';
import type { TestApp } from '@eligo/api/testing';
import { examplePath, readProtocolSource } from '@eligo/protocols';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, example, hasChromium, startApp, verdict, warnWithoutChromium } from './harness';
import { chooseFile, interceptFileChoosers, signInByKeyboard, tabTo } from './keyboard';
import { axeViolations, forwardTo, realApi } from './real-api';

warnWithoutChromium();

/**
 * Every flow of the signed-in app with the keyboard alone: Tab and Shift+Tab to move, Enter, Space
 * and the arrow keys to act, typing to enter; no click, fill or selectOption. Each element Tab
 * passes must show that it has the focus.
 */
describe.skipIf(!hasChromium)('the app with the keyboard alone', () => {
  let app: App;
  let api: TestApp;
  const fever = examplePath('NCT02894840', 'fever-enrolment-time-unknown.json');

  beforeAll(async () => {
    [app, api] = await Promise.all([startApp(), realApi()]);
    // A second trial, so that there is one to pick; its enrolment question takes a time of day.
    const flu = readProtocolSource('NCT02894840');
    const res = await api.request('POST', '/v1/protocols/NCT02894840/versions', {
      role: 'author',
      body: { text: flu.text, name: flu.name },
    });
    expect(res.status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    await api?.db.close();
  });

  /** A page on the real API, in UTC+07:00 (the fever example's zone), signed in as a screener. */
  async function open(): Promise<{ page: Page; errors: string[] }> {
    const page = await app.browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Bangkok',
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.route('**/v1/**', forwardTo(api));
    interceptFileChoosers(page);
    await signInByKeyboard(page, app.url, api.tokens.screener);
    return { page, errors };
  }

  const title = (page: Page) => page.locator('#page-title').textContent();
  // Loading a trial compiles it in the browser, which takes longer than expect.poll's second.
  const loading = { timeout: 15_000 };

  it('signs in, picks a trial, enters data by hand and shows the verdict', async () => {
    const { page, errors } = await open();
    // The first trial opens; the picker is back up the page, in the header.
    await expect.poll(() => title(page), loading).toContain('NCT02894840');
    await tabTo(page, { css: 'select', name: 'Protocol' }, { back: true });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => title(page), loading).toContain('NCT06469190');
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('No patient yet');

    await tabTo(page, { css: 'input#as-of' });
    await page.keyboard.type('03152025');
    await tabTo(page, { css: 'summary', name: 'Enter data by hand' });
    await page.keyboard.press('Enter');
    await tabTo(page, { css: 'input#entry-birth_date-date' });
    await page.keyboard.type('06011985');
    await tabTo(page, { css: 'select#entry-sex-result' });
    await page.keyboard.type('f');
    await expect.poll(() => page.getByTestId('banner-sex').textContent()).toBe('female');
    await tabTo(page, { css: 'summary', name: 'Laboratory results' });
    await page.keyboard.press('Enter');
    await tabTo(page, { css: 'select#entry-serum_creatinine-comparator' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0.5');
    expect(await page.locator('#entry-serum_creatinine-comparator').inputValue()).toBe('<');
    // The diagnosis, its code found by searching and chosen with Enter.
    await tabTo(page, { css: 'summary', name: 'Diagnoses' });
    await page.keyboard.press('Enter');
    await tabTo(page, { css: 'select#entry-iga_nephropathy-presence' });
    await page.keyboard.type('r');
    await tabTo(page, { css: 'input[type=search]', name: 'IgA nephropathy' });
    await page.keyboard.type('N02.8');
    await tabTo(page, { css: 'button', name: 'N02.8' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#entry-iga_nephropathy-code').inputValue()).toBe('N02.8');

    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Ineligible');
    expect(await page.locator('#entry-birth_date-date').inputValue()).toBe('1985-06-01');
    expect(await page.locator('#as-of').inputValue()).toBe('2025-03-15');
    await tabTo(page, { css: 'button', name: 'Record screening' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.record-status code').textContent()).toMatch(/^scr_/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports a file, then finds the trials the patient could join', async () => {
    const { page, errors } = await open();
    await tabTo(page, { css: 'select', name: 'Protocol' }, { back: true });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => title(page), loading).toContain('NCT06469190');
    await tabTo(page, { css: 'input[type=file]' });
    await chooseFile(page, example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');

    await tabTo(page, { css: 'button', name: 'Which trials could this patient join?' });
    await page.keyboard.press('Enter');
    const matches = page.locator('ol.matches > li');
    await expect.poll(() => matches.count()).toBeGreaterThan(3);
    expect((await matches.first().textContent())?.replace(/\s+/g, ' ')).toContain('NCT06469190 · cohort');
    expect(await matches.first().locator('.status').textContent()).toBe('Eligible');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers questions: a yes/no with the arrow keys, a date and time of enrolment', async () => {
    const { page, errors } = await open();
    await expect.poll(() => title(page), loading).toContain('NCT02894840');
    await tabTo(page, { css: 'input[type=file]' });
    await chooseFile(page, fever);
    const shown = page.locator('section.cohort .verdict');
    await expect.poll(() => shown.textContent()).toBe('Undetermined');

    // The enrolment day and hour, in this computer's zone: 13:00 is 71 hours after the fever.
    await tabTo(page, { css: 'input#q-enrollment_datetime' });
    await page.keyboard.type('10152025');
    await tabTo(page, { css: 'input[type=time]', name: 'Enrolment date and time' });
    await page.keyboard.type('0100P');
    await expect.poll(() => shown.textContent()).toBe('Ineligible');
    expect(await page.getByText("UTC+07:00, this computer's time zone").count()).toBe(1);
    // 15:00 is 73 hours after it: outside the window.
    await tabTo(page, { css: 'input#q-enrollment_datetime' }, { back: true });
    await tabTo(page, { css: 'input[type=time]', name: 'Enrolment date and time' });
    await page.keyboard.type('0300P');
    await expect.poll(() => shown.textContent()).toBe('Eligible');

    // Radios: Tab lands on the chosen one of a group, the arrows choose another.
    await tabTo(page, { css: 'input[type=radio][name=judged_healthy]:checked' }, { back: true });
    expect(await page.evaluate('document.activeElement.value')).toBe('yes');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => shown.textContent()).toBe('Ineligible');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => shown.textContent()).toBe('Eligible');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens the screener's own screening from the log and prints it", async () => {
    const igan = JSON.parse(readFileSync(example, 'utf8'));
    const record = async (role: 'admin' | 'screener') => {
      const res = await api.request('POST', '/v1/protocols/NCT06469190/screenings', {
        role,
        body: { ...igan, siteRef: `SCR-${role}`, store: true },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { id: string }).id;
    };
    const byAdmin = await record('admin');
    const mine = await record('screener');

    const { page, errors } = await open();
    await tabTo(page, { css: 'a', name: 'Screening log' }, { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Screening log' }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('page-title');
    await expect
      .poll(() => page.getByTestId('log-scope').textContent())
      .toBe(
        "The screenings recorded with your token, screener (test). An administrator can see every token's.",
      );
    const rows = page.locator('ol.log > li');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await page.locator(`a[href$="/${byAdmin}"]`).count()).toBe(0);
    expect(await rows.allTextContents()).not.toContainEqual(expect.stringContaining('by admin (test)'));
    const row = rows.filter({ has: page.locator(`a[href$="/${mine}"]`) });
    expect(await row.textContent()).toContain('Site reference SCR-screener');

    await tabTo(page, { css: `a[href$="/${mine}"]` });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Recorded screening/ }).waitFor();
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    // Counted instead of opening the browser's print dialog, which would block the test.
    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; }');
    await tabTo(page, { css: 'button', name: 'Print' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate<number>('window.printed')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('section.print-cohort').count()).toBe(3);
    await page.emulateMedia({ media: 'screen' });
    // Someone else's screening, asked for by its address: not found, as if it did not exist.
    await page.goto(`${app.url}#/log/NCT06469190/${byAdmin}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(`Audit entry '${byAdmin}' not found`);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await page.close();
  });
});
