import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { patientIdOf, resourceRowsSql } from './patientRef';
import { sqlString } from './sql';

const cases: [Record<string, unknown>, string | undefined][] = [
  [{ resourceType: 'Patient', id: 'p-1' }, 'p-1'],
  [{ resourceType: 'Patient' }, undefined],
  [{ resourceType: 'Observation', subject: { reference: 'Patient/123' } }, '123'],
  [{ resourceType: 'Observation', subject: { reference: 'Patient/123/_history/4' } }, '123'],
  [{ resourceType: 'Observation', subject: { reference: 'https://h.example/fhir/Patient/a.b' } }, 'a.b'],
  [
    { resourceType: 'Observation', subject: { reference: 'urn:uuid:6f1c2a3b-0000-4000-8000-000000000001' } },
    '6f1c2a3b-0000-4000-8000-000000000001',
  ],
  [{ resourceType: 'Observation', subject: { reference: 'urn:oid:1.2.3' } }, undefined],
  [{ resourceType: 'Observation', subject: { reference: 'Group/9' } }, undefined],
  [{ resourceType: 'Observation', subject: { reference: '#contained' } }, undefined],
  [
    {
      resourceType: 'Observation',
      subject: { display: 'no reference' },
      patient: { reference: 'Patient/2' },
    },
    '2',
  ],
  [{ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/3' } }, '3'],
  [{ resourceType: 'Coverage', beneficiary: { reference: 'Patient/4' } }, '4'],
  [{ resourceType: 'Observation' }, undefined],
];

/** References built from every combination of the pieces a reference is made of, well formed or not. */
function referenceGrid(): string[] {
  const prefixes = ['', '/', 'https://h.example/fhir/', 'x', 'urn:uuid:', 'urn:uuid:a/', 'Group/'];
  const types = ['Patient/', 'patient/', 'Patient', 'XPatient/', ''];
  const ids = ['1', 'a.b-c', '', 'a b', '_history'];
  const tails = ['', '/', '/_history/2', '/_history/', '/_history/2/x', '/_history/2/_history/3'];
  const grid: string[] = [];
  for (const p of prefixes)
    for (const t of types) for (const i of ids) for (const s of tails) grid.push(p + t + i + s);
  return grid;
}

async function sqlPatientIds(resources: readonly Record<string, unknown>[]): Promise<(string | undefined)[]> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const values = resources.map((r, i) => `(${i}, ${sqlString(JSON.stringify(r))}::JSON)`).join(', ');
  await connection.run(`CREATE TABLE input AS SELECT * FROM (VALUES ${values}) AS t(i, json)`);
  const reader = await connection.runAndReadAll(
    `SELECT patient_id FROM (${resourceRowsSql('(SELECT json FROM input ORDER BY i)')})`,
  );
  connection.closeSync();
  return reader.getRowObjectsJson().map((row) => (row.patient_id ?? undefined) as string | undefined);
}

describe('patient of a resource', () => {
  it.each(cases)('%j → %s in JavaScript', (resource, expected) => {
    expect(patientIdOf(resource)).toBe(expected);
  });

  it('gives the same answers in SQL', async () => {
    expect(await sqlPatientIds(cases.map(([r]) => r))).toEqual(cases.map(([, id]) => id));
  });

  it(`agrees between JavaScript and SQL on ${referenceGrid().length} references, well formed or not`, async () => {
    const resources = referenceGrid().map((reference) => ({
      resourceType: 'Observation',
      subject: { reference },
    }));
    const expected = resources.map(patientIdOf);
    expect(expected.filter((id) => id !== undefined).length).toBeGreaterThan(20);
    expect(await sqlPatientIds(resources)).toEqual(expected);
  });
});
