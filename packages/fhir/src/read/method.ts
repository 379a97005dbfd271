import { canonicalSystem, type ElementInfo, matchesBinding } from '@eligo/core';
import type { CodeableConcept } from '../bundle';

/**
 * Whether a result was obtained by one of an element's methods (`method snomed …`, read from
 * FHIR Observation.method):
 * - `yes`: a coding the element's methods take;
 * - `no`: codings in the systems the methods use, none of them taken (an FDG tracer, where only
 *   amyloid tracers count): not the element's result;
 * - `unknown`: no method recorded, or none in those systems: it may or may not be the element's.
 * An element without methods takes every result.
 */
export function methodOf(
  element: ElementInfo,
  method: CodeableConcept | undefined,
): 'yes' | 'no' | 'unknown' {
  const wanted = element.method;
  if (wanted === undefined) return 'yes';
  const systems = new Set(wanted.include.map((p) => canonicalSystem(p.system)));
  let classified = false;
  for (const coding of method?.coding ?? []) {
    if (coding.system === undefined || coding.code === undefined) continue;
    if (matchesBinding(wanted, coding.system, coding.code)) return 'yes';
    if (systems.has(canonicalSystem(coding.system))) classified = true;
  }
  return classified ? 'no' : 'unknown';
}
