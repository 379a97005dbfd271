import {
  type CodeColumns,
  type DateColumns,
  dayFromIso,
  dayKey,
  NO_DAY,
  type PopulationBatch,
  PopulationBuilder,
  type RecordColumns,
  type ResultColumns,
} from '@eligo/core';
import type { BenchPatient, Status, Verdict } from '../patient';
import { CRITERIA } from '../patient';
import { compileOrThrow } from './eligo';
import type { Engine, Screener } from './engine';
import {
  MET,
  NOT_MET,
  statusName,
  toE9PerL,
  toGPerL,
  toMgDlCreatinine,
  UNKNOWN,
  verdictOf,
} from './handwritten';
import { ckdEpi2021 } from './shared/ckd';
import { ge, le } from './shared/compare';

/**
 * The practical limit on columns: the same eleven criteria written by hand against the column
 * layout Eligo's population path reads (typed arrays per element, day numbers, unit indices).
 * Like the object version it knows its data: full-day dates, one screening date per batch. Dates
 * as YYYYMMDD numbers come from core's calendar (`dayKey`), as a person would use a date library.
 */

/** The row of patient i's latest result on or before the screening date (later row on the same day); -1 when none. */
function latestRow(c: ResultColumns | undefined, i: number, asOf: number): number {
  if (c === undefined) return -1;
  let best = -1;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const day = c.dayLo[j]!;
    if (day <= asOf && (best < 0 || day >= c.dayLo[best]!)) best = j;
  }
  return best;
}

function atLeast(c: ResultColumns, row: number, threshold: number, factors: Float64Array): number {
  if (row < 0) return UNKNOWN;
  const f = factors[c.unit[row]!]!;
  if (Number.isNaN(f)) return UNKNOWN;
  return ge(c.value[row]! * f, threshold) ? MET : NOT_MET;
}

function withinUln(c: ResultColumns | undefined, row: number, k: number): number {
  if (c === undefined || row < 0) return UNKNOWN;
  const high = c.high[row]!;
  if (Number.isNaN(high)) return UNKNOWN;
  return le(c.value[row]!, k * high) ? MET : NOT_MET;
}

/** Closed-world diagnosis: `mode` 0 active and confirmed, 1 suspected, 2 ever. Status indices as in core's columns. */
function condition(c: RecordColumns | undefined, i: number, asOf: number, mode: 0 | 1 | 2): number {
  if (c === undefined) return NOT_MET;
  let result = NOT_MET;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const v = c.verification[j]!;
    if (v === 4 || v === 5) continue; // refuted, entered in error
    if (c.startLo[j]! > asOf) continue;
    const confirmed = v === 0;
    let t: number;
    if (mode === 2) t = confirmed ? MET : UNKNOWN;
    else if (c.clinical[j]! > 2)
      t = NOT_MET; // inactive, remission, resolved
    else t = confirmed || mode === 1 ? MET : UNKNOWN;
    if (t === MET) return MET;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

/** A colony-stimulating factor exposure overlapping the 14 days up to the neutrophil count's date. */
function csfBefore(c: RecordColumns | undefined, i: number, anchor: number, asOf: number): boolean {
  if (c === undefined) return false;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const start = c.startLo[j]!;
    if (start > asOf) continue;
    const end = c.endLo[j] === NO_DAY || c.endLo[j]! > asOf ? asOf : c.endLo[j]!;
    if (start <= anchor && start <= end && end >= anchor - 14) return true;
  }
  return false;
}

const factorsOf = (c: ResultColumns | undefined, table: (u: string) => number) =>
  Float64Array.from(c?.units ?? [], (u) => table(u));

