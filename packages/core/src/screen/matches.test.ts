import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { TrialMatchSchema } from '../contracts';
import { rankMatches } from './matches';
import { screen } from './screen';

function compiled(text: string) {
  const { protocol, diagnostics } = compile(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return protocol!;
}

const LABS = compiled(`trial LABS "Two labs"
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
lab alt "ALT" in U/L from loinc 1742-6
question consent "Signed consent?": yes/no
cohort LOW "Low counts"
  inclusion
    L-1 "WBC below 3" met if wbc < 3 10*9/L
cohort NORMAL "Normal counts"
  inclusion
    N-1 "WBC at least 3" met if wbc >= 3 10*9/L
    N-2 "ALT at most 40" met if alt <= 40 U/L
    N-3 "Consent" met if consent
`);

const AGE = compiled(`trial AGE "Adults"
patient birth_date "Date of birth" from birthDate
define age_years "Age" = age(birth_date)
inclusion
  A-1 "Adult" met if age_years >= 18
`);

const ASOF = '2025-03-15';

describe('rankMatches', () => {
  it('puts eligible first, then undetermined by fewest missing items, then ineligible, with what stands in the way', () => {
    const labs = screen(LABS, {
      asOf: ASOF,
      facts: { wbc: [{ value: 5, unit: '10*9/L', date: '2025-03-10' }] },
      answers: {},
    });
    const age = screen(AGE, { asOf: ASOF, facts: { birth_date: '1990-01-01' }, answers: {} });
    const ranked = rankMatches([
      { info: LABS.info, screening: labs },
      { info: AGE.info, screening: age },
    ]);
    expect(ranked.map((m) => [m.protocol.id, m.cohort.id, m.verdict])).toEqual([
      ['AGE', 'AGE', 'eligible'],
      ['LABS', 'NORMAL', 'undetermined'],
      ['LABS', 'LOW', 'ineligible'],
    ]);
    expect(ranked[1]!.missing).toEqual([
      { id: 'alt', label: 'ALT' },
      { id: 'consent', label: 'Signed consent?' },
    ]);
    expect(ranked[2]!.failed).toEqual([
      { id: 'L-1', title: 'WBC below 3', explanation: expect.stringContaining('5') },
    ]);
    expect(ranked[0]).toMatchObject({ missing: [], failed: [] });
    for (const match of ranked)
      expect(TrialMatchSchema.parse(JSON.parse(JSON.stringify(match)))).toBeTruthy();
  });

  it('orders undetermined cohorts by how many items are missing, then by trial and cohort id', () => {
    const none = { asOf: ASOF, facts: {}, answers: {} };
    const ranked = rankMatches([
      { info: LABS.info, screening: screen(LABS, none) },
      { info: AGE.info, screening: screen(AGE, none) },
    ]);
    expect(ranked.map((m) => [m.protocol.id, m.cohort.id, m.missing.map((x) => x.id)])).toEqual([
      ['AGE', 'AGE', ['birth_date']],
      ['LABS', 'LOW', ['wbc']],
      ['LABS', 'NORMAL', ['wbc', 'alt', 'consent']],
    ]);
  });
});
