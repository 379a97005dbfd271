import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '@eligo/core';
import { readProtocolSource } from '@eligo/protocols';
import { describe, expect, it } from 'vitest';
import { editedExport, readBothWays } from '../fuzz/observations';
import { DEFAULT_AS_OF } from './synthetic/patient';

/**
 * A seeded slice of the edited-Observation campaign (`pnpm --filter @eligo/sql fuzz`): a synthetic
 * export with one Observation in twenty edited by @eligo/fhir's fuzz edits (fields removed,
 * replaced by hostile values, duplicated, hostile keys added), read with Observations per
 * distinct shape in SQL and one by one in Node: the same result rows in the same order, the same
 * patients left unread.
 */
describe('edited Observations read in SQL and in Node', () => {
  it('give the same result rows and leave the same patients unread', async () => {
    const { protocol } = compile(readProtocolSource('NCT06469190').text);
    const dir = mkdtempSync(join(tmpdir(), 'eligo-edited-observations-'));
    try {
      const edited = editedExport(dir, 150, 20261207, DEFAULT_AS_OF, 0.05);
      expect(edited).toBeGreaterThan(100);
      const read = await readBothWays(dir, protocol!, DEFAULT_AS_OF);
      expect(read.sql).toEqual(read.node);
      expect(read.unreadSql).toEqual(read.unreadNode);
      // Some patients refused for an edit, most read: the comparison covers both.
      expect(read.unreadNode.length).toBeGreaterThan(0);
      expect(read.unreadNode.length).toBeLessThan(100);
      expect(read.node.length).toBeGreaterThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
