import type { Coding as FactCoding } from '@eligo/core';
import type { CodeableConcept } from '../bundle';

/** Every coding of some concepts that names its system and code, as facts keep them. */
export function codingsOf(concepts: readonly (CodeableConcept | undefined)[] | undefined): FactCoding[] {
  const out: FactCoding[] = [];
  for (const concept of concepts ?? []) {
    for (const c of concept?.coding ?? []) {
      if (c.system === undefined || c.code === undefined) continue;
      out.push({ system: c.system, code: c.code, ...(c.display !== undefined && { display: c.display }) });
    }
  }
  return out;
}
