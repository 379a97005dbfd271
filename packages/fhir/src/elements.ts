import {
  canonicalSystem,
  type ElementInfo,
  type ElementKind,
  matchesBinding,
  type ProtocolInfo,
} from '@eligo/core';
import type { CodeableConcept, Coding } from './bundle';

/** What a record's code matched: the element and the coding that matched it. */
export interface Match {
  readonly element: ElementInfo;
  readonly system: string | undefined;
  readonly code: string | undefined;
}

interface Index {
  readonly byKind: Map<ElementKind, ElementInfo[]>;
  /** `kind system code` → the elements whose binding takes that coding, memoised across bundles. */
  readonly memo: Map<string, ElementInfo[]>;
}

/** Enough distinct codes for a large population's vocabulary; past it the memo starts afresh. */
const MEMO_LIMIT = 50_000;
const indexes = new WeakMap<ProtocolInfo, Index>();

function indexOf(info: ProtocolInfo): Index {
  let index = indexes.get(info);
  if (!index) {
    const byKind = new Map<ElementKind, ElementInfo[]>();
    for (const element of info.elements) {
      const list = byKind.get(element.kind) ?? [];
      list.push(element);
      byKind.set(element.kind, list);
    }
    index = { byKind, memo: new Map() };
    indexes.set(info, index);
  }
  return index;
}

export function elementsOfKind(info: ProtocolInfo, ...kinds: ElementKind[]): ElementInfo[] {
  const index = indexOf(info);
  return kinds.flatMap((kind) => index.byKind.get(kind) ?? []);
}

function elementsForCoding(info: ProtocolInfo, kinds: readonly ElementKind[], system: string, code: string) {
  const index = indexOf(info);
  const key = `${kinds.join('+')}\u0000${system}\u0000${code}`;
  let found = index.memo.get(key);
  if (!found) {
    found = [];
    for (const kind of kinds) {
      for (const element of index.byKind.get(kind) ?? []) {
        if (element.binding && matchesBinding(element.binding, system, code)) found.push(element);
      }
    }
    if (index.memo.size >= MEMO_LIMIT) index.memo.clear();
    index.memo.set(key, found);
  }
  return found;
}

/**
 * The elements of these kinds that any of the codings binds, each once, with the first coding
 * that matched it. A binding `from any` takes every coded record its exclusions leave, and
 * every record without a code.
 */
export function matchConcepts(
  info: ProtocolInfo,
  kinds: readonly ElementKind[],
  concepts: readonly (CodeableConcept | undefined)[],
): Match[] {
  const codings = concepts
    .flatMap((c) => c?.coding ?? [])
    .filter(
      (c): c is Coding & { system: string; code: string } => c.system !== undefined && c.code !== undefined,
    );
  if (codings.length === 0) {
    return elementsOfKind(info, ...kinds)
      .filter((e) => e.binding?.any)
      .map((element) => ({ element, system: undefined, code: undefined }));
  }
  const matches = new Map<string, Match>();
  for (const coding of codings) {
    for (const element of elementsForCoding(info, kinds, coding.system, coding.code)) {
      if (!matches.has(element.id)) {
        matches.set(element.id, { element, system: canonicalSystem(coding.system), code: coding.code });
      }
    }
  }
  return [...matches.values()];
}
