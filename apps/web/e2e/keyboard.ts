import type { Page } from 'playwright-core';

/** Where the keyboard should land: a CSS selector, and optionally text the element's name holds. */
export interface Stop {
  readonly css: string;
  readonly name?: string;
}

/** The focused element's tag, id and name, for a failure message. */
const describeFocus = (page: Page) =>
  page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing (body)';
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + name + '"';
  })()`);

/**
 * Whether the focused element matches the stop, and whether its focus can be seen: `:focus-visible`
 * with an outline or a box shadow, or a part of a built-in control focused. Its name is its `aria-label`, its labels' text or its own text.
 * (In the page's own JavaScript: this project's end-to-end code is typed without the DOM.)
 */
const check = (page: Page, stop: Stop) =>
  page.evaluate<{ at: boolean; visible: boolean }>(`(() => {
    const { css, name } = ${JSON.stringify(stop)};
    const el = document.activeElement;
    if (!el || el === document.body) return { at: false, visible: false };
    const labels = [...(el.labels ?? [])].map((l) => l.textContent);
    const names = [el.getAttribute('aria-label'), ...labels, el.textContent].map((t) =>
      (t ?? '').replace(/\\s+/g, ' ').trim(),
    );
    const at = el.matches(css) && (name === undefined || names.some((n) => n.includes(name)));
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    // A date input's calendar button has the focus inside the input, and Chromium rings it itself.
    const inner = el.matches(':focus-within') && !el.matches(':focus');
    const visible = inner || (el.matches(':focus-visible') && (outlined || style.boxShadow !== 'none'));
    return { at, visible };
  })()`);

/** Whether the element that has the focus shows it. */
export const focusShown = async (page: Page): Promise<boolean> => (await check(page, { css: '*' })).visible;

/**
 * Presses Tab (Shift+Tab with `back`) until the focus is on `stop`, at most `max` times, and fails
 * when it never gets there or when any element it passes shows no focus.
 */
export async function tabTo(page: Page, stop: Stop, { back = false, max = 150 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const { at, visible } = await check(page, stop);
    if (!visible) throw new Error(`the focus on ${await describeFocus(page)} cannot be seen`);
    if (at) return;
  }
  throw new Error(
    `${back ? 'Shift+Tab' : 'Tab'} never reached ${stop.css}${stop.name ? ` "${stop.name}"` : ''}; the focus is on ${await describeFocus(page)}`,
  );
}

/**
 * Makes the page hand file choosers to the test from now on. Playwright turns that on when the
 * first listener is added, over its own round trip: a listener added just before the key press can
 * lose the race, and the chooser then opens as a dialog no one sees.
 */
export function interceptFileChoosers(page: Page): void {
  page.on('filechooser', () => {});
}

/** Opens the focused file input's chooser with Space, and gives it `file` (see `interceptFileChoosers`). */
export async function chooseFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(file);
}

/** Signs in from the keyboard: Tab to the token field, type, Enter, and wait for the screening page's heading to have the focus. */
export async function signInByKeyboard(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('API token').waitFor();
  await tabTo(page, { css: 'input#token' });
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Questions' }).waitFor();
  // The app moves the focus to the page's heading once it is drawn; keys pressed before then
  // would go to whatever had the focus.
  await page.waitForFunction("document.activeElement?.id === 'page-title'");
}
