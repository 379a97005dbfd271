import { compile } from '@eligo/core';
import { describe } from 'vitest';
import { itAgreesWithTheFastPath } from './testing/agreement';

/**
 * Medication and procedure histories through SQL (daily doses, the highest within a window, dose
 * increases, courses, stable dosing, episodes, windows back from a condition's first onset) on a seeded population of messy
 * records: partial and missing dates, doses in other units or none, routes not stated, drugs a
 * table does not list, unclassified records, and elements both open and complete. Every patient
 * gets from DuckDB and PostgreSQL the status the fast path gives, criterion by criterion.
 */
const PROTOCOL = `trial T-1 "Histories"
records complete for procedure
medication steroid "Systemic corticosteroid" from atc H02AB* route oral, intravenous
medication steroid_any "Systemic corticosteroid, any route" from atc H02AB*
medication chemo "Chemotherapy" from atc L01*
procedure transfusion "Transfusion" from snomed 116859006
condition cancer "Cancer" from icd10 C*
inclusion
  DAILY met if steroid daily dose as prednisone >= 10 mg/d
  DAILY-MG met if steroid_any daily dose > 5 mg/d
  DAILY-NONE met if steroid_any daily dose = 0 mg/d
  HIGHEST met if steroid highest daily dose as prednisone within 30 days > 15 mg/d
  HIGHEST-MONTHS met if steroid_any highest daily dose within 2 months >= 20 mg/d
  RISE met if steroid daily dose as prednisone increased within 30 days
  RISE-MONTHS met if steroid_any daily dose as prednisolone increased within 3 months
  COURSE met if steroid daily dose as prednisone >= 10 mg/d for at least 14 days
  COURSE-WINDOW met if steroid_any daily dose as prednisolone > 20 mg/d for at least 1 month within 3 months before screening
  STABLE met if steroid stable for at least 3 months
  STABLE-DAYS met if steroid_any stable for at least 30 days
  EPISODES met if episodes of chemo separated by more than 14 days >= 2
  EPISODES-ONE met if episodes of transfusion = 1
  TRANSFUSIONS met if episodes of transfusion >= 2
  BEFORE-ONSET met if chemo within 6 months before cancer
`;

const AS_OF = '2025-06-15';

/** A small seeded generator (mulberry32), so a failure names a population that can be rebuilt. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function patient(next: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const day = (from: number, span: number): string => {
    const d = new Date(Date.UTC(2025, 5, 15) - Math.floor(from + next() * span) * 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    return pick([iso, iso, iso, iso.slice(0, 7)]);
  };
  const dated = (from: number, span: number) => (next() < 0.1 ? {} : { start: day(from, span) });
  const exposures = (codes: readonly string[]) =>
    Array.from({ length: Math.floor(next() * 4) }, () => {
      const start = dated(10, 150);
      const end = next() < 0.5 ? { end: day(-20, 60) } : {};
      const dose = pick([
        {
          dose: { value: pick([5, 10, 20, 0.5]), unit: pick(['mg', 'mg', 'g', 'ug']) },
          perDay: pick([1, 2, 0.5]),
        },
        { dailyDose: { value: pick([5, 10, 15, 40]), unit: pick(['mg/d', 'mg/d', 'g/d']) } },
        {},
      ]);
      const route = pick([{ route: 'oral' }, { route: 'intravenous' }, { route: 'topical' }, {}]);
      const coded = next() < 0.1 ? { unclassified: true as const } : { code: pick(codes) };
      return { ...coded, ...start, ...end, ...dose, ...route };
    });
  const steroids = ['H02AB07', 'H02AB02', 'H02AB04', 'H02AB11'];
  const history = <T>(make: () => T[]) => pick([undefined, false, make(), make(), make()]);
  const facts: Record<string, unknown> = {
    steroid: history(() => exposures(steroids)),
    steroid_any: history(() => exposures(steroids)),
    chemo: history(() => exposures(['L01XA01', 'L01BA01'])),
    transfusion: history(() =>
      Array.from({ length: Math.floor(next() * 4) }, () => ({
        code: '116859006',
        ...(next() < 0.1 ? {} : { date: day(0, 120) }),
        ...(next() < 0.2 ? { end: day(-5, 10) } : {}),
        ...(next() < 0.1 ? { inProgress: true as const } : {}),
      })),
    ),
    cancer: history(() =>
      Array.from({ length: Math.floor(next() * 3) }, () => ({
        code: 'C50.9',
        verificationStatus: pick(['confirmed', 'confirmed', 'provisional', 'refuted']),
        ...(next() < 0.15 ? {} : { onset: day(0, 200) }),
      })),
    ),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
}

describe('histories through SQL', () => {
  const { protocol, diagnostics } = compile(PROTOCOL);
  if (!protocol) throw new Error(JSON.stringify(diagnostics));
  const next = random(20261207);
  itAgreesWithTheFastPath(
    'eligo_sql_histories',
    protocol,
    Array.from({ length: 500 }, () => patient(next)),
    AS_OF,
  );
});
