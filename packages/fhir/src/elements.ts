import {
  canonicalSystem,
  type ElementInfo,
  type ElementKind,
  matchesBinding,
  type ProtocolInfo,
} from '@eligo/core';
import type { CodeableConcept } from './bundle';

/** What a record's code matched: the element and the coding that matched it. */
export interface Match {
  readonly element: ElementInfo;
  readonly system: string | undefined;
  readonly code: string | undefined;
}

interface Index {
  readonly byKind: Map<ElementKind, ElementInfo[]>;
  /**
   * Per list of kinds (`lab+test`), per `system code`: the elements whose binding takes that
   * coding and the system's canonical name, memoised across bundles.
   */
  readonly memo: Map<string, Map<string, Found>>;
  /** Per list of kinds: the elements bound `from any`, which take a record without a code. */
  readonly any: Map<string, ElementInfo[]>;
  size: number;
}

interface Found {
  readonly elements: readonly ElementInfo[];
  readonly system: string;
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
    index = { byKind, memo: new Map(), any: new Map(), size: 0 };
    indexes.set(info, index);
  }
  return index;
}

export function elementsOfKind(info: ProtocolInfo, ...kinds: ElementKind[]): ElementInfo[] {
  const index = indexOf(info);
  return kinds.flatMap((kind) => index.byKind.get(kind) ?? []);
}

function elementsForCoding(
  index: Index,
  kinds: readonly ElementKind[],
  byCoding: Map<string, Found>,
  system: string,
  code: string,
): Found {
  const key = `${system}\u0000${code}`;
  let found = byCoding.get(key);
  if (!found) {
    const elements: ElementInfo[] = [];
    for (const kind of kinds) {
      for (const element of index.byKind.get(kind) ?? []) {
        if (element.binding && matchesBinding(element.binding, system, code)) elements.push(element);
      }
    }
    found = { elements, system: canonicalSystem(system) };
    if (index.size >= MEMO_LIMIT) {
      for (const map of index.memo.values()) map.clear();
      index.size = 0;
    }
    byCoding.set(key, found);
    index.size++;
  }
  return found;
}

/**
 * The elements of these kinds that any of the codings binds, each once, with the first coding
 * that matched it. A binding `from any` takes every coded record its exclusions leave, and
 * every record without a code. Runs for every coded resource of every bundle, hence the memo
 * and the plain loops.
 */
export function matchConcepts(
  info: ProtocolInfo,
  kinds: readonly ElementKind[],
  concepts: readonly (CodeableConcept | undefined)[],
): Match[] {
  const index = indexOf(info);
  const kindsKey = kinds.length === 1 ? (kinds[0] as string) : kinds.join('+');
  let byCoding = index.memo.get(kindsKey);
  if (!byCoding) {
    byCoding = new Map();
    index.memo.set(kindsKey, byCoding);
  }
  const matches: Match[] = [];
  let coded = false;
  for (const concept of concepts) {
    for (const coding of concept?.coding ?? []) {
      const { system, code } = coding;
      if (system === undefined || code === undefined) continue;
      coded = true;
      const found = elementsForCoding(index, kinds, byCoding, system, code);
      for (const element of found.elements) {
        if (!matches.some((m) => m.element.id === element.id)) {
          matches.push({ element, system: found.system, code });
        }
      }
    }
  }
  if (coded) return matches;
  let any = index.any.get(kindsKey);
  if (!any) {
    any = elementsOfKind(info, ...kinds).filter((e) => e.binding?.any);
    index.any.set(kindsKey, any);
  }
  return any.map((element) => ({ element, system: undefined, code: undefined }));
}
