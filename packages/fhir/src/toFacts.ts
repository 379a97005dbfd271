import type { Facts, InputWarning, ProtocolInfo } from '@eligo/core';
import { type Entry, type Medication, parseBundle, type ReadResource } from './bundle';
import { isDay } from './dates';
import { elementsOfKind } from './elements';
import type { InputError } from './issues';
import { onePatient } from './onePatient';
import { readAllergy } from './read/allergy';
import { readCondition } from './read/condition';
import { Reading } from './read/context';
import { indexConditions, readEncounter } from './read/encounter';
import { readImmunization } from './read/immunization';
import { indexMedications, readMedication } from './read/medication';
import { readObservation, type Unmapped } from './read/observation';
import { readPatient } from './read/patient';
import { readProcedure } from './read/procedure';
import { readDiagnosticReport } from './read/study';
import { unmapped as unmappedWarning } from './warnings';

export type BundleFactsResult =
  | { ok: true; facts: Facts; warnings: InputWarning[] }
  | { ok: false; errors: InputError[] };

type Of<T extends ReadResource['resourceType']> = Entry<Extract<ReadResource, { resourceType: T }>>;

/**
 * A FHIR R4 Bundle as the facts of a protocol, through the protocol's code bindings: each
 * resource feeds every element of its kind whose binding takes one of its codes. Only what
 * was true on `asOf` is read: records dated after it are ignored without a warning.
 *
 * Record kinds the protocol declares complete (closedWorld) with nothing matched read as no
 * records (`[]`); every other element with nothing matched is left out (unknown).
 *
 * A malformed bundle gives errors naming the entry and field, and so does one that describes
 * more than one patient (see `onePatient`); what is well-formed but cannot be read (an unknown
 * unit, an unmapped code) gives warnings and reads as missing. Never throws.
 */
export function bundleToFacts(info: ProtocolInfo, bundle: unknown, asOf: string): BundleFactsResult {
  try {
    return read(info, bundle, asOf);
  } catch {
    // A defect here must not take a server down; the bundle is refused instead, without internals.
    return {
      ok: false,
      errors: [{ path: 'bundle', message: 'the bundle could not be read (internal error)' }],
    };
  }
}

function read(info: ProtocolInfo, bundle: unknown, asOf: string): BundleFactsResult {
  if (typeof asOf !== 'string' || !isDay(asOf))
    return { ok: false, errors: [{ path: 'asOf', message: 'expected a full date YYYY-MM-DD' }] };
  const parsed = parseBundle(bundle);
  if (!parsed.ok) return parsed;

  const patient = onePatient(parsed.entries);
  if (!patient.ok) return patient;

  const reading = new Reading(info, asOf);
  for (const warning of patient.warnings) reading.warn(warning);
  const medications = indexMedications(medicationsOf(parsed.entries));
  const conditions = indexConditions(
    parsed.entries.filter((e): e is Of<'Condition'> => e.resource.resourceType === 'Condition'),
  );
  const unmapped: Unmapped = new Map();

  if (patient.patient !== undefined) readPatient(reading, patient.patient);
  for (const entry of parsed.entries) {
    switch (entry.resource.resourceType) {
      case 'Observation':
        readObservation(reading, entry as Of<'Observation'>, unmapped);
        break;
      case 'DiagnosticReport':
        readDiagnosticReport(reading, entry as Of<'DiagnosticReport'>);
        break;
      case 'Condition':
        readCondition(reading, entry as Of<'Condition'>);
        break;
      case 'MedicationStatement':
      case 'MedicationRequest':
      case 'MedicationAdministration':
        readMedication(reading, entry as Of<'MedicationStatement'>, medications, conditions);
        break;
      case 'Immunization':
        readImmunization(reading, entry as Of<'Immunization'>);
        break;
      case 'Procedure':
        readProcedure(reading, entry as Of<'Procedure'>);
        break;
      case 'AllergyIntolerance':
        readAllergy(reading, entry as Of<'AllergyIntolerance'>);
        break;
      case 'Encounter':
        readEncounter(reading, entry as Of<'Encounter'>, conditions);
        break;
    }
  }
  for (const { system, code, count, path } of unmapped.values()) {
    reading.warn(unmappedWarning(system, code, count, path));
  }
  return { ok: true, facts: factsOf(reading), warnings: reading.warnings };
}

function medicationsOf(entries: readonly Entry[]): Entry<Medication>[] {
  return entries.filter((e): e is Entry<Medication> => e.resource.resourceType === 'Medication');
}

/** An element whose records are facts, and whether having none reads as no records (`[]`). */
interface RecordElement {
  readonly id: string;
  readonly noneIsEmpty: boolean;
}

const recordElementsByProtocol = new WeakMap<ProtocolInfo, readonly RecordElement[]>();

function recordElements(info: ProtocolInfo): readonly RecordElement[] {
  let elements = recordElementsByProtocol.get(info);
  if (elements === undefined) {
    elements = elementsOfKind(
      info,
      'lab',
      'test',
      'condition',
      'medication',
      'procedure',
      'allergy',
      'encounter',
    ).map((element) => ({
      id: element.id,
      noneIsEmpty: Boolean(element.closedWorld) && element.kind !== 'lab' && element.kind !== 'test',
    }));
    recordElementsByProtocol.set(info, elements);
  }
  return elements;
}

function factsOf(reading: Reading): Facts {
  const facts: Facts = {};
  for (const [id, value] of reading.values) facts[id] = value;
  for (const { id, noneIsEmpty } of recordElements(reading.info)) {
    const records = reading.records.get(id);
    if (records !== undefined) facts[id] = records as Facts[string];
    else if (noneIsEmpty) facts[id] = [];
  }
  return facts;
}
