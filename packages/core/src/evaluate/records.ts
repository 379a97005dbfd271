import { filterTally, filterTallyResult } from '../codes/filter';
import { openRecord, ROUTE_OTHER, routeMatch } from '../decide/dosing';
import {
  ACTIVE,
  allergyRecord,
  CONFIRMED,
  type ConditionMode,
  classMatch,
  conditionRecord,
  type EpisodeTally,
  encounterEpisode,
  encounterRecord,
  encounterSpans,
  encounterStatusClass,
  encounterWithinRecord,
  episodeBounds,
  episodePeriod,
  exposureRecord,
  exposureSpans,
  exposureWithinRecord,
  FILTER_MATCHES,
  FILTER_NOT_STATED,
  filteredRecord,
  finish,
  HIGH,
  INACTIVE,
  isResolvedMode,
  LOWER,
  NEVER,
  NO_DAY,
  NOT_STATED,
  noRecord,
  type OnsetFold,
  OTHER_STATUS,
  onsetKnown,
  onsetRecord,
  procedureRecord,
  SKIP,
  type Span,
  spansTruth,
  UNASSESSED,
  UNCONFIRMED,
} from '../decide/records';
import { eventAtMoment, eventWithinRecord, windowMay, windowSure } from '../decide/window';
import { MOMENT_KNOWN, readDays, readDaysResult, readMoment, readMomentResult } from '../time/dates';
import { type Element, type RecordFilter, TRUE, type Tri, UNKNOWN, type Window } from './ir';
import type { Patient } from './patient';

/**
 * Conditions, medications, procedures, allergies and encounters read from facts: each record's
 * fields turned into the plain values that `decide/records.ts` decides on, and folded the way it
 * prescribes.
 */

interface RawRecord {
  clinicalStatus?: string;
  verificationStatus?: string;
  onset?: string;
  abatement?: string;
  start?: string;
  end?: string;
  date?: string;
  criticality?: string;
  severity?: string;
  class?: string;
  status?: string;
  route?: string;
  inProgress?: boolean;
  unclassified?: boolean;
  bodySite?: unknown;
  reason?: unknown;
  /** Set on a filtered element's copy of a record whose filtered field is not stated (`body site`, `reason`). */
  notStated?: string;
}

/** `true` is one confirmed, active record without dates. */
const ONE_RECORD: readonly RawRecord[] = [{}];
const NO_RECORD: readonly RawRecord[] = [];

/**
 * The element's records, or undefined when the input does not mention the element. An element
 * that filters on a coded field (`site …`, `for …`) sees only the records the filter may take:
 * those it takes, and, marked unclassified, those that do not state the field.
 */
export function recordsOf(patient: Patient, el: Element): readonly RawRecord[] | undefined {
  const raw = patient.facts[el.id];
  if (raw === undefined || raw === null) return undefined;
  if (raw === true) return el.filter === undefined ? ONE_RECORD : filtered(el.filter, ONE_RECORD);
  if (raw === false) return NO_RECORD;
  if (!Array.isArray(raw)) return undefined;
  return el.filter === undefined ? (raw as RawRecord[]) : filtered(el.filter, raw as RawRecord[]);
}

/** Filtered lists by the facts' list and the filter, so each is built once per patient. */
const filteredLists = new WeakMap<readonly RawRecord[], Map<RecordFilter, readonly RawRecord[]>>();

function filtered(filter: RecordFilter, records: readonly RawRecord[]): readonly RawRecord[] {
  let byFilter = filteredLists.get(records);
  const known = byFilter?.get(filter);
  if (known !== undefined) return known;
  const out: RawRecord[] = [];
  for (const r of records) {
    if (typeof r !== 'object' || r === null) continue;
    filterTally(filter, (r as Record<string, unknown>)[filter.field]);
    const match = filteredRecord(filter.except, filterTallyResult.inSet, filterTallyResult.outOfSet);
    if (match === FILTER_MATCHES) out.push(r);
    else if (match === FILTER_NOT_STATED)
      out.push({ ...r, unclassified: true, notStated: filter.field === 'bodySite' ? 'body site' : 'reason' });
  }
  if (byFilter === undefined) {
    byFilter = new Map();
    filteredLists.set(records, byFilter);
  }
  byFilter.set(filter, out);
  return out;
}

