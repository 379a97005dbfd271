import { type PopulationBatch, PopulationBuilder, VERDICT_CODES } from '@eligo/core';
import type { BenchPatient, Status, Verdict } from '../patient';
import { compileOrThrow } from './eligo';
import type { Engine, Screener } from './engine';

const STATUS: readonly Status[] = ['not_met', 'met', 'unknown'];

/** Eligo's population path, `protocol.population(batch)`: the same compiled rules reading columns. */
export const eligoPopulation: Engine = {
  name: 'eligo population path',
  description: 'Eligo protocol.population(batch): compiled rules over the column layout, verdicts only',
  layout: 'columns',
  async prepare(text: string): Promise<Screener> {
    const protocol = compileOrThrow(text);
    return {
      run(_batch: readonly BenchPatient[], columns: PopulationBatch): Verdict[] {
        const { verdicts, size } = protocol.population(columns);
        const out: Verdict[] = new Array(size);
        for (let i = 0; i < size; i++) out[i] = VERDICT_CODES[verdicts[i]!]!;
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        const builder = new PopulationBuilder(protocol.info, patient.input.asOf);
        builder.add(patient.input.facts as never);
        const { statuses } = protocol.population(builder.build(), { statuses: true });
        return Object.fromEntries(protocol.criteria.map((c, k) => [c.info.id, STATUS[statuses![k]!]!]));
      },
    };
  },
};
