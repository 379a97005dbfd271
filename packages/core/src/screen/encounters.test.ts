import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { screen } from './screen';

const TEXT = `trial T-3 "Encounters"
records complete for encounter
encounter hf_admission "Hospitalisation for heart failure" from icd10 I50*, snomed 84114007 class inpatient
encounter er_visit "Emergency room visit" from any class emergency
exclusion
  EX-1 met if hf_admission within 12 months before screening
  EX-2 met if er_visit within 3 months before screening
  EX-3 met if not hf_admission for more than 7 days
`;

function protocol() {
  const { protocol, diagnostics } = compile(TEXT);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return protocol!;
}

describe('encounters', () => {
  it('name the encounter, its class, status and dates in the explanation', () => {
    const s = screen(protocol(), {
      asOf: '2025-03-15',
      facts: {
        hf_admission: [
          { code: 'I50.9', start: '2024-02-01', end: '2024-02-03', class: 'inpatient', status: 'finished' },
          { code: 'I50.9', start: '2024-11-02', end: '2024-11-12', class: 'inpatient', status: 'finished' },
        ],
        er_visit: [{ start: '2025-02-01', class: 'emergency', status: 'finished' }],
      },
    });
    expect(s.cohorts[0]!.criteria.map((c) => c.explanation)).toEqual([
      'Hospitalisation for heart failure within 12 months before 2025-03-15 (I50.9 inpatient, finished, 2024-11-02 to 2024-11-12): met',
      'Emergency room visit within 3 months before 2025-03-15 (emergency, finished, from 2025-02-01, end not given): met',
      'Hospitalisation for heart failure for more than 7 days on record (I50.9 inpatient, finished, 2024-02-01 to 2024-02-03; I50.9 inpatient, finished, 2024-11-02 to 2024-11-12): not met',
    ]);
    expect(s.cohorts[0]!.verdict).toBe('ineligible');
  });

  it('say an encounter under way is under way, and name the element when nothing decides', () => {
    const s = screen(protocol(), {
      asOf: '2025-03-15',
      facts: {
        hf_admission: [{ code: 'I50.9', start: '2025-03-10', class: 'inpatient', status: 'in-progress' }],
        er_visit: [{ start: '2025-01-20', end: '2025-01-20', status: 'finished' }],
      },
    });
    const [ex1, ex2] = s.cohorts[0]!.criteria;
    expect(ex1!.explanation).toBe(
      'Hospitalisation for heart failure within 12 months before 2025-03-15 (I50.9 inpatient, in-progress, from 2025-03-10, under way): met',
    );
    // The class of the visit is not stated: it may or may not have been an emergency.
    expect(ex2!.status).toBe('unknown');
    expect(ex2!.missing).toEqual(['er_visit']);
  });
});