/** Index of the record that decided the last call, for explanations; -1 when none did. */
export let decidingRecord = -1;

function absent(patient: Patient, el: Element): Tri {
  return noRecord(el.closedWorld, patient.facts[el.id] === false);
}

/** First and last day of a record date field, NO_DAY when absent or not a date. */
let lo = NO_DAY;
let hi = NO_DAY;

function days(text: string | undefined): void {
  if (typeof text === 'string' && readDays(text)) {
    lo = readDaysResult.lo;
    hi = readDaysResult.hi;
  } else {
    lo = NO_DAY;
    hi = NO_DAY;
  }
}

function clinicalClass(status: string | undefined): number {
  if (status === undefined || status === 'active' || status === 'recurrence' || status === 'relapse')
    return ACTIVE;
  return status === 'inactive' || status === 'remission' || status === 'resolved' ? INACTIVE : OTHER_STATUS;
}

function verificationClass(status: string | undefined): number {
  if (status === undefined || status === 'confirmed') return CONFIRMED;
  return status === 'refuted' || status === 'entered-in-error' ? NEVER : UNCONFIRMED;
}

export function conditionTruth(
  patient: Patient,
  el: Element,
  mode: ConditionMode,
  ago: Window | undefined,
): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  const asOf = patient.asOfDay;
  const decisive = isResolvedMode(mode) ? 0 : 1;
  let result: Tri = isResolvedMode(mode) ? TRUE : 0;
  let counted = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    days(r.onset);
    const onsetLo = lo;
    const onsetHi = hi;
    days(r.abatement);
    const t = conditionRecord(
      mode,
      clinicalClass(r.clinicalStatus),
      verificationClass(r.verificationStatus),
      onsetLo,
      onsetHi,
      lo,
      hi,
      asOf,
      ago,
      r.unclassified === true,
      mode === 'severe' ? conditionSeverity(r.severity) : NOT_STATED,
    );
    if (t === SKIP) continue;
    counted++;
    if (t === decisive) {
      decidingRecord = i;
      return t;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(patient, el);
  return isResolvedMode(mode) ? result : finish(result, el.closedWorld);
}

export function medicationTruth(
  patient: Patient,
  el: Element,
  mode: 'any' | 'atLeast' | 'moreThan' | 'within',
  duration: Window | undefined,
  anchorLo: number,
  anchorHi: number,
): Tri {
  // For `within`: the window's first day at the latest and at the earliest (decide/window.ts).
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  const asOf = patient.asOfDay;
  if (mode === 'atLeast' || mode === 'moreThan') {
    const shortest: Span[] = [];
    const longest: Span[] = [];
    for (const r of records) {
      if (typeof r !== 'object' || r === null) continue;
      const match = routeMatch(el.routes, r.route);
      if (match === ROUTE_OTHER) continue;
      days(r.start);
      const startLo = lo;
      const startHi = hi;
      days(r.end);
      const open = openRecord(r.unclassified === true, match);
      exposureSpans(startLo, startHi, lo, hi, asOf, open, shortest, longest);
    }
    return spansTruth(
      shortest,
      longest,
      duration!,
      mode === 'moreThan',
      el.closedWorld,
      patient.facts[el.id] === false,
    );
  }
  const sure = mode === 'within' ? windowSure(anchorHi, duration!) : 0;
  const may = mode === 'within' ? windowMay(anchorLo, duration!) : 0;
  let result: Tri = 0;
  let counted = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    // Another route: not the element's exposure at all.
    const match = routeMatch(el.routes, r.route);
    if (match === ROUTE_OTHER) continue;
    const open = openRecord(r.unclassified === true, match);
    days(r.start);
    let t: Tri | typeof SKIP;
    if (mode === 'any') t = exposureRecord(lo, hi, asOf, open);
    else {
      const startLo = lo;
      const startHi = hi;
      days(r.end);
      t = exposureWithinRecord(startLo, startHi, lo, hi, asOf, sure, may, anchorLo, anchorHi, open);
    }
    if (t === SKIP) continue;
    counted++;
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(patient, el);
  return finish(result, el.closedWorld);
}

