import { parseScreeningInput, type Screening, screen } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import source from '../../../../../packages/protocols/NCT06469190/NCT06469190.elig?raw';
import { dayFromParts } from './day';
import { prescreenInput } from './input';
import { compileOpenWorld } from './open-world';
import { prescreenOutcome } from './outcome';
import { type LayAnswers, layQuestions, questionsToAsk } from './questions';
import { prescreenPath, prescreenTrial } from './route';

const compiled = compileOpenWorld(source, 'NCT06469190.elig');
if (!compiled.ok || !compiled.protocol) throw new Error('NCT06469190 does not compile');
const protocol = compiled.protocol;
const questions = layQuestions(protocol.info);
const AS_OF = '2026-03-01';

function screened(answers: LayAnswers): Screening {
  const parsed = parseScreeningInput(protocol, prescreenInput(questions, answers, AS_OF));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return screen(protocol, parsed.input);
}

/** A woman of 45 with biopsy-proven IgA nephropathy on an ARB, who answers everything else no. */
const igan: LayAnswers = {
  birth_date: '1980-05-17',
  sex: 'female',
  gilbert_syndrome: 'no',
  pregnancy: 'no',
  membranous_nephropathy: 'no',
  iga_nephropathy: 'yes',
  diabetes: 'no',
  aav_diagnosis: 'no',
  serious_heart_disease: 'no',
  malignant_neoplasm: 'no',
  end_stage_renal_failure: 'no',
  acei_arb: 'yes',
  renal_biopsy: 'yes',
  childbearing_potential: 'no',
  other_trial_treatment_3mo: 'no',
};

