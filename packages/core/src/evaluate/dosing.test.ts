import { describe, expect, it } from 'vitest';
import languageReference from '../../../../docs/language.md?raw';
import { compile } from '../compile';
import type { Exposure } from '../facts/shapes';
import { screen } from '../screen/screen';

/** The example of docs/language.md's "Routes and doses", under a trial header. */
const example = (() => {
  const section = languageReference.slice(languageReference.indexOf('## Routes and doses'));
  const body = /```eligo\n([\s\S]*?)```/.exec(section)![1]!;
  return `trial T-DOSE "Routes and doses"\n${body}`;
})();

const ATC = 'http://www.whocc.no/atc';

describe("the language reference's dosing example", () => {
  const { protocol, diagnostics } = compile(example, { name: 'dose.elig' });

  it('compiles without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('screens a patient on a stable metformin dose and a dexamethasone course', () => {
    const screening = screen(protocol!, {
      asOf: '2025-03-15',
      facts: {
        weight: [{ value: 70, unit: 'kg', date: '2025-03-01' }],
        metformin: [
          {
            system: ATC,
            code: 'A10BA02',
            start: '2024-06-01',
            end: '2024-11-30',
            route: 'oral',
            dailyDose: { value: 1, unit: 'g/d' },
          },
          {
            system: ATC,
            code: 'A10BA02',
            start: '2024-12-01',
            route: 'oral',
            dose: { value: 1000, unit: 'mg' },
            perDay: 2,
          },
        ],
        hf_medication: [
          { system: ATC, code: 'C07AB07', start: '2025-02-01', dailyDose: { value: 5, unit: 'mg/d' } },
        ],
        systemic_steroid: [
          {
            system: ATC,
            code: 'H02AB02',
            start: '2025-03-01',
            route: 'oral',
            dose: { value: 4, unit: 'mg' },
            perDay: 1,
          },
          {
            system: ATC,
            code: 'H02AB09',
            start: '2025-01-01',
            route: 'topical',
            dailyDose: { value: 50, unit: 'mg/d' },
          },
        ],
      },
    });
    const status = Object.fromEntries(screening.cohorts[0]!.criteria.map((c) => [c.id, c.status]));
    // 2000 mg/d since 2024-12-01 (1000 mg/d before): stable for the 3 months from 2024-12-15.
    // The beta blocker started 6 weeks ago. Dexamethasone 4 mg/d is 26.7 mg/d of prednisone,
    // 0.38 mg/kg/d; the topical hydrocortisone is not systemic.
    expect(status).toEqual({ 'IN-4': 'met', 'IN-5': 'met', 'EX-2': 'met', 'EX-3': 'not_met' });
    const ex2 = screening.cohorts[0]!.criteria.find((c) => c.id === 'EX-2')!;
    expect(ex2.explanation).toContain('Systemic corticosteroid daily dose as prednisone 26.7 mg/d');
    expect(ex2.explanation).toContain(
      'H02AB02 4 mg × 1/d × 6.667 as prednisone, oral, 2025-03-01 to ongoing',
    );
  });
});

/** The second example of "Routes and doses": the dose over a window. */
const windowExample = (() => {
  const section = languageReference.slice(languageReference.indexOf('**Dose over a window.**'));
  const body = /```eligo\n([\s\S]*?)```/.exec(section)![1]!;
  return `trial T-DOSE-WINDOW "Dose over a window"\n${body}`;
})();

