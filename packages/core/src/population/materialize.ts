import type { Facts } from '../facts/shapes';
import { formatDay } from '../time/dates';
import {
  CLINICAL_STATUSES,
  COMPARATORS,
  CRITICALITIES,
  type ElementColumns,
  ENCOUNTER_CLASSES,
  ENCOUNTER_STATUSES,
  NO_DAY,
  NONE_GIVEN,
  NOT_GIVEN,
  type PopulationBatch,
  ROUTE_CODES,
  SEVERITIES,
  VERIFICATION_STATUSES,
} from './columns';

/**
 * One patient of a batch as the facts a single screening takes: the way back from the columns,
 * for rules the column evaluator leaves to the object evaluator, and for explaining one patient.
 */
export function factsOf(batch: PopulationBatch, i: number): Facts {
  const facts: Facts = {};
  for (const [id, columns] of Object.entries(batch.elements)) {
    const value = factOf(columns, i);
    if (value !== undefined) facts[id] = value;
  }
  return facts;
}

function factOf(c: ElementColumns, i: number): Facts[string] {
  switch (c.kind) {
    case 'date':
      return c.dayLo[i] === NO_DAY ? undefined : dateText(c.dayLo[i]!, c.dayHi[i]!);
    case 'code':
      return c.code[i] === 0 ? undefined : c.codes[c.code[i]! - 1];
    case 'results': {
      const from = c.offsets[i]!;
      const to = c.offsets[i + 1]!;
      if (from === to) return undefined;
      const out = [];
      for (let j = from; j < to; j++) {
        const date = c.dayLo[j] === NO_DAY ? undefined : dateText(c.dayLo[j]!, c.dayHi[j]!);
        if (c.code[j] !== 0) {
          out.push({ code: c.codes[c.code[j]! - 1]!, ...(date && { date }) });
          continue;
        }
        const unit = c.units[c.unit[j]!];
        const low = c.low[j]!;
        const high = c.high[j]!;
        const comparator = COMPARATORS[c.comparator[j]!];
        const appliesTo =
          c.rangeFor[j] === 0 ? undefined : (JSON.parse(c.appliesTo[c.rangeFor[j]! - 1]!) as unknown);
        out.push({
          ...(!Number.isNaN(c.value[j]!) && { value: c.value[j]! }),
          ...(unit && { unit }),
          ...(comparator && { comparator }),
          ...(date && { date }),
          ...((!Number.isNaN(low) || !Number.isNaN(high)) && {
            referenceRange: {
              ...(!Number.isNaN(low) && { low }),
              ...(!Number.isNaN(high) && { high }),
              ...(appliesTo !== undefined && { appliesTo }),
            },
          }),
        });
      }
      return out;
    }
    case 'records': {
      if (c.given[i] === NOT_GIVEN) return undefined;
      if (c.given[i] === NONE_GIVEN) return false;
      const out = [];
      for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
        const start = c.startLo[j] === NO_DAY ? undefined : dateText(c.startLo[j]!, c.startHi[j]!);
        const end = c.endLo[j] === NO_DAY ? undefined : dateText(c.endLo[j]!, c.endHi[j]!);
        const criticality = CRITICALITIES[c.criticality[j]!];
        const severity = SEVERITIES[c.severity[j]!];
        const status = ENCOUNTER_STATUSES[c.status[j]!];
        const encounterClass = ENCOUNTER_CLASSES[c.encounterClass[j]!];
        const route = ROUTE_CODES[c.route[j]!];
        const coding = c.coding[j] === 0 ? undefined : c.codings[c.coding[j]! - 1]!.split('\u0000');
        const dose = quantityAt(c.dose[j]!, c.doseUnits[c.doseUnit[j]!]);
        const dailyDose = quantityAt(c.dailyDose[j]!, c.doseUnits[c.dailyDoseUnit[j]!]);
        const perDay = c.perDay[j]!;
        const detail = c.detail[j] === 0 ? undefined : (JSON.parse(c.details[c.detail[j]! - 1]!) as object);
        // One row serves every record kind: each reads the fields it knows.
        out.push({
          clinicalStatus: CLINICAL_STATUSES[c.clinical[j]!]!,
          verificationStatus: VERIFICATION_STATUSES[c.verification[j]!]!,
          ...(start && { onset: start, start, date: start }),
          ...(end && { abatement: end, end }),
          ...(criticality && { criticality }),
          ...(severity && { severity }),
          ...(status && { status }),
          ...(encounterClass && { class: encounterClass }),
          ...(c.unclassified[j] === 1 && { unclassified: true as const }),
          ...(coding && { ...(coding[0] && { system: coding[0] }), code: coding[1] }),
          ...(route && { route }),
          ...(dose && { dose }),
          ...(!Number.isNaN(perDay) && { perDay }),
          ...(dailyDose && { dailyDose }),
          ...detail,
        });
      }
      return out as Facts[string];
    }
  }
}

/** A dose as the facts write it; undefined when the column holds none. */
function quantityAt(value: number, unit: string | undefined): { value: number; unit: string } | undefined {
  return Number.isNaN(value) || !unit ? undefined : { value, unit };
}

/** The text a day range was read from: a day, a month or a year. */
function dateText(lo: number, hi: number): string {
  const first = formatDay(lo);
  if (lo === hi) return first;
  const last = formatDay(hi);
  if (first.slice(0, 7) === last.slice(0, 7)) return first.slice(0, 7);
  return first.slice(0, 4);
}
