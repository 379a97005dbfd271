import type { CohortResult, CriterionResult } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { countsText, notable, outcome } from './outcome';

const criterion = (
  id: string,
  kind: CriterionResult['kind'],
  status: CriterionResult['status'],
): CriterionResult => ({
  id,
  kind,
  status,
  title: undefined,
  source: undefined,
  explanation: `${id} ${status}`,
  trace: { text: id, status },
  missing: status === 'unknown' ? ['x'] : [],
});

describe('outcome', () => {
  it('reads an exclusion that is met as against the candidate', () => {
    expect(outcome({ kind: 'inclusion', status: 'met' })).toBe('passes');
    expect(outcome({ kind: 'inclusion', status: 'not_met' })).toBe('fails');
    expect(outcome({ kind: 'exclusion', status: 'met' })).toBe('fails');
    expect(outcome({ kind: 'exclusion', status: 'not_met' })).toBe('passes');
    expect(outcome({ kind: 'exclusion', status: 'unknown' })).toBe('open');
  });
});

describe('notable and tally', () => {
  const cohort: CohortResult = {
    id: 'PMN',
    label: undefined,
    verdict: 'ineligible',
    criteria: [
      criterion('IN-1', 'inclusion', 'met'),
      criterion('IN-2', 'inclusion', 'unknown'),
      criterion('EX-1', 'exclusion', 'met'),
      criterion('EX-2', 'exclusion', 'not_met'),
      criterion('IN-3', 'inclusion', 'not_met'),
    ],
    missing: ['x'],
    questions: [],
  };

  it('lists what excludes first, then what is open', () => {
    expect(notable(cohort).map((c) => c.id)).toEqual(['EX-1', 'IN-3', 'IN-2']);
  });

  it('counts inclusion and exclusion criteria apart', () => {
    expect(countsText(cohort)).toBe('inclusion: 1 of 3 met, 1 unknown; exclusion: 1 of 2 apply');
    expect(
      countsText({
        criteria: [
          criterion('IN-1', 'inclusion', 'met'),
          criterion('EX-1', 'exclusion', 'not_met'),
          criterion('EX-2', 'exclusion', 'not_met'),
        ],
      }),
    ).toBe('inclusion: 1 of 1 met; exclusion: 0 of 2 apply');
    expect(countsText({ criteria: [criterion('EX-1', 'exclusion', 'unknown')] })).toBe(
      'exclusion: 0 of 1 apply, 1 unknown',
    );
  });
});
