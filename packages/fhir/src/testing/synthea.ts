import allergies from '../../test-data/synthea/AllergyIntolerance.ndjson?raw';
import conditions from '../../test-data/synthea/Condition.ndjson?raw';
import encounters from '../../test-data/synthea/Encounter.ndjson?raw';
import immunizations from '../../test-data/synthea/Immunization.ndjson?raw';
import requests from '../../test-data/synthea/MedicationRequest.ndjson?raw';
import patients from '../../test-data/synthea/Patient.ndjson?raw';
import procedures from '../../test-data/synthea/Procedure.ndjson?raw';

/** The four Synthea patients of test-data/synthea (CC0), each as the bundle a bulk export gives. */

export type Resource = { resourceType: string; id: string; [key: string]: unknown };

const lines = (text: string): Resource[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Resource);

const records = [conditions, requests, procedures, allergies, immunizations, encounters].flatMap(lines);

function whose(resource: Resource): string | undefined {
  const ref = (resource.subject ?? resource.patient) as { reference?: string } | undefined;
  return ref?.reference;
}

/** One patient's bundle: the Patient first, then every record naming it. */
export function syntheaBundle(id: string) {
  const patient = lines(patients).find((p) => p.id === id);
  if (patient === undefined) throw new Error(`no Synthea patient ${id}`);
  const mine = records.filter((r) => whose(r) === `Patient/${id}`);
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, ...mine].map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}

export const SYNTHEA_PATIENTS = lines(patients).map((p) => p.id);
