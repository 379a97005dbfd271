import { earliestDay, latestDay, shiftDays, shiftMonths, shiftYears } from './days';
import { type Element, FALSE, TRUE, type Tri, UNKNOWN, type Window } from './ir';
import type { Patient } from './patient';

/**
 * Conditions, medications, procedures and allergies. Each record is judged on its own; the element
 * is the Kleene `or` of its records (`and` for `resolved more than …`). With no record, a closed-world
 * kind is absent (false) and an open-world kind unknown; in the open world a record that does not
 * count proves nothing either.
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
}

/** `true` is one confirmed, active record without dates. */
const ONE_RECORD: readonly RawRecord[] = [{}];
const NO_RECORD: readonly RawRecord[] = [];

/** The element's records, or undefined when the input does not mention the element. */
export function recordsOf(patient: Patient, el: Element): readonly RawRecord[] | undefined {
  const raw = patient.facts[el.id];
  if (raw === undefined || raw === null) return undefined;
  if (raw === true) return ONE_RECORD;
  if (raw === false) return NO_RECORD;
  return Array.isArray(raw) ? (raw as RawRecord[]) : undefined;
}

/** Index of the record that decided the last call, for explanations; -1 when none did. */
export let decidingRecord = -1;

function absent(patient: Patient, el: Element): Tri {
  // An explicit `false` asserts absence whatever the world.
  return el.closedWorld || patient.facts[el.id] === false ? FALSE : UNKNOWN;
}

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const RESOLVED = new Set(['inactive', 'remission', 'resolved']);
const NEVER = new Set(['refuted', 'entered-in-error']);

export function conditionTruth(
  patient: Patient,
  el: Element,
  mode: 'active' | 'suspected' | 'ever' | 'resolved',
  years: Window | undefined,
): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  const asOf = patient.asOf;
  let result: Tri = mode === 'resolved' ? TRUE : FALSE;
  let counted = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    const verification = r.verificationStatus ?? 'confirmed';
    if (NEVER.has(verification)) continue;
    let onsetUnsure = false;
    if (r.onset !== undefined) {
      if (earliestDay(r.onset) > asOf) continue;
      onsetUnsure = latestDay(r.onset) > asOf;
    }
    counted++;
    const clinical = r.clinicalStatus ?? 'active';
    const confirmed = verification === 'confirmed';
    let t: Tri;
    if (mode === 'resolved') {
      t = resolvedTruth(r, clinical, asOf, years);
      if (t === FALSE) {
        decidingRecord = i;
        return FALSE;
      }
      if (t === UNKNOWN) result = UNKNOWN;
      continue;
    }
    if (mode === 'ever') t = confirmed ? TRUE : UNKNOWN;
    else if (!ACTIVE.has(clinical)) t = FALSE;
    else t = confirmed || mode === 'suspected' ? TRUE : UNKNOWN;
    if (t === TRUE && onsetUnsure) t = UNKNOWN;
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(patient, el);
  if (mode !== 'resolved' && result === FALSE && !el.closedWorld) return UNKNOWN;
  return result;
}

/** Inactive, in remission or resolved, with the abatement more than N years before the screening date. */
function resolvedTruth(r: RawRecord, clinical: string, asOf: string, years: Window | undefined): Tri {
  if (ACTIVE.has(clinical)) return FALSE;
  if (!RESOLVED.has(clinical)) return UNKNOWN;
  if (r.abatement === undefined) return UNKNOWN;
  const n = years?.amount ?? 0;
  const lo = earliestDay(r.abatement);
  const hi = latestDay(r.abatement);
  if (lo === '') return UNKNOWN;
  if (shiftYears(hi, n) < asOf) return TRUE;
  if (shiftYears(lo, n) >= asOf) return FALSE;
  return UNKNOWN;
}

const DAWN = '0000-01-01';

interface Span {
  start: string;
  end: string;
}

