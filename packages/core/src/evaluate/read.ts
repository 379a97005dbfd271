import { filterTally, filterTallyResult } from '../codes/filter';
import { pickLatest as pickLatestDays, UNREADABLE_DAY } from '../decide/latest';
import { FILTER_MATCHES, filteredRecord, NO_DAY } from '../decide/records';
import { readDays, readDaysResult } from '../time/dates';
import { applyConversion, type Conversion, conversionBetween } from '../units/ucum';
import { earliestDay, latestDay } from './days';
import { AMBIGUOUS, BAD_UNIT, type Element, OK, type Reading, type RecordFilter } from './ir';
import type { Patient } from './patient';

/**
 * Reading a lab or test element: the most recent result on or before the screening date (and, with
 * a window, on or after its first day). Undated results count as of the screening date. When
 * partial dates leave it open which result counts, or whether one counts at all, the reading is
 * AMBIGUOUS rather than a guess.
 */

export interface RawMeasurement {
  value?: number;
  unit?: string;
  comparator?: string;
  code?: string;
  date?: string;
  referenceRange?: { low?: number; high?: number; unit?: string; appliesTo?: unknown };
}

/** The element's results as a list (a single result may be given bare). */
export function resultsOf(patient: Patient, el: Element): readonly RawMeasurement[] {
  const raw = patient.facts[el.id];
  if (raw === undefined || raw === null || typeof raw !== 'object') return EMPTY;
  return Array.isArray(raw) ? (raw as RawMeasurement[]) : [raw as RawMeasurement];
}

const EMPTY: readonly RawMeasurement[] = [];

/** Day numbers of the results' dates, reused between calls so that picking allocates nothing. */
let daysLo = new Int32Array(16);
let daysHi = new Int32Array(16);

/**
 * Picks the result in use (decide/latest.ts) among the results, by their dates read as day
 * numbers; returns its index, -1 when none, -2 when the dates cannot tell.
 */
export function pickLatest(
  results: readonly RawMeasurement[],
  asOfDay: number,
  from: string | undefined,
): number {
  const n = results.length;
  if (n > daysLo.length) {
    daysLo = new Int32Array(n * 2);
    daysHi = new Int32Array(n * 2);
  }
  for (let i = 0; i < n; i++) {
    const m = results[i];
    if (typeof m !== 'object' || m === null) {
      daysLo[i] = UNREADABLE_DAY;
      daysHi[i] = UNREADABLE_DAY;
    } else if (m.date === undefined) {
      daysLo[i] = NO_DAY;
      daysHi[i] = NO_DAY;
    } else if (typeof m.date === 'string' && readDays(m.date)) {
      daysLo[i] = readDaysResult.lo;
      daysHi[i] = readDaysResult.hi;
    } else {
      daysLo[i] = UNREADABLE_DAY;
      daysHi[i] = UNREADABLE_DAY;
    }
  }
  const fromDay = from !== undefined && readDays(from) ? readDaysResult.lo : NO_DAY;
  return pickLatestDays(daysLo, daysHi, 0, n, asOfDay, fromDay);
}

/** Fills `out` with the element's result in use, converted to the element's unit. */
export function readResult(patient: Patient, el: Element, from: string | undefined, out: Reading): void {
  out.reset();
  const results = resultsOf(patient, el);
  if (results.length === 0) return;
  const i = pickLatest(results, patient.asOfDay, from);
  if (i === -1) return;
  if (i === -2) {
    out.state = AMBIGUOUS;
    return;
  }
  fillFrom(patient, el, results[i]!, i, out);
}

/**
 * Fills `out` from one result: its date, its code or its value converted to the element's unit (by
 * UCUM's factor, or as a point on an offset scale such as °F to °C).
 */
