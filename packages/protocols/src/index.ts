import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The protocols that ship with Eligo, by id, as paths to their `.elig` source. */
export const bundledProtocols = {
  NCT06469190: fileURLToPath(new URL('../NCT06469190/NCT06469190.elig', import.meta.url)),
} as const;

export type BundledProtocolId = keyof typeof bundledProtocols;

export function readProtocolSource(id: BundledProtocolId): { name: string; text: string } {
  const path = bundledProtocols[id];
  return { name: `${id}.elig`, text: readFileSync(path, 'utf8') };
}

/** Worked examples of a bundled protocol (screening inputs), by file name. */
export function examplePath(id: BundledProtocolId, file: string): string {
  return fileURLToPath(new URL(`../${id}/examples/${file}`, import.meta.url));
}
