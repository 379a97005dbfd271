// Generated patients through the SQL path, the explaining and population paths, and the fast
// path: `pnpm --filter @eligo/sql fuzz [patients] [seed]` (400 patients per trial by default;
// FUZZ_GENERATED protocols of one generated criterion each, half as many by default). Numbers as
// records hold them, the generator's extremes, and plausible numbers with the full dates spread
// around the screening date (spreadDates). Last, three exports with edited Observations are read
// with Observations in SQL and in Node. Prints each disagreement once with a first example; exits
// 1 when a query failed or two paths differ. FUZZ_OUT=<dir> writes each first example there as
// JSON; FUZZ_ENGINE=postgres runs the queries on PostgreSQL (DATABASE_URL), without the extremes
// (PostgreSQL refuses a DOUBLE that overflows).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '@eligo/core';
import { encodedCorpus, readProtocolSource } from '@eligo/protocols';
import fc from 'fast-check';
import { inputFor } from '../../core/fuzz/facts';
import { DECLARATIONS, expression } from '../../core/fuzz/targets';
import { postgresEngine, type SqlEngine } from '../src/engines/engine';
import { DEFAULT_AS_OF } from '../src/synthetic/patient';
import { mulberry32 } from '../src/synthetic/random';
import {
  type Disagreement,
  disagreements,
  inProcessDisagreements,
  plausible,
  plausibleSpread,
  populationInputs,
} from './differential';
import { editedExport, readBothWays } from './observations';

const patients = Number(process.argv[2] ?? 400);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const GENERATED_PROTOCOLS = Number(process.env.FUZZ_GENERATED ?? Math.max(1, Math.round(patients / 2)));

interface Report {
  patients: number;
  disagreements: Map<string, { count: number; first: Disagreement }>;
}

const postgres = process.env.FUZZ_ENGINE === 'postgres';
const engine: SqlEngine | undefined = postgres
  ? await postgresEngine(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', 'eligo_fuzz')
  : undefined;
const reports: Record<string, Report> = postgres
  ? { plausible: fresh(), 'spread dates': fresh() }
  : { plausible: fresh(), extreme: fresh(), 'spread dates': fresh() };

function fresh(): Report {
  return { patients: 0, disagreements: new Map() };
}

async function screen(label: string, text: string, n: number, s: number): Promise<void> {
  const { protocol } = compile(text);
  if (protocol === undefined) return;
  const raws = fc.sample(inputFor(protocol.info), { numRuns: n, seed: s });
  for (const [mode, report] of Object.entries(reports)) {
    const random = mulberry32(s);
    const shaped =
      mode === 'plausible'
        ? raws.map(plausible)
        : mode === 'extreme'
          ? raws
          : raws.map((raw) => plausibleSpread(raw, random));
    const inputs = populationInputs(protocol, shaped);
    report.patients += inputs.length;
    const found = [
      ...(await disagreements(protocol, inputs, engine)),
      ...inProcessDisagreements(protocol, inputs),
    ];
    for (const d of found) {
      const key = `${label} ${d.criterion}: ${d.failure ?? `${d.path} ${d.status}, fast path ${d.fast}`}`;
      const known = report.disagreements.get(key);
      if (known) known.count++;
      else report.disagreements.set(key, { count: 1, first: d });
    }
  }
}

console.log(
  `SQL (${postgres ? 'PostgreSQL' : 'DuckDB'}) against the fast path: ${patients} generated patients per trial, seed ${seed}`,
);
const started = performance.now();
for (const id of encodedCorpus()) {
  await screen(id, readProtocolSource(id).text, patients, seed);
  console.log(`${id.padEnd(14)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const criteria = fc.sample(expression, { numRuns: GENERATED_PROTOCOLS, seed });
for (const [i, criterion] of criteria.entries())
  await screen(`generated ${i}`, `${DECLARATIONS}${criterion}\n`, 20, seed + i);
console.log(
  `${GENERATED_PROTOCOLS} generated criteria ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// Statuses: 0 not met, 1 met, 2 unknown.
let failed = false;
const out = process.env.FUZZ_OUT;
if (out) mkdirSync(out, { recursive: true });
let written = 0;
for (const [mode, report] of Object.entries(reports)) {
  const title = mode === 'spread dates' ? 'plausible numbers, dates spread' : `${mode} numbers`;
  console.log(
    `\n${title}: ${report.patients.toLocaleString('en')} patients, ${report.disagreements.size} disagreements`,
  );
  for (const [key, { count, first }] of report.disagreements) {
    console.log(`  ${count} × ${key}\n    ${JSON.stringify(first.input).slice(0, 400)}`);
    if (out)
      writeFileSync(
        join(out, `${mode.replace(' ', '-')}-${written++}.json`),
        JSON.stringify({ key, ...first }, null, 2),
      );
    failed = true;
  }
}
await engine?.close();

// Observations read per distinct shape in SQL against Node, on exports with edited Observations.
const nct06469190 = compile(readProtocolSource('NCT06469190').text).protocol!;
let edited = 0;
let rows = 0;
let differing = 0;
for (const share of [0.02, 0.05, 0.1]) {
  const dir = mkdtempSync(join(tmpdir(), 'eligo-fuzz-observations-'));
  try {
    edited += editedExport(dir, patients, seed, DEFAULT_AS_OF, share);
    const read = await readBothWays(dir, nct06469190, DEFAULT_AS_OF);
    rows += read.node.length;
    const same =
      JSON.stringify(read.sql) === JSON.stringify(read.node) &&
      JSON.stringify(read.unreadSql) === JSON.stringify(read.unreadNode);
    if (!same) {
      differing++;
      failed = true;
      console.log(
        `  edited Observations, one in ${Math.round(1 / share)}: the two readings differ (seed ${seed})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `\nedited Observations read in SQL and in Node: ${edited.toLocaleString('en')} edited, ${rows.toLocaleString('en')} result rows, ${differing} of 3 exports differing`,
);
process.exit(failed ? 1 : 0);
