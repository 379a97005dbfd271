import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFunnel, type Verdict } from '@eligo/core';
import { compileOrThrow } from '../engines/eligo';
import { PatientGenerator } from '../generate';
import { ColumnSink } from '../generate-columns';
import { BatchWriter, readBatches } from '../store';
import { runWorker } from './child';
import { AS_OF, benchProtocolText, CHUNK, SEED } from './protocol';

export interface PopulationResult {
  readonly patients: number;
  /** Generating the synthetic patients as columns and writing them to a file (not part of the screening). */
  readonly generationMs: number;
  readonly fileMiB: number;
  /**
   * In a fresh process: compiling the protocol, reading every batch from the file, screening it
   * and counting verdicts and attrition — start to finish.
   */
  readonly endToEndMs: number;
  /** Of which: inside `protocol.population`, summed over batches. */
  readonly screeningMs: number;
  readonly readMs: number;
  readonly patientsPerSecond: number;
  /** Peak resident set of the process that read and screened. */
  readonly peakRssMiB: number;
  readonly verdicts: Record<Verdict, number>;
}

interface ReadResult {
  readonly endToEndMs: number;
  readonly screeningMs: number;
  readonly readMs: number;
  readonly peakRssMiB: number;
  readonly verdicts: Record<Verdict, number>;
}

/**
 * A million synthetic patients: generated as columns into a file by one process, then read,
 * screened and counted by a fresh one, batch by batch, the way a feasibility query reads a
 * warehouse export. Memory holds one batch at a time.
 */
export async function populationPhase(options: { patients: number }): Promise<PopulationResult> {
  const dir = mkdtempSync(join(tmpdir(), 'eligo-bench-'));
  const file = join(dir, 'population.bin');
  try {
    const protocol = compileOrThrow(benchProtocolText());
    const g0 = performance.now();
    const generator = new PatientGenerator({ seed: SEED, asOf: AS_OF });
    const sink = new ColumnSink(protocol.info, AS_OF);
    const writer = new BatchWriter(file);
    for (let done = 0; done < options.patients; done += CHUNK) {
      generator.into(sink, Math.min(CHUNK, options.patients - done));
      writer.write(sink.take());
    }
    writer.close();
    const generationMs = performance.now() - g0;
    const read = await runWorker<ReadResult>('population', ['--file', file]);
    return {
      patients: options.patients,
      generationMs,
      fileMiB: statSync(file).size / 2 ** 20,
      ...read,
      patientsPerSecond: options.patients / (read.endToEndMs / 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function populationWorker(file: string): ReadResult {
  const t0 = performance.now();
  const protocol = compileOrThrow(benchProtocolText());
  const funnel = createFunnel(protocol.info);
  let screeningMs = 0;
  let readMs = 0;
  let r0 = performance.now();
  for (const batch of readBatches(file)) {
    const s0 = performance.now();
    readMs += s0 - r0;
    const result = protocol.population(batch, { statuses: true });
    screeningMs += performance.now() - s0;
    funnel.addPopulation(result);
    r0 = performance.now();
  }
  const { eligible, ineligible, undetermined } = funnel.result().cohorts[0]!;
  return {
    endToEndMs: performance.now() - t0,
    screeningMs,
    readMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    verdicts: { eligible, ineligible, undetermined },
  };
}
