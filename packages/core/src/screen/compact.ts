import type { CompiledProtocol } from '../compile';
import { explain, statusOf } from '../evaluate/explain';
import { type Element, type Tri, UNKNOWN } from '../evaluate/ir';
import { Patient } from '../evaluate/patient';
import { conversionTo, type RawMeasurement } from '../evaluate/read';
import type { ScreeningInput } from '../facts/shapes';
import { elementOrder, headingTruth, inOrder } from './screen';
import type { CohortResult, CriterionResult, InputWarning, Screening, Status, Verdict } from './types';

/**
 * A cohort's result without text: its verdict, each criterion's status by id, and for each unknown
 * criterion the data elements that would decide it. Titles, sources and kinds are the protocol's
 * (`ProtocolInfo`), the same for every patient, so a stream of screenings need not repeat them.
 */
export interface CompactCohort {
  readonly id: string;
  readonly verdict: Verdict;
  /** Every criterion of the cohort, headings included, in the cohort's order. */
  readonly criteria: Readonly<Record<string, Status>>;
  /** The unknown criteria that some data would decide, each with those elements. */
  readonly missing: Readonly<Record<string, readonly string[]>>;
}

/** A screening as a stream or an integration reads it: statuses and what is missing, no text. */
export interface CompactScreening {
  readonly protocol: Screening['protocol'];
  readonly asOf: string;
  readonly cohorts: readonly CompactCohort[];
  readonly warnings: readonly InputWarning[];
}

/**
 * The screening without titles, sources, explanations, questions or traces. Statuses stay per
 * cohort: a heading is decided by the sub-criteria of its own cohort, which can differ.
 */
export function compactScreening(screening: Screening): CompactScreening {
  return {
    protocol: screening.protocol,
    asOf: screening.asOf,
    cohorts: screening.cohorts.map((cohort) => {
      // No prototype: a criterion may be named `__proto__`, which would otherwise set one.
      const criteria: Record<string, Status> = Object.create(null);
      const missing: Record<string, readonly string[]> = Object.create(null);
      for (const c of cohort.criteria) {
        criteria[c.id] = c.status;
        if (c.missing.length > 0) missing[c.id] = c.missing;
      }
      return { id: cohort.id, verdict: cohort.verdict, criteria, missing };
    }),
    warnings: screening.warnings,
  };
}

/**
 * `compactScreening(screen(protocol, input))` at a fraction of the cost, for streams: statuses and
 * verdicts from the fast path, and the explaining path only where the compact shape needs what it
 * alone gives: the missing elements of the unknown criteria, and the input warnings of the criteria
 * reading a result whose unit might not convert (the one warning the evaluators raise,
 * `unit-not-convertible` in `fillFrom`). Explaining every criterion that reads such an element, in
 * protocol order, gives the warnings the full path gives, in its order; compact.test.ts holds the
 * two paths equal.
 */
export function screenCompact(protocol: CompiledProtocol, input: ScreeningInput): CompactScreening {
  const fast = protocol.evaluate(input);
  const truths = Array.from(fast.statuses) as Tri[];
  const verdicts = fast.verdicts.slice();
  const warnings: InputWarning[] = [];
  const patient = new Patient(input.facts ?? {}, input.answers ?? {}, input.asOf, warnings);
  const unconvertible = mayNotConvert(protocol, patient);
  const order = elementOrder(protocol);
  const missingOf: (readonly string[] | undefined)[] = new Array(truths.length);
  protocol.criteria.forEach((c, i) => {
    if (!c.rule) return;
    const unknown = truths[i] === UNKNOWN;
    if (!unknown && !(unconvertible.size > 0 && c.info.elements.some((e) => unconvertible.has(e)))) return;
    const e = explain(c.rule, patient, false);
    if (unknown) missingOf[i] = inOrder(e.missing, order);
  });

  return {
    protocol: { id: protocol.info.id, version: protocol.info.version, hash: protocol.info.hash },
    asOf: input.asOf,
    cohorts: protocol.cohorts.map((cohort, k) => {
      const criteria: Record<string, Status> = Object.create(null);
      const missing: Record<string, readonly string[]> = Object.create(null);
      for (const i of cohort.members) {
        const c = protocol.criteria[i]!;
        let t = truths[i]!;
        let lacking = missingOf[i];
        if (!c.rule) {
          // A heading: decided by its sub-criteria in this cohort, as `screen` decides it.
          const subs = cohort.subCriteria.get(i) ?? [];
          t = headingTruth(
            subs.map((s) => truths[s]!),
            c.info.kind,
          );
          lacking =
            t === UNKNOWN
              ? inOrder(
                  subs.flatMap((s) => (truths[s] === UNKNOWN ? missingOf[s]! : [])),
                  order,
                )
              : [];
        }
        criteria[c.info.id] = statusOf(t);
        if (lacking !== undefined && lacking.length > 0) missing[c.info.id] = lacking;
      }
      return { id: cohort.info.id, verdict: verdicts[k]!, criteria, missing };
    }),
    warnings,
  };
}

/**
 * The elements with a result or reference range in a unit that does not convert to the element's:
 * a superset of those the explaining path would warn about (it warns only for the result it uses).
 */
function mayNotConvert(protocol: CompiledProtocol, patient: Patient): ReadonlySet<string> {
  let out: Set<string> | undefined;
  for (const el of protocol.elements) {
    const raw = patient.facts[el.id];
    if (raw === undefined || raw === null || typeof raw !== 'object') continue;
    for (const m of (Array.isArray(raw) ? raw : [raw]) as RawMeasurement[]) {
      if (m === null || typeof m !== 'object' || !unitsConvert(el, m)) {
        out ??= new Set();
        out.add(el.id);
        break;
      }
    }
  }
  return out ?? NONE;
}

function unitsConvert(el: Element, m: RawMeasurement): boolean {
  const reported = typeof m.unit === 'string' ? m.unit : el.unit;
  const target = el.unit ?? reported;
  if (m.unit !== undefined && typeof m.unit !== 'string') return false;
  if (
    reported !== undefined &&
    target !== undefined &&
    reported !== target &&
    !conversionTo(el, reported, target)
  )
    return false;
  const rangeUnit = m.referenceRange?.unit;
  if (rangeUnit === undefined) return true;
  return (
    typeof rangeUnit === 'string' &&
    (target === undefined || rangeUnit === target || !!conversionTo(el, rangeUnit, target))
  );
}

const NONE: ReadonlySet<string> = new Set();

/** A screening whose criteria may lack their `trace` tree (`withoutTraces`). */
export type UntracedScreening = Omit<Screening, 'cohorts'> & {
  readonly cohorts: readonly (Omit<CohortResult, 'criteria'> & {
    readonly criteria: readonly (Omit<CriterionResult, 'trace'> & {
      readonly trace?: CriterionResult['trace'];
    })[];
  })[];
};

/**
 * The full screening without each criterion's `trace` tree; every criterion keeps its title,
 * source, one-line `explanation` and `missing` list. For NCT06469190 the trees are 60 % of a
 * screening's bytes.
 */
export function withoutTraces(screening: Screening): UntracedScreening {
  return {
    ...screening,
    cohorts: screening.cohorts.map((cohort) => ({
      ...cohort,
      // A copy with `trace` undefined, which JSON leaves out: copying all but one key (`{ trace,
      // ...rest }`) took three times as long, for ~120 criteria per screening.
      criteria: cohort.criteria.map((criterion) => ({ ...criterion, trace: undefined })),
    })),
  };
}