/** Verdicts for a batch (and statuses of one patient into `out` when asked). */
function screenBatch(batch: PopulationBatch, verdicts: Verdict[], statuses: number[], only = -1): void {
  const e = batch.elements;
  const asOf = dayFromIso(batch.asOf);
  const asOfKey = dayKey(asOf);
  const birth = e.birth_date as DateColumns;
  const sex = e.sex as CodeColumns;
  const female = sex.codes.indexOf('female') + 1;
  const male = sex.codes.indexOf('male') + 1;
  const wbc = e.wbc as ResultColumns;
  const anc = e.neutrophils as ResultColumns;
  const hb = e.hemoglobin as ResultColumns;
  const alt = e.alt as ResultColumns;
  const ast = e.ast as ResultColumns;
  const tbil = e.bilirubin_total as ResultColumns;
  const scr = e.serum_creatinine as ResultColumns;
  const gilbert = e.gilbert_syndrome as RecordColumns;
  const infection = e.active_infection as RecordColumns;
  const malignancy = e.malignant_neoplasm as RecordColumns;
  const diabetes = e.diabetes as RecordColumns;
  const csf = e.colony_stimulating_factor as RecordColumns;
  const wbcF = factorsOf(wbc, toE9PerL);
  const ancF = factorsOf(anc, toE9PerL);
  const hbF = factorsOf(hb, toGPerL);
  const scrF = factorsOf(scr, toMgDlCreatinine);
  const out = statuses;
  const from = Math.max(only, 0);
  const to = only < 0 ? batch.size : only + 1;
  for (let i = from; i < to; i++) {
    const born = birth.dayLo[i]!;
    const birthKey = born === NO_DAY ? 0 : dayKey(born);
    const age = born === NO_DAY ? -1 : Math.floor((asOfKey - birthKey) / 10000);
    out[0] = born === NO_DAY ? UNKNOWN : age >= 18 && age <= 70 ? MET : NOT_MET;

    out[1] = atLeast(wbc, latestRow(wbc, i, asOf), 3, wbcF);

    const ancRow = latestRow(anc, i, asOf);
    const ancOk = atLeast(anc, ancRow, 1, ancF);
    out[2] =
      ancRow < 0
        ? UNKNOWN
        : ancOk === NOT_MET || csfBefore(csf, i, anc.dayLo[ancRow]!, asOf)
          ? NOT_MET
          : ancOk;

    out[3] = atLeast(hb, latestRow(hb, i, asOf), 60, hbF);
    out[4] = withinUln(alt, latestRow(alt, i, asOf), 3);
    out[5] = withinUln(ast, latestRow(ast, i, asOf), 3);

    const tbilRow = latestRow(tbil, i, asOf);
    const g = condition(gilbert, i, asOf, 0);
    const strict = withinUln(tbil, tbilRow, 1.5);
    const lenient = withinUln(tbil, tbilRow, 3);
    out[6] = g === MET ? lenient : g === NOT_MET ? strict : strict === lenient ? strict : UNKNOWN;

    const scrRow = latestRow(scr, i, asOf);
    const s = sex.code[i]!;
    if (scrRow < 0 || born === NO_DAY || s === 0 || (s !== female && s !== male)) out[7] = UNKNOWN;
    else {
      const f = scrF[scr.unit[scrRow]!]!;
      const ageThen = Math.floor((dayKey(scr.dayLo[scrRow]!) - birthKey) / 10000);
      out[7] = Number.isNaN(f)
        ? UNKNOWN
        : ge(ckdEpi2021(scr.value[scrRow]! * f, s === female, ageThen), 45)
          ? MET
          : NOT_MET;
    }

    out[8] = condition(infection, i, asOf, 1);
    out[9] = condition(malignancy, i, asOf, 2);
    out[10] = condition(diabetes, i, asOf, 0);
    verdicts[i] = verdictOf(out);
  }
}

export const handwrittenColumns: Engine = {
  name: 'hand-written, columns',
  description: 'the same TypeScript function written against the column layout',
  layout: 'columns',
  async prepare(text: string): Promise<Screener> {
    const statuses: number[] = new Array(CRITERIA.length).fill(0);
    const info = compileOrThrow(text).info;
    return {
      run(_batch: readonly BenchPatient[], columns: PopulationBatch): Verdict[] {
        const out: Verdict[] = new Array(columns.size);
        screenBatch(columns, out, statuses);
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        const builder = new PopulationBuilder(info, patient.input.asOf);
        builder.add(patient.input.facts as never);
        screenBatch(builder.build(), [], statuses, 0);
        return Object.fromEntries(CRITERIA.map((id, i) => [id, statusName(statuses[i]!)]));
      },
    };
  },
};
