import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadResult, loadBulkExport } from '../bulk/load';
import { generateBulkExport } from './export';

/**
 * A 500-patient export holds every kind of mess it is meant to, counted from the files themselves
 * (loaded into DuckDB), not from the generator's own bookkeeping.
 */
let connection: DuckDBConnection;
let dir: string;
let loaded: LoadResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eligo-mess-'));
  generateBulkExport({ seed: 20250315, patients: 500, dir, filesPerType: 3 });
  connection = await (await DuckDBInstance.create(':memory:')).connect();
  loaded = await loadBulkExport(connection, dir);
});
afterAll(() => {
  connection.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** Counts by key of a query returning (key, n). */
async function counts(sql: string): Promise<Record<string, number>> {
  const rows = (await connection.runAndReadAll(sql)).getRowObjectsJson();
  return Object.fromEntries(rows.map((row) => [String(row.k), Number(row.n)]));
}

const OBS = `FROM resources WHERE resource_type = 'Observation'`;
/** Parenthesised: DuckDB's -> binds more loosely than AND. */
const code = `(resource->'code'->'coding'->0->>'code')`;

describe('a 500-patient synthetic export', () => {
  it('loads whole: no problems, several files per type, every record tied to a Patient of the export', async () => {
    expect(loaded.problems).toEqual([]);
    const perType = await counts(
      `SELECT regexp_extract(f, '^([A-Za-z]+)', 1) AS k, count(*) AS n FROM unnest(${JSON.stringify(loaded.files).replaceAll('"', "'")}) AS t(f) GROUP BY k`,
    );
    for (const type of [
      'Patient',
      'Observation',
      'Condition',
      'MedicationStatement',
      'MedicationRequest',
      'Procedure',
    ])
      expect(perType[type], type).toBe(3);
    expect(
      await counts(`SELECT 'patients' AS k, count(*) AS n FROM resources WHERE resource_type = 'Patient'`),
    ).toEqual({
      patients: 500,
    });
    const orphans = await counts(
      `SELECT 'orphans' AS k, count(*) AS n FROM resources r
        WHERE r.resource_type <> 'Patient'
          AND NOT EXISTS (SELECT 1 FROM resources p WHERE p.resource_type = 'Patient' AND p.id = r.patient_id)`,
    );
    expect(orphans).toEqual({ orphans: 0 });
  });

  it('has about 20 Observations per patient, Conditions and medications', async () => {
    const per = await counts(`SELECT resource_type AS k, count(*) AS n FROM resources GROUP BY k`);
    expect(per.Observation).toBeGreaterThan(500 * 17);
    expect(per.Observation).toBeLessThan(500 * 25);
    expect(per.Condition).toBeGreaterThan(500);
    expect((per.MedicationStatement ?? 0) + (per.MedicationRequest ?? 0)).toBeGreaterThan(500);
    expect(per.Procedure).toBeGreaterThan(200);
    expect(per.AllergyIntolerance).toBeGreaterThan(10);
    expect(per.Coverage).toBeGreaterThan(50);
  });

  it('has patients with nothing on record but the Patient resource', async () => {
    const bare = await counts(
      `SELECT 'bare' AS k, count(*) AS n FROM resources p WHERE p.resource_type = 'Patient'
         AND NOT EXISTS (SELECT 1 FROM resources r WHERE r.patient_id = p.id AND r.resource_type <> 'Patient')`,
    );
    expect(bare.bare).toBeGreaterThan(10);
  });

  it('reports creatinine, haemoglobin, urine protein and the protein ratios in several units', async () => {
    const units = await counts(
      `SELECT ${code} || ' ' || (resource->'valueQuantity'->>'code') AS k, count(*) AS n ${OBS}
         AND json_exists(resource, '$.valueQuantity') GROUP BY k`,
    );
    for (const key of [
      '2160-0 mg/dL',
      '14682-9 umol/L',
      '2160-0 umol/L',
      '718-7 g/L',
      '718-7 g/dL',
      '2889-4 g/(24.h)',
      '2889-4 mg/(24.h)',
      '2890-2 g/g',
      '2890-2 mg/g',
      '2890-2 mg/mmol',
      '9318-7 mg/g',
      '9318-7 mg/mmol',
      '14631-6 umol/L',
      '1975-2 mg/dL',
      '6690-2 10*3/uL',
      '98979-8 mL/min/1.73m2',
    ])
      expect(units[key] ?? 0, key).toBeGreaterThan(3);
  });

  it('has comparators, missing values and data-absent reasons', async () => {
    const comparators = await counts(
      `SELECT resource->'valueQuantity'->>'comparator' AS k, count(*) AS n ${OBS} GROUP BY k`,
    );
    expect(comparators['<']).toBeGreaterThan(100);
    expect(comparators['>']).toBeGreaterThan(10);
    expect(comparators['>=']).toBeGreaterThan(0);
    const absent = await counts(
      `SELECT CASE WHEN json_exists(resource, '$.dataAbsentReason') THEN 'reason'
                   WHEN NOT json_exists(resource, '$.valueQuantity') AND NOT json_exists(resource, '$.valueCodeableConcept') THEN 'none'
                   ELSE 'value' END AS k, count(*) AS n ${OBS} GROUP BY k`,
    );
    expect(absent.reason).toBeGreaterThan(50);
    expect(absent.none).toBeGreaterThan(50);
  });

  it('has partial, timed, missing and future dates', async () => {
    const forms = await counts(
      `SELECT CASE WHEN d IS NULL THEN 'missing' WHEN length(d) = 4 THEN 'year' WHEN length(d) = 7 THEN 'month'
                   WHEN length(d) > 10 THEN 'timed' WHEN d > '2025-03-15' THEN 'future' ELSE 'day' END AS k, count(*) AS n
         FROM (SELECT resource->>'effectiveDateTime' AS d ${OBS}) GROUP BY k`,
    );
    for (const form of ['missing', 'year', 'month', 'timed', 'future'])
      expect(forms[form] ?? 0, form).toBeGreaterThan(10);
    const births = await counts(
      `SELECT length(resource->>'birthDate') AS k, count(*) AS n FROM resources WHERE resource_type = 'Patient' GROUP BY k`,
    );
    expect(births['10']).toBeGreaterThan(400);
    expect((births['4'] ?? 0) + (births['7'] ?? 0)).toBeGreaterThan(3);
    const onsets = await counts(
      `SELECT length(resource->>'onsetDateTime') AS k, count(*) AS n FROM resources WHERE resource_type = 'Condition' GROUP BY k`,
    );
    expect((onsets['4'] ?? 0) + (onsets['7'] ?? 0)).toBeGreaterThan(10);
  });

  it('has entered-in-error and other statuses that must not count, in every resource type that has them', async () => {
    const statuses = await counts(
      `SELECT resource_type || ' ' || coalesce(resource->>'status', resource->'verificationStatus'->'coding'->0->>'code') AS k,
              count(*) AS n FROM resources GROUP BY k`,
    );
    for (const key of [
      'Observation entered-in-error',
      'Observation preliminary',
      'Observation cancelled',
      'Condition entered-in-error',
      'Condition refuted',
      'Condition provisional',
      'Condition differential',
      'Condition unconfirmed',
      'MedicationStatement entered-in-error',
      'MedicationStatement not-taken',
      'MedicationRequest entered-in-error',
      'MedicationRequest cancelled',
      'Procedure entered-in-error',
      'Procedure not-done',
    ])
      expect(statuses[key] ?? 0, key).toBeGreaterThan(0);
    const clinical = await counts(
      `SELECT coalesce(resource->'clinicalStatus'->'coding'->0->>'code', 'none') AS k, count(*) AS n
         FROM resources WHERE resource_type = 'Condition' GROUP BY k`,
    );
    for (const key of ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved', 'none'])
      expect(clinical[key] ?? 0, key).toBeGreaterThan(0);
  });

  it('has reference ranges on most results that have a ULN, and not on all', async () => {
    const ranges = await counts(
      `SELECT json_exists(resource, '$.referenceRange[0].high')::VARCHAR AS k, count(*) AS n ${OBS}
         AND ${code} IN ('1742-6', '1920-8', '6301-6', '5902-2') GROUP BY k`,
    );
    expect(ranges.true).toBeGreaterThan(10 * (ranges.false ?? 0));
    expect(ranges.false).toBeGreaterThan(10);
  });

  it('has dosage on medication statements and requests, and the codes of the protocol', async () => {
    const dosed = await counts(
      `SELECT resource_type AS k, count(*) AS n FROM resources
        WHERE (resource_type = 'MedicationStatement' AND json_exists(resource, '$.dosage[0].doseAndRate[0].doseQuantity.value'))
           OR (resource_type = 'MedicationRequest' AND json_exists(resource, '$.dosageInstruction[0].doseAndRate[0].doseQuantity.value'))
        GROUP BY k`,
    );
    expect(dosed.MedicationStatement).toBeGreaterThan(100);
    expect(dosed.MedicationRequest).toBeGreaterThan(100);
    const atc = await counts(
      `SELECT left(resource->'medicationCodeableConcept'->'coding'->0->>'code', 4) AS k, count(*) AS n
         FROM resources WHERE resource_type LIKE 'Medication%' GROUP BY k`,
    );
    for (const group of ['C09C', 'C09A', 'H02A', 'L04A', 'L01A', 'L01F', 'L03A'])
      expect(atc[group] ?? 0, group).toBeGreaterThan(0);
    const diagnoses = await counts(
      `SELECT c->>'code' AS k, count(*) AS n FROM resources, unnest(CAST(resource->'code'->'coding' AS JSON[])) AS u(c)
        WHERE resource_type = 'Condition' GROUP BY k`,
    );
    for (const icd of ['N02.8', '236407003', 'N04.2', 'M31.7', 'N08.5', 'N04.1', 'E11.9', 'N18.6'])
      expect(diagnoses[icd] ?? 0, icd).toBeGreaterThan(0);
    const biopsies = await counts(
      `SELECT ${code} AS k, count(*) AS n FROM resources WHERE resource_type = 'Procedure' GROUP BY k`,
    );
    expect(biopsies['90241008']).toBeGreaterThan(100);
  });

  it('refers to patients as Patient/id, urn:uuid and absolute URLs, in subject, patient and beneficiary', async () => {
    const forms = await counts(
      `SELECT CASE WHEN ref LIKE 'urn:uuid:%' THEN 'urn' WHEN ref LIKE 'https://%' THEN 'absolute' ELSE 'relative' END
              || ' ' || field AS k, count(*) AS n
         FROM (SELECT coalesce(resource->'subject'->>'reference', resource->'patient'->>'reference', resource->'beneficiary'->>'reference') AS ref,
                      CASE WHEN json_exists(resource, '$.subject') THEN 'subject' WHEN json_exists(resource, '$.patient') THEN 'patient' ELSE 'beneficiary' END AS field
                 FROM resources WHERE resource_type <> 'Patient') GROUP BY k`,
    );
    for (const key of [
      'relative subject',
      'urn subject',
      'absolute subject',
      'relative patient',
      'relative beneficiary',
    ])
      expect(forms[key] ?? 0, key).toBeGreaterThan(0);
  });
});