export function procedureTruth(patient: Patient, el: Element): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  let result: Tri = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    days(r.date);
    const t = procedureRecord(lo, hi, patient.asOfDay, r.unclassified === true);
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  return finish(result, el.closedWorld || patient.facts[el.id] === false);
}

/** A procedure in progress: so marked in facts, or by the status its column row keeps. */
function underWay(r: RawRecord): boolean {
  return r.inProgress === true || r.status === 'in-progress';
}

function conditionSeverity(s: string | undefined): number {
  return s === undefined ? NOT_STATED : s === 'severe' ? HIGH : LOWER;
}

function criticalityClass(c: string | undefined): number {
  return c === undefined ? NOT_STATED : c === 'high' ? HIGH : c === 'unable-to-assess' ? UNASSESSED : LOWER;
}

export function allergyTruth(patient: Patient, el: Element, severe: boolean): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  let result: Tri = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    const reaction = r.severity === undefined ? undefined : r.severity === 'severe';
    const t = allergyRecord(severe, criticalityClass(r.criticality), reaction, r.unclassified === true);
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  return finish(result, el.closedWorld || patient.facts[el.id] === false);
}

/**
 * A condition (by its onset) or a procedure (by its date) in the window before an anchor day known
 * between anchorLo and anchorHi. A condition need not be active: an infarction 30 days ago counts
 * whatever its status now.
 */
export function eventWithinTruth(
  patient: Patient,
  el: Element,
  window: Window,
  anchorLo: number,
  anchorHi: number,
  anchorAt = Number.NaN,
): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  // Hours count between moments when the anchor has one (a time of day with its offset).
  const byMoment = window.unit === 'hour' && !Number.isNaN(anchorAt);
  const sure = windowSure(anchorHi, window);
  const may = windowMay(anchorLo, window);
  const condition = el.kind === 'condition';
  let result: Tri = 0;
  let counted = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    const verification = verificationClass(r.verificationStatus);
    if (verification === NEVER) continue;
    days(condition ? r.onset : r.date);
    if (!condition && (r.end !== undefined || underWay(r))) {
      // A procedure performed over days (a course of radiotherapy) counts when any of them falls
      // in the window, as an exposure does.
      const startLo = lo;
      const startHi = hi;
      days(underWay(r) ? undefined : r.end);
      const t = exposureWithinRecord(
        startLo,
        startHi,
        lo,
        hi,
        patient.asOfDay,
        sure,
        may,
        anchorLo,
        anchorHi,
        r.unclassified === true,
      );
      if (t === SKIP) continue;
      counted++;
      if (t === TRUE) {
        decidingRecord = i;
        return TRUE;
      }
      if (t === UNKNOWN) result = UNKNOWN;
      continue;
    }
    const dated = condition ? r.onset : r.date;
    const timed = byMoment && typeof dated === 'string' && readMoment(dated) === MOMENT_KNOWN;
    const t = timed
      ? eventAtMoment(
          lo,
          patient.asOfDay,
          readMomentResult.at,
          anchorAt,
          window.amount,
          verification === CONFIRMED,
          r.unclassified === true,
          window.strict === true,
        )
      : eventWithinRecord(
          lo,
          hi,
          patient.asOfDay,
          sure,
          may,
          anchorLo,
          anchorHi,
          verification === CONFIRMED,
          r.unclassified === true,
        );
    if (t === SKIP) continue;
    counted++;
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(patient, el);
  return finish(result, el.closedWorld);
}

/**
 * Encounters, with the rules of exposures (medicationTruth): any started by the screening date,
 * one under way at some time in a window, or stays lasting a duration. Only encounters of the
 * element's classes count (decide/records.ts).
 */
