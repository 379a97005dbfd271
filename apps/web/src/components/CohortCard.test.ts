import type { CohortResult, CriterionResult } from '@eligo/core';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CohortCard from './CohortCard.svelte';

const criterion = (id: string, kind: CriterionResult['kind'], status: CriterionResult['status']) => ({
  id,
  kind,
  status,
  title: undefined,
  source: `${id} as the protocol words it`,
  explanation: `${id} ${status}`,
  trace: { text: id, status },
  missing: [],
});

const cohort: CohortResult = {
  id: 'IgAN',
  label: 'IgA nephropathy',
  verdict: 'ineligible',
  criteria: [
    criterion('IN-1', 'inclusion', 'met'),
    criterion('IN-2', 'inclusion', 'not_met'),
    criterion('EX-1', 'exclusion', 'met'),
    criterion('EX-2', 'exclusion', 'not_met'),
  ],
  missing: [],
  questions: [],
};

/** The rendered text, without Svelte's hydration markers and with whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('CohortCard', () => {
  it('counts inclusion and exclusion criteria apart', () => {
    const { body } = render(CohortCard, { props: { cohort, labelOf: (id: string) => id } });
    expect(text(body)).toContain('inclusion: 1 of 2 met; exclusion: 1 of 2 apply');
    expect(text(body)).not.toContain('passed');
  });

  it('names each protocol text toggle after its criterion and cohort', () => {
    const { body } = render(CohortCard, { props: { cohort, labelOf: (id: string) => id } });
    const summaries = [...body.matchAll(/<summary[^>]*>([\s\S]*?)<\/summary>/g)].map((m) => text(m[1]!));
    expect(summaries).toEqual(['Protocol text for IN-2 in IgAN', 'Protocol text for EX-1 in IgAN']);
  });

  it('shows no verdict and no criteria while there is no patient', () => {
    const { body } = render(CohortCard, { props: { cohort, labelOf: (id: string) => id, pending: true } });
    expect(text(body)).toBe(
      "IgA nephropathy IgAN No patient yet 4 criteria, screened once the patient's record is in.",
    );
  });
});
