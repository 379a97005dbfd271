import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CorpusId, eligPath, encodedCorpus } from './corpus';

export { CORPUS_IDS, type CorpusId, type ExpectedScreening, encodedCorpus, workedPatients } from './corpus';
export { KNOWN_GAPS, knownGap } from './gaps';

/** The protocols that ship with Eligo, by id, as paths to their `.elig` source. */
export const bundledProtocols: Readonly<Record<string, string>> & { NCT06469190: string } = {
  NCT06469190: fileURLToPath(new URL('../NCT06469190/NCT06469190.elig', import.meta.url)),
  ...Object.fromEntries(encodedCorpus().map((id) => [id, eligPath(id)])),
};

export type BundledProtocolId = CorpusId;

export function readProtocolSource(id: BundledProtocolId): { name: string; text: string } {
  const path = bundledProtocols[id];
  if (!path) throw new Error(`${id} has no encoding yet`);
  return { name: `${id}.elig`, text: readFileSync(path, 'utf8') };
}

/** Worked examples of a bundled protocol (screening inputs), by file name. */
export function examplePath(id: BundledProtocolId, file: string): string {
  return fileURLToPath(new URL(`../${id}/examples/${file}`, import.meta.url));
}
