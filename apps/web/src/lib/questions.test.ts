import type { ElementInfo, ProtocolInfo } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { answerHint, formAnswers, formFromAnswers, questionFields } from './questions';

const question = (id: string, answer: ElementInfo['answer']): ElementInfo => ({
  id,
  label: `Label of ${id}`,
  kind: 'question',
  answer,
  closedWorld: false,
  usedBy: [`C-${id}`],
});

const info: ProtocolInfo = {
  id: 'T',
  title: undefined,
  version: undefined,
  hash: 'h',
  complete: [],
  elements: [
    { id: 'wbc', label: 'WBC', kind: 'lab', unit: '10*9/L', closedWorld: false, usedBy: ['C-1'] },
    question('consent', { type: 'boolean' }),
    question('renal_items', { type: 'count' }),
    question('bvas', { type: 'score', min: 0, max: 63 }),
    question('weight_loss', { type: 'number', unit: 'kg' }),
    question('biopsy_date', { type: 'date' }),
    question('response', { type: 'code', values: ['refractory', 'relapsed', 'responding'] }),
  ],
  cohorts: [],
};
const fields = questionFields(info);

describe('questionFields', () => {
  it('takes the question elements in declaration order and nothing else', () => {
    expect(fields.map((f) => f.id)).toEqual([
      'consent',
      'renal_items',
      'bvas',
      'weight_loss',
      'biopsy_date',
      'response',
    ]);
    expect(fields[0]).toEqual({
      id: 'consent',
      label: 'Label of consent',
      answer: { type: 'boolean' },
      usedBy: ['C-consent'],
    });
  });
});

describe('formAnswers', () => {
  it('maps every answer type to its value', () => {
    const result = formAnswers(fields, {
      consent: 'no',
      renal_items: '2',
      bvas: '15',
      weight_loss: '2,5',
      biopsy_date: '2024-02-29',
      response: 'relapsed',
    });
    expect(result).toEqual({
      answers: {
        consent: false,
        renal_items: 2,
        bvas: 15,
        weight_loss: 2.5,
        biopsy_date: '2024-02-29',
        response: 'relapsed',
      },
      problems: {},
    });
  });

  it('leaves unanswered questions out, so they stay unknown rather than false', () => {
    expect(formAnswers(fields, { consent: '', bvas: '  ', response: 'refractory' })).toEqual({
      answers: { response: 'refractory' },
      problems: {},
    });
  });

  it('keeps out values that do not fit, and says why', () => {
    const result = formAnswers(fields, {
      renal_items: '1.5',
      bvas: '64',
      weight_loss: 'a lot',
      biopsy_date: '2023-02-29',
      response: 'cured',
    });
    expect(result.answers).toEqual({});
    expect(result.problems).toEqual({
      renal_items: 'Enter a whole number, 0 or more.',
      bvas: 'Enter a value from 0 to 63.',
      weight_loss: 'Enter a number.',
      biopsy_date: 'Enter a date as YYYY-MM-DD.',
      response: 'Choose one of refractory, relapsed, responding.',
    });
  });

  it("gives a date question's time with its UTC offset, as core's input takes it", () => {
    const moment = formAnswers(fields, { biopsy_date: '2025-10-15T09:00:00+07:00' });
    expect(moment).toEqual({ answers: { biopsy_date: '2025-10-15T09:00:00+07:00' }, problems: {} });
    expect(formAnswers(fields, { biopsy_date: 'T09:00' }).problems).toEqual({
      biopsy_date: 'Enter the date of that time as YYYY-MM-DD.',
    });
  });

  it('accepts the bounds of a score', () => {
    expect(formAnswers(fields, { bvas: '0' }).answers).toEqual({ bvas: 0 });
    expect(formAnswers(fields, { bvas: '63' }).answers).toEqual({ bvas: 63 });
  });

  it('ignores form entries for ids that are not questions', () => {
    expect(formAnswers(fields, { wbc: '5' }).answers).toEqual({});
  });
});

describe('formFromAnswers', () => {
  it('round-trips through formAnswers', () => {
    const answers = { consent: true, renal_items: 0, response: 'responding', biopsy_date: '2025-01-31' };
    expect(formAnswers(fields, formFromAnswers(fields, answers)).answers).toEqual(answers);
  });

  it('keeps an imported date and time as written, offset included', () => {
    const answers = { biopsy_date: '2025-10-15T09:00:00+07:00' };
    expect(formFromAnswers(fields, answers)).toEqual(answers);
    expect(formAnswers(fields, formFromAnswers(fields, answers)).answers).toEqual(answers);
  });

  it('drops nulls and ids the protocol does not ask', () => {
    expect(formFromAnswers(fields, { consent: null, unknown_question: true, bvas: 3 })).toEqual({
      bvas: '3',
    });
  });
});

describe('answerHint', () => {
  it('describes what each type expects', () => {
    expect(answerHint({ type: 'score', min: 0, max: 63 })).toBe('a score from 0 to 63');
    expect(answerHint({ type: 'number', unit: 'kg' })).toBe('a number in kg');
    expect(answerHint({ type: 'count' })).toBe('a whole number');
    expect(answerHint({ type: 'boolean' })).toBeUndefined();
  });
});
