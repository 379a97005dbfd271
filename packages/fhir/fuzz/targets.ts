import { type CompiledProtocol, compile, PopulationBuilder, VERDICT_CODES } from '@eligo/core';
import fc from 'fast-check';
import { readDocument, screenDocument } from '../src/index';

/** One kind of input for the campaign (the same shape as core's `fuzz/targets.ts`). */
export interface Target<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  run(value: T): string[];
  readonly weight: number;
}

const target = <T>(t: Target<T>): Target => t as Target;

/**
 * Edits to a JSON document at one of its nodes (numbered in document order): removed, replaced
 * by a hostile value, duplicated in its array, or given a hostile key.
 */
export type Edit =
  | { readonly op: 'remove'; readonly node: number }
  | { readonly op: 'replace'; readonly node: number; readonly value: unknown }
  | { readonly op: 'duplicate'; readonly node: number }
  | { readonly op: 'key'; readonly node: number; readonly key: string; readonly value: unknown };

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u202e',
  '\ufeff2025-01-01',
  '2025-02-30',
  '2025-13-01',
  '0000-00-00',
  '99999-01-01',
  '2025-01-01T25:00:00Z',
  '1e400',
  'NaN',
  '-0',
  '__proto__',
  'constructor',
  'urn:uuid:',
  'Patient/',
  'Patient/other',
  '#contained',
  '10*9/L',
  '[IU]/mL',
  'mg/dL/',
  '{',
  '%',
  'http://loinc.org',
  'final',
  'entered-in-error',
  'a'.repeat(10_000),
];
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, [], {}),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.double(),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.jsonValue({ maxDepth: 3 }),
);

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), node: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), node: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('duplicate' as const), node: fc.nat() }),
  fc.record({
    op: fc.constant('key' as const),
    node: fc.nat(),
    key: fc.constantFrom(
      '__proto__',
      'constructor',
      'resourceType',
      'id',
      'subject',
      'value',
      'extension',
      'x',
    ),
    value: hostileValue,
  }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Every container and the key of each child in it, in document order, down to a depth that every
 * worked example stays within: below it lie only the deeply nested values edits put there.
 */
function slots(doc: Json): { parent: Json[] | { [key: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const walk = (v: Json, depth: number) => {
    if (depth > 40) return;
    if (Array.isArray(v)) {
      v.forEach((c, i) => {
        out.push({ parent: v, key: i });
        walk(c, depth + 1);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k });
        walk(v[k]!, depth + 1);
      }
    }
  };
  walk(doc, 0);
  return out;
}

/**
 * A fresh copy of a JSON value, so that an edit never changes a value that fast-check shares
 * between inputs; undefined when it is too deep to copy (the edit is then left out).
 */
function copy(value: unknown): Json | undefined {
  try {
    return JSON.parse(JSON.stringify(value)) as Json;
  } catch {
    return undefined;
  }
}

export function applyEdits(document: unknown, edits: readonly Edit[]): unknown {
  const doc = copy(document) as Json;
  for (const e of edits) {
    const all = slots(doc);
    if (all.length === 0) break;
    const { parent, key } = all[e.node % all.length]!;
    const p = parent as Record<string | number, unknown>;
    if (e.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete p[key];
    } else if (e.op === 'replace') {
      const value = copy(e.value);
      if (value !== undefined) p[key] = value;
    } else if (e.op === 'duplicate') {
      const twin = Array.isArray(parent) ? copy(parent[key as number]) : undefined;
      if (twin !== undefined) (parent as Json[]).splice(key as number, 0, twin);
    } else {
      const value = copy(e.value);
      const child = p[key];
      // `defineProperty`, so that a key `__proto__` is an own key as in parsed JSON, not a prototype.
      if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
        Object.defineProperty(child, e.key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return doc;
}

/**
 * The reader and the screening on one document: never an exception; a refused document says
 * where and why (every error a path and a message, as the API answers 400); an accepted one
 * screens, and its facts screen on the population path to the same verdicts as the fast path.
 */
export function documentProblems(protocol: CompiledProtocol, document: unknown): string[] {
  const screened = screenDocument(protocol, document);
  if (!screened.ok) {
    return screened.errors.length === 0 ||
      screened.errors.some((e) => typeof e.path !== 'string' || !e.message)
      ? ['a document was refused without a path and a message']
      : [];
  }
  const read = readDocument(protocol, document);
  if (!read.ok) return ['readDocument refused what screenDocument accepted'];
  // A population has no one to ask: the paths agree on the records alone.
  const fast = protocol.evaluate({ ...read.input, answers: {} });
  const builder = new PopulationBuilder(protocol.info, read.input.asOf);
  builder.add(read.input.facts ?? {});
  const batch = protocol.population(builder.build());
  const verdicts = Array.from(batch.verdicts, (v) => VERDICT_CODES[v]);
  return JSON.stringify(verdicts) === JSON.stringify(fast.verdicts)
    ? []
    : [`population verdicts ${verdicts} differ from the fast path's ${fast.verdicts}`];
}

export function fhirTargets(
  protocols: Readonly<Record<string, string>>,
  documents: readonly { trial: string; document: unknown }[],
): Target[] {
  const compiled = new Map<string, CompiledProtocol>();
  const protocolOf = (trial: string) => {
    let p = compiled.get(trial);
    if (!p) {
      const result = compile(protocols[trial]!, { name: `${trial}.elig` });
      if (!result.ok) throw new Error(`${trial} does not compile`);
      p = result.protocol;
      compiled.set(trial, p);
    }
    return p;
  };
  return [
    target({
      name: 'fhir: mutated worked-example documents',
      weight: 6,
      arbitrary: fc.tuple(fc.nat(documents.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 })),
      run: ([i, edits]) => {
        const { trial, document } = documents[i]!;
        return documentProblems(protocolOf(trial), applyEdits(document, edits));
      },
    }),
    target({
      name: 'fhir: arbitrary documents',
      weight: 1,
      arbitrary: fc.tuple(
        fc.nat(documents.length - 1),
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record({ asOf: fc.constantFrom('2025-03-15', 'x'), bundle: fc.jsonValue({ maxDepth: 4 }) }),
          fc.record({
            asOf: fc.constant('2025-03-15'),
            bundle: fc.record({
              resourceType: fc.constant('Bundle'),
              entry: fc.array(
                fc.record({
                  resource: fc.dictionary(
                    fc.constantFrom(
                      'resourceType',
                      'code',
                      'subject',
                      'valueQuantity',
                      'effectiveDateTime',
                      'status',
                    ),
                    hostileValue,
                  ),
                }),
                { maxLength: 4 },
              ),
            }),
          }),
        ),
      ),
      run: ([i, document]) => documentProblems(protocolOf(documents[i]!.trial), document),
    }),
  ];
}
