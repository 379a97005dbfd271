import type { AnswerInfo, Answers, AnswerValue, ProtocolInfo } from '@eligo/core';
import { momentAnswer } from './moment-answer';

/** One field of the screening form, generated from a protocol's `question` declaration. */
export interface QuestionField {
  readonly id: string;
  readonly label: string;
  readonly answer: AnswerInfo;
  /** Criterion ids that read this question. */
  readonly usedBy: readonly string[];
}

/**
 * What the form holds for each question: the raw text of its input. `''` is "not answered";
 * yes/no questions hold `'yes'` or `'no'`.
 */
export type FormState = Record<string, string>;

export function questionFields(info: ProtocolInfo): QuestionField[] {
  return info.elements
    .filter((e) => e.kind === 'question')
    .map((e) => ({ id: e.id, label: e.label, answer: e.answer ?? { type: 'boolean' }, usedBy: e.usedBy }));
}

export interface FormAnswers {
  /** Only the questions answered validly; an unanswered question is absent, so it stays unknown. */
  readonly answers: Answers;
  /** Why an entered value was not used, by question id. */
  readonly problems: Readonly<Record<string, string>>;
}

export function formAnswers(fields: readonly QuestionField[], state: FormState): FormAnswers {
  const answers: Record<string, AnswerValue> = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const raw = (state[field.id] ?? '').trim();
    if (raw === '') continue;
    const parsed = parseAnswer(field.answer, raw);
    if (typeof parsed === 'object') problems[field.id] = parsed.problem;
    else answers[field.id] = parsed;
  }
  return { answers, problems };
}

function parseAnswer(answer: AnswerInfo, raw: string): AnswerValue | { problem: string } {
  switch (answer.type) {
    case 'boolean':
      if (raw === 'yes') return true;
      if (raw === 'no') return false;
      return { problem: 'Choose yes or no.' };
    case 'count': {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) return { problem: 'Enter a whole number, 0 or more.' };
      return withinRange(answer, n);
    }
    case 'score':
    case 'number': {
      const n = Number(raw.replace(',', '.'));
      if (!Number.isFinite(n)) return { problem: 'Enter a number.' };
      return withinRange(answer, n);
    }
    case 'date':
      return momentAnswer(raw);
    case 'code':
      if (answer.values && !answer.values.includes(raw)) {
        return { problem: `Choose one of ${answer.values.join(', ')}.` };
      }
      return raw;
  }
}

function withinRange(answer: AnswerInfo, n: number): number | { problem: string } {
  const { min, max } = answer;
  if (min !== undefined && max !== undefined && (n < min || n > max)) {
    return { problem: `Enter a value from ${min} to ${max}.` };
  }
  if (min !== undefined && n < min) return { problem: `Enter a value of at least ${min}.` };
  if (max !== undefined && n > max) return { problem: `Enter a value of at most ${max}.` };
  return n;
}

/** The form for answers that came with an imported screening input; unknown ids and nulls are dropped. */
export function formFromAnswers(fields: readonly QuestionField[], answers: Answers): FormState {
  const state: FormState = {};
  for (const field of fields) {
    const value = answers[field.id];
    if (value === null || value === undefined) continue;
    if (typeof value === 'boolean') state[field.id] = value ? 'yes' : 'no';
    else state[field.id] = String(value);
  }
  return state;
}

/** A short description of what a question expects, for the field's hint. */
export function answerHint(answer: AnswerInfo): string | undefined {
  switch (answer.type) {
    case 'count':
      return 'a whole number';
    case 'score':
      return answer.min !== undefined && answer.max !== undefined
        ? `a score from ${answer.min} to ${answer.max}`
        : 'a score';
    case 'number':
      return answer.unit ? `a number in ${answer.unit}` : 'a number';
    case 'date':
      return 'a date';
    default:
      return undefined;
  }
}

/**
 * The questions worth showing: those answered (so the answer can be changed or cleared) and those
 * core lists as missing for a cohort still undetermined (`toDecide`). Any other answer cannot
 * change a verdict given the data so far, such as a man's question for a woman. Without a patient
 * record every question is shown: core then reads absent records as none, and a cohort ruled out
 * by that absence says nothing about which questions will matter.
 */
export function questionsToShow(
  fields: readonly QuestionField[],
  form: FormState,
  toDecide: ReadonlyMap<string, readonly string[]>,
  hasRecord: boolean,
): QuestionField[] {
  if (!hasRecord) return [...fields];
  return fields.filter((f) => (form[f.id] ?? '').trim() !== '' || toDecide.has(f.id));
}
