import type { CompiledProtocol } from '../compile';
import { cohortVerdict, VERDICTS } from '../decide/verdict';
import { type Explained, explain, statusOf, statusWord } from '../evaluate/explain';
import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { Patient } from '../evaluate/patient';
import type { ScreeningInput } from '../facts/shapes';
import type { CohortResult, CriterionResult, InputWarning, Screening, Verdict } from './types';

export interface ScreenOptions {
  /**
   * Build each criterion's `trace` tree (default true). With false, each criterion's `trace` is
   * only its root step, `{ text: '', status }`, which saves the work of the tree for callers that
   * drop it; `explanation`, `missing`, statuses, verdicts and warnings are the same either way.
   */
  readonly trace?: boolean | undefined;
}

/**
 * Screens one patient with explanations: every criterion once, then per cohort its criteria in
 * order (headings reported from their sub-criteria but not counted), the verdict, and what is
 * missing to decide the undecided ones.
 */
export function screen(
  protocol: CompiledProtocol,
  input: ScreeningInput,
  options?: ScreenOptions,
): Screening {
  const traced = options?.trace ?? true;
  const warnings: InputWarning[] = [];
  const patient = new Patient(input.facts ?? {}, input.answers ?? {}, input.asOf, warnings);
  const order = elementOrder(protocol);

  const explained: (Explained | undefined)[] = protocol.criteria.map((c) =>
    c.rule ? explain(c.rule, patient, traced) : undefined,
  );

  const cohorts: CohortResult[] = protocol.cohorts.map((cohort) => {
    const criteria: CriterionResult[] = cohort.members.map((i) => {
      const c = protocol.criteria[i]!;
      const e = explained[i];
      if (e) {
        const missing = e.t === UNKNOWN ? inOrder(e.missing, order) : [];
        const trace = traced ? e.trace : { text: '', status: statusOf(e.t) };
        return criterionResult(c.info, e.t, trace, e.reasons.join('; '), missing);
      }
      // A heading: all of its sub-criteria for inclusion, any of them for exclusion.
      const subs = cohort.subCriteria.get(i) ?? [];
      const truths = subs.map((s) => explained[s]?.t ?? UNKNOWN);
      const t = headingTruth(truths, c.info.kind);
      const missing =
        t === UNKNOWN
          ? inOrder(
              subs.flatMap((s) => (explained[s]?.t === UNKNOWN ? [...explained[s]!.missing] : [])),
              order,
            )
          : [];
      const counts = countOf(truths);
      const text = `${subs.length} sub-criteria: ${counts}`;
      return criterionResult(
        c.info,
        t,
        traced
          ? { text, status: statusOf(t), children: subs.map((s) => explained[s]!.trace) }
          : { text: '', status: statusOf(t) },
        text,
        missing,
      );
    });
    const counted = criteria.filter((_, j) => !protocol.criteria[cohort.members[j]!]!.info.heading);
    const verdict = verdictOf(counted);
    const missing = inOrder(
      counted.filter((c) => c.status === 'unknown').flatMap((c) => c.missing),
      order,
    );
    const questions = missing
      .map((id) => protocol.elements[order.get(id)!]!)
      .filter((el) => el.kind === 'question')
      .map((el) => ({ id: el.id, text: el.label }));
    return { id: cohort.info.id, label: cohort.info.label, verdict, criteria, missing, questions };
  });

  return {
    protocol: { id: protocol.info.id, version: protocol.info.version, hash: protocol.info.hash },
    asOf: input.asOf,
    cohorts,
    warnings,
  };
}

const orders = new WeakMap<CompiledProtocol, ReadonlyMap<string, number>>();

/** Each element's position in the protocol, by id: lists of elements are reported in that order. */
export function elementOrder(protocol: CompiledProtocol): ReadonlyMap<string, number> {
  let order = orders.get(protocol);
  if (order === undefined) {
    order = new Map(protocol.elements.map((e) => [e.id, e.index]));
    orders.set(protocol, order);
  }
  return order;
}

function criterionResult(
  info: CompiledProtocol['criteria'][number]['info'],
  t: Tri,
  trace: CriterionResult['trace'],
  reason: string,
  missing: string[],
): CriterionResult {
  return {
    id: info.id,
    kind: info.kind,
    title: info.title,
    source: info.source,
    status: statusOf(t),
    explanation: `${reason}: ${statusWord(statusOf(t))}`,
    trace,
    missing,
  };
}

export function headingTruth(truths: Tri[], kind: 'inclusion' | 'exclusion'): Tri {
  if (kind === 'inclusion') {
    if (truths.includes(FALSE)) return FALSE;
    return truths.includes(UNKNOWN) ? UNKNOWN : TRUE;
  }
  if (truths.includes(TRUE)) return TRUE;
  return truths.includes(UNKNOWN) ? UNKNOWN : FALSE;
}

function countOf(truths: Tri[]): string {
  const n = (t: Tri) => truths.filter((x) => x === t).length;
  return `${n(TRUE)} met, ${n(FALSE)} not met, ${n(UNKNOWN)} unknown`;
}

/** The cohort verdict rule (decide/verdict.ts) over criterion results. */
export function verdictOf(criteria: readonly Pick<CriterionResult, 'kind' | 'status'>[]): Verdict {
  const statuses = criteria.map((c) =>
    c.status === 'met' ? TRUE : c.status === 'not_met' ? FALSE : UNKNOWN,
  );
  const exclusion = criteria.map((c) => c.kind === 'exclusion');
  return VERDICTS[
    cohortVerdict(
      criteria.map((_, k) => k),
      statuses,
      0,
      exclusion,
    )
  ]!;
}

/** Element ids once each, in the order the protocol declares them. */
export function inOrder(ids: Iterable<string>, order: ReadonlyMap<string, number>): string[] {
  return [...new Set(ids)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}
