import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import type { Facts } from '../facts/shapes';
import { PopulationBuilder } from './builder';
import { factsOf } from './materialize';
import { populationPath, VERDICT_CODES } from './screen';

/**
 * The population path against the fast path on random patients: same statuses for every
 * criterion, whatever the dates (partial, undated, same day, after the screening date), units,
 * comparators, statuses and missing data. Criteria cover every kind of rule, including ones the
 * column path hands to the object evaluator (trends, `for at least`).
 */
const TEXT = `trial T-POP "Population"
records complete for condition, medication
patient birth "Birth date" from birthDate
patient sex "Sex" from gender
lab hb "Haemoglobin" in g/L from loinc 718-7
lab scr "Creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 g/mol
lab alt "ALT" in U/L from loinc 1742-6
lab cd19 "CD19+ cells" in % from loinc 8117-4 positive above 0 %
test hbsag "HBsAg" from loinc 5196-1
condition dx "Diagnosis" from icd10 E11*
condition flu "Infection" from icd10 J09*
medication csf "CSF" from atc L03AA*
procedure biopsy "Biopsy" from snomed 90241008
allergy drug "Drug allergy" from any
question consent "Consent?": yes/no
define age_y "Age" = age(birth)
define egfr "eGFR" = ckd_epi_2021(scr, sex, birth)
inclusion
  AGE met if age_y between 18 and 70
  HB met if hb >= 100 g/L
  HB30 met if hb within 30 days >= 10 g/dL
  ALT met if alt <= 3 x ULN and alt >= 0.5 x LLN
  ALT2 met if 2 x ULN > alt or 1 x LLN >= alt
  EGFR met if egfr >= 45 mL/min/{1.73_m2}
  CSF met if not csf within 14 days before hb
  ANYCSF met if csf
  SEX met if sex is female or hb > 120 g/L
  CD19 met if cd19 is positive
  TREND met if hb fell by at least 20 % within 3 months
  LONG met if csf for at least 1 month
  Q met if consent
  TWO met if at least 2 of (dx, flu suspected, biopsy)
exclusion
  DX met if dx
  DXS met if flu suspected
  DXE met if dx ever and not dx resolved more than 2 years ago
  HBS met if hbsag is positive
  BIO met if biopsy
  SEV met if drug severe
  ALLERGY met if drug
`;

