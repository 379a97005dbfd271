import type { PopulationBatch } from '@eligo/core';
import type { LeanColumns } from '../lean/columns';
import type { FlatPatient } from '../lean/flat';
import type { BenchPatient, Status, Verdict } from '../patient';

/**
 * One screening engine behind the benchmark: `prepare` takes the protocol text (engines that
 * cannot read it carry their own encoding of the same criteria) and returns a screener.
 */
export interface Engine {
  readonly name: string;
  /** One line: what runs, and what it is given. */
  readonly description: string;
  /** The layout it reads: its speed is compared with the hand-written function on the same layout. */
  readonly layout: Layout;
  prepare(protocolText: string): Promise<Screener>;
}

/**
 * Eligo's two layouts (facts objects, Eligo's columns) and the two lean ones only the lean
 * hand-written baselines read (`bench/src/lean/`).
 */
export type Layout = 'objects' | 'columns' | 'lean-columns' | 'flat-objects';

/** The same patients in the lean layouts, made only when a lean baseline runs. */
export interface LeanLayouts {
  /** The screening date as a day number. */
  readonly asOf: number;
  readonly columns: LeanColumns;
  readonly flat: readonly FlatPatient[];
}

export interface Screener {
  /**
   * Verdicts for a batch of patients, in order. The same patients come in two layouts: facts
   * objects (what a single screening takes) and columns (what a warehouse export gives); each
   * engine reads the one it was written for. Engines with an async API return a promise.
   */
  run(
    batch: readonly BenchPatient[],
    columns: PopulationBatch,
    lean?: LeanLayouts,
  ): Verdict[] | Promise<Verdict[]>;
  /** Per-criterion statuses of one patient, to say where an engine disagrees; optional. */
  criteria?(patient: BenchPatient): Record<string, Status> | Promise<Record<string, Status>>;
}
