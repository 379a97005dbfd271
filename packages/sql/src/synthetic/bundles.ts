import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { bundleOf, type PatientBundle } from '../bulk/bundle';
import { exportFiles } from '../bulk/files';
import { patientIdOf } from '../bulk/patientRef';
import type { Resource, SyntheticPatient } from './patient';

export { bundleOf, type PatientBundle };

export const bundleOfPatient = (patient: SyntheticPatient): PatientBundle =>
  bundleOf(patient.id, patient.resources);

/**
 * Every patient of an export folder as a Bundle, read back from its NDJSON files (the same files
 * and patient rule as `loadBulkExport`), in the order their Patient resources appear. Holds the
 * whole export in memory: meant for exports of thousands of patients, such as a differential test
 * uses. Lines that are not resources, and records of no Patient in the export, are skipped.
 */
export async function* patientBundles(dir: string): AsyncGenerator<PatientBundle> {
  const byPatient = new Map<string, Resource[]>();
  const order: string[] = [];
  for (const path of exportFiles(dir).paths) {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
    let first = true;
    for await (const line of lines) {
      const resource = parsed(first ? line.replace(/^\uFEFF/, '') : line);
      first = false;
      if (resource === undefined) continue;
      const id = patientIdOf(resource);
      if (id === undefined) continue;
      let list = byPatient.get(id);
      if (list === undefined) {
        list = [];
        byPatient.set(id, list);
      }
      list.push(resource);
      if (resource.resourceType === 'Patient') order.push(id);
    }
  }
  for (const id of order) yield bundleOf(id, byPatient.get(id) ?? []);
}

function parsed(line: string): Resource | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return typeof (value as Resource).resourceType === 'string' ? (value as Resource) : undefined;
  } catch {
    return undefined;
  }
}
