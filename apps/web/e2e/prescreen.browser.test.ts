import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, hasChromium, startApp, warnWithoutChromium } from './harness';
import { focusShown } from './keyboard';

warnWithoutChromium();

const ID = 'NCT06469190';
const sourceText = readFileSync(
  fileURLToPath(new URL(`../../../packages/protocols/${ID}/${ID}.elig`, import.meta.url)),
  'utf8',
);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(artifacts, { recursive: true });

/** Every request the page made, with its body. */
interface Sent {
  readonly method: string;
  readonly url: string;
  readonly body: string | null;
}

interface Prescreen {
  readonly page: Page;
  readonly sent: Sent[];
  readonly contacts: unknown[];
  readonly errors: string[];
}

/** The public routes, answered here: the published text, and contact requests kept for the test. */
function publicApi(contacts: unknown[]) {
  return async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (request.headers().authorization !== undefined) throw new Error('the pre-screen sent a token');
    if (path === `/v1/trials/${ID}` && request.method() === 'GET') {
      return route.fulfill({
        json: {
          id: ID,
          version: 1,
          title: 'An Exploratory Clinical Study of Anti-CD19 CAR NK Cell (KN5501)',
          publishedAt: '2025-03-01T00:00:00Z',
          source: { name: `${ID}.elig`, text: sourceText },
        },
      });
    }
    if (path === `/v1/trials/${ID}/contacts` && request.method() === 'POST') {
      contacts.push(request.postDataJSON());
      return route.fulfill({ status: 201, json: { id: 'con_e2e_1' } });
    }
    return route.fulfill({ status: 404, json: { error: { code: 'not_found', message: path } } });
  };
}

