import { canonicalSystem, type ElementInfo, type EncounterClass, type EncounterRecord } from '@eligo/core';
import type { CodeableConcept, Coding, Condition, Encounter, Entry } from '../bundle';
import { isAfter, toPartialDate } from '../dates';
import { type Classified, classify } from '../elements';
import { unmappedClass } from '../warnings';
import type { Reading } from './context';
import { addRecords, feedsAny } from './records';

/**
 * `Encounter.class` (HL7 v3 ActEncounterCode) by the names the language uses. Every code of the
 * value set has one: the three inpatient codes are all `inpatient`.
 */
const CLASSES: Readonly<Record<string, EncounterClass>> = {
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  NONAC: 'inpatient',
  EMER: 'emergency',
  AMB: 'ambulatory',
  OBSENC: 'observation',
  SS: 'short_stay',
  PRENC: 'preadmission',
  HH: 'home',
  FLD: 'field',
  VR: 'virtual',
};

/** The ActCode system as R4 names it, and as earlier versions did. */
const ACT_CODE = new Set([
  'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  'http://hl7.org/fhir/v3/ActCode',
]);

/** Statuses of encounters that never took place: they are not read at all. */
const NOT_HELD = new Set(['planned', 'cancelled', 'entered-in-error']);

/** Conditions a diagnosis can name: `Condition/id`, or the entry's fullUrl. */
export type Conditions = Map<string, Condition>;

export function indexConditions(entries: readonly Entry<Condition>[]): Conditions {
  const index: Conditions = new Map();
  for (const { resource, fullUrl } of entries) {
    if (resource.id !== undefined) index.set(`Condition/${resource.id}`, resource);
    if (fullUrl !== undefined) index.set(fullUrl, resource);
  }
  return index;
}

/** The Condition a reference names (`Condition/id`, a fullUrl, an absolute URL ending in `Condition/id`), if the bundle holds it. */
export function conditionNamed(ref: string | undefined, conditions: Conditions): Condition | undefined {
  if (ref === undefined) return undefined;
  const tail = /(Condition\/[^/]+)(\/_history\/[^/]+)?$/.exec(ref)?.[1];
  return conditions.get(ref) ?? (tail === undefined ? undefined : conditions.get(tail));
}

/** A refuted or entered-in-error diagnosis says nothing of what a record was for. */
export function ruledOut(c: Condition): boolean {
  const verification = (c.verificationStatus?.coding ?? []).map((x) => x.code);
  return verification.includes('refuted') || verification.includes('entered-in-error');
}

/**
 * The codes of the Conditions an encounter's diagnoses name, when the bundle holds them. A
 * refuted or entered-in-error diagnosis says nothing of what the encounter was for.
 */
function diagnosisConcepts(e: Encounter, conditions: Conditions): CodeableConcept[] {
  const concepts: CodeableConcept[] = [];
  for (const d of e.diagnosis ?? []) {
    const found = conditionNamed(d.condition?.reference, conditions);
    if (found?.code === undefined || ruledOut(found)) continue;
    concepts.push(found.code);
  }
  return concepts;
}

/** The class's name, or undefined when it is another system's or a code outside the value set. */
function classOf(coding: Coding | undefined): EncounterClass | undefined {
  if (coding?.code === undefined) return undefined;
  if (coding.system !== undefined && !ACT_CODE.has(coding.system)) return undefined;
  return CLASSES[coding.code];
}

/**
 * The classification narrowed to the elements that take an encounter of this class: one of
 * another class would never count for the others, and is not worth a warning either.
 */
function ofClass(classified: Classified, cls: EncounterClass | undefined): Classified {
  if (cls === undefined) return classified;
  const takes = (el: ElementInfo) => el.classes === undefined || el.classes.includes(cls);
  const matches = classified.matches.filter((m) => takes(m.element));
  const open = classified.unclassified;
  const elements = open?.elements.filter(takes) ?? [];
  if (open === undefined || elements.length === open.elements.length) return { matches, unclassified: open };
  if (elements.length === 0) return { matches, unclassified: undefined };
  const systems = new Set(
    elements.flatMap((el) => el.binding?.include ?? []).map((p) => canonicalSystem(p.system)),
  );
  return { matches, unclassified: { ...open, elements, systems: [...systems].sort() } };
}

/**
 * An Encounter as a record of every encounter element whose binding takes one of its codes: its
 * `type`, its `reasonCode`, and the codes of the Conditions its `diagnosis` names when the bundle
 * holds them (unclassified, of each element whose binding uses none of their systems), that
 * takes its class. Its `period`, `class` and `status` go with it (the evaluator applies the
 * classes again, for facts given without this reader).
 * Planned, cancelled and entered-in-error encounters never took place and are not read; one that
 * starts after the screening date is not known at screening. One ending after it is kept whole.
 */
export function readEncounter(reading: Reading, entry: Entry<Encounter>, conditions: Conditions): void {
  const e = entry.resource;
  if (e.status !== undefined && NOT_HELD.has(e.status)) return;
  const start = e.period?.start === undefined ? undefined : toPartialDate(e.period.start);
  if (start !== undefined && isAfter(start, reading.asOf)) return;
  const concepts = [...(e.type ?? []), ...(e.reasonCode ?? []), ...diagnosisConcepts(e, conditions)];
  const cls = classOf(e.class);
  const classified = ofClass(classify(reading.info, ['encounter'], concepts), cls);
  if (!feedsAny(classified)) return;
  const record: EncounterRecord = {};
  if (start !== undefined) record.start = start;
  if (e.period?.end !== undefined) record.end = toPartialDate(e.period.end);
  if (cls !== undefined) record.class = cls;
  else if (e.class !== undefined) {
    const asking = [...classified.matches.map((m) => m.element), ...(classified.unclassified?.elements ?? [])]
      .filter((el) => el.classes !== undefined)
      .map((el) => el.id);
    if (asking.length > 0) reading.warn(unmappedClass(`${entry.path}.class`, e.class, asking));
  }
  if (e.status !== undefined) record.status = e.status;
  addRecords(reading, 'encounter', { type: 'Encounter', path: `${entry.path}.type` }, classified, record);
}