export function encounterTruth(
  patient: Patient,
  el: Element,
  mode: 'any' | 'atLeast' | 'moreThan' | 'within',
  duration: Window | undefined,
  anchorLo: number,
  anchorHi: number,
): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  const asOf = patient.asOfDay;
  if (mode === 'atLeast' || mode === 'moreThan') {
    const shortest: Span[] = [];
    const longest: Span[] = [];
    for (const r of records) {
      if (typeof r !== 'object' || r === null) continue;
      days(r.start);
      const startLo = lo;
      const startHi = hi;
      days(r.end);
      encounterSpans(
        encounterStatusClass(r.status),
        classMatch(el.classes, r.class),
        startLo,
        startHi,
        lo,
        hi,
        asOf,
        r.unclassified === true,
        shortest,
        longest,
      );
    }
    return spansTruth(
      shortest,
      longest,
      duration!,
      mode === 'moreThan',
      el.closedWorld,
      patient.facts[el.id] === false,
    );
  }
  const sure = mode === 'within' ? windowSure(anchorHi, duration!) : 0;
  const may = mode === 'within' ? windowMay(anchorLo, duration!) : 0;
  let result: Tri = 0;
  let counted = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    const status = encounterStatusClass(r.status);
    const match = classMatch(el.classes, r.class);
    days(r.start);
    let t: Tri | typeof SKIP;
    if (mode === 'any') t = encounterRecord(status, match, lo, hi, asOf, r.unclassified === true);
    else {
      const startLo = lo;
      const startHi = hi;
      days(r.end);
      t = encounterWithinRecord(
        status,
        match,
        startLo,
        startHi,
        lo,
        hi,
        asOf,
        sure,
        may,
        anchorLo,
        anchorHi,
        r.unclassified === true,
      );
    }
    if (t === SKIP) continue;
    counted++;
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(patient, el);
  return finish(result, el.closedWorld);
}

/**
 * `episodes of R`: the fewest and most separate periods of a medication's exposures, an
 * encounter's stays or a procedure's days (decide/records.ts episodeBounds).
 */
export function episodesOf(patient: Patient, el: Element, separatedBy: Window | undefined): [number, number] {
  const records = recordsOf(patient, el);
  const explicitlyNone = patient.facts[el.id] === false;
  const tally: EpisodeTally = { sure: [], exact: [], extra: 0 };
  const asOf = patient.asOfDay;
  for (const r of records ?? NO_RECORD) {
    if (typeof r !== 'object' || r === null) continue;
    const unclassified = r.unclassified === true;
    if (el.kind === 'procedure') {
      days(r.date);
      const startLo = lo;
      const startHi = hi;
      if (r.end !== undefined || underWay(r)) days(underWay(r) ? undefined : r.end);
      episodePeriod(startLo, startHi, lo, hi, asOf, unclassified, tally);
      continue;
    }
    days(r.start);
    const startLo = lo;
    const startHi = hi;
    days(r.end);
    if (el.kind === 'encounter') {
      const status = encounterStatusClass(r.status);
      encounterEpisode(
        status,
        classMatch(el.classes, r.class),
        startLo,
        startHi,
        lo,
        hi,
        asOf,
        unclassified,
        tally,
      );
    } else {
      const match = routeMatch(el.routes, r.route);
      if (match === ROUTE_OTHER) continue;
      episodePeriod(startLo, startHi, lo, hi, asOf, openRecord(unclassified, match), tally);
    }
  }
  return episodeBounds(tally, separatedBy, el.closedWorld, explicitlyNone);
}

/** The first onset of a condition as days `[lo, hi]`, or undefined when the records cannot tell it. */
export function firstOnsetOf(patient: Patient, el: Element): [number, number] | undefined {
  const records = recordsOf(patient, el);
  if (records === undefined) return undefined;
  const fold: OnsetFold = {
    lo: Number.POSITIVE_INFINITY,
    hi: Number.POSITIVE_INFINITY,
    sure: false,
    undated: false,
  };
  for (const r of records) {
    if (typeof r !== 'object' || r === null) continue;
    days(r.onset);
    onsetRecord(
      verificationClass(r.verificationStatus),
      lo,
      hi,
      patient.asOfDay,
      r.unclassified === true,
      fold,
    );
  }
  return onsetKnown(fold) ? [fold.lo, fold.hi] : undefined;
}
