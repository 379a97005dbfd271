import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  example,
  fakeApi,
  hasChromium,
  signedIn,
  startApp,
  verdict,
  warnWithoutChromium,
} from './harness';

warnWithoutChromium();

/** What a coordinator trying the app for the first time ran into. */
describe.skipIf(!hasChromium)('the web app for a new user', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('moves focus to the page heading after sign-in', async () => {
    const { page } = await signedIn(app);
    await expect
      .poll(() => page.evaluate<string>("document.activeElement?.tagName + ' ' + document.activeElement?.id"))
      .toBe('H1 page-title');
    await page.close();
  });

  it('says an unknown token was not recognised, not that it was revoked', async () => {
    const page = await app.browser.newPage();
    await page.route('**/v1/**', fakeApi(app));
    await page.goto(app.url);
    await page.getByLabel('API token').fill('eligo_not_issued');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(
        'The API did not recognise this token. Check that it was copied whole, or ask your site administrator for a new one.',
      );
    await page.close();
  });

  it('shows no verdict before there is a patient', async () => {
    const { page } = await signedIn(app);
    await expect.poll(() => page.locator('section.cohort').count()).toBe(3);
    expect(await page.locator('section.cohort .verdict').allTextContents()).toEqual([
      'No patient yet',
      'No patient yet',
      'No patient yet',
    ]);
    await page.close();
  });

  it('imports a file without an error in the console', async () => {
    const { page, errors } = await signedIn(app);
    await page.getByLabel('Import a file').setInputFiles(example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    // The handler's last step runs after the file is read; give it the time to fail.
    await page.waitForTimeout(200);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps pasted JSON that cannot be used, and says where it is wrong', async () => {
    const { page } = await signedIn(app);
    await page.getByText('Or paste JSON').click();
    const box = page.getByLabel('Patient JSON');
    const broken = '{\n  "sex": "female"\n  "wbc": []\n}';
    await box.fill(broken);
    await page.getByRole('button', { name: 'Use pasted JSON' }).click();
    await expect
      .poll(() => page.locator('.import [role=alert]').textContent())
      .toBe(
        "Pasted JSON: This is not valid JSON. Line 3, column 3: expected ',' or '}' after property value.",
      );
    expect(await box.inputValue()).toBe(broken);

    const invalid = '{"sex": "femal"}';
    await box.fill(invalid);
    await page.getByRole('button', { name: 'Use pasted JSON' }).click();
    await expect
      .poll(() => page.locator('.import [role=alert]').textContent())
      .toBe(
        'Pasted JSON: This record cannot be screened. Administrative sex (facts.sex): expected one of male, female, other or unknown.',
      );
    expect(await box.inputValue()).toBe(invalid);
    await page.close();
  });

  it('fits a phone screen and keeps the verdicts in view', async () => {
    const { page } = await signedIn(app, { width: 390, height: 844 });
    await page.getByLabel('Import a file').setInputFiles(example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    const overflow = () =>
      page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(await overflow()).toBe(0);
    await page.getByText('Or paste JSON').click();
    await page.getByLabel('Patient JSON').fill(readFileSync(example, 'utf8'));
    expect(await overflow()).toBe(0);

    const summary = page.getByRole('region', { name: 'Verdict summary' });
    const inView = async () => {
      const box = await summary.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 844 && box.height < 120;
    };
    expect(await summary.textContent()).toMatch(/IgAN.*Eligible/);
    expect(await inView()).toBe(true);
    await page.getByRole('heading', { name: 'Questions' }).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 1500);
    await expect.poll(() => page.evaluate<number>('window.scrollY')).toBeGreaterThan(1000);
    expect(await inView()).toBe(true);
    await page.close();
  });

  it('names each criterion’s protocol text toggle after its criterion', async () => {
    const { page } = await signedIn(app);
    await page.getByLabel('Import a file').setInputFiles(example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    for (const box of await page.getByLabel(/Show all \d+ criteria/).all()) await box.check();
    const names = await page
      .locator('details > summary')
      .evaluateAll((summaries) =>
        summaries
          .filter((s) => s.closest('.criterion'))
          .map((s) => s.textContent?.replace(/\s+/g, ' ').trim()),
      );
    expect(names.length).toBeGreaterThan(60);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Protocol text for C-EX-2 in IgAN');
    expect(names).toContain('Protocol text for C-EX-2 in PMN');
    await page.close();
  });

  it('lists the trials this patient could join', async () => {
    const { page } = await signedIn(app);
    await page.getByLabel('Import a file').setInputFiles(example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    await page.getByRole('button', { name: 'Which trials could this patient join?' }).click();
    const items = page.locator('.match');
    await expect.poll(() => items.count()).toBe(3);
    const first = (await items.first().textContent())?.replace(/\s+/g, ' ').trim();
    expect(first).toMatch(/^Eligible .* NCT06469190 · cohort Relapsed\/refractory IgA nephropathy$/);
    expect((await items.nth(1).textContent())?.replace(/\s+/g, ' ')).toContain('Rules out:');
    await page.close();
  });
});
