import { eligoFast } from '../engines/eligo-fast';
import { PatientGenerator } from '../generate';
import type { Verdict } from '../patient';
import { runWorker } from './child';
import { AS_OF, benchProtocolText, CHUNK, SEED } from './protocol';

export interface PopulationResult {
  readonly patients: number;
  /** Time inside the fast path, summed over chunks: the screening itself. */
  readonly screeningMs: number;
  readonly patientsPerSecond: number;
  /** Wall time of the whole phase in its process, generating the synthetic patients included. */
  readonly wallMs: number;
  readonly generationMs: number;
  /** Peak resident set of the process that did only this. */
  readonly peakRssMiB: number;
  readonly verdicts: Record<Verdict, number>;
}

/** A million synthetic patients through the fast path, in its own process (for a clean peak RSS). */
export function populationPhase(options: { patients: number }): Promise<PopulationResult> {
  return runWorker<PopulationResult>('population', ['--patients', String(options.patients)]);
}

export async function populationWorker(patients: number): Promise<PopulationResult> {
  const wall0 = performance.now();
  const screener = await eligoFast.prepare(benchProtocolText());
  const generator = new PatientGenerator({ seed: SEED, asOf: AS_OF });
  const verdicts: Record<Verdict, number> = { eligible: 0, ineligible: 0, undetermined: 0 };
  let screeningMs = 0;
  let generationMs = 0;
  for (let done = 0; done < patients; done += CHUNK) {
    const g0 = performance.now();
    const batch = generator.chunk(Math.min(CHUNK, patients - done));
    const t0 = performance.now();
    const out = screener.run(batch) as Verdict[];
    const t1 = performance.now();
    generationMs += t0 - g0;
    screeningMs += t1 - t0;
    for (const v of out) verdicts[v]++;
  }
  const wallMs = performance.now() - wall0;
  return {
    patients,
    screeningMs,
    patientsPerSecond: patients / (screeningMs / 1000),
    wallMs,
    generationMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    verdicts,
  };
}
