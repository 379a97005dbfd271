import { Agreement, describeDisagreement } from '../agree';
import { compileOrThrow } from '../engines/eligo';
import type { Layout, LeanLayouts, Screener } from '../engines/engine';
import { ENGINES } from '../engines/index';
import { PatientGenerator } from '../generate';
import { ColumnSink } from '../generate-columns';
import { LeanColumnSink } from '../lean/columns';
import { FlatSink } from '../lean/flat';
import type { Verdict } from '../patient';
import { AS_OF, benchProtocolText, CHUNK, SEED } from './protocol';

export interface EngineResult {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly patients: number;
  readonly ms: number;
  /**
   * CPU time of the process over the same calls (user + system, all threads): on a machine shared
   * with other work it leaves out the time the process waited for a core, which wall time counts.
   */
  readonly cpuMs: number;
  readonly patientsPerCpuSecond: number;
  readonly patientsPerSecond: number;
  /** True when the engine screened fewer patients than the largest run: its rate is extrapolated from them. */
  readonly extrapolated: boolean;
  readonly layout: Layout;
  /** How many times slower than the hand-written function reading the same layout (1 = as fast). */
  readonly slowerThanHandwritten: number;
  readonly agreement: {
    readonly checked: number;
    readonly disagreements: number;
    readonly examples: readonly string[];
  };
}

/** The hand-written function each layout's engines are compared with in the table. */
const HANDWRITTEN: Readonly<Record<Layout, string>> = {
  objects: 'handwritten',
  columns: 'handwritten-columns',
  'lean-columns': 'lean-columns',
  'flat-objects': 'lean-flat',
};

/**
 * The engines side by side on one stream of patients: each chunk goes through every engine still
 * within its patient budget, in an order that rotates per chunk, and every verdict is checked
 * against Eligo's fast path. Each engine first screens 2,000 other patients untimed, so the
 * numbers are for warm code.
 */
export async function enginesPhase(options: {
  scale: number;
  only?: readonly string[];
}): Promise<EngineResult[]> {
  const text = benchProtocolText();
  const selected = ENGINES.filter(
    (e) => e.key === 'eligo-fast' || !options.only || options.only.includes(e.key),
  );
  const prepared: {
    key: string;
    screener: Screener;
    budget: number;
    ms: number;
    cpuMs: number;
    done: number;
  }[] = [];
  for (const { key, engine, patients } of selected) {
    prepared.push({
      key,
      screener: await engine.prepare(text),
      budget: Math.max(CHUNK, Math.round(patients * options.scale)),
      ms: 0,
      cpuMs: 0,
      done: 0,
    });
  }
  const reference = prepared.find((p) => p.key === 'eligo-fast')!;
  const agreements = new Map(prepared.map((p) => [p.key, new Agreement(reference.screener, p.screener)]));

  // The same patients in every layout: generators with one seed draw the same numbers. The lean
  // layouts are made only when a lean baseline runs; making them is not timed, as for the others.
  const info = compileOrThrow(text).info;
  const needsLean = selected.some(
    (e) => e.engine.layout === 'lean-columns' || e.engine.layout === 'flat-objects',
  );
  const layouts = (seed: number) => {
    const objects = new PatientGenerator({ seed, asOf: AS_OF });
    const columns = new PatientGenerator({ seed, asOf: AS_OF });
    const sink = new ColumnSink(info, AS_OF);
    const leanColumns = new PatientGenerator({ seed, asOf: AS_OF });
    const leanSink = new LeanColumnSink(AS_OF);
    const flat = new PatientGenerator({ seed, asOf: AS_OF });
    const flatSink = new FlatSink(AS_OF);
    return (n: number) => {
      const batch = objects.chunk(n);
      columns.into(sink, n);
      let lean: LeanLayouts | undefined;
      if (needsLean) {
        leanColumns.into(leanSink, n);
        flat.into(flatSink, n);
        lean = { asOf: flatSink.asOf, columns: leanSink.take(), flat: flatSink.take() };
      }
      return { batch, columns: sink.take(), lean };
    };
  };
  const warmup = layouts(SEED + 1)(2_000);
  for (const p of prepared) await p.screener.run(warmup.batch, warmup.columns, warmup.lean);

  const next = layouts(SEED);
  const largest = Math.max(...prepared.map((p) => p.budget));
  for (let done = 0, round = 0; done < largest; done += CHUNK, round++) {
    const { batch, columns, lean } = next(Math.min(CHUNK, largest - done));
    const verdicts = new Map<string, Verdict[]>();
    const order = prepared.map((_, i) => prepared[(i + round) % prepared.length]!);
    for (const p of order) {
      if (p.done >= p.budget) continue;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await p.screener.run(batch, columns, lean);
      p.ms += performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      p.cpuMs += (cpu.user + cpu.system) / 1000;
      p.done += batch.length;
      verdicts.set(p.key, out);
    }
    const expected = verdicts.get('eligo-fast')!;
    for (const [key, out] of verdicts) await agreements.get(key)!.compare(batch, expected, out);
  }

  const rate = (p: (typeof prepared)[number]) => p.done / (p.ms / 1000);
  const handwritten = (layout: Layout) => prepared.find((p) => p.key === HANDWRITTEN[layout]);
  return prepared.map((p) => {
    const engine = selected.find((e) => e.key === p.key)!.engine;
    const agreement = agreements.get(p.key)!;
    return {
      key: p.key,
      name: engine.name,
      description: engine.description,
      patients: p.done,
      ms: p.ms,
      cpuMs: p.cpuMs,
      patientsPerCpuSecond: p.done / (p.cpuMs / 1000),
      patientsPerSecond: rate(p),
      extrapolated: p.done < largest,
      layout: engine.layout,
      slowerThanHandwritten: ((h) => (h ? rate(h) / rate(p) : Number.NaN))(handwritten(engine.layout)),
      agreement: {
        checked: agreement.checked,
        disagreements: agreement.disagreements,
        examples: agreement.examples.map((d) => describeDisagreement(engine.name, d)),
      },
    };
  });
}
