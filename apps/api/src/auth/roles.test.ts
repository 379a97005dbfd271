import { describe, expect, it } from 'vitest';
import { allows } from './roles';
import { generateToken, hashToken, isWellFormedToken, newId } from './tokens';

describe('roles', () => {
  it('orders admin ⊇ author ⊇ reviewer ⊇ screener ⊇ viewer', () => {
    expect(allows('admin', 'author')).toBe(true);
    expect(allows('author', 'reviewer')).toBe(true);
    expect(allows('reviewer', 'screener')).toBe(true);
    expect(allows('author', 'screener')).toBe(true);
    expect(allows('screener', 'viewer')).toBe(true);
    expect(allows('viewer', 'screener')).toBe(false);
    expect(allows('screener', 'author')).toBe(false);
    expect(allows('screener', 'reviewer')).toBe(false);
    expect(allows('reviewer', 'author')).toBe(false);
    expect(allows('author', 'admin')).toBe(false);
  });
});

describe('tokens', () => {
  it('carry the eligo_ prefix and 256 random bits', () => {
    const token = generateToken();
    expect(token).toMatch(/^eligo_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(token);
    expect(isWellFormedToken(token)).toBe(true);
  });

  it('rejects tokens without the prefix or too short', () => {
    expect(isWellFormedToken('secret_abcdefghijklmnopqrstuvwxyz')).toBe(false);
    expect(isWellFormedToken('eligo_short')).toBe(false);
    expect(isWellFormedToken('eligo_abcdefghijklmnopqrstuvwxyz with space')).toBe(false);
  });

  it('hash to sha256 hex', () => {
    expect(hashToken('eligo_x')).toBe('7b4cb8e91a8ade5aa2e949722361d3b37c22356e46d5c66441afa4ad8d4906c3');
    expect(hashToken('eligo_x')).not.toBe(hashToken('eligo_y'));
  });

  it('ids sort by creation time', () => {
    expect(newId('scr', 1_000) < newId('scr', 2_000)).toBe(true);
    expect(newId('scr', 35 ** 6) < newId('scr', 36 ** 7)).toBe(true);
  });

  it('ids end in 12 random hex digits, never repeated across refills of the random pool', () => {
    const ids = Array.from({ length: 5000 }, () => newId('scr', 1_000));
    for (const id of ids.slice(0, 3)) expect(id).toMatch(/^scr_0000000rs[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
