import { Agreement, describeDisagreement } from '../agree';
import { compileOrThrow } from '../engines/eligo';
import type { Screener } from '../engines/engine';
import { ENGINES } from '../engines/index';
import { PatientGenerator } from '../generate';
import { ColumnSink } from '../generate-columns';
import type { Verdict } from '../patient';
import { AS_OF, benchProtocolText, CHUNK, SEED } from './protocol';

export interface EngineResult {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly patients: number;
  readonly ms: number;
  readonly patientsPerSecond: number;
  /** True when the engine screened fewer patients than the largest run: its rate is extrapolated from them. */
  readonly extrapolated: boolean;
  readonly layout: 'objects' | 'columns';
  /** How many times slower than the hand-written function reading the same layout (1 = as fast). */
  readonly slowerThanHandwritten: number;
  readonly agreement: {
    readonly checked: number;
    readonly disagreements: number;
    readonly examples: readonly string[];
  };
}

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
  const prepared: { key: string; screener: Screener; budget: number; ms: number; done: number }[] = [];
  for (const { key, engine, patients } of selected) {
    prepared.push({
      key,
      screener: await engine.prepare(text),
      budget: Math.max(CHUNK, Math.round(patients * options.scale)),
      ms: 0,
      done: 0,
    });
  }
  const reference = prepared.find((p) => p.key === 'eligo-fast')!;
  const agreements = new Map(prepared.map((p) => [p.key, new Agreement(reference.screener, p.screener)]));

  // The same patients in both layouts: two generators with one seed draw the same numbers.
  const info = compileOrThrow(text).info;
  const both = (seed: number) => {
    const objects = new PatientGenerator({ seed, asOf: AS_OF });
    const columns = new PatientGenerator({ seed, asOf: AS_OF });
    const sink = new ColumnSink(info, AS_OF);
    return (n: number) => {
      const batch = objects.chunk(n);
      columns.into(sink, n);
      return { batch, columns: sink.take() };
    };
  };
  const warmup = both(SEED + 1)(2_000);
  for (const p of prepared) await p.screener.run(warmup.batch, warmup.columns);

  const next = both(SEED);
  const largest = Math.max(...prepared.map((p) => p.budget));
  for (let done = 0, round = 0; done < largest; done += CHUNK, round++) {
    const { batch, columns } = next(Math.min(CHUNK, largest - done));
    const verdicts = new Map<string, Verdict[]>();
    const order = prepared.map((_, i) => prepared[(i + round) % prepared.length]!);
    for (const p of order) {
      if (p.done >= p.budget) continue;
      const t0 = performance.now();
      const out = await p.screener.run(batch, columns);
      p.ms += performance.now() - t0;
      p.done += batch.length;
      verdicts.set(p.key, out);
    }
    const expected = verdicts.get('eligo-fast')!;
    for (const [key, out] of verdicts) await agreements.get(key)!.compare(batch, expected, out);
  }

  const rate = (p: (typeof prepared)[number]) => p.done / (p.ms / 1000);
  const handwritten = (layout: 'objects' | 'columns') =>
    prepared.find((p) => p.key === (layout === 'objects' ? 'handwritten' : 'handwritten-columns'));
  return prepared.map((p) => {
    const engine = selected.find((e) => e.key === p.key)!.engine;
    const agreement = agreements.get(p.key)!;
    return {
      key: p.key,
      name: engine.name,
      description: engine.description,
      patients: p.done,
      ms: p.ms,
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
