import type { Screener } from './engines/engine';
import type { BenchPatient, Status, Verdict } from './patient';

/**
 * Every engine must give Eligo's verdict for every patient, or its numbers do not count. This keeps
 * the count per engine and, for the first few disagreements, the criteria on which the two differ.
 */

export interface Disagreement {
  readonly patient: number;
  readonly expected: Verdict;
  readonly actual: Verdict;
  /** `criterion: eligo status vs engine status`, when both engines can tell. */
  readonly criteria: readonly string[];
}

export class Agreement {
  checked = 0;
  disagreements = 0;
  readonly examples: Disagreement[] = [];

  constructor(
    private readonly reference: Screener,
    private readonly engine: Screener,
    private readonly keep = 5,
  ) {}

  get agrees(): boolean {
    return this.checked > 0 && this.disagreements === 0;
  }

  /** Compares one batch's verdicts with the reference's; looks closer at the first few that differ. */
  async compare(
    batch: readonly BenchPatient[],
    expected: readonly Verdict[],
    actual: readonly Verdict[],
  ): Promise<void> {
    this.checked += batch.length;
    for (let i = 0; i < batch.length; i++) {
      if (expected[i] === actual[i]) continue;
      this.disagreements++;
      if (this.examples.length < this.keep) {
        this.examples.push({
          patient: batch[i]!.id,
          expected: expected[i]!,
          actual: actual[i]!,
          criteria: await differingCriteria(this.reference, this.engine, batch[i]!),
        });
      }
    }
  }
}

async function differingCriteria(
  reference: Screener,
  engine: Screener,
  patient: BenchPatient,
): Promise<string[]> {
  if (!reference.criteria || !engine.criteria) return [];
  const a: Record<string, Status> = await reference.criteria(patient);
  const b: Record<string, Status> = await engine.criteria(patient);
  return Object.keys(a)
    .filter((id) => a[id] !== b[id])
    .map((id) => `${id}: ${a[id]} vs ${b[id] ?? 'absent'}`);
}

export function describeDisagreement(name: string, d: Disagreement): string {
  const where = d.criteria.length > 0 ? ` (${d.criteria.join('; ')})` : '';
  return `${name}: patient ${d.patient}: eligo ${d.expected}, ${name} ${d.actual}${where}`;
}
