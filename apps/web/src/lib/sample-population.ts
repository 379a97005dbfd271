import type { SamplePatient } from './impact';
import type { ScreeningRequest } from './request';

/**
 * The worked examples of the bundled protocols, one file per patient, loaded when an impact
 * preview asks for them (each a chunk of its own, never in the main bundle). They are synthetic
 * patients written for the protocol's tests, so a preview shows no one's real data.
 */
const examples = import.meta.glob<ScreeningRequest>(
  // expected.json holds the tests' expected results, not a patient.
  [
    '../../../../packages/protocols/*/examples/*.json',
    '!../../../../packages/protocols/*/examples/expected.json',
  ],
  { import: 'default' },
);

/** The sample population bundled for a trial, by file name; empty when it has none. */
export async function samplePopulation(trialId: string): Promise<SamplePatient[]> {
  const prefix = `/packages/protocols/${trialId}/examples/`;
  const files = Object.keys(examples)
    .filter((path) => path.includes(prefix))
    .sort();
  return Promise.all(
    files.map(async (path) => ({
      name: path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, ''),
      request: await (examples[path] as () => Promise<ScreeningRequest>)(),
    })),
  );
}
