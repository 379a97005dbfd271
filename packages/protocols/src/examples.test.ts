import { describe, expect, it } from 'vitest';
import { cohort, criterion, example, screenDoc } from './testing/screen';

/** The worked examples of the trial's README, with the verdicts and reasons stated there. */
describe('NCT06469190 worked examples', () => {
  it('eligible-igan: IgAN eligible; PMN and AAV ineligible for lack of their diagnoses', () => {
    const s = screenDoc(example('eligible-igan.json'));
    expect(s.protocol.id).toBe('NCT06469190');
    expect(s.asOf).toBe('2025-03-15');
    expect(s.cohorts.map((c) => [c.id, c.verdict])).toEqual([
      ['PMN', 'ineligible'],
      ['IgAN', 'eligible'],
      ['AAV', 'ineligible'],
    ]);
    const igan = cohort(s, 'IgAN');
    expect(igan.criteria.filter((c) => c.status !== (c.kind === 'inclusion' ? 'met' : 'not_met'))).toEqual(
      [],
    );
    expect(igan.missing).toEqual([]);
    expect(criterion(s, 'PMN', 'PMN-IN-1').status).toBe('not_met');
    expect(criterion(s, 'PMN', 'PMN-IN-2').status).toBe('not_met');
    expect(criterion(s, 'AAV', 'AAV-IN-1').status).toBe('not_met');
    expect(criterion(s, 'AAV', 'AAV-IN-3').status).toBe('not_met');
  });

  it('eligible-igan: the explanation names the value, its date and the computed eGFR', () => {
    const s = screenDoc(example('eligible-igan.json'));
    expect(criterion(s, 'IgAN', 'C-IN-3.2.a').explanation).toContain('24 U/L');
    expect(criterion(s, 'IgAN', 'C-IN-3.2.a').explanation).toContain('120 U/L');
    expect(criterion(s, 'IgAN', 'IgAN-IN-4').explanation).toMatch(/71\.5/);
    expect(criterion(s, 'IgAN', 'IgAN-IN-4').explanation).toContain('2025-03-12');
  });

  it('ineligible-pmn: every cohort ineligible; PMN-IN-2 not met although PMN-IN-3 is met', () => {
    const s = screenDoc(example('ineligible-pmn.json'));
    expect(s.cohorts.map((c) => [c.id, c.verdict])).toEqual([
      ['PMN', 'ineligible'],
      ['IgAN', 'ineligible'],
      ['AAV', 'ineligible'],
    ]);
    expect(criterion(s, 'PMN', 'PMN-IN-2').status).toBe('not_met');
    expect(criterion(s, 'PMN', 'PMN-IN-3').status).toBe('met');
    expect(criterion(s, 'PMN', 'C-IN-3.2.c').status).toBe('met');
    expect(criterion(s, 'PMN', 'PMN-IN-4').explanation).toMatch(/80\.8/);
    expect(criterion(s, 'PMN', 'C-IN-4.b').status).toBe('met');
    expect(criterion(s, 'PMN', 'C-EX-11').status).toBe('not_met');
    expect(criterion(s, 'IgAN', 'IgAN-IN-1').status).toBe('not_met');
    expect(criterion(s, 'AAV', 'AAV-IN-1').status).toBe('not_met');
  });
});
