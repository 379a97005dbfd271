import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { screen } from '../screen/screen';

const protocol = compile(
  `trial T "t"
lab up "Urine protein" in g/(24.h) from loinc 2889-4
question relapsed "Relapsed?": yes/no
question refractory "Refractory?": yes/no
inclusion
  IN-1 met if (refractory and up >= 1 g/(24.h)) or (relapsed and up >= 1 g/(24.h))
`,
  { name: 't.elig' },
).protocol!;

const explanation = (answers: Record<string, boolean>) =>
  screen(protocol, {
    asOf: '2025-03-15',
    facts: { up: { value: 0.9, unit: 'g/(24.h)', date: '2025-03-11' } },
    answers,
  }).cohorts[0]!.criteria[0]!.explanation;

describe('one-line explanations', () => {
  it('name only the parts that decided the result, each once', () => {
    expect(explanation({ refractory: true, relapsed: true })).toBe(
      'Urine protein 0.9 g/24 h (2025-03-11, 4 days before screening) ≥ 1 g/24 h: not met',
    );
  });

  it('leave out an unanswered question that the decisive part overrules', () => {
    expect(explanation({ refractory: true })).toBe(
      'Urine protein 0.9 g/24 h (2025-03-11, 4 days before screening) ≥ 1 g/24 h: not met',
    );
  });
});
