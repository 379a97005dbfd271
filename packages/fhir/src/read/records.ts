import type { ElementKind } from '@eligo/core';
import type { Classified } from '../elements';
import { unclassified as unclassifiedWarning } from '../warnings';
import type { Reading, RecordValue } from './context';

/** A record (condition, exposure, procedure, allergy) without the fields that say which code it is. */
type Uncoded<R> = Omit<R, 'system' | 'code' | 'display' | 'unclassified'>;

/**
 * Adds a resource's record to every element its code matched, each with the matching coding.
 * Elements whose bindings cannot classify the record (none of its code systems) get it marked
 * `unclassified` with its first coding, and it is reported once: it may be theirs, so a complete
 * history that holds it must not read as "no record".
 */
export function addRecords<R extends RecordValue>(
  reading: Reading,
  kind: ElementKind,
  resource: { readonly type: string; readonly path: string },
  classified: Classified,
  record: Uncoded<R>,
): void {
  const { unclassified } = classified;
  if (unclassified !== undefined) {
    const coded: Record<string, unknown> = { ...record, unclassified: true };
    if (unclassified.system !== undefined) coded.system = unclassified.system;
    if (unclassified.code !== undefined) coded.code = unclassified.code;
    if (unclassified.display !== undefined) coded.display = unclassified.display;
    for (const element of unclassified.elements) reading.add(element.id, coded as R);
    reading.warn(unclassifiedWarning(kind, resource.type, resource.path, unclassified));
  }
  for (const { element, system, code, display } of classified.matches) {
    const coded: Record<string, unknown> = { ...record };
    if (system !== undefined) coded.system = system;
    if (code !== undefined) coded.code = code;
    if (display !== undefined) coded.display = display;
    reading.add(element.id, coded as R);
  }
}

/** Whether the resource feeds any element: it matched one, or is read as unclassified. */
export const feedsAny = (classified: Classified): boolean =>
  classified.matches.length > 0 || classified.unclassified !== undefined;
