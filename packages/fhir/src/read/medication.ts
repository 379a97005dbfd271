import type { Exposure, Coding as FactCoding } from '@eligo/core';
import type {
  CodeableConcept,
  Entry,
  Medication,
  MedicationAdministration,
  MedicationRequest,
  MedicationStatement,
} from '../bundle';
import { isAfter, toPartialDate } from '../dates';
import { classify } from '../elements';
import { endUnknown, routeProblem, unresolvedReference } from '../warnings';
import { codingsOf } from './codings';
import type { Reading } from './context';
import { type DosingRead, readAdministrationDosage, readDosages } from './dosage';
import { type Conditions, conditionNamed, ruledOut } from './encounter';
import { addRecords, feedsAny } from './records';

type MedicationUse = MedicationStatement | MedicationRequest | MedicationAdministration;

/** Statuses under which no medication was taken: these records never count. */
const NOT_TAKEN: Readonly<Record<MedicationUse['resourceType'], ReadonlySet<string>>> = {
  MedicationStatement: new Set(['not-taken', 'entered-in-error', 'intended']),
  MedicationRequest: new Set(['cancelled', 'entered-in-error', 'draft']),
  MedicationAdministration: new Set(['not-done', 'entered-in-error']),
};

/** Medications a reference can name: `Medication/id`, the entry's fullUrl. */
export type Medications = Map<string, Medication>;

export function indexMedications(entries: readonly Entry<Medication>[]): Medications {
  const index: Medications = new Map();
  for (const { resource, fullUrl } of entries) {
    if (resource.id !== undefined) index.set(`Medication/${resource.id}`, resource);
    if (fullUrl !== undefined) index.set(fullUrl, resource);
  }
  return index;
}

/**
 * The medication's code: the inline concept, else the Medication the reference names, among
 * the resource's contained ones (`#id`) or the bundle's (`Medication/id`, a fullUrl, or an
 * absolute URL ending in `Medication/id`). `null` when the reference names nothing.
 */
function medicationConcept(r: MedicationUse, medications: Medications): CodeableConcept | undefined | null {
  if (r.medicationCodeableConcept !== undefined) return r.medicationCodeableConcept;
  const ref = r.medicationReference?.reference;
  if (ref === undefined) return null;
  if (ref.startsWith('#')) {
    const contained = r.contained?.find((c) => c.resourceType === 'Medication' && c.id === ref.slice(1));
    return contained === undefined ? null : ((contained as Medication).code ?? undefined);
  }
  const tail = /(Medication\/[^/]+)(\/_history\/[^/]+)?$/.exec(ref)?.[1];
  const found = medications.get(ref) ?? (tail === undefined ? undefined : medications.get(tail));
  return found === undefined ? null : found.code;
}

/**
 * The exposure period a record states.
 * - MedicationStatement and MedicationAdministration: `effectivePeriod`, or the single day of
 *   `effectiveDateTime`.
 * - MedicationRequest: the prescription's `dispenseRequest.validityPeriod`, its start falling
 *   back to `authoredOn`. Without an end, an active or on-hold request is ongoing; a completed
 *   or stopped one counts on its start day only (with a warning), since its end is not
 *   recorded and running it up to the screening date would invent an exposure.
 */
function period(r: MedicationUse): { start?: string; end?: string; endAssumed?: true } {
  if (r.resourceType === 'MedicationRequest') {
    const validity = r.dispenseRequest?.validityPeriod;
    const start = validity?.start ?? r.authoredOn;
    const end = validity?.end;
    if (end === undefined && start !== undefined && (r.status === 'completed' || r.status === 'stopped')) {
      return { start, end: start, endAssumed: true };
    }
    return { start, end };
  }
  if (r.effectivePeriod !== undefined) return { start: r.effectivePeriod.start, end: r.effectivePeriod.end };
  if (r.effectiveDateTime !== undefined) return { start: r.effectiveDateTime, end: r.effectiveDateTime };
  return {};
}

/** When a record without a start date became known: a statement's dateAsserted. */
function assertedAfter(r: MedicationUse, asOf: string): boolean {
  return (
    r.resourceType === 'MedicationStatement' &&
    r.dateAsserted !== undefined &&
    isAfter(toPartialDate(r.dateAsserted), asOf)
  );
}

