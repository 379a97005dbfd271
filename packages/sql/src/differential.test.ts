import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, createFunnel, funnelFromRow, funnelSql, protocolToSql, VERDICT_CODES } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { readProtocolSource } from '@eligo/protocols';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_ROWS } from '../fuzz/observations';
import { loadBulkExport } from './bulk/load';
import { duckDbEngine } from './engines/engine';
import { loadFactsFromResources } from './population/fromResources';
import { runPopulation } from './population/run';
import { patientBundles } from './synthetic/bundles';
import { generateBulkExport } from './synthetic/export';
import { DEFAULT_AS_OF } from './synthetic/patient';

/**
 * The differential test: a seeded synthetic bulk export, messy on purpose (unit variants, partial
 * dates, comparators, missing values, entered-in-error records, several files per type), screened
 * by the SQL path (DuckDB: the export loaded without inference, each patient read into the input
 * tables, the protocol's one query) and by the in-process path (each patient's Bundle through
 * @eligo/fhir and the fast path). Every patient gets the same status for every criterion that
 * compiles, and the same verdicts and funnel where the whole protocol compiles.
 */
const TRI = [0, 2, 1];
const PATIENTS = 400;
const asOf = DEFAULT_AS_OF;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eligo-differential-'));
  generateBulkExport({ seed: 20261206, patients: PATIENTS, dir, filesPerType: 3, asOf });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQL path against the in-process path on a synthetic bulk export', () => {
  const { protocol } = compile(readProtocolSource('NCT06469190').text);

  it.each([
    ['every resource read in Node', false],
    ['Observations read per distinct shape and written by SQL', true],
  ])(
    'gives every patient the same status for every criterion, and the same funnel: %s',
    async (_, observationsInSql) => {
      const engine = await duckDbEngine();
      try {
        const loaded = await loadBulkExport(engine.connection, dir);
        expect(loaded.problems).toEqual([]);
        // Read in chunks by a thread of its own, as a large export is: the batches come back in order.
        const read = await loadFactsFromResources(engine.connection, protocol!, asOf, {
          threads: 1,
          chunkSize: 37,
          observationsInSql,
        });
        expect(read.unread).toEqual([]);
        expect(read.patients).toBe(PATIENTS);
        const query = protocolToSql(protocol!, {
          dialect: 'duckdb',
          asOf,
          units: await engine.units(),
          partial: true,
        });
        if (!query.ok) throw new Error('a partial compile always gives a query');
        const skipped = new Set(query.skipped.map((p) => p.criterion));
        // Every criterion of the trial compiles, so verdicts and the funnel are compared too.
        expect([...skipped]).toEqual([]);
        const rows = new Map((await engine.rows(query.sql)).map((r) => [String(r.ref), r]));

        const funnel = createFunnel(protocol!.info);
        let compared = 0;
        const statusesSeen = new Set<number>();
        const trend = new Set<number>();
        for await (const { patientId, bundle } of patientBundles(dir)) {
          const facts = bundleToFacts(protocol!.info, bundle, asOf);
          if (!facts.ok) throw new Error(`${patientId}: ${JSON.stringify(facts.errors)}`);
          const input = { asOf, facts: facts.facts };
          const fast = protocol!.evaluate(input);
          funnel.add({ verdicts: protocol!.verdicts(input), statuses: fast.statuses });
          const row = rows.get(patientId);
          expect(row, patientId).toBeDefined();
          query.criteria.forEach((k, c) => {
            if (skipped.has(k.id) || k.heading) return;
            statusesSeen.add(fast.statuses[c]!);
            if (k.id === 'IgAN-IN-3') trend.add(fast.statuses[c]!);
            expect(TRI[row![k.column] as number], `${patientId} ${k.id}`).toBe(fast.statuses[c]);
            compared++;
          });
          if (skipped.size === 0)
            expect(query.cohorts.map((k) => VERDICT_CODES[row![k.column] as number])).toEqual(
              protocol!.verdicts(input),
            );
        }
        // The export must exercise all three answers, or agreement would prove little.
        expect([...statusesSeen].sort()).toEqual([0, 1, 2]);
        // IgAN-IN-3 reads a trend of the latest of a laboratory eGFR and CKD-EPI per creatinine.
        expect([...trend].sort()).toEqual([0, 1, 2]);
        expect(compared).toBeGreaterThan(PATIENTS * 30);
        if (skipped.size === 0) {
          const shape = funnelSql(protocol!, query);
          const [row] = await engine.rows(shape.sql);
          expect(funnelFromRow(protocol!, shape, row as Record<string, number>)).toEqual(funnel.result());
        }
        console.info(
          `differential: ${PATIENTS} patients, ${compared} statuses equal; not compiled: ${[...skipped].join(', ') || 'none'}`,
        );
      } finally {
        await engine.close();
      }
    },
  );

  it('writes the same results in SQL as the Node reading does, in the same order per patient and element', async () => {
    // Patients SQL cannot take whole: one whose Observation names it with a versioned reference,
    // one without a Patient resource. Their Observations are read in Node, listed in the query
    // or (past inlineUpTo) dropped in Node for the others.
    const extra = join(dir, 'Observation.extra.ndjson');
    // And one with an explicit null in a field the reader reads (its patient unread, both ways),
    // one with a null in a field it never reads (read as if absent, both ways).
    const observation = (id: string, reference: string, more: object = {}) =>
      JSON.stringify({
        resourceType: 'Observation',
        id,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] },
        subject: { reference },
        effectiveDateTime: '2025-01-02',
        valueQuantity: { value: 101, unit: 'g/L', system: 'http://unitsofmeasure.org', code: 'g/L' },
        ...more,
      });
    const bundles = patientBundles(dir)[Symbol.asyncIterator]();
    const [first, second, third] = [
      (await bundles.next()).value!.patientId,
      (await bundles.next()).value!.patientId,
      (await bundles.next()).value!.patientId,
    ];
    writeFileSync(
      extra,
      [
        observation('x1', `Patient/${first}/_history/2`),
        observation('x2', 'Patient/nobody'),
        observation('x3', `Patient/${second}`, { method: null }),
        observation('x4', `Patient/${third}`, { note: null }),
      ].join('\n'),
    );
    // Unset, as `eligo population` leaves it: Observations are read in SQL at this size.
    const rowsOf = async (observationsInSql: boolean | undefined, inlineUpTo?: number) => {
      const engine = await duckDbEngine();
      try {
        await loadBulkExport(engine.connection, dir);
        const read = await loadFactsFromResources(engine.connection, protocol!, asOf, {
          threads: 0,
          ...(observationsInSql === undefined ? {} : { observationsInSql }),
          ...(inlineUpTo === undefined ? {} : { inlineUpTo }),
        });
        if (observationsInSql === false) expect(read.observations).toBeUndefined();
        else expect(read.observations?.results).toBeGreaterThan(PATIENTS * 10);
        return await engine.rows(RESULT_ROWS);
      } finally {
        await engine.close();
      }
    };
    try {
      const node = await rowsOf(false);
      expect(node.length).toBeGreaterThan(PATIENTS * 10);
      expect(node.filter((r) => r.ref === 'nobody')).toHaveLength(1);
      expect(node.filter((r) => r.ref === second)).toHaveLength(0);
      expect(node.filter((r) => r.ref === third && r.value === 101)).toHaveLength(1);
      expect(await rowsOf(true)).toEqual(node);
      expect(await rowsOf(true, 0)).toEqual(node);
      expect(await rowsOf(undefined)).toEqual(node);
    } finally {
      rmSync(extra);
    }
  });

  it('runs end to end as `eligo population` does, counting every patient', async () => {
    const result = await runPopulation({ protocol: protocol!, dir, asOf, partial: true });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.patients).toBe(PATIENTS);
    expect(result.slices).toBe(1);
    for (const cohort of result.summary.cohorts) {
      expect(cohort.total).toBe(PATIENTS);
      expect(cohort.eligible + cohort.ineligible + cohort.undetermined).toBe(PATIENTS);
    }
    // Counted 150 patients at a time (a last slice short), and with Observations read in SQL: the same funnel.
    const counted: string[] = [];
    const sliced = await runPopulation({
      protocol: protocol!,
      dir,
      asOf,
      partial: true,
      slicePatients: 150,
      observationsInSql: true,
      onProgress: (stage, p) => {
        if (stage === 'screen') counted.push(`${p.done}/${p.total}`);
      },
    });
    if (!sliced.ok) throw new Error(JSON.stringify(sliced.problems));
    expect(sliced.slices).toBe(Math.ceil(PATIENTS / 150));
    expect(counted).toEqual(['150/400', '300/400', '400/400']);
    expect(sliced.summary).toEqual(result.summary);
  });

  it('gives the same funnel from the Parquet a run kept, and from an export written in parts', async () => {
    const parquet = join(dir, 'kept.parquet');
    const ndjson = await runPopulation({ protocol: protocol!, dir, asOf, saveParquet: parquet });
    if (!ndjson.ok) throw new Error(JSON.stringify(ndjson.problems));
    const again = await runPopulation({ protocol: protocol!, dir: parquet, asOf });
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.patients).toBe(PATIENTS);
    expect(again.summary).toEqual(ndjson.summary);

    // The same patients exported in two parts (as a large export is written), each kept as Parquet.
    const parts = mkdtempSync(join(tmpdir(), 'eligo-parts-'));
    try {
      for (const [k, first, patients] of [
        [0, 0, 150],
        [1, 150, PATIENTS - 150],
      ] as const) {
        const part = join(parts, `part-${k}`);
        generateBulkExport({ seed: 20261206, first, patients, dir: part, filesPerType: 3, asOf });
        const engine = await duckDbEngine();
        try {
          await loadBulkExport(engine.connection, part, { parquet: join(parts, `${k}.parquet`) });
        } finally {
          await engine.close();
        }
      }
      const whole = await runPopulation({ protocol: protocol!, dir: join(parts, '*.parquet'), asOf });
      if (!whole.ok) throw new Error(JSON.stringify(whole.problems));
      expect(whole.summary).toEqual(ndjson.summary);
    } finally {
      rmSync(parts, { recursive: true, force: true });
    }
  });
});
