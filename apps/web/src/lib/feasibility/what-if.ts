import type { FunnelCohort, FunnelResult, ProtocolInfo } from '@eligo/core';
import type { LocalRun } from './run-local';

/** A cohort's counts with some criteria dropped, and whether they are exact. */
export interface WhatIfCohort extends FunnelCohort {
  /**
   * `exact`: recounted from each patient's statuses. `eligible-only`: from the server's gain, only
   * the eligible count is known (the other verdicts need per-patient statuses).
   */
  readonly basis: 'exact' | 'eligible-only' | 'as-run';
}

/**
 * The funnel recounted from a browser run's per-patient statuses with `dropped` criteria left out:
 * every count exact, whatever is dropped. A cohort's verdict is then its remaining criteria's: a
 * patient any of them excludes is ineligible, else one with any unknown is undetermined, else
 * eligible. With nothing dropped the run's own verdicts are kept.
 */
export function recount(info: ProtocolInfo, run: LocalRun, dropped: ReadonlySet<string>): WhatIfCohort[] {
  if (dropped.size === 0) return run.funnel.cohorts.map((c) => ({ ...c, basis: 'as-run' }));
  const index = new Map<string, number>();
  for (const cohort of info.cohorts)
    for (const c of cohort.criteria) if (!index.has(c.id)) index.set(c.id, index.size);
  return info.cohorts.map((cohort) => {
    const kept = cohort.criteria.filter((c) => !c.heading && !dropped.has(c.id));
    const slots = kept.map((c) => index.get(c.id)!);
    const exclusion = kept.map((c) => c.kind === 'exclusion');
    const counts = kept.map(() => ({ excludes: 0, remaining: 0, met: 0, not_met: 0, unknown: 0, gain: 0 }));
    const verdicts = { eligible: 0, ineligible: 0, undetermined: 0 };
    const patients = run.statuses.length / Math.max(1, run.criteria);
    for (let i = 0; i < patients; i++) {
      const at = i * run.criteria;
      let out = false;
      let unknown = false;
      let failing = 0;
      let last = -1;
      for (let j = 0; j < slots.length; j++) {
        const status = run.statuses[at + slots[j]!]!;
        const c = counts[j]!;
        if (status === 0) c.not_met++;
        else if (status === 1) c.met++;
        else c.unknown++;
        const excluded = exclusion[j] ? status === 1 : status === 0;
        if (excluded) c.excludes++;
        out ||= excluded;
        if (!out) c.remaining++;
        if (status === 2) unknown = true;
        const passes = exclusion[j] ? status === 0 : status === 1;
        if (!passes) {
          failing++;
          last = j;
        }
      }
      if (failing === 1) counts[last]!.gain++;
      verdicts[out ? 'ineligible' : unknown ? 'undetermined' : 'eligible']++;
    }
    return {
      id: cohort.id,
      label: cohort.label,
      total: patients,
      ...verdicts,
      criteria: kept.map((c, j) => ({ id: c.id, kind: c.kind, ...counts[j]! })),
      basis: 'exact',
    };
  });
}

/**
 * The funnel of a server run with one criterion dropped, from its gain: the patients held back by
 * that criterion alone become eligible, so the eligible count is exact; how the others split
 * between ineligible and undetermined needs per-patient statuses the server does not send.
 */
export function fromGain(funnel: FunnelResult, dropped: string | undefined): WhatIfCohort[] {
  return funnel.cohorts.map((cohort) => {
    const criterion = dropped === undefined ? undefined : cohort.criteria.find((c) => c.id === dropped);
    if (!criterion) return { ...cohort, basis: 'as-run' };
    return {
      ...cohort,
      eligible: cohort.eligible + criterion.gain,
      criteria: cohort.criteria.filter((c) => c.id !== dropped),
      basis: 'eligible-only',
    };
  });
}

/** Whether leaving nothing out and recounting from statuses gives the run's own verdicts (a self-check). */
export function verdictsFromStatusesAgree(info: ProtocolInfo, run: LocalRun): boolean {
  const recounted = recount(info, run, new Set(['\u0000none']));
  return recounted.every((c, k) => {
    const own = run.funnel.cohorts[k]!;
    return (
      c.eligible === own.eligible && c.ineligible === own.ineligible && c.undetermined === own.undetermined
    );
  });
}
