import { screen } from '@eligo/core';
import type { BenchPatient, Status, Verdict } from '../patient';
import { asInput, compileOrThrow } from './eligo';
import type { Engine, Screener } from './engine';

/** Eligo's explaining path, `screen(protocol, input)`: every criterion with its trace and missing data. */
export const eligoExplain: Engine = {
  name: 'eligo explaining path',
  description: 'Eligo screen(protocol, input): per-criterion traces, explanations and missing data',
  layout: 'objects',
  async prepare(text: string): Promise<Screener> {
    const protocol = compileOrThrow(text);
    return {
      run(batch: readonly BenchPatient[]): Verdict[] {
        const out: Verdict[] = new Array(batch.length);
        for (let i = 0; i < batch.length; i++)
          out[i] = screen(protocol, asInput(batch[i]!.input)).cohorts[0]!.verdict;
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        const cohort = screen(protocol, asInput(patient.input)).cohorts[0]!;
        return Object.fromEntries(cohort.criteria.map((c) => [c.id, c.status]));
      },
    };
  },
};
