import type { CriterionResult, ProtocolInfo, Screening } from '@eligo/core';
import type { LayAnswers, LayQuestion } from './questions';

/** A criterion that rules the person out, in plain words, with the answers that decided it. */
export interface Reason {
  readonly id: string;
  readonly text: string;
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
  /** The parts of the study it rules out, by label; empty when it rules out every part. */
  readonly parts: readonly string[];
}

export type PrescreenOutcome =
  | {
      readonly kind: 'may-be-eligible';
      /** The parts of the study the answers leave open, by label. */
      readonly parts: readonly string[];
      /** What the answers cannot settle, which the study team will check: criterion titles. */
      readonly toCheck: readonly string[];
    }
  | { readonly kind: 'ruled-out'; readonly reasons: readonly Reason[] };

/**
 * The person's result: they may be eligible while any part of the study (cohort) is not ruled out
 * by their answers; otherwise, each criterion that rules them out. Criteria their answers cannot
 * settle (laboratory results, a clinician's judgement) never rule anyone out here: the study team
 * checks them.
 */
export function prescreenOutcome(
  info: ProtocolInfo,
  questions: readonly LayQuestion[],
  given: LayAnswers,
  screening: Screening,
): PrescreenOutcome {
  const headings = new Set(info.cohorts.flatMap((c) => c.criteria.filter((k) => k.heading).map((k) => k.id)));
  const label = (id: string) => screening.cohorts.find((c) => c.id === id)?.label ?? id;
  const open = screening.cohorts.filter((c) => c.verdict !== 'ineligible');
  if (open.length > 0) {
    const toCheck: string[] = [];
    for (const cohort of open) {
      for (const c of cohort.criteria) {
        const title = titleOf(c);
        if (c.status === 'unknown' && !headings.has(c.id) && !toCheck.includes(title)) toCheck.push(title);
      }
    }
    return { kind: 'may-be-eligible', parts: open.map((c) => label(c.id)), toCheck };
  }
  const ruledOutBy = new Map<string, { criterion: CriterionResult; cohorts: string[] }>();
  for (const cohort of screening.cohorts) {
    for (const c of cohort.criteria) {
      if (headings.has(c.id) || !rulesOut(c)) continue;
      const entry = ruledOutBy.get(c.id) ?? { criterion: c, cohorts: [] };
      entry.cohorts.push(cohort.id);
      ruledOutBy.set(c.id, entry);
    }
  }
  const everyPart = screening.cohorts.length;
  const reasons = [...ruledOutBy.values()].map(({ criterion, cohorts }) => ({
    id: criterion.id,
    text: `${criterion.kind === 'inclusion' ? 'Needed' : 'Not possible with'}: ${titleOf(criterion)}`,
    answers: answersFor(info, criterion.id, questions, given),
    parts: cohorts.length === everyPart ? [] : cohorts.map(label),
  }));
  // A reason that rules out the whole study is the one to give: listing what else rules out each
  // part would only bury it.
  const whole = reasons.filter((r) => r.parts.length === 0);
  return { kind: 'ruled-out', reasons: whole.length > 0 ? whole : reasons };
}

const rulesOut = (c: CriterionResult) =>
  (c.kind === 'inclusion' && c.status === 'not_met') || (c.kind === 'exclusion' && c.status === 'met');

const titleOf = (c: Pick<CriterionResult, 'id' | 'title' | 'source'>) => c.title ?? c.source ?? c.id;

/** The person's answers to the questions a criterion reads, as they gave them. */
function answersFor(
  info: ProtocolInfo,
  criterionId: string,
  questions: readonly LayQuestion[],
  given: LayAnswers,
): Reason['answers'] {
  const criterion = info.cohorts.flatMap((c) => c.criteria).find((k) => k.id === criterionId);
  const elements = new Set(criterion?.elements ?? []);
  return questions
    .filter((q) => elements.has(q.id) && (given[q.id] ?? '').trim() !== '')
    .map((q) => ({ question: q.text, answer: answerText(q, given[q.id]!.trim()) }));
}

export function answerText(q: LayQuestion, raw: string): string {
  if (q.input === 'yes-no') return raw === 'yes' ? 'Yes' : raw === 'no' ? 'No' : 'Not sure';
  if (q.input === 'sex' || q.input === 'choice') return valueText(raw);
  return raw;
}

/** A value word as a person reads it: `short_stay` is "Short stay". */
export function valueText(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
