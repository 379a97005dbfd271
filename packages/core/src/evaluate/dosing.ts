import { type EquivalenceTable, equivalenceFactor } from '../codes/equivalents';
import { type CourseTest, courseTruth } from '../decide/doseCourse';
import { doseIncreasedTruth, type HighestDose, highestDailyDose } from '../decide/doseHistory';
import {
  DAILY_DOSE_UNIT,
  type DoseRange,
  type DoseRecord,
  dailyDoseRange,
  exposureDaily,
  openRecord,
  ROUTE_OTHER,
  routeMatch,
  stableTruth,
} from '../decide/dosing';
import { NO_DAY } from '../decide/records';
import { readDays, readDaysResult } from '../time/dates';
import { conversionFactor } from '../units/ucum';
import { type Element, NONE, OK, type Reading, type Tri, type Window } from './ir';
import type { Patient } from './patient';
import { recordsOf } from './records';

/**
 * Daily doses and stable dosing read from facts: each exposure's dates, route, dose and drug
 * turned into the plain values `decide/dosing.ts` decides on (doses in mg, daily doses in mg/d).
 */

interface RawExposure {
  system?: string;
  code?: string;
  start?: string;
  end?: string;
  route?: string;
  dose?: { value?: number; unit?: string };
  perDay?: number;
  dailyDose?: { value?: number; unit?: string };
  unclassified?: boolean;
}

/** A quantity in `unit` (mg, mg/d); NaN when absent or in a unit that does not convert. */
function amountIn(q: RawExposure['dose'], unit: string): number {
  if (q === undefined || typeof q.value !== 'number' || typeof q.unit !== 'string') return Number.NaN;
  return q.value * (conversionFactor(q.unit, unit) ?? Number.NaN);
}

function daysOf(text: string | undefined): [number, number] {
  if (typeof text === 'string' && readDays(text)) return [readDaysResult.lo, readDaysResult.hi];
  return [NO_DAY, NO_DAY];
}

/**
 * The element's exposures as dose records, with the index of each in the facts; exposures by a
 * route the element does not take are left out. Undefined when the input does not mention the
 * element.
 */
export function doseRecordsOf(
  patient: Patient,
  el: Element,
  table: EquivalenceTable | undefined,
): { records: DoseRecord[]; indices: number[] } | undefined {
  const raw = recordsOf(patient, el) as readonly RawExposure[] | undefined;
  if (raw === undefined) return undefined;
  const records: DoseRecord[] = [];
  const indices: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    if (typeof r !== 'object' || r === null) continue;
    const match = routeMatch(el.routes, r.route);
    if (match === ROUTE_OTHER) continue;
    const [startLo, startHi] = daysOf(r.start);
    const [endLo, endHi] = daysOf(r.end);
    const factor = table === undefined ? 1 : equivalenceFactor(table, r.system, r.code, r.route);
    const perDay = typeof r.perDay === 'number' ? r.perDay : Number.NaN;
    records.push({
      startLo,
      startHi,
      endLo,
      endHi,
      open: openRecord(r.unclassified === true, match),
      daily: exposureDaily(amountIn(r.dailyDose, DAILY_DOSE_UNIT), amountIn(r.dose, 'mg'), perDay, factor),
      drug: typeof r.code === 'string' ? r.code : '',
    });
    indices.push(i);
  }
  return { records, indices };
}

/** Whether the element's history is complete: declared so, or the input says it has no record. */
function completeHistory(patient: Patient, el: Element): boolean {
  return el.closedWorld || patient.facts[el.id] === false;
}

/**
 * Reads `M daily dose` (as a table's equivalents) into `out`, in mg/d; with `highest`, the
 * highest daily dose within that window (`M highest daily dose within D`).
 */
export function readDailyDose(
  patient: Patient,
  el: Element,
  table: EquivalenceTable | undefined,
  out: Reading,
  highest?: Window,
): void {
  out.reset();
  out.date = patient.asOf;
  out.dateHi = patient.asOf;
  const read = doseRecordsOf(patient, el, table);
  const range: DoseRange | HighestDose =
    highest === undefined
      ? dailyDoseRange(read?.records ?? [], patient.asOfDay, el.closedWorld, patient.facts[el.id] === false)
      : highestDailyDose(read?.records ?? [], patient.asOfDay, highest, completeHistory(patient, el));
  if (!range.known) {
    out.state = NONE;
    return;
  }
  out.lo = range.lo;
  out.hi = range.hi;
  out.unit = DAILY_DOSE_UNIT;
  out.state = OK;
}

/**
 * `M stable for at least D`. `shown`, when given, receives the exposures (indices into the facts)
 * that may fall in the days looked at, for explanations.
 */
export function stableLeaf(patient: Patient, el: Element, duration: Window, shown?: number[]): Tri {
  const read = doseRecordsOf(patient, el, undefined);
  const inWindow: number[] = [];
  const t = stableTruth(
    read?.records ?? [],
    patient.asOfDay,
    duration,
    el.closedWorld,
    patient.facts[el.id] === false,
    inWindow,
  );
  if (shown && read) shown.push(...inWindow.map((k) => read.indices[k]!));
  return t;
}

/**
 * `M daily dose [as T] increased within D`. `shown`, when given, receives the exposures (indices
 * into the facts) that may fall in the window, for explanations.
 */
export function doseRiseLeaf(
  patient: Patient,
  el: Element,
  table: EquivalenceTable | undefined,
  window: Window,
  shown?: number[],
): Tri {
  const read = doseRecordsOf(patient, el, table);
  const inWindow: number[] = [];
  const t = doseIncreasedTruth(
    read?.records ?? [],
    patient.asOfDay,
    window,
    completeHistory(patient, el),
    inWindow,
  );
  if (shown && read) shown.push(...inWindow.map((k) => read.indices[k]!));
  return t;
}

/**
 * `M daily dose [as T] >= X for at least D [within W before screening]`. `shown`, when given,
 * receives the exposures (indices into the facts) that may fall in the window, for explanations.
 */
export function courseLeaf(
  patient: Patient,
  el: Element,
  table: EquivalenceTable | undefined,
  test: CourseTest,
  shown?: number[],
): Tri {
  const read = doseRecordsOf(patient, el, table);
  const inWindow: number[] = [];
  const t = courseTruth(read?.records ?? [], patient.asOfDay, test, completeHistory(patient, el), inWindow);
  if (shown && read) shown.push(...inWindow.map((k) => read.indices[k]!));
  return t;
}

/** The exposures (indices into the facts) that may fall in the last `window`. */
export function exposuresWithin(
  patient: Patient,
  el: Element,
  table: EquivalenceTable | undefined,
  window: Window,
): number[] {
  const read = doseRecordsOf(patient, el, table);
  if (read === undefined) return [];
  const h = highestDailyDose(read.records, patient.asOfDay, window, completeHistory(patient, el));
  return h.inWindow.map((k) => read.indices[k]!);
}

/** The exposures (indices into the facts) that are or may be ongoing on the screening date. */
export function ongoingExposures(
  patient: Patient,
  el: Element,
  table: EquivalenceTable | undefined,
): number[] {
  const read = doseRecordsOf(patient, el, table);
  if (read === undefined) return [];
  const range = dailyDoseRange(read.records, patient.asOfDay, el.closedWorld, false);
  return range.ongoing.map((k) => read.indices[k]!);
}