const AS_OF = '2025-03-15';
const days = [
  '2025-03-15',
  '2025-03-14',
  '2025-03-01',
  '2025-02-20',
  '2025-02-25',
  '2025-01-10',
  '2025-03-20',
];
const date = fc.oneof(
  fc.constantFrom(...days),
  fc.constantFrom('2025', '2025-03', '2025-02', '2024', '2023-06', '2021-03-14', '2022'),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const fullDay = fc.constantFrom(...days);
/** `plain`: results as most laboratories send them (one day, no comparator), which batches read by a shorter route. */
const result = (units: string[], plainResults: boolean) =>
  fc.record(
    {
      value: fc.oneof(fc.double({ min: 0, max: 300, noNaN: true }), fc.constantFrom(0, 3, 10, 100, 120)),
      unit: fc.constantFrom(...units),
      comparator: plainResults
        ? fc.constant(undefined)
        : maybe(fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const)),
      date: plainResults ? fullDay : maybe(date),
      referenceRange: maybe(
        fc.record(
          { low: maybe(fc.constantFrom(5, 10)), high: maybe(fc.constantFrom(40, 50)) },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: ['value', 'unit'] },
  );

const condition = fc.record(
  {
    clinicalStatus: fc.constantFrom('active', 'recurrence', 'inactive', 'resolved', 'remission'),
    verificationStatus: fc.constantFrom(
      'confirmed',
      'provisional',
      'refuted',
      'entered-in-error',
      'differential',
    ),
    onset: maybe(date),
    abatement: maybe(date),
  },
  { requiredKeys: ['clinicalStatus', 'verificationStatus'] },
);
const exposure = fc.record({ start: maybe(date), end: maybe(date) }, { requiredKeys: [] });
const records = <T>(a: fc.Arbitrary<T>) => fc.oneof(fc.array(a, { maxLength: 3 }), fc.boolean());

const patientFacts = (plain: boolean): fc.Arbitrary<Facts> =>
  fc.record(
    {
      birth: fc.constantFrom(
        '1990-03-15',
        '1990-03-16',
        '2007-03-15',
        '1954-03-16',
        '1980',
        '1980-02',
        '2000-02-29',
        '2007-03-16',
        '1954-03-15',
      ),
      sex: fc.constantFrom('male', 'female', 'other', 'unknown'),
      hb: fc.array(result(['g/L', 'g/dL', 'kg/m3', 'mmol/L'], plain), { maxLength: 4 }),
      scr: fc.array(result(['mg/dL', 'umol/L'], plain), { maxLength: 2 }),
      alt: fc.array(result(['U/L'], plain), { maxLength: 2 }),
      cd19: fc.array(result(['%'], plain), { maxLength: 2 }),
      hbsag: fc.array(
        fc.record(
          { code: fc.constantFrom('positive', 'negative'), date: maybe(date) },
          { requiredKeys: ['code'] },
        ),
        { maxLength: 2 },
      ),
      dx: records(condition),
      flu: records(condition),
      csf: records(exposure),
      biopsy: records(fc.record({ date: maybe(date) }, { requiredKeys: [] })),
      drug: records(
        fc.record(
          {
            criticality: maybe(fc.constantFrom('low', 'high', 'unable-to-assess')),
            severity: maybe(fc.constantFrom('mild', 'severe')),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Facts>;
const facts = patientFacts(false);
const plainFacts = patientFacts(true);

const compiled = compile(TEXT);
if (!compiled.ok)
  throw new Error(
    compiled.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => d.message)
      .join('\n'),
  );
const protocol = compiled.protocol;
const n = protocol.criteria.length;

const closures = populationPath(protocol.criteria, protocol.cohorts, { generate: false });

describe('population path', () => {
  it.each([
    ['generated code', protocol.population, facts],
    ['closures', closures, facts],
    ['generated code, plain results', protocol.population, plainFacts],
    ['closures, plain results', closures, plainFacts],
  ] as const)(
    'agrees with the fast path on every criterion of random patients (%s)',
    (_, population, patient) => {
      fc.assert(
        fc.property(fc.array(patient, { minLength: 1, maxLength: 8 }), (patients) => {
          const builder = new PopulationBuilder(protocol.info, AS_OF);
          for (const p of patients) builder.add(p);
          const batch = builder.build();
          const result = population(batch, { statuses: true });
          patients.forEach((p, i) => {
            const fast = protocol.evaluate({ asOf: AS_OF, facts: p, answers: {} });
            expect(Array.from(result.statuses!.slice(i * n, (i + 1) * n))).toEqual(Array.from(fast.statuses));
            const verdicts = Array.from(result.verdicts.slice(i * result.cohorts, (i + 1) * result.cohorts));
            expect(verdicts.map((v) => VERDICT_CODES[v])).toEqual(fast.verdicts);
          });
        }),
        { numRuns: 300, seed: 20250315 },
      );
    },
  );

  it('screens columns without the plain statistic the same, and never trusts a missing one', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(facts, plainFacts), { minLength: 1, maxLength: 6 }), (patients) => {
        const builder = new PopulationBuilder(protocol.info, AS_OF);
        for (const p of patients) builder.add(p);
        const batch = builder.build();
        const unmarked = {
          ...batch,
          elements: Object.fromEntries(
            Object.entries(batch.elements).map(([id, c]) => [
              id,
              c.kind === 'results' ? { ...c, plain: undefined } : c,
            ]),
          ),
        };
        const a = protocol.population(batch, { statuses: true });
        const b = protocol.population(unmarked, { statuses: true });
        expect(Array.from(b.statuses!)).toEqual(Array.from(a.statuses!));
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('decides some of every criterion both ways over the random patients', () => {
    // Guards the property above against patients too sparse to decide anything.
    const seen = protocol.criteria.map(() => new Set<number>());
    const builder = new PopulationBuilder(protocol.info, AS_OF);
    for (const p of fc.sample(facts, { numRuns: 400, seed: 7 })) builder.add(p);
    const result = protocol.population(builder.build(), { statuses: true });
    for (let i = 0; i < result.size; i++)
      for (let k = 0; k < n; k++) seen[k]!.add(result.statuses![i * n + k]!);
    const undecided = protocol.criteria
      .filter((c, k) => c.info.id !== 'Q' && (!seen[k]!.has(0) || !seen[k]!.has(1)))
      .map((c) => c.info.id);
    expect(undecided).toEqual([]);
  });

  it('gives back the facts it was built from', () => {
    const given = {
      birth: '1980-02',
      sex: 'female',
      hb: [
        { value: 9.5, unit: 'g/dL', comparator: '<', date: '2025-03', referenceRange: { low: 12, high: 16 } },
      ],
      hbsag: [{ code: 'positive' }],
      dx: [
        {
          clinicalStatus: 'resolved',
          verificationStatus: 'provisional',
          onset: '2019',
          abatement: '2021-06-30',
        },
      ],
      flu: false,
      csf: [],
    } as const;
    const builder = new PopulationBuilder(protocol.info, AS_OF);
    builder.add({});
    builder.add(given as unknown as Facts);
    const batch = builder.build();
    expect(batch.size).toBe(2);
    expect(factsOf(batch, 0)).toEqual({});
    // One row serves every record kind, so a condition's dates also appear as start, date and end.
    expect(factsOf(batch, 1)).toEqual({
      ...given,
      dx: [{ ...given.dx[0], start: '2019', date: '2019', end: '2021-06-30' }],
    });
  });

  it('keeps reference ranges in the result unit and reports what it cannot hold', () => {
    const builder = new PopulationBuilder(protocol.info, AS_OF);
    builder.add({
      hb: [
        { value: 110, unit: 'g/L', referenceRange: { low: 12, high: 16, unit: 'g/dL' } },
        { value: 110, unit: 'g/L', date: '2025-02-30', referenceRange: { high: 1, unit: 'mL' } },
      ],
    });
    const batch = builder.build();
    const hb = batch.elements.hb!;
    expect(hb.kind === 'results' && [hb.low[0], hb.high[0]]).toEqual([120, 160]);
    expect(builder.problems).toEqual([
      {
        patient: 0,
        path: 'facts.hb.1.date',
        message: "'2025-02-30' is not a calendar date; it is treated as missing",
      },
      {
        patient: 0,
        path: 'facts.hb.1.referenceRange.unit',
        message: "the unit 'mL' does not convert to 'g/L'; the range is left out",
      },
    ]);
  });
});
