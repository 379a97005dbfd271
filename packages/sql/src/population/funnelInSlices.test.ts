import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, DEFAULT_TABLES, PopulationBuilder } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientBundles } from '../synthetic/bundles';
import { generateBulkExport } from '../synthetic/export';
import { DEFAULT_AS_OF } from '../synthetic/patient';
import { engines } from '../testing/agreement';
import { funnelInSlices } from './funnelInSlices';

/**
 * The funnel of 90 synthetic patients counted by one query and 25 patients at a time (four
 * slices, the last short), on each engine: the same counts, and no view left behind. A few of
 * NCT06469190's elements, which the synthetic export carries, in two cohorts.
 */
const PROTOCOL = `trial T-SLICES "Slices"
records complete for condition, medication
patient birth_date "Date of birth" from birthDate
patient sex "Administrative sex" from gender
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2, 26464-8
lab hemoglobin "Haemoglobin" in g/L from loinc 718-7
lab serum_creatinine "Serum creatinine" in mg/dL from loinc 2160-0, 14682-9 molar mass 113.12 g/mol
condition iga_nephropathy "IgA nephropathy" from icd10 N02.8, snomed 236407003
condition gilbert_syndrome "Gilbert syndrome" from icd10 E80.4, snomed 27503000
inclusion
  IN-1 "Adult" met if age(birth_date) >= 18
  IN-2 "White cells" met if wbc >= 3 10*9/L
exclusion
  EX-1 "Anaemia" met if hemoglobin < 90 g/L
cohort A "Kidney function"
  inclusion
    A-IN-1 "Kidney function" met if ckd_epi_2021(serum_creatinine, sex, birth_date) >= 45 mL/min/{1.73_m2}
  exclusion
    A-EX-1 "Gilbert syndrome" met if gilbert_syndrome
cohort B "IgA nephropathy"
  inclusion
    B-IN-1 "IgA nephropathy" met if iga_nephropathy
`;
const PATIENTS = 90;
const asOf = DEFAULT_AS_OF;
const { protocol } = compile(PROTOCOL);
let dir: string;
let batch: ReturnType<PopulationBuilder['build']>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eligo-slices-'));
  generateBulkExport({ seed: 20261207, patients: PATIENTS, dir, filesPerType: 2, asOf });
  const builder = new PopulationBuilder(protocol!.info, asOf);
  for await (const { bundle } of patientBundles(dir)) {
    const read = bundleToFacts(protocol!.info, bundle, asOf);
    if (read.ok) builder.add(read.facts);
  }
  batch = builder.build();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the funnel counted a slice of patients at a time', () => {
  for (const [name, open] of engines('eligo_sql_slices'))
    it(`adds up to the one query's counts (${name})`, async () => {
      const engine = await open();
      if (engine === undefined) {
        console.info(`${name}: not reachable, skipped`);
        return;
      }
      try {
        expect(batch.size).toBe(PATIENTS);
        await engine.load(batch);
        const options = { asOf, units: await engine.units() };
        const whole = await funnelInSlices(engine, protocol!, options);
        const counted: number[] = [];
        const sliced = await funnelInSlices(engine, protocol!, options, 25, (done, total) => {
          expect(total).toBe(PATIENTS);
          counted.push(done);
        });
        if (!whole.ok || !sliced.ok) throw new Error('the protocol compiles to SQL');
        expect(whole.slices).toBe(1);
        expect(sliced.slices).toBe(4);
        expect(counted).toEqual([25, 50, 75, 90]);
        expect(whole.summary.cohorts.map((c) => c.total)).toEqual(protocol!.info.cohorts.map(() => PATIENTS));
        // Counts that can tell slices apart: each answer given to someone.
        const criteria = whole.summary.cohorts.flatMap((c) => c.criteria);
        for (const answer of ['met', 'not_met', 'unknown'] as const)
          expect(
            criteria.some((c) => c[answer] > 0),
            answer,
          ).toBe(true);
        expect(sliced.summary).toEqual(whole.summary);
        // PostgreSQL finds each slice's rows through a block-range index on the patient number.
        if (engine.dialect === 'postgres') {
          const tables = Object.values(DEFAULT_TABLES);
          expect(
            await engine.rows(
              `SELECT COUNT(DISTINCT tablename) AS n FROM pg_indexes WHERE schemaname = current_schema()
                 AND indexdef LIKE '%USING brin (pid)' AND tablename IN (${tables.map((t) => `'${t}'`).join(', ')})`,
            ),
          ).toEqual([{ n: tables.length }]);
          // And runs the query with the session settings it needs (dialect.ts sessionSettings).
          expect(
            await engine.rows(
              `SELECT CASE WHEN current_setting('jit') = 'off' AND current_setting('enable_nestloop') = 'off' THEN 1 ELSE 0 END AS n`,
            ),
          ).toEqual([{ n: 1 }]);
        }
        // Stopped after its first slice (as an aborted run is): still no view left behind.
        await expect(
          funnelInSlices(engine, protocol!, options, 25, () => {
            throw new Error('stop');
          }),
        ).rejects.toThrow('stop');
        const views = await engine.rows(
          `SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%_slice'`,
        );
        expect(views).toEqual([]);
      } finally {
        await engine.close();
      }
    });
});
