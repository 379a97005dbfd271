import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledProtocol } from '@eligo/core';
import type { Resource } from '../bulk/bundle';
import { type PatientTexts, readPatients } from './readPatients';

/**
 * A reading thread of the SQL path: the protocol's elements, the screening date and the export's
 * shared Medications come once as workerData; each message is a chunk of patients' resource texts,
 * answered with their population batch.
 */
const { info, asOf, medications } = workerData as {
  info: CompiledProtocol['info'];
  asOf: string;
  medications: Map<string, Resource>;
};
const port = parentPort!;
port.on('message', ({ seq, patients }: { seq: number; patients: PatientTexts[] }) => {
  try {
    port.postMessage({ seq, read: readPatients(info, asOf, medications, patients) });
  } catch (error) {
    port.postMessage({ seq, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
