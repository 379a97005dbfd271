import { screen } from '@eligo/core';
import type { BenchPatient, Status, Verdict } from '../patient';
import { asInput, compileOrThrow } from './eligo';
import type { Engine, Screener } from './engine';

/** Eligo's verdict-only fast path, `protocol.verdicts(input)`, on the benchmark protocol's only cohort. */
export const eligoFast: Engine = {
  name: 'eligo fast path',
  description: 'Eligo protocol.verdicts(input): compiled closures, verdicts only',
  layout: 'objects',
  async prepare(text: string): Promise<Screener> {
    const protocol = compileOrThrow(text);
    return {
      run(batch: readonly BenchPatient[]): Verdict[] {
        const out: Verdict[] = new Array(batch.length);
        for (let i = 0; i < batch.length; i++) out[i] = protocol.verdicts(asInput(batch[i]!.input))[0]!;
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        const cohort = screen(protocol, asInput(patient.input)).cohorts[0]!;
        return Object.fromEntries(cohort.criteria.map((c) => [c.id, c.status]));
      },
    };
  },
};
