/**
 * Settings of the site using this browser, kept in its localStorage until the API stores them.
 * `reviewAfterDays`: how old a lab or test result may be before the screen flags it for review.
 */
export const DEFAULT_REVIEW_DAYS = 90;
const KEY = 'eligo.reviewAfterDays';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** A whole number of days from 1 to 3650, or undefined for anything else. */
export function readDays(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 3650 ? n : undefined;
}

export function loadReviewDays(storage?: Storage): number {
  try {
    return readDays((storage ?? globalThis.localStorage)?.getItem(KEY) ?? '') ?? DEFAULT_REVIEW_DAYS;
  } catch {
    // Storage can be refused (private windows, policies): the default still applies.
    return DEFAULT_REVIEW_DAYS;
  }
}

export function saveReviewDays(days: number, storage?: Storage): void {
  try {
    (storage ?? globalThis.localStorage)?.setItem(KEY, String(days));
  } catch {
    // Not kept beyond this page; the setting still applies to it.
  }
}
