import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import type { ScreeningInput } from '../facts/shapes';
import { verdictChanges } from './changes';
import { screenCompact } from './compact';

const text = (minimum: number, cohortB = true) => `trial T "t"
patient birth_date "Date of birth" from birthDate
define age_years "Age" = age(birth_date)
question consent "Consent signed?": yes/no
inclusion
  IN-1 "Adult" met if age_years >= ${minimum}
cohort A "A"
  inclusion
    IN-2 "Consent" met if consent
${cohortB ? 'cohort B "B"\n  exclusion\n    __proto__ "Unconsented" met if not consent\n' : ''}`;

function screened(source: string, input: ScreeningInput) {
  const { protocol } = compile(source, { name: 't.elig' });
  return screenCompact(protocol!, input);
}

const thirty: ScreeningInput = {
  asOf: '2025-03-15',
  facts: { birth_date: '1995-01-01' },
  answers: { consent: true },
};

describe('verdictChanges', () => {
  it('finds nothing between a screening and itself', () => {
    const s = screened(text(18), thirty);
    expect(verdictChanges(s, s)).toEqual([]);
  });

  it('names each cohort whose verdict changed and the criteria whose status changed with it', () => {
    expect(verdictChanges(screened(text(18), thirty), screened(text(40), thirty))).toEqual([
      {
        cohort: 'A',
        before: 'eligible',
        after: 'ineligible',
        criteria: [{ id: 'IN-1', before: 'met', after: 'not_met' }],
      },
      {
        cohort: 'B',
        before: 'eligible',
        after: 'ineligible',
        criteria: [{ id: 'IN-1', before: 'met', after: 'not_met' }],
      },
    ]);
  });

  it('reads unknown as a status of its own, and a criterion named __proto__ as any other', () => {
    const unanswered = { ...thirty, answers: {} };
    expect(verdictChanges(screened(text(18), unanswered), screened(text(18), thirty))).toEqual([
      {
        cohort: 'A',
        before: 'undetermined',
        after: 'eligible',
        criteria: [{ id: 'IN-2', before: 'unknown', after: 'met' }],
      },
      {
        cohort: 'B',
        before: 'undetermined',
        after: 'eligible',
        criteria: [{ id: '__proto__', before: 'unknown', after: 'not_met' }],
      },
    ]);
  });

  it('gives a cohort one version lacks an undefined verdict, and its criteria undefined statuses', () => {
    expect(verdictChanges(screened(text(18), thirty), screened(text(18, false), thirty))).toEqual([
      {
        cohort: 'B',
        before: 'eligible',
        after: undefined,
        criteria: [
          { id: 'IN-1', before: 'met', after: undefined },
          { id: '__proto__', before: 'not_met', after: undefined },
        ],
      },
    ]);
  });
});
