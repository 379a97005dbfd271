import { readFileSync } from 'node:fs';
import { examplePath, readProtocolSource } from '@eligo/protocols';

export const nct = readProtocolSource('NCT06469190');

/** The bundled trial's text under another id, optionally changed by a trailing comment (a new hash). */
export function variant(id: string, n = 0): string {
  const text = nct.text.replace(/^trial NCT06469190 /m, `trial ${id} `);
  return n === 0 ? text : `${text}\n# revision ${n}\n`;
}

export function example(file: 'eligible-igan.json' | 'ineligible-pmn.json'): Record<string, unknown> {
  return JSON.parse(readFileSync(examplePath('NCT06469190', file), 'utf8')) as Record<string, unknown>;
}
