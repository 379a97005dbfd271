import type { BenchPatient, Status, Verdict } from '../patient';

/**
 * One screening engine behind the benchmark: `prepare` takes the protocol text (engines that
 * cannot read it carry their own encoding of the same criteria) and returns a screener.
 */
export interface Engine {
  readonly name: string;
  /** One line: what runs, and what it is given. */
  readonly description: string;
  prepare(protocolText: string): Promise<Screener>;
}

export interface Screener {
  /** Verdicts for a batch of patients, in order. Engines with an async API return a promise. */
  run(batch: readonly BenchPatient[]): Verdict[] | Promise<Verdict[]>;
  /** Per-criterion statuses of one patient, to say where an engine disagrees; optional. */
  criteria?(patient: BenchPatient): Record<string, Status> | Promise<Record<string, Status>>;
}
