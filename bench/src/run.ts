import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeMachine } from './machine';
import { apiPhase } from './phases/api';
import { compilePhase } from './phases/compile';
import { enginesPhase } from './phases/engines';
import { leanPhase } from './phases/lean';
import { loadPhase, renderLoad } from './phases/load';
import { populationPhase, populationWorker } from './phases/population';
import { screeningPhase } from './phases/screening';
import { parquetPartWorker, sqlPhase } from './phases/sql';
import { streamPhase } from './phases/stream';
import { judge, type Results, renderReport } from './report';

const USAGE = `usage: pnpm bench [-- options]

  --only <phases>     comma-separated subset of: compile, screening, population, engines, stream
                      (eligo screen --ndjson over FHIR documents), api,
                      lean (Eligo against the lean hand-written baselines at each --lean-sizes:
                      only when named),
                      sql (the compiled SQL query against hand-written SQL and the population path
                      at each --sql-sizes, then a bulk export of --sql-export patients end to end:
                      only when named),
                      load (the sustained and mixed API load: only when named, it takes minutes)
  --engines <keys>    engines for the side-by-side run (eligo-fast always runs: it is the reference):
                      handwritten, handwritten-columns, eligo-population, lean-columns,
                      lean-flat, eligo-explain, json-logic, cql
  --scale <x>         multiply every patient count (default 1; 0.1 for a quick run)
  --lean-sizes <n,…>  population sizes of the lean phase (default 100000,1000000)
  --sql-sizes <n,…>   population sizes of the sql phase (default 100000,1000000; 0 skips them)
  --sql-export <n>    patients in the sql phase's bulk export (default 20000; 0 skips it)
  --sql-parquet <n>   patients in a Parquet export (written in parts of 500,000, as
                      eligo population --save-parquet keeps them) screened end to end (default 0)
  --sql-parquet-keep <dir>  keep the Parquet parts in <dir>, and screen those already there
                      instead of writing them again
  --sql-memory <size> DuckDB's memory limit for the bulk export runs (default: DuckDB's own)
  --api-seconds <n>   duration of the API load (default 10)
  --load-seconds <n>  how long the load phase holds the API at its capacity (default 300)
  --no-write          do not write bench/results/latest.json
`;

const PHASES = [
  'compile',
  'screening',
  'population',
  'engines',
  'lean',
  'sql',
  'stream',
  'api',
  'load',
] as const;

async function main(): Promise<void> {
  // `pnpm bench -- --only x` passes the `--` through.
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      only: { type: 'string' },
      engines: { type: 'string' },
      scale: { type: 'string', default: '1' },
      'lean-sizes': { type: 'string', default: '100000,1000000' },
      'sql-sizes': { type: 'string', default: '100000,1000000' },
      'sql-export': { type: 'string', default: '20000' },
      'sql-memory': { type: 'string' },
      'sql-parquet': { type: 'string', default: '0' },
      'sql-parquet-keep': { type: 'string' },
      'api-seconds': { type: 'string', default: '10' },
      'load-seconds': { type: 'string', default: '300' },
      'no-write': { type: 'boolean', default: false },
      worker: { type: 'string' },
      file: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.worker === 'population') return print(populationWorker(values.file!));
  if (values.worker === 'parquet-part') return print(await parquetPartWorker(values.file!));
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }

  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((p) => !(PHASES as readonly string[]).includes(p)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown phase ${unknown.join(', ')}\n${USAGE}`);
  // The load and lean phases run only when named: load takes minutes, and the engines phase
  // already puts the lean baselines beside everything else at a million patients.
  const runs = (phase: (typeof PHASES)[number]) =>
    !only ? phase !== 'load' && phase !== 'lean' && phase !== 'sql' : only.includes(phase);
  const scale = Number(values.scale);
  const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);

  const results: Results = { date: new Date().toISOString(), machine: describeMachine() };
  if (runs('compile')) {
    progress('compile');
    results.compile = await compilePhase({ repeats: 200, coldProcesses: 7 });
  }
  if (runs('screening')) {
    progress('one screening');
    results.screening = screeningPhase({ repeats: 5000 });
  }
  if (runs('population')) {
    progress(`population of ${Math.round(1_000_000 * scale).toLocaleString('en-US')}`);
    results.population = await populationPhase({ patients: Math.round(1_000_000 * scale) });
  }
  if (runs('engines')) {
    progress('engines side by side');
    results.engines = await enginesPhase({
      scale,
      ...(values.engines ? { only: values.engines.split(',') } : {}),
    });
  }
  if (runs('sql')) {
    progress('the SQL path: compiled query, hand-written SQL, population path; a bulk export end to end');
    results.sql = await sqlPhase({
      sizes: values['sql-sizes']
        .split(',')
        .map((n) => Number(n))
        .filter((n) => n > 0),
      exportPatients: Number(values['sql-export']),
      parquetPatients: Number(values['sql-parquet']),
      parquetKeep: values['sql-parquet-keep'],
      memoryLimit: values['sql-memory'],
    });
  }
  if (runs('lean')) {
    progress('Eligo against the lean hand-written baselines');
    results.lean = await leanPhase({ sizes: values['lean-sizes'].split(',').map((n) => Number(n)) });
  }
  if (runs('stream')) {
    const patients = Math.round(20_000 * scale);
    progress(`eligo screen --ndjson over ${patients.toLocaleString('en-US')} FHIR documents`);
    results.stream = await streamPhase({ patients });
  }
  if (runs('api')) {
    progress('API under load');
    results.api = await apiPhase({ durationS: Number(values['api-seconds']), connections: 32 });
  }
  if (runs('load')) {
    progress('API load: capacity, sustained, mixed');
    results.load = await loadPhase({ holdS: Number(values['load-seconds']), connections: 32 });
  }
  results.targets = judge(results);
  process.stdout.write(renderReport(results));
  if (results.load) process.stdout.write(`\n${renderLoad(results.load)}`);
  if (!values['no-write']) {
    const dir = new URL('../results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('latest.json', dir), `${JSON.stringify(results, null, 2)}\n`);
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