/**
 * A MedicationStatement, MedicationRequest or MedicationAdministration as an exposure of every
 * medication element whose binding takes its code (unclassified, of every one, when the protocol
 * cannot classify its code). One starting after the screening date is
 * ignored (as is an undated statement asserted after it); one ending after it is kept whole
 * (the evaluator cuts exposures at that date).
 */
export function readMedication(
  reading: Reading,
  entry: Entry<MedicationUse>,
  medications: Medications,
  conditions: Conditions,
): void {
  const r = entry.resource;
  if (r.status !== undefined && NOT_TAKEN[r.resourceType].has(r.status)) return;
  const concept = medicationConcept(r, medications);
  if (concept === null) {
    reading.warn(
      unresolvedReference(`${entry.path}.medicationReference`, r.medicationReference?.reference ?? ''),
    );
    return;
  }
  const classified = classify(reading.info, ['medication'], [concept]);
  if (!feedsAny(classified)) return;
  const { start, end, endAssumed } = period(r);
  if (start !== undefined && isAfter(toPartialDate(start), reading.asOf)) return;
  if (start === undefined && assertedAfter(r, reading.asOf)) return;
  if (endAssumed && start !== undefined)
    reading.warn(endUnknown(classified.matches[0]?.element.id, entry.path, toPartialDate(start)));
  const exposure: Exposure = {};
  if (start !== undefined) exposure.start = toPartialDate(start);
  if (end !== undefined) exposure.end = toPartialDate(end);
  const { dosing, routeProblem: problem } = dosingOf(r, entry.path, start, end);
  Object.assign(exposure, dosing);
  const reason = reasonsOf(r, conditions);
  if (reason !== undefined) exposure.reason = reason;
  if (problem !== undefined) {
    // Only where a route decides: for elements that ask for some.
    const elements = [
      ...classified.matches.map((m) => m.element),
      ...(classified.unclassified?.elements ?? []),
    ];
    const asking = elements.find((e) => e.routes !== undefined);
    if (asking !== undefined) reading.warn(routeProblem(asking.id, problem.path, problem.reason));
  }
  const field =
    r.medicationCodeableConcept !== undefined ? 'medicationCodeableConcept' : 'medicationReference';
  const where = { type: r.resourceType, path: `${entry.path}.${field}` };
  addRecords(reading, 'medication', where, classified, exposure);
}

/**
 * What the record says it was given for: the codes of its reasonCode and of the Conditions its
 * reasonReference names (refuted ones left out). Undefined, not stated, when it states none, or
 * names anything the bundle does not hold as a Condition: the reason may then be any.
 */
function reasonsOf(r: MedicationUse, conditions: Conditions): FactCoding[] | undefined {
  const concepts = [...(r.reasonCode ?? [])];
  for (const ref of r.reasonReference ?? []) {
    const found = conditionNamed(ref.reference, conditions);
    if (found === undefined) return undefined;
    if (!ruledOut(found) && found.code !== undefined) concepts.push(found.code);
  }
  const codings = codingsOf(concepts);
  return codings.length > 0 ? codings : undefined;
}

/** The route and dose the record's dosages state (read/dosage.ts). */
function dosingOf(
  r: MedicationUse,
  path: string,
  start: string | undefined,
  end: string | undefined,
): DosingRead {
  switch (r.resourceType) {
    case 'MedicationStatement':
      return readDosages(r.dosage, `${path}.dosage`);
    case 'MedicationRequest':
      return readDosages(r.dosageInstruction, `${path}.dosageInstruction`);
    case 'MedicationAdministration': {
      const oneDay = start !== undefined && end !== undefined && sameDay(start, end);
      return readAdministrationDosage(r.dosage, oneDay, `${path}.dosage`);
    }
  }
}

/** Both date-times fall on one calendar day (as the reader cuts them). */
function sameDay(a: string, b: string): boolean {
  const x = toPartialDate(a);
  return x.length === 10 && x === toPartialDate(b);
}
