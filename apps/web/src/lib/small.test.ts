import { describe, expect, it } from 'vitest';
import { apiError } from './api';
import { isDay, localDay } from './dates';
import { parseRoute, routeHash } from './route';
import { forgetToken, readToken, saveToken, tokenProblem } from './session';

describe('localDay', () => {
  it('uses the local calendar, not UTC', () => {
    expect(localDay(new Date(2025, 0, 31, 23, 59))).toBe('2025-01-31');
    expect(localDay(new Date(2024, 1, 29, 0, 0))).toBe('2024-02-29');
  });
});

describe('isDay', () => {
  it('knows the calendar', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-04-31')).toBe(false);
    expect(isDay('2025-4-3')).toBe(false);
  });
});

describe('routes', () => {
  it('parses and prints the hash', () => {
    expect(parseRoute('#/author/NCT06469190')).toEqual({ page: 'author', protocol: 'NCT06469190' });
    expect(parseRoute('#/screen')).toEqual({ page: 'screen', protocol: undefined });
    expect(parseRoute('')).toEqual({ page: 'screen', protocol: undefined });
    expect(parseRoute('#/nowhere/X')).toEqual({ page: 'screen', protocol: 'X' });
    expect(parseRoute('#/feasibility/NCT06469190')).toEqual({ page: 'feasibility', protocol: 'NCT06469190' });
    expect(routeHash({ page: 'feasibility', protocol: 'NCT06469190' })).toBe('#/feasibility/NCT06469190');
    expect(parseRoute('#/review/NCT06469190')).toEqual({ page: 'review', protocol: 'NCT06469190' });
    expect(routeHash({ page: 'screen', protocol: 'a b' })).toBe('#/screen/a%20b');
    expect(parseRoute(routeHash({ page: 'author', protocol: 'a b' }))).toEqual({
      page: 'author',
      protocol: 'a b',
    });
  });
});

describe('session token', () => {
  it('is kept, read and forgotten', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    expect(readToken(storage)).toBeUndefined();
    saveToken(storage, 'eligo_abc');
    expect(readToken(storage)).toBe('eligo_abc');
    forgetToken(storage);
    expect(readToken(storage)).toBeUndefined();
  });

  it('is checked before it is sent', () => {
    expect(tokenProblem('  ')).toBe('Paste an API token.');
    expect(tokenProblem('Bearer eligo_abc')).toBe(
      'A token is one word without spaces; check that nothing else was copied with it.',
    );
    expect(tokenProblem('abc')).toBe("Eligo tokens start with 'eligo_'.");
    expect(tokenProblem(' eligo_abc \n')).toBeUndefined();
  });
});

describe('apiError', () => {
  it('writes API failures for people', () => {
    expect(
      apiError(401, { error: { code: 'unauthorized', message: 'A valid bearer token is required' } }).message,
    ).toBe(
      'The API did not recognise this token. Check that it was copied whole, or ask your site administrator for a new one.',
    );
    expect(apiError(401, {}).message).toBe(
      'The API did not recognise this token. Check that it was copied whole, or ask your site administrator for a new one.',
    );
    expect(
      apiError(401, { error: { code: 'token_revoked', message: 'This token was revoked' } }).message,
    ).toBe('The API says this token was revoked. Ask your site administrator for a new one.');
    expect(apiError(403, { error: { code: 'forbidden', message: 'needs the screener role' } }).message).toBe(
      "Your token's role does not allow this: needs the screener role",
    );
    const invalid = apiError(400, {
      error: {
        code: 'invalid_request',
        message: 'Invalid request',
        issues: [{ path: 'asOf', message: 'expected a date' }],
      },
    });
    expect([invalid.message, invalid.issues]).toEqual([
      'Invalid request',
      [{ path: 'asOf', message: 'expected a date' }],
    ]);
    expect(apiError(502, undefined).message).toBe('The API answered with status 502.');
  });
});
