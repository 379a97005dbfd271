import { openRecord, ROUTE_OTHER, routeMatch } from '../decide/dosing';
import {
  ACTIVE,
  allergyRecord,
  CONFIRMED,
  type ConditionMode,
  classMatch,
  conditionRecord,
  type Duration,
  encounterRecord,
  encounterStatusClass,
  encounterWithinRecord,
  exposureRecord,
  exposureWithinRecord,
  finish,
  HIGH,
  INACTIVE,
  isResolvedMode,
  LOWER,
  NEVER,
  NOT_STATED,
  noRecord,
  procedureRecord,
  SKIP,
  UNASSESSED,
  UNCONFIRMED,
} from '../decide/records';
import { type Element, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import {
  CLINICAL_STATUSES,
  CRITICALITIES,
  ENCOUNTER_CLASSES,
  ENCOUNTER_STATUSES,
  GIVEN,
  NONE_GIVEN,
  type RecordColumns,
  ROUTE_CODES,
  SEVERITIES,
  VERIFICATION_STATUSES,
} from './columns';

/**
 * Conditions, medications, procedures, allergies and encounters read from columns: each row's
 * fields as the plain values `decide/records.ts` decides on, folded the way it prescribes. Status
 * columns hold indices into the facts schema's lists; these tables turn them into the decisions'
 * classes.
 */

export const CLINICAL_CLASS = Uint8Array.from(CLINICAL_STATUSES, (s) =>
  s === 'active' || s === 'recurrence' || s === 'relapse' ? ACTIVE : INACTIVE,
);
export const VERIFICATION_CLASS = Uint8Array.from(VERIFICATION_STATUSES, (s) =>
  s === 'confirmed' ? CONFIRMED : s === 'refuted' || s === 'entered-in-error' ? NEVER : UNCONFIRMED,
);
export const CRITICALITY_CLASS = Uint8Array.from(CRITICALITIES, (c) =>
  c === '' ? NOT_STATED : c === 'high' ? HIGH : c === 'unable-to-assess' ? UNASSESSED : LOWER,
);
export const SEVERE_REACTION = SEVERITIES.map((s) => (s === '' ? undefined : s === 'severe'));
const ENCOUNTER_STATUS_CLASS = Uint8Array.from(ENCOUNTER_STATUSES, (s) =>
  encounterStatusClass(s === '' ? undefined : s),
);
const ENCOUNTER_CLASS = ENCOUNTER_CLASSES.map((c) => (c === '' ? undefined : c));
const ROUTE_WORD = ROUTE_CODES.map((r) => (r === '' ? undefined : r));

/** With no record: absent in a closed world or when explicitly none, else unknown. */
function absent(el: Element, c: RecordColumns | undefined, i: number): Tri {
  return noRecord(el.closedWorld, c !== undefined && c.given[i] === NONE_GIVEN);
}

export function conditionTruth(
  c: RecordColumns | undefined,
  el: Element,
  mode: ConditionMode,
  ago: Duration | undefined,
  i: number,
  asOf: number,
): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  const decisive = isResolvedMode(mode) ? 0 : 1;
  let result: Tri = isResolvedMode(mode) ? TRUE : 0;
  let counted = 0;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const t = conditionRecord(
      mode,
      CLINICAL_CLASS[c.clinical[j]!]!,
      VERIFICATION_CLASS[c.verification[j]!]!,
      c.startLo[j]!,
      c.startHi[j]!,
      c.endLo[j]!,
      c.endHi[j]!,
      asOf,
      ago,
      c.unclassified[j] === 1,
    );
    if (t === SKIP) continue;
    counted++;
    if (t === decisive) return t;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(el, c, i);
  return isResolvedMode(mode) ? result : finish(result, el.closedWorld);
}

/** Any exposure started by the screening date, or (`within`) one overlapping the `days` before the anchor. */
export function medicationTruth(
  c: RecordColumns | undefined,
  el: Element,
  within: boolean,
  sure: number,
  may: number,
  anchorLo: number,
  anchorHi: number,
  i: number,
  asOf: number,
): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  let result: Tri = 0;
  let counted = 0;
  const routes = el.routes;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    // Another route: not the element's exposure at all.
    const match = routeMatch(routes, ROUTE_WORD[c.route[j]!]);
    if (match === ROUTE_OTHER) continue;
    const unclassified = openRecord(c.unclassified[j] === 1, match);
    const t = within
      ? exposureWithinRecord(
          c.startLo[j]!,
          c.startHi[j]!,
          c.endLo[j]!,
          c.endHi[j]!,
          asOf,
          sure,
          may,
          anchorLo,
          anchorHi,
          unclassified,
        )
      : exposureRecord(c.startLo[j]!, c.startHi[j]!, asOf, unclassified);
    if (t === SKIP) continue;
    counted++;
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(el, c, i);
  return finish(result, el.closedWorld);
}

/** Procedures: any record dated on or before the screening date (undated ones count). */
export function procedureTruth(c: RecordColumns | undefined, el: Element, i: number, asOf: number): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  let result: Tri = 0;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const t = procedureRecord(c.startLo[j]!, c.startHi[j]!, asOf, c.unclassified[j] === 1);
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  return finish(result, el.closedWorld);
}

/** Allergies: any record; with `severe`, one of high criticality or with a severe reaction. */
export function allergyTruth(c: RecordColumns | undefined, el: Element, severe: boolean, i: number): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  let result: Tri = 0;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const t = allergyRecord(
      severe,
      CRITICALITY_CLASS[c.criticality[j]!]!,
      SEVERE_REACTION[c.severity[j]!],
      c.unclassified[j] === 1,
    );
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  return finish(result, el.closedWorld);
}

/**
 * Encounters: any started by the screening date, or (`within`) one under way at some time in the
 * window before the anchor; only those of the element's classes count.
 */
export function encounterTruth(
  c: RecordColumns | undefined,
  el: Element,
  within: boolean,
  sure: number,
  may: number,
  anchorLo: number,
  anchorHi: number,
  i: number,
  asOf: number,
): Tri {
  if (c === undefined || c.given[i] !== GIVEN) return absent(el, c, i);
  const classes = el.classes;
  let result: Tri = 0;
  let counted = 0;
  for (let j = c.offsets[i]!; j < c.offsets[i + 1]!; j++) {
    const status = ENCOUNTER_STATUS_CLASS[c.status[j]!]!;
    const match = classMatch(classes, ENCOUNTER_CLASS[c.encounterClass[j]!]);
    const unclassified = c.unclassified[j] === 1;
    const t = within
      ? encounterWithinRecord(
          status,
          match,
          c.startLo[j]!,
          c.startHi[j]!,
          c.endLo[j]!,
          c.endHi[j]!,
          asOf,
          sure,
          may,
          anchorLo,
          anchorHi,
          unclassified,
        )
      : encounterRecord(status, match, c.startLo[j]!, c.startHi[j]!, asOf, unclassified);
    if (t === SKIP) continue;
    counted++;
    if (t === TRUE) return TRUE;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  if (counted === 0) return absent(el, c, i);
  return finish(result, el.closedWorld);
}
