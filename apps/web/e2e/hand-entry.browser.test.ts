import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, example, hasChromium, signedIn, startApp, verdict, warnWithoutChromium } from './harness';

warnWithoutChromium();

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function screenshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: false });
}

/** Opens the hand-entry form and the group named, on the screening date given. */
async function openEntry(page: Page, groups: string[]) {
  await page.getByLabel('Screening date').fill('2025-03-15');
  await page.getByText('Enter data by hand').click();
  for (const group of groups) await page.locator('details.group summary', { hasText: group }).click();
}

describe.skipIf(!hasChromium)('hand entry, the patient banner and stale results', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('screens what is entered by hand at once, and records it with the site reference', async () => {
    const { page, errors } = await signedIn(app);
    await openEntry(page, ['Laboratory results']);
    await page.locator('#entry-birth_date-date').fill('1985-06-01');
    await page.locator('#entry-sex-result').selectOption('female');
    await expect.poll(() => page.getByTestId('banner-sex').textContent()).toBe('female');
    await expect.poll(() => page.getByTestId('banner-age').textContent()).toBe('39 years');

    // IgA nephropathy on biopsy, its code found by code; the protocol reads other diagnoses as absent.
    await page.locator('details.group summary', { hasText: 'Diagnoses' }).click();
    await page.locator('details.group summary', { hasText: 'Procedures' }).click();
    await page.locator('#entry-iga_nephropathy-presence').selectOption('present');
    await page.getByLabel('Search the codes of IgA nephropathy (biopsy diagnosis)').fill('N02.8');
    await page
      .getByRole('list', { name: 'Codes of IgA nephropathy (biopsy diagnosis)' })
      .getByRole('button')
      .click();
    await expect.poll(() => page.locator('#entry-iga_nephropathy-code').inputValue()).toBe('N02.8');
    await page.locator('#entry-renal_biopsy-presence').selectOption('present');
    await page.locator('details.group summary', { hasText: 'Medications' }).click();
    await page.locator('#entry-acei_arb-presence').selectOption('present');
    await page.locator('#entry-acei_arb-start').fill('2024-01-01');

    await page.locator('#entry-wbc-value').fill('2.5');
    await page.locator('#entry-wbc-date').fill('2025-03-10');
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Ineligible');
    await page.locator('#entry-wbc-value').fill('4.2');
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Undetermined');

    // A creatinine in µmol/L, one of the units the form offers for a lab declared in mg/dL.
    expect(await page.locator('#entry-serum_creatinine-unit option').allTextContents()).toEqual(
      expect.arrayContaining(['mg/dL', 'umol/L']),
    );
    await page.locator('#entry-serum_creatinine-value').fill('88.4');
    await page.locator('#entry-serum_creatinine-unit').selectOption('umol/L');

    // A diagnosis picked from the codes its binding names, found by words.
    await page.locator('#entry-diabetes-presence').selectOption('present');
    await page.getByLabel('Search the codes of Type 1 or type 2 diabetes').fill('icd-10 diabetes');
    await page
      .getByRole('list', { name: 'Codes of Type 1 or type 2 diabetes' })
      .getByRole('button')
      .first()
      .click();
    await expect.poll(() => page.locator('#entry-diabetes-code').inputValue()).toBe('E10');

    await page.getByLabel('Site reference').fill('SCR-0042');
    await page.getByRole('button', { name: 'Record screening' }).click();
    await expect.poll(() => app.recorded.length).toBe(1);
    const body = app.recorded[0] as { siteRef: string; facts: Record<string, unknown>; asOf: string };
    expect(body.siteRef).toBe('SCR-0042');
    expect(body.asOf).toBe('2025-03-15');
    expect(body.facts).toMatchObject({
      birth_date: '1985-06-01',
      sex: 'female',
      wbc: { value: 4.2, unit: '10*9/L', date: '2025-03-10' },
      serum_creatinine: { value: 88.4, unit: 'umol/L' },
      iga_nephropathy: [
        { system: 'http://hl7.org/fhir/sid/icd-10', code: 'N02.8', verificationStatus: 'confirmed' },
      ],
      renal_biopsy: [{}],
      diabetes: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E10', clinicalStatus: 'active' }],
    });
    await screenshot(page, 'hand-entry-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads a result written with a comparator (< 0.5 mg/dL) as core does', async () => {
    const { page, errors } = await signedIn(app);
    await openEntry(page, ['Laboratory results']);
    await page.locator('#entry-birth_date-date').fill('1985-06-01');
    await page.locator('#entry-sex-result').selectOption('female');
    await page.locator('#entry-serum_creatinine-value').fill('0.5');
    await page.locator('#entry-serum_creatinine-date').fill('2025-03-10');
    const igan = page.locator('section.cohort').filter({ has: page.locator('h3:has-text("IgAN")') });
    await igan.getByRole('checkbox', { name: /Show all \d+ criteria/ }).check();
    const egfr = igan
      .locator('li.criterion')
      .filter({ has: page.locator('code', { hasText: /^IgAN-IN-4$/ }) });
    const explained = (text: string) =>
      expect.poll(() => egfr.locator('.explanation').textContent()).toBe(text);
    await explained(
      'Estimated GFR 122.3 mL/min/1.73 m² (CKD-EPI 2021 from serum creatinine 0.5 mg/dL on 2025-03-10 (5 days before screening), age 39) ≥ 30 mL/min/1.73 m²: met',
    );
    await page.locator('#entry-serum_creatinine-comparator').selectOption('<');
    await explained(
      'Estimated GFR >122.3 mL/min/1.73 m² (CKD-EPI 2021 from serum creatinine <0.5 mg/dL on 2025-03-10 (5 days before screening), age 39) ≥ 30 mL/min/1.73 m²: met',
    );
    expect(await page.getByTestId('age-serum_creatinine').textContent()).toContain('<0.5 mg/dL');

    // Exactly 3 mg/dL rules the cohort out on eGFR; below 3 leaves it open.
    await page.locator('#entry-serum_creatinine-comparator').selectOption('=');
    await page.locator('#entry-serum_creatinine-value').fill('3');
    await expect.poll(() => egfr.locator('.head .status').textContent()).toBe('not met');
    await page.locator('#entry-serum_creatinine-comparator').selectOption('<');
    await expect.poll(() => egfr.locator('.head .status').textContent()).toBe('unknown');
    await explained(
      'Estimated GFR >19.7 mL/min/1.73 m² (CKD-EPI 2021 from serum creatinine <3 mg/dL on 2025-03-10 (5 days before screening), age 39) ≥ 30 mL/min/1.73 m²: unknown',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('flags an old result for review without changing the verdict, and leaves windowed results to the protocol', async () => {
    const { page } = await signedIn(app);
    await page.evaluate("localStorage.removeItem('eligo.reviewAfterDays')");
    await openEntry(page, ['Laboratory results']);
    await page.locator('#entry-wbc-value').fill('4.2');
    await page.locator('#entry-wbc-date').fill('2024-10-01');
    await page.locator('#entry-serum_hcg-result').selectOption('negative');
    await page.locator('#entry-serum_hcg-date').fill('2024-10-01');
    const wbc = page.getByTestId('age-wbc');
    await expect.poll(() => wbc.textContent()).toContain('2024-10-01, 165 days ago');
    await expect.poll(() => wbc.locator('.flag').textContent()).toBe('review: older than 90 days');
    const hcg = page.getByTestId('age-serum_hcg');
    expect(await hcg.textContent()).toContain('the protocol counts only results within 7 days');
    expect(await hcg.locator('.flag').count()).toBe(0);
    const before = await verdict(page, 'IgAN').textContent();
    await screenshot(page, 'stale-flag-1280');

    // The site's own limit, kept in this browser: 200 days clears the flag; the verdict is the same.
    await page.getByLabel('Flag results older than (days)').fill('200');
    await expect.poll(() => wbc.locator('.flag').count()).toBe(0);
    expect(await verdict(page, 'IgAN').textContent()).toBe(before);
    expect(await page.evaluate<string | null>("localStorage.getItem('eligo.reviewAfterDays')")).toBe('200');
    await page.close();
  });

  it('keeps the patient banner in view after scrolling on a phone (390×844)', async () => {
    const { page } = await signedIn(app, { width: 390, height: 844 });
    await page.getByLabel('Import a file').setInputFiles(example);
    await expect.poll(() => verdict(page, 'IgAN').textContent()).toBe('Eligible');
    await page.getByLabel('Site reference').fill('SCR-0042');
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await expect.poll(() => page.evaluate<number>('window.scrollY')).toBeGreaterThan(2000);
    const banner = page.getByRole('region', { name: 'Patient being screened' });
    const box = await banner.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844 / 2);
    expect(await page.getByLabel('Site reference').inputValue()).toBe('SCR-0042');
    expect(await page.getByTestId('banner-sex').textContent()).toBe('female');
    await expect.poll(() => page.getByTestId('banner-age').textContent()).toMatch(/^\d+ years$/);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'banner-after-scroll-390');
    await page.close();
  });

  it('is axe-core clean with the hand-entry form open', async () => {
    const { page } = await signedIn(app);
    await openEntry(page, ['Laboratory results', 'Diagnoses', 'Medications', 'Procedures']);
    await page.locator('#entry-wbc-value').fill('4.2');
    await page.locator('#entry-wbc-date').fill('2024-10-01');
    await page.locator('#entry-pregnancy-presence').selectOption('present');
    await page.addScriptTag({ path: axeScript });
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe;
      const result = await axe.run();
      return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
