import type { AnswerInfo, ElementInfo, ProtocolInfo, Screening } from '@eligo/core';

/** How a lay question is answered on the page. */
export type LayInput = 'birth-date' | 'sex' | 'yes-no' | 'choice' | 'number' | 'date';

/** One question of the pre-screen: an element the protocol words for the person it is about. */
export interface LayQuestion {
  readonly id: string;
  /** The protocol's lay wording. */
  readonly text: string;
  readonly input: LayInput;
  readonly element: ElementInfo;
  /** For `choice`: the answers, as the protocol names them. */
  readonly values?: readonly string[] | undefined;
}

/**
 * What the person has answered, by element id: `'yes'`, `'no'` or `'unsure'` for yes/no, the
 * value's word for a choice, the text of a date or number field. Absent or `''` is unanswered.
 */
export type LayAnswers = Readonly<Record<string, string>>;

/**
 * The questions a person can answer about themselves: the elements with lay wording that some
 * criterion reads, birth date and sex first, then in the protocol's order. Elements without lay
 * wording (laboratory results, a clinician's judgement) are never asked here.
 */
export function layQuestions(info: ProtocolInfo): LayQuestion[] {
  const out: LayQuestion[] = [];
  for (const el of info.elements) {
    if (!el.lay || el.usedBy.length === 0) continue;
    const input = inputOf(el);
    if (input) out.push({ id: el.id, text: el.lay, input, element: el, values: valuesOf(el) });
  }
  const patientFirst = (q: LayQuestion) => (q.element.kind === 'patient' ? 0 : 1);
  return out.sort((a, b) => patientFirst(a) - patientFirst(b));
}

function inputOf(el: ElementInfo): LayInput | undefined {
  switch (el.kind) {
    case 'patient':
      return el.patientField === 'gender' ? 'sex' : 'birth-date';
    case 'condition':
    case 'medication':
    case 'procedure':
    case 'allergy':
    case 'encounter':
      return 'yes-no';
    case 'question':
      return questionInput(el.answer);
    default:
      // Labs, tests and defines cannot carry lay wording (E0260).
      return undefined;
  }
}

function questionInput(answer: AnswerInfo | undefined): LayInput {
  switch (answer?.type) {
    case 'code':
      return 'choice';
    case 'count':
    case 'score':
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    default:
      return 'yes-no';
  }
}

function valuesOf(el: ElementInfo): readonly string[] | undefined {
  if (el.kind === 'patient' && el.patientField === 'gender') return ['female', 'male', 'other'];
  if (el.kind === 'question' && el.answer?.type === 'code') return el.answer.values;
  return undefined;
}

const answered = (answers: LayAnswers, id: string) => (answers[id] ?? '').trim() !== '';

/**
 * The questions worth asking now: every one answered (so it can be changed), and every one that
 * could still decide a criterion of a part of the study the answers so far do not rule out. A
 * question that cannot matter any more (a partner's question once the person says she is a woman)
 * is not asked.
 */
export function questionsToAsk(
  questions: readonly LayQuestion[],
  answers: LayAnswers,
  screening: Screening | undefined,
): LayQuestion[] {
  if (!screening) return [...questions];
  const open = new Set<string>();
  for (const cohort of screening.cohorts) {
    if (cohort.verdict === 'ineligible') continue;
    for (const c of cohort.criteria) if (c.status === 'unknown') for (const id of c.missing) open.add(id);
  }
  return questions.filter((q) => answered(answers, q.id) || open.has(q.id));
}