async function open(app: App, viewport = { width: 1280, height: 800 }): Promise<Prescreen> {
  const page = await app.browser.newPage({ viewport });
  const sent: Sent[] = [];
  const contacts: unknown[] = [];
  const errors: string[] = [];
  page.on('request', (r) => sent.push({ method: r.method(), url: r.url(), body: r.postData() }));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**/v1/**', publicApi(contacts));
  await page.goto(`${app.url}trials/${ID}/prescreen`);
  await page.getByRole('heading', { name: 'Could this study be for you?' }).waitFor();
  return { page, sent, contacts, errors };
}

/** axe-core's violations on the page as it is, as `rule: targets` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    return (await axe.run()).violations.map(
      (v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  });
  return violations;
}

const overflowsSideways = (page: Page) =>
  page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

const LAY = {
  birth: 'What is your date of birth?',
  sex: 'What is your sex?',
  pregnant: 'Are you pregnant?',
  membranous: 'Has a kidney biopsy shown that you have membranous nephropathy?',
  iga: 'Has a kidney biopsy shown that you have IgA nephropathy?',
  diabetes: 'Has a doctor ever told you that you have diabetes (type 1 or type 2)?',
  biopsy: 'Have you ever had a kidney biopsy (a small piece of kidney taken with a needle)?',
  arb: 'Do you take a blood pressure medicine called an ACE inhibitor or an ARB (its name usually ends in -pril or -sartan)?',
  couldConceive:
    'Could you become pregnant? (Answer no if you have been through the menopause or had an operation that makes pregnancy impossible.)',
};

/**
 * Answers in page order: a woman of 45 with biopsy-proven IgA nephropathy on an ARB. The diabetes
 * question is gone by the time it is reached: only the membranous part of the study asks it, and
 * "no" to membranous nephropathy has ruled that part out.
 */
const IGAN: [string, string][] = [
  [LAY.sex, 'Female'],
  [LAY.pregnant, 'No'],
  [LAY.membranous, 'No'],
  [LAY.iga, 'Yes'],
  [LAY.arb, 'Yes'],
  [LAY.biopsy, 'Yes'],
  [LAY.couldConceive, 'No'],
];

const group = (page: Page, question: string) => page.getByRole('group', { name: question, exact: true });

async function birthDate(page: Page, day: string, month: string, year: string) {
  const g = group(page, LAY.birth);
  await g.getByLabel('Day').fill(day);
  await g.getByLabel('Month').fill(month);
  await g.getByLabel('Year').fill(year);
}

/** The typed answers must not appear in any request: not in a URL, not in a body. */
function expectNoAnswersSent(sent: readonly Sent[], typed: readonly string[]) {
  for (const r of sent) {
    for (const value of typed) {
      expect(r.url, `${r.method} ${r.url}`).not.toContain(value);
      expect(r.body ?? '', `${r.method} ${r.url}`).not.toContain(value);
    }
  }
  for (const r of sent) expect(new URL(r.url).search, r.url).toBe('');
  const withBody = sent.filter((r) => r.body !== null);
  for (const r of withBody) expect(new URL(r.url).pathname).toBe(`/v1/trials/${ID}/contacts`);
}

describe.skipIf(!hasChromium)('the public pre-screen', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('says "may be eligible" for a matching person, sends only the contact details they choose to', async () => {
    const { page, sent, contacts, errors } = await open(app);
    expect(await axeViolations(page)).toEqual([]);
    await birthDate(page, '17', '5', '1980');
    for (const [question, answer] of IGAN)
      await group(page, question).getByLabel(answer, { exact: true }).check();
    await page.screenshot({ path: `${artifacts}prescreen-questions.png`, fullPage: true });
    expect(await group(page, LAY.diabetes).count()).toBe(0);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    const heading = page.getByRole('heading', { name: 'You may be eligible — contact the study team' });
    await heading.waitFor();
    expect(await page.locator('.result li').first().textContent()).toBe(
      'Relapsed/refractory IgA nephropathy',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}prescreen-may-be-eligible.png`, fullPage: true });

    expectNoAnswersSent(sent, ['1980', 'female', 'iga_nephropathy', 'acei_arb', 'renal_biopsy', 'pregnan']);
    expect(sent.filter((r) => r.body !== null)).toEqual([]);
    // The signed-in app (its editor and forms) is never loaded here.
    expect(sent.filter((r) => /\/assets\/App-/.test(r.url))).toEqual([]);
    expect(sent.some((r) => /\/assets\/PrescreenPage-/.test(r.url))).toBe(true);

    await page.getByLabel('Your name').fill('Jane Example');
    await page.getByLabel('Email address').fill('jane@example.org');
    await page.getByLabel('I agree that the study team may contact me about this study.').check();
    await page.getByRole('button', { name: 'Send my contact details' }).click();
    await page.getByText('Thank you. The study team has your details and will get in touch.').waitFor();
    expect(contacts).toEqual([{ name: 'Jane Example', email: 'jane@example.org', consent: true }]);
    expectNoAnswersSent(sent, ['1980', 'female', 'iga_nephropathy', 'acei_arb', 'renal_biopsy']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names what rules a person out, in plain words, with their answer', async () => {
    const { page, sent, errors } = await open(app);
    await birthDate(page, '1', '1', '1940');
    // Past 70 every part of the study is ruled out, so no other question is asked.
    await page.getByText('No other question can change the result').waitFor();
    expect(await group(page, LAY.sex).count()).toBe(0);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByRole('heading', { name: 'From your answers, this study is not for you' }).waitFor();
    expect(await page.locator('.reasons li').allInnerTexts()).toEqual([
      'Needed: Age 18 to 70 years\nYou answered “1940-01-01” to: What is your date of birth?',
    ]);
    // Ruled out: there is no one to contact about it.
    expect(await page.getByRole('button', { name: 'Send my contact details' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}prescreen-ruled-out.png`, fullPage: true });
    // A corrected answer corrects the result shown.
    await group(page, LAY.birth).getByLabel('Year').fill('1980');
    await page.getByRole('heading', { name: 'You may be eligible — contact the study team' }).waitFor();
    expect(await group(page, LAY.sex).count()).toBe(1);
    expectNoAnswersSent(sent, ['1940', '1980']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('can be completed with the keyboard alone on a 390 × 844 phone, without sideways scrolling', async () => {
    const { page, sent, contacts, errors } = await open(app, { width: 390, height: 844 });
    expect(await overflowsSideways(page)).toBe(false);

    /**
     * Presses Tab until the focused element passes `test` (run in the page), at most 80 times;
     * every element it passes must show its focus.
     */
    async function tabUntil(test: string, what: string) {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (!(await focusShown(page))) throw new Error(`on the way to ${what}, the focus cannot be seen`);
        if (await page.evaluate(test)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    }
    const inGroup = (question: string) =>
      `document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent?.trim() === ${JSON.stringify(question)}`;

    await tabUntil(`document.activeElement?.id === 'lay-birth_date-day'`, 'the day of birth');
    await page.keyboard.type('17');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1980');
    for (const [question, answer] of IGAN) {
      await tabUntil(inGroup(question), question);
      // The first choice of a group gets the focus; arrows move to (and choose) the next ones.
      const choices = answer === 'Female' || answer === 'Yes' ? 0 : 1;
      if (choices === 0) await page.keyboard.press('Space');
      else await page.keyboard.press('ArrowRight');
      expect(await page.evaluate('document.activeElement?.parentElement?.textContent?.trim()')).toBe(answer);
    }
    await tabUntil(`document.activeElement?.textContent?.trim() === 'Check my answers'`, 'the button');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You may be eligible — contact the study team' }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('result-title');
    expect(await overflowsSideways(page)).toBe(false);

    await tabUntil(`document.activeElement?.id === 'contact-name'`, 'the name field');
    await page.keyboard.type('Sam Example');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('+44 20 7946 0000');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Thank you. The study team has your details and will get in touch.').waitFor();
    expect(contacts).toEqual([{ name: 'Sam Example', phone: '+44 20 7946 0000', consent: true }]);
    expect(await overflowsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}prescreen-phone.png`, fullPage: true });
    expectNoAnswersSent(sent, ['1980', 'female', 'iga_nephropathy', 'acei_arb', 'renal_biopsy']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
