import type { Machine } from './machine';
import type { ApiResult } from './phases/api';
import type { CompileResult } from './phases/compile';
import type { EngineResult } from './phases/engines';
import type { LeanRun } from './phases/lean';
import type { LoadResult } from './phases/load';
import type { PopulationResult } from './phases/population';
import type { ScreeningResult } from './phases/screening';
import type { SqlResult } from './phases/sql';
import type { StreamResult } from './phases/stream';
import { round } from './stats';

export interface Results {
  readonly date: string;
  readonly machine: Machine;
  compile?: CompileResult;
  screening?: ScreeningResult;
  population?: PopulationResult;
  engines?: EngineResult[];
  lean?: LeanRun[];
  sql?: SqlResult;
  stream?: StreamResult;
  api?: ApiResult;
  load?: LoadResult;
  targets?: Target[];
}

export interface Target {
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured in this run. */
  readonly met: boolean | undefined;
}

/** The targets of the benchmarks issue, judged on this run's numbers. */
export function judge(r: Results): Target[] {
  const out: Target[] = [];
  const engine = (key: string) => r.engines?.find((e) => e.key === key);
  const counts = (e: EngineResult | undefined) => e !== undefined && e.agreement.disagreements === 0;
  const fast = engine('eligo-fast');
  const hand = engine('handwritten');
  const explain = engine('eligo-explain');
  const jl = engine('json-logic');
  const cq = engine('cql');
  const ratio = (a: EngineResult | undefined, b: EngineResult | undefined) =>
    a && b ? a.patientsPerSecond / b.patientsPerSecond : Number.NaN;
  const add = (target: string, value: number, ok: (v: number) => boolean, shown: string, valid = true) =>
    out.push({
      target,
      measured: Number.isFinite(value) ? shown : 'not measured',
      met: Number.isFinite(value) ? valid && ok(value) : undefined,
    });

  // Eligo at its best for a population is the population path on columns; the object fast path
  // is judged as well, against the hand-written function on its own layout.
  const pop = engine('eligo-population');
  const handColumns = engine('handwritten-columns');
  const ph = ratio(pop, handColumns);
  add(
    'population path ≥ 0.5 × hand-written throughput (columns)',
    ph,
    (v) => v >= 0.5,
    `${round(ph, 2)} ×`,
    counts(pop) && counts(handColumns),
  );
  const fh = ratio(fast, hand);
  add(
    'fast path ≥ 0.5 × hand-written throughput (objects)',
    fh,
    (v) => v >= 0.5,
    `${round(fh, 2)} ×`,
    counts(fast) && counts(hand),
  );
  const pj = ratio(pop, jl);
  add(
    'population path ≥ 50 × json-logic-js',
    pj,
    (v) => v >= 50,
    `${round(pj, 1)} × (fast path on objects: ${round(ratio(fast, jl), 1)} ×)`,
    counts(pop) && counts(jl),
  );
  const pc = ratio(pop, cq);
  add(
    'population path ≥ 500 × cql-execution',
    pc,
    (v) => v >= 500,
    `${round(pc, 0)} × (fast path on objects: ${round(ratio(fast, cq), 0)} ×)`,
    counts(pop) && counts(cq),
  );
  if (r.engines) for (const t of leanTargets(r.engines, 'side by side with every engine')) out.push(t);
  for (const run of r.lean ?? [])
    for (const t of leanTargets(run.engines, `${fmt(run.patients)} patients`)) out.push(t);
  const he = ratio(hand, explain);
  add(
    'explaining path within 10 × of hand-written',
    he,
    (v) => v <= 10,
    `${round(he, 1)} × slower`,
    counts(explain),
  );
  const p = r.population;
  const e2e = p?.endToEndMs ?? Number.NaN;
  add(
    '1,000,000 patients on one core < 2 s end to end',
    e2e,
    (v) => v < 2000 && (p?.patients ?? 0) >= 1_000_000,
    `${round(e2e / 1000, 2)} s reading, screening and counting (screening alone ${round((p?.screeningMs ?? Number.NaN) / 1000, 2)} s)`,
  );
  const compile = r.compile?.warm.median ?? Number.NaN;
  add(
    'compile < 20 ms',
    compile,
    (v) => v < 20,
    `${round(compile, 2)} ms warm median, ${round(r.compile?.cold.median ?? Number.NaN, 1)} ms cold`,
  );
  const bundle = r.screening?.fromBundle.median ?? Number.NaN;
  add('one screening from a FHIR bundle < 1 ms median', bundle, (v) => v < 1, `${round(bundle, 3)} ms`);
  const streamed = r.stream?.modes.find((m) => m.mode === 'ndjson (compact)')?.timeVsSummary ?? Number.NaN;
  add(
    'eligo screen --ndjson within 2 × the time of --summary',
    streamed,
    (v) => v <= 2,
    `${round(streamed, 2)} ×`,
  );
  const api = r.api && 'screeningsPerSecond' in r.api ? r.api : undefined;
  add(
    'API ≥ 2,000 screenings/s',
    api?.screeningsPerSecond ?? Number.NaN,
    (v) => v >= 2000,
    `${round(api?.screeningsPerSecond ?? 0, 0)} /s`,
    (api?.non2xx ?? 1) === 0 && (api?.errors ?? 1) === 0,
  );
  add('API p99 < 50 ms', api?.latencyMs.p99 ?? Number.NaN, (v) => v < 50, `${api?.latencyMs.p99} ms`);
  return out;
}

