import { type Answers, compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import woman from '../../../../packages/protocols/NCT04169737/examples/c1-eligible-woman-negative-test-7-days-stroke-6-months-1-day.json';
import man from '../../../../packages/protocols/NCT04169737/examples/c1-undetermined-aged-64-genetics-unknown.json';
import source from '../../../../packages/protocols/NCT04169737/NCT04169737.elig?raw';
import { type FormState, formFromAnswers, questionFields, questionsToShow } from './questions';
import { questionsToDecide, screeningRequest } from './request';
import { screenLocally } from './screening';

const compiled = compile(source, { name: 'NCT04169737.elig' });
if (!compiled.ok) throw new Error('NCT04169737 does not compile');
const protocol = compiled.protocol;
const fields = questionFields(protocol.info);

/** The ids of the questions the form shows for an example, with some of its answers left out. */
function shown(example: { asOf: string; bundle: object; answers: Answers }, without: string[]): string[] {
  const answers = Object.fromEntries(Object.entries(example.answers).filter(([id]) => !without.includes(id)));
  const record = { kind: 'bundle' as const, bundle: example.bundle as Record<string, unknown>, entries: 0 };
  const local = screenLocally(protocol, screeningRequest(example.asOf, record, answers));
  if (!local.ok) throw new Error(JSON.stringify(local.problems));
  const form: FormState = formFromAnswers(fields, answers);
  return questionsToShow(fields, form, questionsToDecide(local.screening), true).map((f) => f.id);
}

describe('questionsToShow', () => {
  it("hides a man's question for a woman, and a woman's for a man", () => {
    const forWoman = shown(woman, ['contraception_agreed', 'informed_consent']);
    expect(forWoman).toContain('contraception_agreed');
    expect(forWoman).toContain('informed_consent');
    expect(forWoman).not.toContain('male_contraception_agreed');

    const forMan = shown(man, ['male_contraception_agreed']);
    expect(forMan).toContain('male_contraception_agreed');
    expect(forMan).not.toContain('contraception_agreed');
    expect(forMan).not.toContain('breastfeeding');
  });

  it('keeps every answered question, needed or not', () => {
    const forWoman = shown(woman, []);
    expect(forWoman).toEqual(fields.map((f) => f.id).filter((id) => id in woman.answers));
  });

  it('shows every question while there is no patient record', () => {
    expect(questionsToShow(fields, {}, new Map(), false)).toEqual(fields);
  });
});
