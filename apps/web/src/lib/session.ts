/**
 * The API token the user pasted, kept for this browser tab only (sessionStorage): closing the tab
 * signs out, and the token never lands in long-lived storage on a shared ward computer.
 */
const KEY = 'eligo.token';

export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readToken(storage: TokenStorage): string | undefined {
  return storage.getItem(KEY) ?? undefined;
}

export function saveToken(storage: TokenStorage, token: string): void {
  storage.setItem(KEY, token);
}

export function forgetToken(storage: TokenStorage): void {
  storage.removeItem(KEY);
}

/** What is wrong with a pasted token, before asking the server; undefined when it looks usable. */
export function tokenProblem(raw: string): string | undefined {
  const token = raw.trim();
  if (token === '') return 'Paste an API token.';
  if (/\s/.test(token))
    return 'A token is one word without spaces; check that nothing else was copied with it.';
  if (!token.startsWith('eligo_')) return "Eligo tokens start with 'eligo_'.";
  return undefined;
}