export function fillFrom(patient: Patient, el: Element, m: RawMeasurement, i: number, out: Reading): void {
  out.record = m;
  out.index = i;
  out.date = m.date === undefined ? patient.asOf : earliestDay(m.date);
  out.dateHi = m.date === undefined ? patient.asOf : latestDay(m.date);
  if (typeof m.code === 'string') {
    out.code = m.code.toLowerCase();
    out.state = OK;
    return;
  }
  if (typeof m.value !== 'number' || !Number.isFinite(m.value)) return;
  const reported = m.unit ?? el.unit;
  const target = el.unit ?? reported;
  out.unit = target;
  const conversion =
    reported === undefined || target === undefined || reported === target
      ? IDENTITY
      : conversionTo(el, reported, target);
  if (conversion === undefined) {
    out.state = BAD_UNIT;
    patient.warn({
      code: 'unit-not-convertible',
      message: `${el.name}: the unit '${reported}' does not convert to ${target}; the result is treated as missing`,
      path: pathOf(patient, el, i, 'unit'),
      element: el.id,
    });
    return;
  }
  setValue(out, applyConversion(conversion, m.value), m.comparator);
  const range = m.referenceRange;
  if (
    range !== undefined &&
    (range.high !== undefined || range.low !== undefined) &&
    rangeApplies(el, range)
  ) {
    const rangeUnit = range.unit ?? reported;
    const rangeConversion =
      rangeUnit === undefined || target === undefined || rangeUnit === target
        ? IDENTITY
        : conversionTo(el, rangeUnit, target);
    if (rangeConversion === undefined) {
      patient.warn({
        code: 'unit-not-convertible',
        message: `${el.name}: the reference range unit '${rangeUnit}' does not convert to ${target}; the range is treated as missing`,
        path: pathOf(patient, el, i, 'referenceRange.unit'),
        element: el.id,
      });
    } else {
      if (range.high !== undefined) out.high = applyConversion(rangeConversion, range.high);
      if (range.low !== undefined) out.low = applyConversion(rangeConversion, range.low);
    }
  }
  out.state = OK;
}

/**
 * Whether a result's reference range is the one the lab reads its limits from: any, without
 * `range for …`; with it, one whose appliesTo names one of its codes. A range for another
 * population, or one that does not say whom it applies to, is no limit at all: ULN and LLN are
 * then unknown, never taken from the wrong range.
 */
export function rangeApplies(
  el: { readonly filter: RecordFilter | undefined },
  range: { appliesTo?: unknown },
): boolean {
  if (el.filter?.field !== 'appliesTo') return true;
  filterTally(el.filter, range.appliesTo);
  return filteredRecord(false, filterTallyResult.inSet, filterTallyResult.outOfSet) === FILTER_MATCHES;
}

/** A comparator makes the value an interval: `<20` is every value below 20. */
function setValue(out: Reading, value: number, comparator: string | undefined): void {
  out.lo = value;
  out.hi = value;
  out.loOpen = false;
  out.hiOpen = false;
  if (comparator === '<' || comparator === '<=') {
    out.lo = Number.NEGATIVE_INFINITY;
    out.loOpen = true;
    out.hiOpen = comparator === '<';
  } else if (comparator === '>' || comparator === '>=') {
    out.hi = Number.POSITIVE_INFINITY;
    out.hiOpen = true;
    out.loOpen = comparator === '>';
  }
}

export const IDENTITY: Conversion = { factor: 1, offset: 0 };

/**
 * The conversion from a reported unit to the element's unit (or a test's result unit), cached per
 * element; undefined when the units do not convert. Temperatures convert across their offset
 * (99.5 [degF] is 37.5 Cel).
 */
export function conversionTo(el: Element, from: string, to: string): Conversion | undefined {
  const key = to === el.unit ? from : `${from}\u0000${to}`;
  let conversion = el.factors.get(key);
  if (conversion === undefined) {
    conversion = conversionBetween(from, to, el.molarMass) ?? null;
    el.factors.set(key, conversion);
  }
  return conversion ?? undefined;
}

function pathOf(patient: Patient, el: Element, index: number, field: string): string {
  return Array.isArray(patient.facts[el.id]) ? `facts.${el.id}.${index}.${field}` : `facts.${el.id}.${field}`;
}
