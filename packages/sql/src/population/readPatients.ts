import { type PopulationBatch, PopulationBuilder, type ProtocolInfo } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { bundleOf, type Resource } from '../bulk/bundle';

/** A patient whose resources could not be read as one patient's record, left out of the counts. */
export interface UnreadPatient {
  readonly patient: string;
  readonly message: string;
}

/** One patient's resources as the export's JSON texts, in the export's order. */
export interface PatientTexts {
  readonly ref: string;
  readonly resources: readonly string[];
}

export interface ReadPatients {
  /** The patients read, in the order given, without those unread. */
  readonly batch: PopulationBatch;
  readonly refs: readonly string[];
  readonly unread: readonly UnreadPatient[];
}

const MEDICATION_REFERENCE = /^Medication\/(.+)$/;

/**
 * Patients' resources through @eligo/fhir, the readers every other path uses, into one population
 * batch: each patient's records classified by the protocol's bindings exactly as a single
 * screening classifies them. A shared Medication a record names is added to that patient's Bundle
 * once, after the first record naming it.
 */
export function readPatients(
  info: ProtocolInfo,
  asOf: string,
  medications: ReadonlyMap<string, Resource>,
  patients: readonly PatientTexts[],
): ReadPatients {
  const builder = new PopulationBuilder(info, asOf);
  const refs: string[] = [];
  const unread: UnreadPatient[] = [];
  for (const { ref, resources } of patients) {
    const entries: Resource[] = [];
    const named = new Set<string>();
    for (const text of resources) {
      const resource = JSON.parse(text) as Resource & { medicationReference?: { reference?: string } };
      entries.push(resource);
      const id = resource.medicationReference?.reference?.match(MEDICATION_REFERENCE)?.[1];
      const medication = id === undefined || named.has(id) ? undefined : medications.get(id);
      if (medication !== undefined) {
        named.add(id!);
        entries.push(medication);
      }
    }
    const facts = bundleToFacts(info, bundleOf(ref, entries).bundle, asOf);
    if (facts.ok) {
      builder.add(facts.facts);
      refs.push(ref);
    } else
      unread.push({ patient: ref, message: facts.errors.map((e) => `${e.path}: ${e.message}`).join('; ') });
  }
  return { batch: builder.build(), refs, unread };
}
