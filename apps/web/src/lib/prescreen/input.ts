import type { Answers, AnswerValue } from '@eligo/core';
import type { LayAnswers, LayQuestion } from './questions';

/** The screening input built from the person's answers: it is screened here and sent nowhere. */
export interface PrescreenInput {
  readonly asOf: string;
  readonly facts: Record<string, unknown>;
  readonly answers: Answers;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Answers as facts and question answers. "Not sure" and blank stay out, so they are unknown; a
 * record kind answered yes or no is `true` or `false` (there is a record, or none); a value that
 * cannot be read (a number field with letters) is left out too.
 */
export function prescreenInput(
  questions: readonly LayQuestion[],
  given: LayAnswers,
  asOf: string,
): PrescreenInput {
  const facts: Record<string, unknown> = {};
  const answers: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const raw = (given[q.id] ?? '').trim();
    if (raw === '' || raw === 'unsure') continue;
    switch (q.input) {
      case 'birth-date':
        if (DAY.test(raw) && raw <= asOf) facts[q.id] = raw;
        break;
      case 'sex':
        if (q.values?.includes(raw)) facts[q.id] = raw;
        break;
      case 'yes-no':
        if (raw !== 'yes' && raw !== 'no') break;
        if (q.element.kind === 'question') answers[q.id] = raw === 'yes';
        else facts[q.id] = raw === 'yes';
        break;
      case 'choice':
        if (q.values?.includes(raw)) answers[q.id] = raw;
        break;
      case 'number': {
        const n = Number(raw.replace(',', '.'));
        const { min, max } = q.element.answer ?? {};
        if (Number.isFinite(n) && (min === undefined || n >= min) && (max === undefined || n <= max))
          answers[q.id] = n;
        break;
      }
      case 'date':
        if (DAY.test(raw)) answers[q.id] = raw;
        break;
    }
  }
  return { asOf, facts, answers };
}

/** Today in the person's own time zone, as the screening date. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