/**
 * The issue's targets against the leanest hand-written code: the population path at least half
 * as fast as the lean function on its typed arrays, the fast path within 3× the time of the lean
 * function on flat objects. Judged only where both engines of a pair ran and agreed with Eligo.
 */
export function leanTargets(engines: readonly EngineResult[], where: string): Target[] {
  const rate = (key: string) => engines.find((e) => e.key === key);
  const out: Target[] = [];
  const pair = (
    target: string,
    a: EngineResult | undefined,
    b: EngineResult | undefined,
    ok: (v: number) => boolean,
    shown: (v: number) => string,
  ) => {
    if (!a || !b) return;
    const v = a.patientsPerSecond / b.patientsPerSecond;
    const cpu = a.patientsPerCpuSecond / b.patientsPerCpuSecond;
    const agree = a.agreement.disagreements === 0 && b.agreement.disagreements === 0;
    out.push({
      target: `${target} (${where})`,
      measured: `${shown(v)} (by CPU time ${shown(cpu)})`,
      met: agree && ok(v),
    });
  };
  pair(
    'population path ≥ 0.5 × lean hand-written on typed arrays',
    rate('eligo-population'),
    rate('lean-columns'),
    (v) => v >= 0.5,
    (v) => `${round(v, 2)} × its throughput`,
  );
  pair(
    'fast path within 3 × the time of lean hand-written on flat objects',
    rate('lean-flat'),
    rate('eligo-fast'),
    (v) => v <= 3,
    (v) => `${round(v, 2)} × its time`,
  );
  return out;
}

const fmt = (x: number, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits }) : '—';

/** The engines table: rates, time against the hand-written function of the same layout, agreement. */
function engineRows(engines: readonly EngineResult[]): string[] {
  const lines = [
    `  ${'engine'.padEnd(33)}${'patients'.padStart(11)}${'patients/s'.padStart(14)}${'per CPU s'.padStart(12)}${'time vs hand'.padStart(16)}  agreement with Eligo`,
  ];
  for (const e of engines) {
    const agree =
      e.agreement.disagreements === 0
        ? `all ${fmt(e.agreement.checked)} agree`
        : `${fmt(e.agreement.disagreements)} of ${fmt(e.agreement.checked)} DISAGREE: numbers do not count`;
    lines.push(
      `  ${e.name.padEnd(33)}${fmt(e.patients).padStart(11)}${fmt(e.patientsPerSecond).padStart(14)}${fmt(e.patientsPerCpuSecond).padStart(12)}${`${fmt(e.slowerThanHandwritten, e.slowerThanHandwritten < 10 ? 2 : 0)} ×`.padStart(16)}  ${agree}${e.extrapolated ? ' (rate from a prefix of the stream)' : ''}`,
    );
    for (const ex of e.agreement.examples) lines.push(`    ${ex}`);
  }
  return lines;
}

