import {
  canonicalSystem,
  type ElementInfo,
  type ElementKind,
  matchesBinding,
  type ProtocolInfo,
} from '@eligo/core';
import type { CodeableConcept } from './bundle';

/** What a record's code matched: the element and the coding that matched it, with its display text. */
export interface Match {
  readonly element: ElementInfo;
  readonly system: string | undefined;
  readonly code: string | undefined;
  readonly display: string | undefined;
}

/**
 * A record none of whose codings is in a code system the protocol's bindings of its kind use:
 * the protocol cannot tell whether it is one of its elements' records. `codes` lists every
 * coding (`system|code`), `systems` the systems those bindings use.
 */
export interface Unclassified {
  readonly system: string | undefined;
  readonly code: string | undefined;
  readonly display: string | undefined;
  readonly codes: readonly string[];
  readonly systems: readonly string[];
}

export interface Classified {
  readonly matches: Match[];
  /** Set when the record cannot be classified; `matches` is then empty. */
  readonly unclassified: Unclassified | undefined;
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
  /**
   * Per list of kinds: the canonical systems their bindings include, or `null` when one of them
   * is bound `from any` and so classifies every record of its kind.
   */
  readonly systems: Map<string, ReadonlySet<string> | null>;
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
    index = { byKind, memo: new Map(), any: new Map(), systems: new Map(), size: 0 };
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

function anyElements(info: ProtocolInfo, index: Index, kinds: readonly ElementKind[], key: string) {
  let any = index.any.get(key);
  if (!any) {
    any = elementsOfKind(info, ...kinds).filter((e) => e.binding?.any);
    index.any.set(key, any);
  }
  return any;
}

function boundSystems(index: Index, kinds: readonly ElementKind[], key: string): ReadonlySet<string> | null {
  let systems = index.systems.get(key);
  if (systems === undefined) {
    const found = new Set<string>();
    let any = false;
    for (const kind of kinds) {
      for (const element of index.byKind.get(kind) ?? []) {
        if (element.binding?.any) any = true;
        for (const pattern of element.binding?.include ?? []) found.add(canonicalSystem(pattern.system));
      }
    }
    systems = any ? null : found;
    index.systems.set(key, systems);
  }
  return systems;
}

/**
 * The elements of these kinds that any of the codings binds, each once, with the first coding
 * that matched it (its display, else the concept's text). A binding `from any` takes every coded
 * record its exclusions leave, and every record without a code.
 *
 * A record none of whose codings is in a system the bindings of these kinds use (none coded at
 * all, or RxNorm codes where every binding is ATC) comes back `unclassified`, unless one of the
 * elements is bound `from any`: no element can say whether it is its record or not. A record
 * with a code in a bound system that matches no element is simply none of theirs.
 *
 * Runs for every coded resource of every bundle, hence the memo and the plain loops.
 */
export function classify(
  info: ProtocolInfo,
  kinds: readonly ElementKind[],
  concepts: readonly (CodeableConcept | undefined)[],
): Classified {
  const index = indexOf(info);
  const kindsKey = kinds.length === 1 ? (kinds[0] as string) : kinds.join('+');
  let byCoding = index.memo.get(kindsKey);
  if (!byCoding) {
    byCoding = new Map();
    index.memo.set(kindsKey, byCoding);
  }
  const systems = boundSystems(index, kinds, kindsKey);
  const matches: Match[] = [];
  let coded = false;
  let bound = systems === null;
  for (const concept of concepts) {
    for (const coding of concept?.coding ?? []) {
      const { system, code } = coding;
      if (system === undefined || code === undefined) continue;
      coded = true;
      const found = elementsForCoding(index, kinds, byCoding, system, code);
      if (!bound && systems?.has(found.system)) bound = true;
      for (const element of found.elements) {
        if (!matches.some((m) => m.element.id === element.id)) {
          matches.push({ element, system: found.system, code, display: coding.display ?? concept?.text });
        }
      }
    }
  }
  if (coded && bound) return { matches, unclassified: undefined };
  if (!coded && systems === null) {
    const text = concepts.find((c) => c?.text !== undefined)?.text;
    const any = anyElements(info, index, kinds, kindsKey);
    return {
      matches: any.map((element) => ({ element, system: undefined, code: undefined, display: text })),
      unclassified: undefined,
    };
  }
  return { matches: [], unclassified: unclassifiedOf(concepts, systems ?? new Set()) };
}

function unclassifiedOf(
  concepts: readonly (CodeableConcept | undefined)[],
  systems: ReadonlySet<string>,
): Unclassified {
  const codings = concepts.flatMap((c) => c?.coding ?? []);
  const first = codings.find((c) => c.code !== undefined);
  const text = concepts.find((c) => c?.text !== undefined)?.text;
  return {
    system: first?.system === undefined ? undefined : canonicalSystem(first.system),
    code: first?.code,
    display: first?.display ?? text,
    codes: codings.filter((c) => c.code !== undefined).map((c) => `${c.system ?? '(no system)'}|${c.code}`),
    systems: [...systems].sort(),
  };
}

/** The elements of these kinds that any of the codings binds (see `classify`), unclassified records aside. */
export function matchConcepts(
  info: ProtocolInfo,
  kinds: readonly ElementKind[],
  concepts: readonly (CodeableConcept | undefined)[],
): Match[] {
  return classify(info, kinds, concepts).matches;
}
