import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { CompactScreeningSchema } from '../contracts';
import { compactScreening } from './compact';
import { screen } from './screen';

const { protocol } = compile(
  `trial T "t" version "2"
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
question consent "Consent signed?": yes/no
question pregnant "Pregnant?": yes/no
inclusion
  IN-1 "Consent" met if consent
exclusion
  EX-1 "Pregnancy" source "Pregnant or breastfeeding" met if pregnant
cohort A "A"
  inclusion
    IN-2 "Labs" decided by sub-criteria
    IN-2.a "WBC" met if wbc >= 3 10*9/L
cohort B "B"
  exclusion
    __proto__ "Low WBC" met if wbc < 2 10*9/L
`,
  { name: 't.elig' },
);

const screening = screen(protocol!, {
  asOf: '2025-03-15',
  facts: { wbc: [{ value: 4, unit: 'g/L', date: '2025-03-01' }] },
  answers: { consent: true },
});

describe('compactScreening', () => {
  it('keeps per cohort the verdict, each status by id and what is missing; nothing else', () => {
    const json = JSON.parse(JSON.stringify(compactScreening(screening)));
    expect(json).toEqual({
      protocol: { id: 'T', version: '2', hash: protocol!.info.hash },
      asOf: '2025-03-15',
      cohorts: [
        {
          id: 'A',
          verdict: 'undetermined',
          criteria: { 'IN-1': 'met', 'IN-2': 'unknown', 'IN-2.a': 'unknown', 'EX-1': 'unknown' },
          missing: { 'IN-2': ['wbc'], 'IN-2.a': ['wbc'], 'EX-1': ['pregnant'] },
        },
        {
          id: 'B',
          verdict: 'undetermined',
          criteria: { 'IN-1': 'met', 'EX-1': 'unknown', ['__proto__']: 'unknown' },
          missing: { 'EX-1': ['pregnant'], ['__proto__']: ['wbc'] },
        },
      ],
      warnings: [expect.objectContaining({ element: 'wbc' })],
    });
    expect(Object.keys(json.cohorts[1].criteria)).toEqual(['IN-1', 'EX-1', '__proto__']);
    // zod's records assign keys to plain objects, so the schema loses a `__proto__` key when it
    // copies; it still accepts the line.
    expect(CompactScreeningSchema.safeParse(json).success).toBe(true);
    expect(CompactScreeningSchema.parse(json).cohorts[0]).toEqual(json.cohorts[0]);
  });

  it('gives the statuses and verdicts of the full screening', () => {
    const compact = compactScreening(screening);
    screening.cohorts.forEach((cohort, i) => {
      expect(compact.cohorts[i]!.verdict).toBe(cohort.verdict);
      expect(Object.entries(compact.cohorts[i]!.criteria)).toEqual(
        cohort.criteria.map((c) => [c.id, c.status]),
      );
    });
  });
});
