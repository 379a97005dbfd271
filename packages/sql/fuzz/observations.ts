import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledProtocol } from '@eligo/core';
import fc from 'fast-check';
import { applyEdits, edit } from '../../fhir/fuzz/targets';
import { loadBulkExport } from '../src/bulk/load';
import { duckDbEngine } from '../src/engines/engine';
import { loadFactsFromResources } from '../src/population/fromResources';
import { exportFileName } from '../src/synthetic/export';
import { syntheticPatient } from '../src/synthetic/patient';

/**
 * Observations read per distinct shape in SQL (population/observationTemplates.ts) against the
 * same Observations read one by one in Node: a synthetic export whose Observations are edited at
 * random (a field removed, replaced by a hostile value, duplicated, or a hostile key added, by
 * @eligo/fhir's fuzz edits) must give the same result rows, in the same order, and the same
 * patients left unread, both ways.
 */

/** Writes `patients` synthetic patients with a share of their Observations edited; returns how many were. */
export function editedExport(dir: string, patients: number, seed: number, asOf: string, share = 0.3): number {
  mkdirSync(dir, { recursive: true });
  const lines = new Map<string, string[]>();
  const edits = fc.sample(fc.array(edit, { minLength: 1, maxLength: 3 }), { numRuns: patients * 40, seed });
  let edited = 0;
  let next = 0;
  for (let i = 0; i < patients; i++) {
    for (const resource of syntheticPatient(i, { seed, asOf }).resources) {
      const type = String(resource.resourceType);
      let written: unknown = resource;
      // Deterministic: the draw comes from the edits' own sample.
      if (type === 'Observation' && (next * 7919) % 100 < share * 100) {
        written = applyEdits(resource, edits[next % edits.length]!);
        edited++;
      }
      next++;
      const list = lines.get(type) ?? [];
      list.push(JSON.stringify(written));
      lines.set(type, list);
    }
  }
  for (const [type, list] of lines) writeFileSync(join(dir, exportFileName(type, 0)), `${list.join('\n')}\n`);
  return edited;
}

/** Every result row by patient reference and element, numbered in arrival order: comparable across loads. */
export const RESULT_ROWS = `SELECT p.ref, r.element, ROW_NUMBER() OVER (PARTITION BY r.pid, r.element ORDER BY r.seq) AS n,
    r.value, r.unit, r.comparator, r.code, r.day_lo, r.day_hi, r.low, r.high
  FROM eligo_result r JOIN eligo_patient p USING (pid) ORDER BY ALL`;

export interface ReadBothWays {
  readonly node: readonly Record<string, unknown>[];
  readonly sql: readonly Record<string, unknown>[];
  readonly unreadNode: readonly string[];
  readonly unreadSql: readonly string[];
}

/** The export's result rows (per patient and element in arrival order) and unread patients, read both ways. */
export async function readBothWays(
  dir: string,
  protocol: CompiledProtocol,
  asOf: string,
): Promise<ReadBothWays> {
  const read = async (observationsInSql: boolean) => {
    const engine = await duckDbEngine();
    try {
      await loadBulkExport(engine.connection, dir);
      const loaded = await loadFactsFromResources(engine.connection, protocol, asOf, {
        threads: 0,
        observationsInSql,
      });
      const rows = await engine.rows(RESULT_ROWS);
      return { rows, unread: loaded.unread.map((u) => u.patient).sort() };
    } finally {
      await engine.close();
    }
  };
  const node = await read(false);
  const sql = await read(true);
  return { node: node.rows, sql: sql.rows, unreadNode: node.unread, unreadSql: sql.unread };
}
