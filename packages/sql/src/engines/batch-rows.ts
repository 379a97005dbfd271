import {
  CLINICAL_STATUSES,
  COMPARATORS,
  CRITICALITIES,
  canonicalSystem,
  dayKey,
  ENCOUNTER_CLASSES,
  ENCOUNTER_STATUSES,
  NO_DAY,
  NOT_GIVEN,
  type PopulationBatch,
  ROUTE_CODES,
  SEVERITIES,
  type SqlTableNames,
  VERIFICATION_STATUSES,
} from '@eligo/core';

/** A row of one of the input tables, its values in TABLE_COLUMNS order. */
export type Row = (string | number | null)[];

export interface TableRows {
  readonly table: keyof SqlTableNames;
  readonly rows: Row[];
}

const day = (d: number) => (d === NO_DAY ? null : d);
const num = (x: number) => (Number.isFinite(x) ? x : null);
const word = (w: string | undefined) => (w === undefined || w === '' ? null : w);

/**
 * A population batch's columns as the rows of the SQL input tables (core/src/sql/tables.ts): the
 * SQL path reads the same facts the population path reads, as the builder laid them out.
 * Patients are numbered from `first`; `refs` name them.
 */
export function batchRows(batch: PopulationBatch, first = 0, refs?: readonly string[]): TableRows[] {
  const patient: Row[] = [];
  for (let i = 0; i < batch.size; i++) patient.push([first + i, refs?.[i] ?? String(first + i)]);
  const result: Row[] = [];
  const record: Row[] = [];
  const given: Row[] = [];
  const date: Row[] = [];
  const code: Row[] = [];
  const detail: Row[] = [];
  for (const [element, c] of Object.entries(batch.elements)) {
    switch (c.kind) {
      case 'results':
        for (let i = 0; i < batch.size; i++) {
          for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
            const k = c.code[j]!;
            result.push([
              first + i,
              element,
              j - c.offsets[i]!,
              k === 0 ? num(c.value[j]!) : null,
              c.units[c.unit[j]!] ?? '',
              word(COMPARATORS[c.comparator[j]!]),
              k === 0 ? null : c.codes[k - 1]!,
              day(c.dayLo[j]!),
              day(c.dayHi[j]!),
              num(c.low[j]!),
              num(c.high[j]!),
            ]);
          }
        }
        break;
      case 'records':
        for (let i = 0; i < batch.size; i++) {
          if (c.given[i] !== NOT_GIVEN) given.push([first + i, element, c.given[i]!]);
          for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
            record.push([
              first + i,
              element,
              j - c.offsets[i]!,
              CLINICAL_STATUSES[c.clinical[j]!]!,
              VERIFICATION_STATUSES[c.verification[j]!]!,
              day(c.startLo[j]!),
              day(c.startHi[j]!),
              day(c.endLo[j]!),
              day(c.endHi[j]!),
              word(CRITICALITIES[c.criticality[j]!]),
              word(SEVERITIES[c.severity[j]!]),
              word(ROUTE_CODES[c.route[j]!]),
              word(ENCOUNTER_STATUSES[c.status[j]!]),
              word(ENCOUNTER_CLASSES[c.encounterClass[j]!]),
              c.unclassified[j]!,
              ...drugColumns(c, j),
            ]);
            if (c.detail[j] !== 0)
              detailRows(detail, first + i, element, j - c.offsets[i]!, c.details[c.detail[j]! - 1]!);
          }
        }
        break;
      case 'date':
        for (let i = 0; i < batch.size; i++) {
          const lo = c.dayLo[i]!;
          if (lo === NO_DAY) continue;
          const hi = c.dayHi[i]!;
          date.push([first + i, element, lo, hi, dayKey(lo), dayKey(hi)]);
        }
        break;
      case 'code':
        for (let i = 0; i < batch.size; i++) {
          const k = c.code[i]!;
          if (k !== 0) code.push([first + i, element, c.codes[k - 1]!]);
        }
        break;
    }
  }
  return [
    { table: 'patient', rows: patient },
    { table: 'result', rows: result },
    { table: 'record', rows: record },
    { table: 'given', rows: given },
    { table: 'date', rows: date },
    { table: 'code', rows: code },
    { table: 'detail', rows: detail },
  ];
}

/** A record's drug coding and doses (TABLE_COLUMNS.record's last seven columns). */
function drugColumns(c: Extract<PopulationBatch['elements'][string], { kind: 'records' }>, j: number): Row {
  const coding = c.coding[j]!;
  const [system = '', code] = coding === 0 ? [] : c.codings[coding - 1]!.split('\u0000');
  return [
    system === '' ? null : canonicalSystem(system),
    code ?? null,
    num(c.dose[j]!),
    word(c.doseUnits[c.doseUnit[j]!]),
    num(c.perDay[j]!),
    num(c.dailyDose[j]!),
    word(c.doseUnits[c.dailyDoseUnit[j]!]),
  ];
}

/** The coded fields record filters read (codes/filter.ts filterTally): codings with a system and a code. */
const DETAIL_FIELDS = ['bodySite', 'reason'] as const;

function detailRows(out: Row[], pid: number, element: string, seq: number, json: string): void {
  const detail = JSON.parse(json) as Record<string, unknown>;
  for (const field of DETAIL_FIELDS) {
    const codings = detail[field];
    if (!Array.isArray(codings)) continue;
    for (const c of codings) {
      if (typeof c !== 'object' || c === null) continue;
      const { system, code } = c as { system?: unknown; code?: unknown };
      if (typeof system !== 'string' || typeof code !== 'string') continue;
      out.push([pid, element, seq, field, canonicalSystem(system), code.trim()]);
    }
  }
}

/** `SELECT DISTINCT element, unit` rows as each element's units, for the conversions a query carries. */
export function unitsByElement(rows: readonly (readonly [string, string])[]): Record<string, string[]> {
  const units: Record<string, string[]> = {};
  for (const [element, unit] of rows) {
    units[element] ??= [];
    units[element].push(unit);
  }
  return units;
}
