import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadBulkExport } from './load';
import { loadParquet } from './parquet';

let connection: DuckDBConnection;
let dir: string;
const made: string[] = [];

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'eligo-bulk-'));
  made.push(dir);
});
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
  connection.closeSync();
});

const line = (resource: object) => JSON.stringify(resource);
const write = (name: string, ...lines: string[]) => writeFileSync(join(dir, name), `${lines.join('\n')}\n`);

async function rows(sql = 'SELECT resource_type, id, patient_id FROM resources ORDER BY resource_type, id') {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson();
}

describe('loadBulkExport', () => {
  it('reads several files per type, whatever their naming, and takes the type from each line', async () => {
    write(
      'Patient.ndjson',
      line({ resourceType: 'Patient', id: 'p1' }),
      line({ resourceType: 'Patient', id: 'p2' }),
    );
    write(
      'Observation.ndjson',
      line({ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/p1' } }),
    );
    write(
      'Observation.000.ndjson',
      line({ resourceType: 'Observation', id: 'o2', subject: { reference: 'Patient/p2' } }),
    );
    // A Condition in a file named for Observations is a Condition.
    write(
      'Observation-2.ndjson',
      line({ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p2' } }),
    );
    const result = await loadBulkExport(connection, dir);
    expect(result).toEqual({
      loaded: 5,
      problems: [],
      files: ['Observation-2.ndjson', 'Observation.000.ndjson', 'Observation.ndjson', 'Patient.ndjson'],
    });
    expect(await rows()).toEqual([
      { resource_type: 'Condition', id: 'c1', patient_id: 'p2' },
      { resource_type: 'Observation', id: 'o1', patient_id: 'p1' },
      { resource_type: 'Observation', id: 'o2', patient_id: 'p2' },
      { resource_type: 'Patient', id: 'p1', patient_id: 'p1' },
      { resource_type: 'Patient', id: 'p2', patient_id: 'p2' },
    ]);
  });

  it('finds the patient in subject, patient or beneficiary, in every reference form', async () => {
    write(
      'mixed.ndjson',
      line({
        resourceType: 'Observation',
        id: 'a',
        subject: { reference: 'urn:uuid:0b6f4b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
      }),
      line({ resourceType: 'AllergyIntolerance', id: 'b', patient: { reference: 'Patient/123/_history/2' } }),
      line({
        resourceType: 'Coverage',
        id: 'c',
        beneficiary: { reference: 'https://ehr.example/fhir/Patient/x.9' },
      }),
      line({ resourceType: 'Observation', id: 'd', subject: { reference: 'Group/g1' } }),
      line({ resourceType: 'Observation', id: 'e' }),
      line({
        resourceType: 'Condition',
        id: 'f',
        subject: { identifier: { value: '7' } },
        patient: { reference: 'Patient/7' },
      }),
    );
    await loadBulkExport(connection, dir);
    expect(await rows('SELECT id, patient_id FROM resources ORDER BY id')).toEqual([
      { id: 'a', patient_id: '0b6f4b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' },
      { id: 'b', patient_id: '123' },
      { id: 'c', patient_id: 'x.9' },
      { id: 'd', patient_id: null },
      { id: 'e', patient_id: null },
      { id: 'f', patient_id: '7' },
    ]);
  });

  it('reports each line that is not a resource with its file and line, and loads the others', async () => {
    write(
      'Patient.ndjson',
      line({ resourceType: 'Patient', id: 'p1' }),
      '{"resourceType": "Patient", "id": ',
      '',
    );
    write(
      'Observation.001.ndjson',
      line({ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/p1' } }),
      '',
      '[1, 2]',
      line({ id: 'no-type' }),
      line({ resourceType: 7, id: 'numeric-type' }),
      line({ resourceType: 'Observation', id: 'o2', subject: { reference: 'Patient/p1' } }),
    );
    const result = await loadBulkExport(connection, dir);
    expect(result.loaded).toBe(3);
    expect(result.problems).toEqual([
      { file: 'Observation.001.ndjson', line: 3, message: 'a JSON array, not a resource object' },
      {
        file: 'Observation.001.ndjson',
        line: 4,
        message: 'an object without a string resourceType, not a FHIR resource',
      },
      {
        file: 'Observation.001.ndjson',
        line: 5,
        message: 'an object without a string resourceType, not a FHIR resource',
      },
      { file: 'Patient.ndjson', line: 2, message: 'not valid JSON: Unexpected end of JSON input' },
    ]);
    expect(await rows('SELECT id FROM resources ORDER BY id')).toEqual([
      { id: 'o1' },
      { id: 'o2' },
      { id: 'p1' },
    ]);
  });

  it('reads CRLF line ends, and reports a first line DuckDB cannot read for its byte order mark', () =>
    (async () => {
      writeFileSync(
        join(dir, 'Patient.ndjson'),
        `\uFEFF${line({ resourceType: 'Patient', id: 'p1' })}\r\n{"resourceType": \r\n\r\n${line({ resourceType: 'Patient', id: 'p2' })}\r\n`,
      );
      const result = await loadBulkExport(connection, dir);
      expect(result.loaded).toBe(1);
      expect(result.problems).toEqual([
        {
          file: 'Patient.ndjson',
          line: 1,
          message:
            'starts with a byte order mark, which DuckDB cannot read: the line is not loaded (remove the mark)',
        },
        { file: 'Patient.ndjson', line: 2, message: 'not valid JSON: Unexpected end of JSON input' },
      ]);
    })());

  it('reads the files a manifest lists, reports the ones it lacks, and still reads unlisted ones', async () => {
    write('1.Patient.ndjson', line({ resourceType: 'Patient', id: 'p1' }));
    write(
      'extra.ndjson',
      line({ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p1' } }),
    );
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        transactionTime: '2025-03-15T00:00:00Z',
        request: 'https://bulk.example/fhir/$export',
        requiresAccessToken: true,
        output: [
          { type: 'Patient', url: 'https://bulk.example/files/1.Patient.ndjson' },
          { type: 'Observation', url: 'https://bulk.example/files/2.Observation.ndjson' },
        ],
        error: [],
      }),
    );
    const result = await loadBulkExport(connection, dir);
    expect(result).toEqual({
      loaded: 2,
      files: ['1.Patient.ndjson', 'extra.ndjson'],
      problems: [
        {
          file: '2.Observation.ndjson',
          line: 0,
          message:
            'listed in manifest.json (https://bulk.example/files/2.Observation.ndjson) but not in the export folder',
        },
      ],
    });
  });

  it('reports a manifest it cannot read and goes on with the folder', async () => {
    write('Patient.ndjson', line({ resourceType: 'Patient', id: 'p1' }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ output: 'none' }));
    const result = await loadBulkExport(connection, dir);
    expect(result.loaded).toBe(1);
    expect(result.problems).toEqual([
      {
        file: 'manifest.json',
        line: 0,
        message: 'manifest not read: Invalid input: expected array, received string',
      },
    ]);
  });

  it('keeps keys that appear only after the first 20,480 lines (no schema inference)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 25_000; i += 1)
      lines.push(line({ resourceType: 'Observation', id: `o${i}`, valueQuantity: { value: i } }));
    lines.push(
      line({
        resourceType: 'Observation',
        id: 'late',
        valueQuantity: { value: 5, comparator: '<' },
        dataAbsentReason: {},
      }),
    );
    write('Observation.ndjson', ...lines);
    await loadBulkExport(connection, dir);
    expect(
      await rows(
        "SELECT resource->'valueQuantity'->>'comparator' AS comparator, json_exists(resource, '$.dataAbsentReason') AS absent FROM resources WHERE id = 'late'",
      ),
    ).toEqual([{ comparator: '<', absent: true }]);
  });

  it('writes Parquet and loads it back to identical rows', async () => {
    write('Patient.ndjson', line({ resourceType: 'Patient', id: 'p1', birthDate: '1980' }));
    write(
      'Observation.ndjson',
      line({
        resourceType: 'Observation',
        id: 'o1',
        subject: { reference: 'Patient/p1' },
        valueQuantity: { value: 1.25, unit: 'mg/dL' },
      }),
      line({
        resourceType: 'Observation',
        id: 'o2',
        subject: { reference: 'urn:uuid:p1' },
        note: [{ text: "it's 'quoted' \u00e9" }],
      }),
    );
    const parquet = join(dir, "out 'quoted'.parquet");
    const loaded = await loadBulkExport(connection, dir, { parquet });
    const before = await rows(
      'SELECT resource_type, id, patient_id, resource::VARCHAR AS r FROM resources ORDER BY id',
    );
    await connection.run('DROP TABLE resources');
    expect(await loadParquet(connection, parquet, { table: 'again' })).toEqual({ loaded: loaded.loaded });
    expect(await rows('SELECT typeof(resource) AS t FROM again LIMIT 1')).toEqual([{ t: 'JSON' }]);
    expect(
      await rows('SELECT resource_type, id, patient_id, resource::VARCHAR AS r FROM again ORDER BY id'),
    ).toEqual(before);
    expect(before).toHaveLength(3);
  });

  it('refuses a table name that is not a plain identifier', async () => {
    await expect(loadBulkExport(connection, dir, { table: 'x; DROP TABLE y' })).rejects.toThrow(
      "table name 'x; DROP TABLE y' is not a plain identifier (letters, digits, _)",
    );
  });
});
