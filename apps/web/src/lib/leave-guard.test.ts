import { describe, expect, it } from 'vitest';
import { guardLeaving, mayLeave } from './leave-guard';

describe('leave guard', () => {
  it('asks only while a page has unsaved work, and follows the answer', () => {
    const asked: string[] = [];
    const answer = (yes: boolean) => (m: string) => {
      asked.push(m);
      return yes;
    };
    expect(mayLeave(answer(false))).toBe(true);
    let dirty = true;
    const release = guardLeaving(() => (dirty ? 'Leave without saving?' : undefined));
    expect(mayLeave(answer(false))).toBe(false);
    expect(mayLeave(answer(true))).toBe(true);
    dirty = false;
    expect(mayLeave(answer(false))).toBe(true);
    dirty = true;
    release();
    expect(mayLeave(answer(false))).toBe(true);
    expect(asked).toEqual(['Leave without saving?', 'Leave without saving?']);
  });
});
