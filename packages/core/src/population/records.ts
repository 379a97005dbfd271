import { type Element, FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { addYears } from '../time/dates';
import {
  CLINICAL_STATUSES,
  CRITICALITIES,
  GIVEN,
  NO_DAY,
  NONE_GIVEN,
  type RecordColumns,
  SEVERITIES,
  VERIFICATION_STATUSES,
} from './columns';

/**
 * Conditions, medications, procedures and allergies read from columns: the object evaluator's
 * record rules (evaluate/records.ts) on day numbers, record by record, Kleene `or` over them.
 */

const REFUTED = VERIFICATION_STATUSES.indexOf('refuted');
const ENTERED_IN_ERROR = VERIFICATION_STATUSES.indexOf('entered-in-error');
const CONFIRMED = VERIFICATION_STATUSES.indexOf('confirmed');
/** The active statuses (active, recurrence, relapse) come first. */
const LAST_ACTIVE = CLINICAL_STATUSES.indexOf('relapse');
const CRITICALITY_HIGH = CRITICALITIES.indexOf('high');
const CRITICALITY_UNASSESSED = CRITICALITIES.indexOf('unable-to-assess');
const SEVERITY_SEVERE = SEVERITIES.indexOf('severe');

/** With no record: absent in a closed world or when explicitly none, else unknown. */
function absent(el: Element, c: RecordColumns | undefined, i: number): Tri {
  return el.closedWorld || (c !== undefined && c.given[i] === NONE_GIVEN) ? FALSE : UNKNOWN;
}

export function conditionTruth(
  c: RecordColumns | undefined,
  el: Element,
  mode: 'active' | 'suspected' | 'ever' | 'resolved',
  years: number,
  i: number,
  asOf: number,
): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  let result: Tri = mode === 'resolved' ? TRUE : FALSE;
  let counted = 0;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const verification = c.verification[j]!;
    if (verification === REFUTED || verification === ENTERED_IN_ERROR) continue;
    let onsetUnsure = false;
    if (c.startLo[j] !== NO_DAY) {
      if (c.startLo[j]! > asOf) continue;
      onsetUnsure = c.startHi[j]! > asOf;
    }
    counted++;
    const active = c.clinical[j]! <= LAST_ACTIVE;
    const confirmed = verification === CONFIRMED;
    let t: Tri;
    if (mode === 'resolved') {
      t = resolvedTruth(c, j, active, asOf, years);
      if (t === FALSE) return FALSE;
      if (t === UNKNOWN) result = UNKNOWN;
      continue;
    }
    if (mode === 'ever') t = confirmed ? TRUE : UNKNOWN;
    else if (!active) t = FALSE;
    else t = confirmed || mode === 'suspected' ? TRUE : UNKNOWN;
    if (t === TRUE && onsetUnsure) t = UNKNOWN;
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(el, c, i);
  if (mode !== 'resolved' && result === FALSE && !el.closedWorld) return UNKNOWN;
  return result;
}

function resolvedTruth(c: RecordColumns, j: number, active: boolean, asOf: number, years: number): Tri {
  if (active) return FALSE;
  // Every status after the active ones is inactive, remission or resolved.
  if (c.endLo[j] === NO_DAY) return UNKNOWN;
  if (addYears(c.endHi[j]!, years) < asOf) return TRUE;
  if (addYears(c.endLo[j]!, years) >= asOf) return FALSE;
  return UNKNOWN;
}

/** Any exposure started by the screening date, or (`within`) one overlapping the `days` before the anchor. */
export function medicationTruth(
  c: RecordColumns | undefined,
  el: Element,
  within: boolean,
  days: number,
  anchorLo: number,
  anchorHi: number,
  i: number,
  asOf: number,
): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  let result: Tri = FALSE;
  let counted = 0;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const undated = c.startLo[j] === NO_DAY;
    const startLo = undated ? Number.NEGATIVE_INFINITY : c.startLo[j]!;
    if (startLo > asOf) continue;
    counted++;
    let t: Tri;
    if (!within) {
      t = !undated && c.startHi[j]! > asOf ? UNKNOWN : TRUE;
    } else {
      const ended = c.endLo[j] !== NO_DAY;
      const endLo = ended ? Math.min(c.endLo[j]!, asOf) : asOf;
      const endHi = ended ? Math.min(c.endHi[j]!, asOf) : asOf;
      const certainStart = undated ? endLo : c.startHi[j]!;
      const certain = certainStart <= anchorLo && certainStart <= endLo && endLo >= anchorHi - days;
      const possible = startLo <= anchorHi && endHi >= anchorLo - days;
      t = certain ? TRUE : possible ? UNKNOWN : FALSE;
    }
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(el, c, i);
  if (result === FALSE && !el.closedWorld) return UNKNOWN;
  return result;
}

/** Procedures: any record dated on or before the screening date (undated ones count). */
export function procedureTruth(c: RecordColumns | undefined, el: Element, i: number, asOf: number): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  let result: Tri = FALSE;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    if (c.startLo[j] === NO_DAY || c.startHi[j]! <= asOf) return TRUE;
    if (c.startLo[j]! <= asOf) result = UNKNOWN;
  }
  if (result === FALSE && !el.closedWorld) return UNKNOWN;
  return result;
}

/** Allergies: any record; with `severe`, one of high criticality or with a severe reaction. */
export function allergyTruth(c: RecordColumns | undefined, el: Element, severe: boolean, i: number): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  let result: Tri = FALSE;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    let t: Tri = TRUE;
    if (severe) {
      const criticality = c.criticality[j]!;
      const severity = c.severity[j]!;
      if (criticality === CRITICALITY_HIGH || severity === SEVERITY_SEVERE) t = TRUE;
      else if (criticality === CRITICALITY_UNASSESSED || (criticality === 0 && severity === 0)) t = UNKNOWN;
      else t = FALSE;
    }
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (result === FALSE && !el.closedWorld) return UNKNOWN;
  return result;
}