describe('the pre-screen of NCT06469190', () => {
  it('asks exactly the elements with lay wording, birth date and sex first', () => {
    expect(questions.map((q) => [q.id, q.input])).toEqual([
      ['birth_date', 'birth-date'],
      ['sex', 'sex'],
      ['gilbert_syndrome', 'yes-no'],
      ['pregnancy', 'yes-no'],
      ['membranous_nephropathy', 'yes-no'],
      ['iga_nephropathy', 'yes-no'],
      ['diabetes', 'yes-no'],
      ['aav_diagnosis', 'yes-no'],
      ['serious_heart_disease', 'yes-no'],
      ['malignant_neoplasm', 'yes-no'],
      ['end_stage_renal_failure', 'yes-no'],
      ['acei_arb', 'yes-no'],
      ['renal_biopsy', 'yes-no'],
      ['childbearing_potential', 'yes-no'],
      ['partner_childbearing_potential', 'yes-no'],
      ['contraception_agreed', 'yes-no'],
      ['lactating', 'yes-no'],
      ['intends_to_conceive', 'yes-no'],
      ['other_trial_treatment_3mo', 'yes-no'],
    ]);
    expect(questions.find((q) => q.id === 'lactating')?.text).toBe('Are you breastfeeding?');
  });

  it('reads the protocol as an open world: a diagnosis nobody answered is unknown, not absent', () => {
    const strict = screened({ ...igan, diabetes: '' });
    const pmnDiabetes = strict.cohorts
      .find((c) => c.id === 'PMN')!
      .criteria.find((c) => c.id === 'PMN-EX-2')!;
    expect(pmnDiabetes.status).toBe('unknown');
    expect(pmnDiabetes.missing).toEqual(['diabetes']);
  });

  it('turns answers into facts and answers; "not sure", blanks and impossible values stay out', () => {
    expect(
      prescreenInput(
        questions,
        {
          birth_date: '2030-01-01',
          sex: 'female',
          diabetes: 'unsure',
          pregnancy: 'no',
          lactating: 'yes',
          acei_arb: '',
        },
        AS_OF,
      ),
    ).toEqual({ asOf: AS_OF, facts: { sex: 'female', pregnancy: false }, answers: { lactating: true } });
  });

  it('may be eligible for the IgA nephropathy part, the rest left to the study team', () => {
    const outcome = prescreenOutcome(protocol.info, questions, igan, screened(igan));
    expect(outcome.kind).toBe('may-be-eligible');
    if (outcome.kind !== 'may-be-eligible') return;
    expect(outcome.parts).toEqual(['Relapsed/refractory IgA nephropathy']);
    expect(outcome.toCheck).toContain('CD19-positive peripheral B cells');
    expect(outcome.toCheck).toContain('eGFR ≥ 30');
    // Headings are decided by their sub-criteria, which are listed instead.
    expect(outcome.toCheck).not.toContain('Organ function');
  });

  it('rules out by age for every part, with the answer that decided it, and nothing else', () => {
    const old = { ...igan, birth_date: '1940-01-01' };
    expect(prescreenOutcome(protocol.info, questions, old, screened(old))).toEqual({
      kind: 'ruled-out',
      reasons: [
        {
          id: 'C-IN-1',
          text: 'Needed: Age 18 to 70 years',
          answers: [{ question: 'What is your date of birth?', answer: '1940-01-01' }],
          parts: [],
        },
      ],
    });
  });

  it('names what rules out each part when nothing rules out the whole study', () => {
    const none = { ...igan, iga_nephropathy: 'no' };
    const outcome = prescreenOutcome(protocol.info, questions, none, screened(none));
    expect(outcome.kind === 'ruled-out' && outcome.reasons.map((r) => [r.id, r.parts])).toEqual([
      ['PMN-IN-1', ['Relapsed/refractory primary membranous nephropathy']],
      ['IgAN-IN-1', ['Relapsed/refractory IgA nephropathy']],
      ['AAV-IN-1', ['Relapsed/refractory ANCA-associated vasculitis']],
    ]);
  });

  it('rules out by an exclusion in plain words', () => {
    const pregnant = { ...igan, pregnancy: 'yes' };
    const outcome = prescreenOutcome(protocol.info, questions, pregnant, screened(pregnant));
    expect(outcome.kind).toBe('ruled-out');
    if (outcome.kind !== 'ruled-out') return;
    expect(outcome.reasons[0]).toEqual({
      id: 'C-EX-11',
      text: 'Not possible with: Pregnant or intending to conceive',
      answers: [
        { question: 'What is your sex?', answer: 'Female' },
        { question: 'Are you pregnant?', answer: 'Yes' },
        {
          question:
            'Could you become pregnant? (Answer no if you have been through the menopause or had an operation that makes pregnancy impossible.)',
          answer: 'No',
        },
      ],
      parts: [],
    });
  });

  it("asks a partner's question of a man, not of a woman", () => {
    const ids = (answers: LayAnswers) =>
      questionsToAsk(questions, answers, screened(answers)).map((q) => q.id);
    expect(ids({ sex: 'female' })).not.toContain('partner_childbearing_potential');
    expect(ids({ sex: 'female' })).toContain('childbearing_potential');
    expect(ids({ sex: 'male' })).toContain('partner_childbearing_potential');
    expect(ids({ sex: 'male' })).not.toContain('lactating');
    expect(questionsToAsk(questions, {}, undefined)).toHaveLength(questions.length);
  });
});

describe('the pre-screen page path', () => {
  it('reads the trial id from /trials/<id>/prescreen only', () => {
    expect(prescreenTrial('/trials/NCT06469190/prescreen')).toBe('NCT06469190');
    expect(prescreenTrial('/trials/NCT06469190/prescreen/')).toBe('NCT06469190');
    expect(prescreenTrial('/trials/NCT06469190')).toBeUndefined();
    expect(prescreenTrial('/trials/%E0%A4%A/prescreen')).toBeUndefined();
    expect(prescreenTrial('/trials/a%2Fb/prescreen')).toBeUndefined();
    expect(prescreenPath('NCT06469190')).toBe('/trials/NCT06469190/prescreen');
  });
});

describe('dayFromParts', () => {
  it('takes a real day only', () => {
    expect(dayFromParts('7', '3', '1980')).toBe('1980-03-07');
    expect(dayFromParts('29', '2', '2024')).toBe('2024-02-29');
    expect(dayFromParts('29', '2', '2023')).toBeUndefined();
    expect(dayFromParts('1', '13', '1980')).toBeUndefined();
    expect(dayFromParts('1', '1', '80')).toBeUndefined();
    expect(dayFromParts('', '1', '1980')).toBeUndefined();
  });
});
