import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { patientIdOf, patientIdSql } from './patientRef';
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

describe('patient of a resource', () => {
  it.each(cases)('%j → %s in JavaScript', (resource, expected) => {
    expect(patientIdOf(resource)).toBe(expected);
  });

  it('gives the same answers in SQL', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const values = cases.map(([r], i) => `(${i}, ${sqlString(JSON.stringify(r))}::JSON)`).join(', ');
    const reader = await connection.runAndReadAll(
      `SELECT i, ${patientIdSql('r')} AS patient FROM (VALUES ${values}) AS t(i, r) ORDER BY i`,
    );
    expect(reader.getRowObjectsJson().map((row) => row.patient ?? undefined)).toEqual(
      cases.map(([, id]) => id),
    );
    connection.closeSync();
  });
});
