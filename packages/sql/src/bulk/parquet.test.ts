import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '@eligo/core';
import { readProtocolSource } from '@eligo/protocols';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckDbEngine } from '../engines/engine';
import { loadFactsFromResources, utf8Before } from '../population/fromResources';
import { openParquet, writeParquet } from './parquet';

let dir: string;
let engine: Awaited<ReturnType<typeof duckDbEngine>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eligo-parquet-'));
  engine = await duckDbEngine();
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const patient = (id: string) => JSON.stringify({ resourceType: 'Patient', id, gender: 'male' });
const observation = (id: string, patient: string) =>
  JSON.stringify({ resourceType: 'Observation', id, subject: { reference: `Patient/${patient}` } });

/** A resources table as an export folder loads it, rows in the export's order. */
async function table(name: string, rows: [type: string, id: string, patient: string | null, json: string][]) {
  await engine.connection.run(
    `CREATE OR REPLACE TABLE ${name} (resource_type VARCHAR, id VARCHAR, patient_id VARCHAR, resource JSON)`,
  );
  for (const [type, id, pid, json] of rows)
    await engine.connection.run(
      `INSERT INTO ${name} VALUES ('${type}', '${id}', ${pid === null ? 'NULL' : `'${pid}'`}, '${json}')`,
    );
}

async function order(view = 'resources') {
  const rows = await engine.rows(`SELECT id FROM ${view}`);
  return rows.map((r) => r.id);
}

describe('Parquet kept grouped by patient', () => {
  it('writes each patient together in the export order, shared resources last, and reads it in place', async () => {
    await table('t1', [
      ['Observation', 'o-b1', 'b', observation('o-b1', 'b')],
      ['Medication', 'm1', null, '{"resourceType": "Medication", "id": "m1"}'],
      ['Patient', 'a', 'a', patient('a')],
      ['Observation', 'o-b2', 'b', observation('o-b2', 'b')],
      ['Patient', 'b', 'b', patient('b')],
      ['Observation', 'o-a1', 'a', observation('o-a1', 'a')],
    ]);
    const file = join(dir, 'one.parquet');
    await writeParquet(engine.connection, file, { table: 't1' });
    expect(await openParquet(engine.connection, file)).toEqual({ loaded: 6, grouped: true });
    expect(await order()).toEqual(['a', 'o-a1', 'o-b1', 'o-b2', 'b', 'm1']);
    expect(
      (
        await engine.rows(`SELECT table_type FROM information_schema.tables WHERE table_name = 'resources'`)
      )[0],
    ).toEqual({
      table_type: 'VIEW',
    });
  });

  it('copies into a table files without the mark, or with a patient in two files', async () => {
    await table('t2', [['Patient', 'c', 'c', patient('c')]]);
    const plain = join(dir, 'plain.parquet');
    await engine.connection.run(`COPY t2 TO '${plain}' (FORMAT parquet)`);
    expect(await openParquet(engine.connection, plain)).toEqual({ loaded: 1, grouped: false });
    expect(
      (
        await engine.rows(`SELECT table_type FROM information_schema.tables WHERE table_name = 'resources'`)
      )[0],
    ).toEqual({
      table_type: 'BASE TABLE',
    });

    const split = mkdtempSync(join(dir, 'split-'));
    await table('t3', [['Patient', 'd', 'd', patient('d')]]);
    await writeParquet(engine.connection, join(split, '1.parquet'), { table: 't3' });
    await table('t4', [['Observation', 'o-d1', 'd', observation('o-d1', 'd')]]);
    await writeParquet(engine.connection, join(split, '2.parquet'), { table: 't4' });
    expect(await openParquet(engine.connection, join(split, '*.parquet'))).toEqual({
      loaded: 2,
      grouped: false,
    });

    const parts = mkdtempSync(join(dir, 'parts-'));
    await writeParquet(engine.connection, join(parts, '1.parquet'), { table: 't3' });
    await writeParquet(engine.connection, join(parts, '2.parquet'), { table: 't2' });
    // Two files: their disjointness check counted the patients, and hands the count on.
    expect(await openParquet(engine.connection, join(parts, '*.parquet'))).toEqual({
      loaded: 2,
      grouped: true,
      patients: 2,
    });
    expect(await order()).toEqual(['d', 'c']);
  });

  it('refuses to stream a marked file that is not sorted by patient, instead of reading a patient twice', async () => {
    await table('t5', [
      ['Patient', 'f', 'f', patient('f')],
      ['Patient', 'e', 'e', patient('e')],
      ['Observation', 'o-f1', 'f', observation('o-f1', 'f')],
    ]);
    const file = join(dir, 'unsorted.parquet');
    await engine.connection.run(
      `COPY (SELECT * FROM t5 ORDER BY rowid) TO '${file}' (FORMAT parquet, KV_METADATA {eligo_grouped_by: 'patient_id'})`,
    );
    expect(await openParquet(engine.connection, file)).toEqual({ loaded: 3, grouped: true });
    const { protocol } = compile(readProtocolSource('NCT06469190').text);
    await expect(
      loadFactsFromResources(engine.connection, protocol!, '2025-03-15', { grouped: true, threads: 0 }),
    ).rejects.toThrow(`${file} is not grouped by patient: 'e' comes after 'f'`);
  });

  it('orders text as DuckDB does, by code points', () => {
    expect(utf8Before('a', 'b')).toBe(true);
    expect(utf8Before('b', 'a')).toBe(false);
    expect(utf8Before('ab', 'abc')).toBe(true);
    expect(utf8Before('abc', 'ab')).toBe(false);
    // U+FF21 is one UTF-16 unit above the surrogates that write U+1F600, but below it as a code point.
    expect(utf8Before('\uff21', '\u{1f600}')).toBe(true);
    expect('\uff21' < '\u{1f600}').toBe(false);
  });
});
