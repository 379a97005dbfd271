import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit';

describe('groupCommit', () => {
  it('writes rows recorded together in one call, and settles each caller after its write', async () => {
    const writes: number[][] = [];
    const record = groupCommit<number>(async (rows) => {
      writes.push(rows);
    });
    const settled: number[] = [];
    await Promise.all([1, 2, 3].map((n) => record([n]).then(() => settled.push(n))));
    expect(writes).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([1, 2, 3]);
  });

  it('groups rows that arrive while a write is in progress into the next write', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const record = groupCommit<number>(async (rows) => {
      writes.push(rows);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = record([1]);
    await new Promise((r) => setImmediate(r));
    const later = [record([2]), record([3])];
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('caps a group at maxRows and rejects only the callers whose write failed', async () => {
    const writes: number[][] = [];
    const record = groupCommit<number>(async (rows) => {
      writes.push(rows);
      if (rows.includes(4)) throw new Error('disk full');
    }, 3);
    const results = await Promise.allSettled([record([1, 2]), record([3]), record([4]), record([5])]);
    expect(writes).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });
});