export function medicationTruth(
  patient: Patient,
  el: Element,
  mode: 'any' | 'atLeast' | 'moreThan' | 'within',
  duration: Window | undefined,
  anchorLo: string,
  anchorHi: string,
): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  const asOf = patient.asOf;
  if (mode === 'atLeast' || mode === 'moreThan') return spanTruth(patient, el, records, mode, duration!);
  let result: Tri = FALSE;
  let counted = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    const startLo = r.start === undefined ? DAWN : earliestDay(r.start);
    if (startLo === '' || startLo > asOf) continue;
    counted++;
    const startHi = r.start === undefined ? undefined : latestDay(r.start);
    let t: Tri;
    if (mode === 'any') {
      t = startHi !== undefined && startHi > asOf ? UNKNOWN : TRUE;
    } else {
      // Overlap with the N days before the anchor: certain when the shortest the exposure can be
      // overlaps every window the anchor allows, possible when the longest overlaps any.
      const days = duration!.amount * (duration!.unit === 'week' ? 7 : 1);
      const endLo = r.end === undefined ? asOf : minDay(earliestDay(r.end), asOf);
      const endHi = r.end === undefined ? asOf : minDay(latestDay(r.end), asOf);
      const certainStart = startHi ?? endLo;
      const certain =
        certainStart <= anchorLo && certainStart <= endLo && endLo >= shiftDays(anchorHi, -days);
      const possible = startLo <= anchorHi && endHi >= shiftDays(anchorLo, -days);
      t = certain ? TRUE : possible ? UNKNOWN : FALSE;
    }
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(patient, el);
  if (result === FALSE && !el.closedWorld) return UNKNOWN;
  return result;
}

/** The longest span of merged exposure, at its shortest and at its longest given partial dates. */
function spanTruth(
  patient: Patient,
  el: Element,
  records: readonly RawRecord[],
  mode: 'atLeast' | 'moreThan',
  duration: Window,
): Tri {
  const asOf = patient.asOf;
  const shortest: Span[] = [];
  const longest: Span[] = [];
  for (const r of records) {
    if (typeof r !== 'object' || r === null) continue;
    const startLo = r.start === undefined ? DAWN : earliestDay(r.start);
    if (startLo === '' || startLo > asOf) continue;
    const endLo = r.end === undefined ? asOf : minDay(earliestDay(r.end), asOf);
    const endHi = r.end === undefined ? asOf : minDay(latestDay(r.end), asOf);
    longest.push({ start: startLo, end: endHi });
    const startHi = r.start === undefined ? endLo : latestDay(r.start);
    if (startHi <= endLo) shortest.push({ start: startHi, end: endLo });
  }
  if (longest.length === 0) return absent(patient, el);
  const lasts = (spans: Span[]) =>
    merge(spans).some((s) => {
      const due = shiftBy(s.start, duration);
      return mode === 'atLeast' ? s.end >= due : s.end > due;
    });
  if (lasts(shortest)) return TRUE;
  if (!lasts(longest)) return el.closedWorld || patient.facts[el.id] === false ? FALSE : UNKNOWN;
  return UNKNOWN;
}

function shiftBy(day: string, duration: Window): string {
  if (day === DAWN) return DAWN;
  if (duration.unit === 'month') return shiftMonths(day, duration.amount);
  if (duration.unit === 'year') return shiftYears(day, duration.amount);
  return shiftDays(day, duration.amount * (duration.unit === 'week' ? 7 : 1));
}

/** Overlapping or adjacent periods (the next starts by the day after one ends) join. */
export function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= shiftDays(last.end, 1)) {
      if (s.end > last.end) last.end = s.end;
    } else merged.push({ ...s });
  }
  return merged;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** Procedures: any record dated on or before the screening date (undated ones count). */
export function procedureTruth(patient: Patient, el: Element): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  let result: Tri = FALSE;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    if (r.date === undefined || latestDay(r.date) <= patient.asOf) {
      decidingRecord = i;
      return TRUE;
    }
    if (earliestDay(r.date) <= patient.asOf) result = UNKNOWN;
  }
  if (result === FALSE && !el.closedWorld && patient.facts[el.id] !== false) return UNKNOWN;
  return result;
}

/** Allergies: any record; with `severe`, one of high criticality or with a severe reaction. */
export function allergyTruth(patient: Patient, el: Element, severe: boolean): Tri {
  decidingRecord = -1;
  const records = recordsOf(patient, el);
  if (records === undefined) return absent(patient, el);
  let result: Tri = FALSE;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (typeof r !== 'object' || r === null) continue;
    let t: Tri = TRUE;
    if (severe) {
      if (r.criticality === 'high' || r.severity === 'severe') t = TRUE;
      else if (
        r.criticality === 'unable-to-assess' ||
        (r.criticality === undefined && r.severity === undefined)
      ) {
        t = UNKNOWN;
      } else t = FALSE;
    }
    if (t === TRUE) {
      decidingRecord = i;
      return TRUE;
    }
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (result === FALSE && !el.closedWorld && patient.facts[el.id] !== false) return UNKNOWN;
  return result;
}
