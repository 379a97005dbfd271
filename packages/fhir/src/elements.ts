import {
  canonicalSystem,
  type ElementInfo,
  type ElementKind,
  matchesBinding,
  matchesCode,
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
 * A record that some elements of its kind cannot classify: none of its codings is in a code
 * system their bindings use, so they cannot tell whether it is theirs (`elements`). `codes` lists
 * every coding (`system|code`), `systems` the systems those elements' bindings use.
 */
export interface Unclassified {
  readonly elements: readonly ElementInfo[];
  readonly system: string | undefined;
  readonly code: string | undefined;
  readonly display: string | undefined;
  readonly codes: readonly string[];
  readonly systems: readonly string[];
}

export interface Classified {
  readonly matches: Match[];
  /** Set when some elements cannot classify the record; they are none of `matches`. */
  readonly unclassified: Unclassified | undefined;
}

interface Index {
  readonly byKind: Map<ElementKind, ElementInfo[]>;
  /**
   * Per list of kinds (`lab+test`), per system, per code: the elements whose binding takes that
   * coding and the system's canonical name, memoised across bundles. Nested rather than keyed by
   * `system code` so that a lookup builds no string.
   */
  readonly memo: Map<string, Map<string, Map<string, Found>>>;
  /** Per list of kinds: the elements bound `from any`, which take a record without a code. */
  readonly any: Map<string, ElementInfo[]>;
  /** Per element: the canonical systems its binding includes. */
  readonly elementSystems: Map<string, ReadonlySet<string>>;
  /** Per list of kinds, per record systems (`systemsKey`): the elements that cannot classify such a record. */
  readonly blind: Map<string, Map<string, Blind>>;
  size: number;
  blindSize: number;
}

/** The elements of some kinds whose bindings use none of a record's systems, and those bindings' systems. */
interface Blind {
  readonly elements: readonly ElementInfo[];
  readonly systems: readonly ReadonlySet<string>[];
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
    index = {
      byKind,
      memo: new Map(),
      any: new Map(),
      elementSystems: new Map(),
      blind: new Map(),
      size: 0,
      blindSize: 0,
    };
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
  byCoding: Map<string, Map<string, Found>>,
  system: string,
  code: string,
): Found {
  let bySystem = byCoding.get(system);
  let found = bySystem?.get(code);
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
    // Looked up again: the limit above may have just emptied the map it was in.
    bySystem = byCoding.get(system);
    if (bySystem === undefined) {
      bySystem = new Map();
      byCoding.set(system, bySystem);
    }
    bySystem.set(code, found);
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

function systemsOf(index: Index, element: ElementInfo): ReadonlySet<string> {
  let systems = index.elementSystems.get(element.id);
  if (systems === undefined) {
    systems = new Set((element.binding?.include ?? []).map((pattern) => canonicalSystem(pattern.system)));
    index.elementSystems.set(element.id, systems);
  }
  return systems;
}

/**
 * The elements of these kinds that any of the codings binds, each once, with the first coding
 * that matched it (its display, else the concept's text). A binding `from any` takes every coded
 * record its exclusions leave, and every record without a code.
 *
 * Classification is per element: an element whose binding uses none of the record's code systems
 * (an ICD-10 binding and a SNOMED-coded diagnosis, an ATC binding and an RxNorm drug, any binding
 * and a record without a code) cannot tell whether the record is its own, and gets it as
 * `unclassified`. An element whose binding uses one of them and does not match is simply not
 * the record's, and so is one whose binding excludes one of the record's codes: its author said
 * so (`except atc *`: no ATC-coded record is the element's; `except atc J01*`: no antibacterial).
 *
 * Runs for every coded resource of every bundle, hence the memo and the plain loops.
 */
export function classify(
  info: ProtocolInfo,
  kinds: readonly ElementKind[],
  concepts: readonly (CodeableConcept | undefined)[],
  unclassifiedToo = true,
): Classified {
  const index = indexOf(info);
  const kindsKey = kinds.length === 1 ? (kinds[0] as string) : kinds.join('+');
  let byCoding = index.memo.get(kindsKey);
  if (!byCoding) {
    byCoding = new Map();
    index.memo.set(kindsKey, byCoding);
  }
  const matches: Match[] = [];
  const recordSystems: string[] = [];
  for (const concept of concepts) {
    for (const coding of concept?.coding ?? []) {
      const { system, code } = coding;
      if (system === undefined || code === undefined) continue;
      const found = elementsForCoding(index, kinds, byCoding, system, code);
      if (!recordSystems.includes(found.system)) recordSystems.push(found.system);
      for (const element of found.elements) {
        if (!matches.some((m) => m.element.id === element.id)) {
          matches.push({ element, system: found.system, code, display: coding.display ?? concept?.text });
        }
      }
    }
  }
  if (recordSystems.length === 0) {
    const text = concepts.find((c) => c?.text !== undefined)?.text;
    for (const element of anyElements(info, index, kinds, kindsKey)) {
      matches.push({ element, system: undefined, code: undefined, display: text });
    }
  }
  if (!unclassifiedToo) return { matches, unclassified: undefined };
  const blind = blindTo(index, kinds, kindsKey, recordSystems);
  const open: ElementInfo[] = [];
  const openSystems = new Set<string>();
  for (let i = 0; i < blind.elements.length; i++) {
    const element = blind.elements[i] as ElementInfo;
    if (matches.some((m) => m.element.id === element.id)) continue;
    if (excludesAny(element, concepts)) continue;
    open.push(element);
    for (const system of blind.systems[i] as ReadonlySet<string>) openSystems.add(system);
  }
  return {
    matches,
    unclassified: open.length === 0 ? undefined : unclassifiedOf(concepts, openSystems, open),
  };
}

/**
 * The elements of these kinds, bound to codes, whose bindings use none of `recordSystems`, in
 * protocol order: they depend on the record's systems alone, so are memoised per set of them.
 */
function blindTo(
  index: Index,
  kinds: readonly ElementKind[],
  kindsKey: string,
  recordSystems: readonly string[],
): Blind {
  const key = systemsKey(recordSystems);
  let bySystems = index.blind.get(kindsKey);
  let blind = bySystems?.get(key);
  if (blind !== undefined) return blind;
  const elements: ElementInfo[] = [];
  const systems: ReadonlySet<string>[] = [];
  for (const kind of kinds) {
    for (const element of index.byKind.get(kind) ?? []) {
      if (element.binding === undefined || element.binding.any) continue;
      const own = systemsOf(index, element);
      if (recordSystems.some((system) => own.has(system))) continue;
      elements.push(element);
      systems.push(own);
    }
  }
  blind = { elements, systems };
  if (index.blindSize >= MEMO_LIMIT) {
    index.blind.clear();
    index.blindSize = 0;
    bySystems = undefined;
  }
  if (bySystems === undefined) {
    bySystems = new Map();
    index.blind.set(kindsKey, bySystems);
  }
  bySystems.set(key, blind);
  index.blindSize++;
  return blind;
}

/**
 * A key for a list of systems, one list to one key: a single system is its own key unless it
 * could be mistaken for a JSON array, which every other list is written as.
 */
function systemsKey(systems: readonly string[]): string {
  const [only] = systems;
  return systems.length === 1 && !(only as string).startsWith('[')
    ? (only as string)
    : JSON.stringify(systems);
}

/** Whether the element's binding excludes one of the record's codes. */
function excludesAny(element: ElementInfo, concepts: readonly (CodeableConcept | undefined)[]): boolean {
  const exclude = element.binding?.exclude ?? [];
  if (exclude.length === 0) return false;
  for (const concept of concepts) {
    for (const { system, code } of concept?.coding ?? []) {
      if (system === undefined || code === undefined) continue;
      if (exclude.some((pattern) => matchesCode(pattern, system, code))) return true;
    }
  }
  return false;
}

function unclassifiedOf(
  concepts: readonly (CodeableConcept | undefined)[],
  systems: ReadonlySet<string>,
  elements: readonly ElementInfo[],
): Unclassified {
  const codings = concepts.flatMap((c) => c?.coding ?? []);
  const first = codings.find((c) => c.code !== undefined);
  const text = concepts.find((c) => c?.text !== undefined)?.text;
  return {
    elements,
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
  return classify(info, kinds, concepts, false).matches;
}
