import type { Screening } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { questionsToDecide, screeningRequest } from './request';

const cohort = (id: string, verdict: Screening['cohorts'][number]['verdict'], questions: string[]) => ({
  id,
  label: undefined,
  verdict,
  criteria: [],
  missing: questions,
  questions: questions.map((q) => ({ id: q, text: `${q}?` })),
});

describe('questionsToDecide', () => {
  it('maps each open question to the undetermined cohorts it would help decide', () => {
    const screening: Screening = {
      protocol: { id: 'T', version: undefined, hash: 'h' },
      asOf: '2025-03-15',
      warnings: [],
      cohorts: [
        cohort('PMN', 'undetermined', ['consent', 'lactating']),
        cohort('IgAN', 'ineligible', ['consent']),
        cohort('AAV', 'undetermined', ['consent', 'bvas_total']),
      ],
    };
    expect([...questionsToDecide(screening)]).toEqual([
      ['consent', ['PMN', 'AAV']],
      ['lactating', ['PMN']],
      ['bvas_total', ['AAV']],
    ]);
  });
});

describe('screeningRequest', () => {
  it('sends a bundle or facts as imported, and empty facts when nothing was imported', () => {
    const bundle = { resourceType: 'Bundle' };
    expect(screeningRequest('2025-03-15', { kind: 'bundle', bundle, entries: 0 }, { consent: true })).toEqual(
      {
        asOf: '2025-03-15',
        bundle,
        answers: { consent: true },
      },
    );
    expect(
      screeningRequest('2025-03-15', { kind: 'facts', facts: { sex: 'male' }, elements: 1 }, {}),
    ).toEqual({
      asOf: '2025-03-15',
      facts: { sex: 'male' },
      answers: {},
    });
    expect(screeningRequest('2025-03-15', undefined, {})).toEqual({
      asOf: '2025-03-15',
      facts: {},
      answers: {},
    });
  });
});
