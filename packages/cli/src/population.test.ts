import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, createFunnel, type FunnelResult } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { bundledProtocols, readProtocolSource } from '@eligo/protocols';
import { generateBulkExport, patientBundles } from '@eligo/sql';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { cli } from './testing/cli';

const PROTOCOL = bundledProtocols.NCT06469190;
const TREND_PROTOCOL = `trial T-TREND "Weight loss"
lab weight "Body weight" in kg from loinc 29463-7
lab height "Body height" in cm from loinc 8302-2
lab creatinine "Serum creatinine" in mg/dL from loinc 2160-0
define surface "Body surface area" = bsa_mosteller(weight, height)
inclusion
  IN-1 "Body surface area fell by a tenth"
    source "Body surface area fallen by 10 % or more within 6 months."
    met if surface fell by at least 10 % within 6 months
  IN-2 "Creatinine"
    source "Serum creatinine below 1.5 mg/dL."
    met if creatinine < 1.5 mg/dL
`;
const asOf = '2025-03-15';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eligo-population-'));
  generateBulkExport({ seed: 11, patients: 120, dir, filesPerType: 2, asOf });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eligo population', () => {
  it('prints the funnel the in-process path counts for the same export', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await cli([
      'population',
      PROTOCOL,
      dir,
      '--as-of',
      asOf,
      '--json',
      '--partial',
      '--memory-limit',
      '1GB',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { summary, notComputed = [] } = JSON.parse(stdout) as {
      summary: FunnelResult;
      notComputed?: { criterion: string }[];
    };
    const { protocol } = compile(readProtocolSource('NCT06469190').text);
    const funnel = createFunnel(protocol!.info);
    for await (const { bundle } of patientBundles(dir)) {
      const read = bundleToFacts(protocol!.info, bundle, asOf);
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      const input = { asOf, facts: read.facts };
      funnel.add({ verdicts: protocol!.verdicts(input), statuses: protocol!.evaluate(input).statuses });
    }
    const expected = funnel.result();
    const skipped = new Set(notComputed.map((p) => p.criterion));
    if (skipped.size === 0) expect(summary).toEqual(expected);
    // Criteria computed in SQL count the same patients as the in-process path counts.
    summary.cohorts.forEach((cohort, k) => {
      expect(cohort.total).toBe(120);
      cohort.criteria.forEach((c, j) => {
        if (skipped.has(c.id)) return;
        const e = expected.cohorts[k]!.criteria[j]!;
        expect([c.id, c.met, c.not_met, c.unknown], c.id).toEqual([e.id, e.met, e.not_met, e.unknown]);
      });
    });
  });

  it('keeps the loaded export as Parquet, and counts the same funnel from it', {
    timeout: 60_000,
  }, async () => {
    const kept = join(dir, '..', `${dir.split('/').pop()}-kept.parquet`);
    onTestFinished(() => rmSync(kept, { force: true }));
    const args = ['--as-of', asOf, '--json', '--partial'];
    const first = await cli(['population', PROTOCOL, dir, ...args, '--save-parquet', kept]);
    expect([first.code, first.stderr]).toEqual([0, '']);
    const again = await cli(['population', PROTOCOL, kept, ...args]);
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));

    const missing = await cli(['population', PROTOCOL, join(dir, 'none.parquet'), ...args]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `eligo population: cannot read '${join(dir, 'none.parquet')}': no such file\n`,
    ]);
    const unmatched = await cli(['population', PROTOCOL, join(dir, 'none-*.parquet'), ...args]);
    expect([unmatched.code, unmatched.stderr]).toEqual([
      2,
      `eligo population: no Parquet file matches '${join(dir, 'none-*.parquet')}'\n`,
    ]);
    const named = await cli(['population', PROTOCOL, dir, ...args, '--save-parquet', 'kept.csv']);
    expect([named.code, named.stderr]).toEqual([
      2,
      "eligo population: --save-parquet 'kept.csv': expected a file name ending in .parquet\n",
    ]);
  });

  it('refuses a protocol it cannot compute in full unless asked for a partial count', {
    timeout: 60_000,
  }, async () => {
    // A trend over a series a calculator computes (other than CKD-EPI) has no SQL form yet.
    const trend = join(dir, '..', `${dir.split('/').pop()}-trend.eligo`);
    writeFileSync(trend, TREND_PROTOCOL);
    onTestFinished(() => rmSync(trend, { force: true }));
    const refused = await cli(['population', trend, dir, '--as-of', asOf]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'IN-1 cannot be compiled to SQL: a trend over a computed series (`latest of`, a calculator) has no SQL form yet',
    );
    expect(refused.stderr).toContain('--partial');
    const partial = await cli(['population', trend, dir, '--as-of', asOf, '--partial', '--json']);
    expect(partial.code).toBe(0);
    expect(
      (JSON.parse(partial.stdout) as { notComputed: { criterion: string }[] }).notComputed.map(
        (p) => p.criterion,
      ),
    ).toEqual(['IN-1']);
  });

  it('prints the query for another engine with --sql-only, and checks its options', async () => {
    const sqlOnly = (dialect: string, ...more: string[]) =>
      cli(['population', PROTOCOL, '--sql-only', '--dialect', dialect, ...more, '--as-of', asOf]);
    const trino = await sqlOnly('trino', '--partial');
    expect(trino.code).toBe(0);
    expect(trino.stdout).toContain('-- CREATE TABLE eligo_result (pid INTEGER');
    expect(trino.stdout).toContain('-- C-IN-1 Age 18 to 70 years (inclusion)');
    expect(trino.stdout).not.toContain('SET ');
    // PostgreSQL's query comes with the session settings it needs (no JIT, no nested loops).
    const postgres = await sqlOnly('postgres');
    expect(postgres.code).toBe(0);
    expect(postgres.stdout).toContain('\nSET jit = off;\nSET enable_nestloop = off;\nWITH\n');
    expect(postgres.stdout).toContain(' AS MATERIALIZED (\n');
    const bad = await cli(['population', PROTOCOL, '--sql-only', '--dialect', 'oracle']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      "eligo population: --dialect 'oracle': expected duckdb, postgres, spark, trino\n",
    ]);
    const date = await cli(['population', PROTOCOL, dir, '--as-of', '2025-3-1']);
    expect([date.code, date.stderr]).toEqual([
      2,
      "eligo population: --as-of '2025-3-1': expected YYYY-MM-DD\n",
    ]);
    const memory = await cli(['population', PROTOCOL, dir, '--memory-limit', 'lots']);
    expect([memory.code, memory.stderr]).toEqual([
      2,
      "eligo population: --memory-limit 'lots': expected a size such as 512MB or 4GB\n",
    ]);
    const small = await cli(['population', PROTOCOL, dir, '--partial', '--memory-limit', '64MB']);
    expect([small.code, small.stderr]).toEqual([
      2,
      'eligo population: DuckDB ran out of memory under --memory-limit 64MB; give it more (the query itself needs about 1GB)\n',
    ]);
    const pg = await cli(['population', PROTOCOL, dir, '--engine', 'postgres']);
    expect(pg.code).toBe(2);
    expect(pg.stderr).toBe(
      'eligo population: --engine postgres reads the server from DATABASE_URL, which is not set\n',
    );
  });
});
