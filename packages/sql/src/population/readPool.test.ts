import { compile } from '@eligo/core';
import { readProtocolSource } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { readPool } from './readPool';

const { protocol } = compile(readProtocolSource('NCT06469190').text);
const patient = (id: string) =>
  JSON.stringify({ resourceType: 'Patient', id, gender: 'female', birthDate: '1980-02-29' });

describe('reading patients on a thread of their own', () => {
  it('reads a chunk as the calling thread does, and fails a chunk it cannot read without stopping', {
    timeout: 30_000,
  }, async () => {
    const chunk = [
      { ref: 'a', resources: [patient('a')] },
      { ref: 'b', resources: [patient('b')] },
    ];
    const here = readPool(protocol!.info, '2025-03-15', new Map(), 0);
    const there = readPool(protocol!.info, '2025-03-15', new Map(), 1);
    try {
      const expected = await here.read(chunk);
      const bad = there.read([{ ref: 'c', resources: ['{"resourceType": "Patient", '] }]);
      await expect(bad).rejects.toThrow(/^reading a chunk of patients failed: SyntaxError/);
      const read = await there.read(chunk);
      expect(read.refs).toEqual(['a', 'b']);
      expect(read.batch.size).toBe(2);
      expect(JSON.stringify(read.batch)).toBe(JSON.stringify(expected.batch));
    } finally {
      await here.close();
      await there.close();
    }
  });
});
