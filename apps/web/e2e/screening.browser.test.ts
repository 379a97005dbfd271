import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, example, hasChromium, signedIn, startApp, verdict, warnWithoutChromium } from './harness';

warnWithoutChromium();

describe.skipIf(!hasChromium)('the web app in a browser', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('screens an imported record, reacts to answers and records the screening', async () => {
    const { page } = await signedIn(app);
    // Before any record is imported every cohort is listed, without a verdict.
    await expect.poll(() => page.locator('section.cohort').count()).toBe(3);
    expect(await verdict(page, 'IgAN').textContent()).toBe('No patient yet');

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
    expect(app.recorded).toHaveLength(1);
    expect(app.recorded[0]).toMatchObject({ asOf: '2025-03-15', answers: { informed_consent: true } });
    await page.close();
  });

  it('marks problems in the criteria editor as the author types', async () => {
    const { page } = await signedIn(app);
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
