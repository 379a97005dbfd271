import type { CohortResult, CriterionResult } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { notable, outcome, tally } from './outcome';

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

  it('counts each outcome', () => {
    expect(tally(cohort)).toEqual({ passes: 2, fails: 2, open: 1 });
  });
});