/** The human-readable report printed at the end of a run. */
export function renderReport(r: Results): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`Eligo benchmarks, ${r.date}`);
  lines.push(
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; load average ${m.loadAverage} at start`,
    '',
  );
  if (r.compile) {
    const c = r.compile;
    lines.push(`compile ${c.protocol} (${c.lines} lines), parse + check + compile:`);
    lines.push(
      `  warm: median ${fmt(c.warm.median, 2)} ms, p95 ${fmt(c.warm.p95, 2)} ms (${c.warm.n} repeats)`,
    );
    lines.push(
      `  cold: median ${fmt(c.cold.median, 1)} ms, p95 ${fmt(c.cold.p95, 1)} ms (first compile in ${c.cold.n} fresh processes; loading the modules ${fmt(c.importMs.median, 0)} ms more)`,
      '',
    );
  }
  if (r.screening) {
    const s = r.screening;
    lines.push(
      `one screening with explanations, NCT06469190 (${s.resources}-resource bundle; verdicts ${JSON.stringify(s.verdicts)}):`,
    );
    lines.push(`  from facts:  median ${fmt(s.fromFacts.median, 3)} ms, p99 ${fmt(s.fromFacts.p99, 3)} ms`);
    lines.push(
      `  from bundle: median ${fmt(s.fromBundle.median, 3)} ms, p99 ${fmt(s.fromBundle.p99, 3)} ms (bundle → facts alone: median ${fmt(s.bundleToFacts.median, 3)} ms)`,
      '',
    );
  }
  if (r.population) {
    const p = r.population;
    lines.push(`population: ${fmt(p.patients)} synthetic patients as columns, one process:`);
    lines.push(
      `  generated and written: ${fmt(p.generationMs / 1000, 2)} s, ${fmt(p.fileMiB)} MiB`,
      `  read, screened and counted in a fresh process: ${fmt(p.endToEndMs / 1000, 2)} s end to end (${fmt(p.patientsPerSecond)} patients/s): screening ${fmt(p.screeningMs / 1000, 2)} s, reading ${fmt(p.readMs / 1000, 2)} s; peak RSS ${fmt(p.peakRssMiB)} MiB`,
    );
    lines.push(
      `  verdicts: ${fmt(p.verdicts.eligible)} eligible, ${fmt(p.verdicts.ineligible)} ineligible, ${fmt(p.verdicts.undetermined)} undetermined`,
      '',
    );
  }
  if (r.engines) {
    lines.push(
      'engines side by side (same patients, same eleven criteria; time vs the hand-written function on the same layout):',
    );
    lines.push(...engineRows(r.engines), '');
  }
  for (const run of r.lean ?? []) {
    lines.push(
      `Eligo against the lean hand-written baselines, ${fmt(run.patients)} patients (same patients, chunk by chunk, one process):`,
      ...engineRows(run.engines),
    );
    for (const t of leanTargets(run.engines, `${fmt(run.patients)} patients`)) {
      lines.push(`  ${t.met ? 'met' : 'MISSED'}: ${t.target.replace(/ \(.*\)$/, '')}: ${t.measured}`);
    }
    // The flat objects can outrun the typed arrays; the population path against the faster of the two, for the record.
    const pop = run.engines.find((e) => e.key === 'eligo-population');
    const flat = run.engines.find((e) => e.key === 'lean-flat');
    if (pop && flat) {
      lines.push(
        `  for the record: population path ÷ lean hand-written on flat objects: ${round(pop.patientsPerSecond / flat.patientsPerSecond, 2)} × its throughput (by CPU time ${round(pop.patientsPerCpuSecond / flat.patientsPerCpuSecond, 2)} ×)`,
      );
    }
    lines.push('');
  }
  if (r.sql) {
    lines.push(...sqlLines(r.sql), '');
  }
  if (r.stream) {
    const s = r.stream;
    lines.push(
      `eligo screen over ${fmt(s.patients)} FHIR documents of NCT06469190 (${fmt(s.inputMiB, 1)} MiB, one per line), a fresh process each, output to a file, start-up taken off:`,
    );
    lines.push(
      `  ${'mode'.padEnd(20)}${'patients'.padStart(10)}${'patients/s'.padStart(12)}${'output/patient'.padStart(16)}${'time vs summary'.padStart(17)}`,
    );
    for (const m of s.modes)
      lines.push(
        `  ${m.mode.padEnd(20)}${fmt(m.patients).padStart(10)}${fmt(m.patientsPerSecond).padStart(12)}${`${fmt(m.outputBytes / m.patients)} B`.padStart(16)}${`${fmt(m.timeVsSummary, 2)} ×`.padStart(17)}`,
      );
    lines.push('');
  }
  if (r.api) {
    if ('skipped' in r.api) lines.push(`API: skipped: ${r.api.skipped}`, '');
    else {
      const a = r.api;
      lines.push(
        `API (POST /v1/protocols/NCT06469190/screenings, ${fmt(a.bodyBytes / 1024)} KiB FHIR document, ${a.connections} connections, ${a.durationS} s):`,
      );
      lines.push(
        `  ${fmt(a.screeningsPerSecond)} screenings/s, p50 ${a.latencyMs.p50} ms, p99 ${a.latencyMs.p99} ms, max ${a.latencyMs.max} ms; ${a.non2xx} non-2xx, ${a.errors} errors`,
        '',
      );
    }
  }
  if (r.targets) {
    lines.push('targets:');
    for (const t of r.targets) {
      const mark = t.met === undefined ? 'not run' : t.met ? 'met' : 'MISSED';
      lines.push(`  ${mark.padEnd(8)} ${t.target}: ${t.measured}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The SQL path: the compiled query against hand-written SQL and the population path, then a bulk export end to end. */
function sqlLines(r: SqlResult): string[] {
  const lines: string[] = [];
  for (const run of r.screen) {
    const rate = (ms: number) => `${fmt(run.patients / (ms / 1000))}/s`;
    lines.push(
      `SQL path, ${fmt(run.patients)} patients of the bench protocol in DuckDB (same tables; appending them took ${fmt(run.appendMs / 1000, 1)} s):`,
      `  compiled query        ${fmt(run.compiledMs, 0).padStart(8)} ms  ${rate(run.compiledMs).padStart(12)}`,
      `  hand-written SQL      ${fmt(run.handwrittenMs, 0).padStart(8)} ms  ${rate(run.handwrittenMs).padStart(12)}`,
      `  population path (JS)  ${fmt(run.populationMs, 0).padStart(8)} ms  ${rate(run.populationMs).padStart(12)}`,
      `  ${run.compiledMs / run.handwrittenMs <= 1.5 ? 'met' : 'MISSED'}: compiled within 1.5 × the hand-written SQL's time: ${fmt(run.compiledMs / run.handwrittenMs, 2)} ×`,
      `  verdicts differing from the population path: compiled ${fmt(run.disagreeCompiled)}, hand-written ${fmt(run.disagreeHandwritten)}`,
    );
  }
  for (const e of r.exports) {
    const total = e.loadMs + e.factsMs + e.screenMs;
    lines.push(
      `SQL path from a FHIR bulk export on disk to the funnel: ${fmt(e.patients)} NCT06469190 patients, ${fmt(e.resources)} resources, ${fmt(e.bytes / 1e6)} MB of ${e.source === 'parquet' ? 'Parquet (kept of the NDJSON)' : 'NDJSON'} (synthetic, messy):`,
      `  DuckDB reading the files only  ${fmt(e.readOnlyMs / 1000, 2).padStart(7)} s`,
      `  load into resources            ${fmt(e.loadMs / 1000, 2).padStart(7)} s`,
      `  read through @eligo/fhir       ${fmt(e.factsMs / 1000, 2).padStart(7)} s`,
      `  compiled query and funnel      ${fmt(e.screenMs / 1000, 2).padStart(7)} s`,
      `  total ${fmt(total / 1000, 2)} s, ${fmt(e.patients / (total / 1000))} patients/s, ${fmt(e.bytes / 1e6 / (total / 1000), 1)} MB/s; ${fmt(total / e.readOnlyMs, 1)} × the read-only time (target 2 ×: ${total / e.readOnlyMs <= 2 ? 'met' : 'MISSED'})`,
      `  peak resident memory ${fmt(e.peakRssMb)} MB${e.memoryLimit ? ` (DuckDB limited to ${e.memoryLimit})` : ''}`,
      e.inProcessMs === undefined
        ? e.source === 'parquet'
          ? '  in-process path: not run on Parquet'
          : '  in-process path: not run above 100,000 patients (it holds every Bundle in memory)'
        : `  in-process path over the same Bundles: ${fmt(e.inProcessMs / 1000, 2)} s (SQL path ÷ in-process time: ${fmt(total / e.inProcessMs, 2)} ×)`,
      ...(e.notCompiled.length
        ? [`  not computed in SQL (unknown for all): ${e.notCompiled.join(', ')}`]
        : []),
    );
  }
  return lines;
}
