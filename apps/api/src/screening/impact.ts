import { type CompiledProtocol, type Status, type Verdict, verdictChanges } from '@eligo/core';
import { screenDocumentCompact } from '@eligo/fhir';
import type { KeptInput } from '../db/kept-inputs';

/** Which recorded screening: the audit id and the site's own reference, nothing read from the input. */
interface Recorded {
  readonly screening: string;
  readonly siteRef: string | null;
  readonly at: string;
}

export interface ChangedScreening extends Recorded {
  readonly changes: readonly {
    readonly cohort: string;
    readonly label: string | null;
    readonly before: Verdict | null;
    readonly after: Verdict | null;
    readonly criteria: readonly {
      readonly id: string;
      readonly before: Status | null;
      readonly after: Status | null;
    }[];
  }[];
}

export interface UnusableScreening extends Recorded {
  /** The side that cannot screen the kept input (it no longer fits that version's input schema). */
  readonly side: 'from' | 'to';
  /** Where the input does not fit; paths only, as a message might quote a value. */
  readonly paths: readonly string[];
}

export interface ImpactPage {
  readonly screened: number;
  readonly changed: readonly ChangedScreening[];
  readonly unchanged: number;
  readonly unusable: readonly UnusableScreening[];
}

/**
 * Screens each kept input against both protocols (on the compact path, which explains only the
 * criteria it must) and keeps, for those whose verdicts differ, which cohorts changed and the
 * criteria whose status changed with them.
 */
export function impactOn(
  from: CompiledProtocol,
  to: CompiledProtocol,
  population: readonly KeptInput[],
): ImpactPage {
  const labels = new Map(
    [...from.info.cohorts, ...to.info.cohorts].map((c) => [c.id, c.label ?? null] as const),
  );
  const changed: ChangedScreening[] = [];
  const unusable: UnusableScreening[] = [];
  let unchanged = 0;
  for (const kept of population) {
    const recorded = { screening: kept.id, siteRef: kept.siteRef, at: kept.at };
    const before = screenDocumentCompact(from, kept.input);
    const after = before.ok ? screenDocumentCompact(to, kept.input) : undefined;
    if (!before.ok || !after?.ok) {
      const failed = !before.ok ? before : after && !after.ok ? after : undefined;
      unusable.push({
        ...recorded,
        side: before.ok ? 'to' : 'from',
        paths: [...new Set(failed?.errors.map((e) => e.path))],
      });
      continue;
    }
    const changes = verdictChanges(before.screening, after.screening);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    changed.push({
      ...recorded,
      changes: changes.map((c) => ({
        cohort: c.cohort,
        label: labels.get(c.cohort) ?? null,
        before: c.before ?? null,
        after: c.after ?? null,
        criteria: c.criteria.map((k) => ({ id: k.id, before: k.before ?? null, after: k.after ?? null })),
      })),
    });
  }
  return { screened: population.length, changed, unchanged, unusable };
}
