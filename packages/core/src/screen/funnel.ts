import { type PopulationVerdicts, VERDICT_CODES } from '../population/screen';
import type { ProtocolInfo } from '../protocol';
import type { CompactScreening } from './compact';
import type { Screening, Status, Verdict } from './types';

export interface FunnelCriterion {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  /** Patients this criterion decides against (inclusion not met, exclusion met). */
  readonly excludes: number;
  /** Patients not excluded by this criterion nor any before it. */
  readonly remaining: number;
  readonly met: number;
  readonly not_met: number;
  readonly unknown: number;
  /**
   * Patients who would be eligible without this criterion: it does not pass and every other one
   * does (OHDSI Circe's inclusion-rule gain), the cost of keeping it.
   */
  readonly gain: number;
}

export interface FunnelCohort {
  readonly id: string;
  readonly label: string | undefined;
  readonly total: number;
  readonly eligible: number;
  readonly ineligible: number;
  readonly undetermined: number;
  readonly criteria: readonly FunnelCriterion[];
}

export interface FunnelResult {
  readonly cohorts: readonly FunnelCohort[];
}

/** What the fast path gives per patient: verdicts per cohort and statuses indexed like the protocol's criteria. */
export interface FastVerdicts {
  readonly verdicts: readonly Verdict[];
  readonly statuses: ArrayLike<number>;
}

export interface Funnel {
  add(screening: Screening | CompactScreening | FastVerdicts): void;
  /** Every patient of a population batch screened with `{ statuses: true }`. */
  addPopulation(result: PopulationVerdicts): void;
  result(): FunnelResult;
}

const STATUS_CODE: Record<Status, number> = { not_met: 0, met: 1, unknown: 2 };

/**
 * Attrition per cohort for a population, in memory bounded by the number of criteria. Headings
 * are left out: they would count their sub-criteria's exclusions twice.
 */
export function createFunnel(info: ProtocolInfo): Funnel {
  // The protocol's unique criteria in first-seen order, as the fast path indexes them.
  const index = new Map<string, number>();
  for (const cohort of info.cohorts)
    for (const c of cohort.criteria) if (!index.has(c.id)) index.set(c.id, index.size);
  const cohorts = info.cohorts.map((cohort) => {
    const criteria = cohort.criteria.filter((c) => !c.heading);
    return {
      cohort,
      criteria,
      slots: criteria.map((c) => index.get(c.id)!),
      exclusion: criteria.map((c) => c.kind === 'exclusion'),
      excludes: new Float64Array(criteria.length),
      remaining: new Float64Array(criteria.length),
      /** Per criterion, counts of statuses by code: not met, met, unknown. */
      statuses: [0, 1, 2].map(() => new Float64Array(criteria.length)),
      gain: new Float64Array(criteria.length),
      verdicts: { eligible: 0, ineligible: 0, undetermined: 0 },
      total: 0,
    };
  });
  const codes = new Uint8Array(index.size);
  const verdictCodes = new Uint8Array(cohorts.length);
  /** Counts one patient: verdict codes (VERDICT_CODES) from `vAt`, statuses from `sAt`, indexed as the fast path does. */
  const tally = (verdicts: ArrayLike<number>, vAt: number, statuses: ArrayLike<number>, sAt: number) => {
    for (let k = 0; k < cohorts.length; k++) {
      const acc = cohorts[k]!;
      acc.total++;
      acc.verdicts[VERDICT_CODES[verdicts[vAt + k]!]!]++;
      let out = false;
      let failing = 0;
      let last = -1;
      for (let j = 0; j < acc.slots.length; j++) {
        const status = statuses[sAt + acc.slots[j]!]!;
        acc.statuses[status]![j]!++;
        const excluded = acc.exclusion[j] ? status === 1 : status === 0;
        if (excluded) acc.excludes[j]!++;
        out ||= excluded;
        if (!out) acc.remaining[j]!++;
        const passes = acc.exclusion[j] ? status === 0 : status === 1;
        if (!passes) {
          failing++;
          last = j;
        }
      }
      // One pass: a patient held back by exactly one criterion is that criterion's gain.
      if (failing === 1) acc.gain[last]!++;
    }
  };
  return {
    add(screening) {
      let verdicts: readonly Verdict[];
      let statuses: ArrayLike<number>;
      if ('cohorts' in screening) {
        verdicts = screening.cohorts.map((c) => c.verdict);
        for (const cohort of screening.cohorts) {
          const { criteria } = cohort;
          if (Array.isArray(criteria)) {
            for (const c of criteria as Screening['cohorts'][number]['criteria']) {
              const i = index.get(c.id);
              if (i !== undefined) codes[i] = STATUS_CODE[c.status];
            }
          } else {
            for (const id in criteria) {
              const i = index.get(id);
              if (i !== undefined)
                codes[i] = STATUS_CODE[(criteria as CompactScreening['cohorts'][number]['criteria'])[id]!];
            }
          }
        }
        statuses = codes;
      } else {
        verdicts = screening.verdicts;
        statuses = screening.statuses;
      }
      for (let k = 0; k < cohorts.length; k++) verdictCodes[k] = VERDICT_CODES.indexOf(verdicts[k]!);
      tally(verdictCodes, 0, statuses, 0);
    },
    addPopulation(result) {
      if (result.statuses === undefined)
        throw new Error('a funnel needs the statuses: population(batch, { statuses: true })');
      for (let i = 0; i < result.size; i++)
        tally(result.verdicts, i * result.cohorts, result.statuses, i * result.criteria);
    },
    result() {
      return {
        cohorts: cohorts.map((acc) => ({
          id: acc.cohort.id,
          label: acc.cohort.label,
          total: acc.total,
          ...acc.verdicts,
          criteria: acc.criteria.map((c, j) => ({
            id: c.id,
            kind: c.kind,
            excludes: acc.excludes[j]!,
            remaining: acc.remaining[j]!,
            met: acc.statuses[1]![j]!,
            not_met: acc.statuses[0]![j]!,
            unknown: acc.statuses[2]![j]!,
            gain: acc.gain[j]!,
          })),
        })),
      };
    },
  };
}
