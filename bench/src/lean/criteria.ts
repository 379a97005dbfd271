import { ge, le } from '../engines/shared/compare';
import { unitFactor } from '../engines/shared/units';
import { REPORTED_UNITS } from '../generate';
import type { Status, Verdict } from '../patient';
import { INCLUSIONS } from '../patient';
import { CONFIRMED, FIRST_VOID, LAST_ACTIVE, type Lab } from './codes';

/**
 * The pieces both lean baselines share. Statuses are small integers, 0 not met, 1 unknown, 2 met,
 * so Kleene `and` is the minimum, `or` the maximum and `not` is 2 − x.
 */

export const NOT_MET = 0;
export const UNKNOWN = 1;
export const MET = 2;

/** Unit factors per lab, indexed by unit code, computed once with UCUM (NaN: does not convert). */
export function factors(lab: Lab, to: string, molarMass?: number): Float64Array {
  return Float64Array.from(REPORTED_UNITS[lab]!, (unit) => unitFactor(unit, to, molarMass));
}

/**
 * Which of two result slots holds the result in use: the later of those on or before the screening
 * date, slot 2 on a tie (it is listed later); 0 for none. Empty slots are dated NEVER.
 */
export function slotInUse(day1: number, day2: number, asOf: number): number {
  if (day2 <= asOf && (day1 > asOf || day2 >= day1)) return 2;
  return day1 <= asOf ? 1 : 0;
}

/** `value × factor >= threshold`; unknown when the unit does not convert. */
export function atLeast(value: number, factor: number, threshold: number): number {
  if (Number.isNaN(factor)) return UNKNOWN;
  return ge(value * factor, threshold) ? MET : NOT_MET;
}

/** `value <= k × ULN`, both in the result's own unit; unknown without a reference range. */
export function withinUln(value: number, high: number, k: number): number {
  if (Number.isNaN(high)) return UNKNOWN;
  return le(value, k * high) ? MET : NOT_MET;
}

/**
 * One diagnosis record's contribution (closed world, so a record that does not count is not met):
 * `mode` 0 active and confirmed, 1 suspected (provisional counts), 2 ever (any clinical status).
 */
export function recordStatus(
  clinical: number,
  verification: number,
  onset: number,
  asOf: number,
  mode: number,
): number {
  if (verification >= FIRST_VOID || onset > asOf) return NOT_MET;
  const confirmed = verification === CONFIRMED;
  if (mode === 2) return confirmed ? MET : UNKNOWN;
  if (clinical > LAST_ACTIVE) return NOT_MET;
  return confirmed || mode === 1 ? MET : UNKNOWN;
}

/** Whether a colony-stimulating factor course overlaps the 14 days up to `anchor` (courses ending after the screening date end on it). */
export function inWindow(start: number, end: number, anchor: number, asOf: number): boolean {
  if (start > asOf) return false;
  const last = Math.min(end, asOf);
  return start <= anchor && start <= last && last >= anchor - 14;
}

/** Statuses of the bilirubin criterion: the Gilbert branch when it is met, the strict one when not, either when they agree. */
export function bilirubin(gilbert: number, value: number, high: number): number {
  const strict = withinUln(value, high, 1.5);
  const lenient = withinUln(value, high, 3);
  return gilbert === MET ? lenient : gilbert === NOT_MET || strict === lenient ? strict : UNKNOWN;
}

export function verdictOf(statuses: Uint8Array): Verdict {
  let inclusion = MET;
  for (let k = 0; k < INCLUSIONS; k++) if (statuses[k]! < inclusion) inclusion = statuses[k]!;
  let exclusion = NOT_MET;
  for (let k = INCLUSIONS; k < statuses.length; k++) if (statuses[k]! > exclusion) exclusion = statuses[k]!;
  if (inclusion === NOT_MET || exclusion === MET) return 'ineligible';
  return inclusion === MET && exclusion === NOT_MET ? 'eligible' : 'undetermined';
}

export const STATUS_NAMES: readonly Status[] = ['not_met', 'unknown', 'met'];