describe("the language reference's dose-over-a-window example", () => {
  const { protocol, diagnostics } = compile(windowExample, { name: 'dose-window.elig' });
  const dex = (start: string, end: string | undefined, mg: number): Exposure => ({
    system: ATC,
    code: 'H02AB02',
    start,
    ...(end && { end }),
    route: 'oral',
    dose: { value: mg, unit: 'mg' },
    perDay: 1,
  });
  const statuses = (steroid: Exposure[]) => {
    const screening = screen(protocol!, { asOf: '2025-06-16', facts: { systemic_steroid: steroid } });
    return Object.fromEntries(screening.cohorts[0]!.criteria.map((c) => [c.id, c.status]));
  };

  it('compiles without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads a taper, a rise and a dose stopped inside the 14 days', () => {
    // 2 mg/d (13.3 mg prednisone) to 2025-05-31, 1 mg/d (6.7 mg) from 2025-06-01: a taper before the window.
    expect(statuses([dex('2025-05-02', '2025-05-31', 2), dex('2025-06-01', undefined, 1)])).toEqual({
      'EX-6': 'not_met',
      'EX-12': 'not_met',
    });
    // 0.5 mg/d then 1 mg/d from 2025-06-09: a rise, though below 10 mg.
    expect(statuses([dex('2025-04-22', '2025-06-08', 0.5), dex('2025-06-09', undefined, 1)])).toEqual({
      'EX-6': 'met',
      'EX-12': 'not_met',
    });
    // 2 mg/d to 2025-06-02, the window's first day: above 10 mg within the 14 days, a fall after.
    const stopped = [dex('2025-05-02', '2025-06-02', 2), dex('2025-06-03', undefined, 1)];
    expect(statuses(stopped)).toEqual({ 'EX-6': 'met', 'EX-12': 'met' });
    const screening = screen(protocol!, { asOf: '2025-06-16', facts: { systemic_steroid: stopped } });
    const ex12 = screening.cohorts[0]!.criteria.find((c) => c.id === 'EX-12')!;
    expect(ex12.explanation).toContain(
      'Systemic corticosteroid highest daily dose as prednisone within 14 days 13.3 mg/d (H02AB02 2 mg × 1/d × 6.667 as prednisone, oral, 2025-05-02 to 2025-06-02; H02AB02 1 mg × 1/d × 6.667 as prednisone, oral, 2025-06-03 to ongoing) > 10 mg/d: met',
    );
  });
});

/** The example of "Routes and doses": a course. */
const courseExample = (() => {
  const section = languageReference.slice(languageReference.indexOf('**Courses.**'));
  const body = /```eligo\n([\s\S]*?)```/.exec(section)![1]!;
  return `trial T-COURSE "Courses"\n${body}`;
})();

describe("the language reference's course example", () => {
  const { protocol, diagnostics } = compile(courseExample, { name: 'course.elig' });
  const course = (code: string, start: string, end: string, mg: number | undefined): Exposure => ({
    system: ATC,
    code,
    start,
    end,
    route: 'oral',
    ...(mg !== undefined && { dose: { value: mg, unit: 'mg' }, perDay: 1 }),
  });
  const screening = (steroid: Exposure[]) => {
    const s = screen(protocol!, { asOf: '2025-10-15', facts: { systemic_glucocorticoid: steroid } });
    return s.cohorts[0]!.criteria[0]!;
  };

  it('compiles without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads methylprednisolone 16 mg/d for 14 days as a course of 20 mg/d of prednisone, naming the records', () => {
    const ex6 = screening([course('H02AB04', '2025-04-18', '2025-05-01', 16)]);
    expect(ex6.status).toBe('met');
    expect(ex6.explanation).toBe(
      'Systemic glucocorticoid daily dose as prednisone ≥ 20 mg/d for at least 14 days within less than 6 months before 2025-10-15 (H02AB04 16 mg × 1/d × 1.25 as prednisone, oral, 2025-04-18 to 2025-05-01): met',
    );
  });

  it('leaves out a course that ended exactly 6 months before, and is unknown without a dose', () => {
    expect(screening([course('H02AB06', '2025-03-01', '2025-04-15', 30)]).status).toBe('not_met');
    expect(screening([course('H02AB06', '2025-03-01', '2025-04-16', 30)]).status).toBe('met');
    const undosed = screening([course('H02AB06', '2025-06-01', '2025-06-21', undefined)]);
    expect(undosed.status).toBe('unknown');
    expect(undosed.missing).toEqual(['systemic_glucocorticoid']);
    expect(undosed.explanation).toBe(
      'Systemic glucocorticoid daily dose as prednisone ≥ 20 mg/d for at least 14 days within less than 6 months before 2025-10-15 (H02AB06 no dose × 1 as prednisone, oral, 2025-06-01 to 2025-06-21): unknown',
    );
  });
});
