import {
  type CompiledProtocol,
  compile,
  createFunnel,
  PopulationBuilder,
  parseScreeningInput,
} from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { funnelInSlices, REFUSED_NUMBER, RefusedNumbersError } from './population/funnelInSlices';
import { engines, itAgreesWithTheFastPath } from './testing/agreement';

/**
 * Edges found by feeding generated patients to both paths. Values at the edges of what a record
 * can hold: a result that converts to infinity (1e308 µkat/L in U/L, three times an upper limit of
 * 1e308) once made the whole query fail on a logarithm's cast; a creatinine at or below zero gives
 * CKD-EPI no number at either end, which the fast path calls undecided (a point left out of a
 * series), where SQL compared the NaN and the infinity its powers gave.
 */
const PROTOCOL = `trial T-1 "Extreme values"
patient birth "Birth" from birthDate
patient sex "Sex" from gender
lab scr "Creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 g/mol
lab alt "ALT" in U/L from loinc 1742-6
define egfr "eGFR" = ckd_epi_2021(scr, sex, birth)
inclusion
  EGFR met if egfr >= 45 mL/min/{1.73_m2}
  FELL met if egfr fell by at least 50 % within 3 months
  ALT-ULN met if alt <= 3 x ULN
  ALT met if alt < 100 U/L
`;

const AS_OF = '2025-06-15';
const person = { birth: '1980-01-01', sex: 'female' };
const scr = (value: number, date: string) => ({ value, unit: 'mg/dL', date });
const alt = (value: number, unit: string, high?: number) => ({
  value,
  unit,
  date: '2025-06-01',
  ...(high === undefined ? {} : { referenceRange: { high } }),
});

const PATIENTS: Record<string, unknown>[] = [
  { ...person, scr: [scr(0.8, '2025-04-01'), scr(3.0, '2025-06-01')], alt: [alt(40, 'U/L', 40)] },
  { ...person, scr: [scr(0.8, '2025-04-01'), scr(0.85, '2025-06-01')], alt: [alt(200, 'U/L', 40)] },
  { ...person, scr: [scr(3.0, '2025-06-01')], alt: [alt(40, 'U/L')] },
  { ...person },
  // No estimate from a creatinine at or below zero, now or earlier in the series.
  { ...person, scr: [scr(-1, '2025-06-01')] },
  { ...person, scr: [scr(0, '2025-06-01')] },
  { ...person, scr: [scr(0, '2025-04'), scr(3.0, '2025-06-01')] },
  { ...person, scr: [scr(-2, '2025-04-01'), scr(0.9, '2025-06-01')] },
];

/**
 * PostgreSQL raises an error where a product overflows instead of giving infinity, so these are
 * screened patient by patient on DuckDB alone (IEEE arithmetic, as the fast path's); a PostgreSQL
 * funnel leaves them out and names them (below).
 */
const INFINITE: Record<string, unknown>[] = [
  // Infinity after conversion: an upper limit of 1e308 tripled, a value of 1e308 µkat/L in U/L.
  { ...person, alt: [alt(40, 'U/L', 1e308)] },
  { ...person, alt: [alt(1e308, 'ukat/L', 1)] },
  { ...person, alt: [alt(-1e308, 'ukat/L', 1)] },
  // Above 3 U/L against an upper limit of 1e308, tripled to infinity: every value is at most that.
  { ...person, alt: [{ ...alt(3, 'U/L', 1e308), comparator: '>' }] },
];

describe('extreme values through SQL', () => {
  const { protocol } = compile(PROTOCOL);
  itAgreesWithTheFastPath('eligo_sql_extremes', protocol!, PATIENTS, AS_OF, 'patients at the edges');

  itAgreesWithTheFastPath(
    'eligo_sql_extremes',
    protocol!,
    [...PATIENTS, ...INFINITE],
    AS_OF,
    'patients, some with values that convert to infinity,',
    'DuckDB',
  );
  itCountsAroundRefusedNumbers(protocol!, PATIENTS, INFINITE);
});

/**
 * The funnel of `counted` and `refused` patients (refused ones at positions 2, 5, …, between the
 * others), counted whole and three patients at a time: DuckDB counts everyone; PostgreSQL, whose
 * arithmetic refuses the `refused` patients' numbers, leaves exactly those out, names them, and
 * counts the others as the in-process path does.
 */
function itCountsAroundRefusedNumbers(
  protocol: CompiledProtocol,
  counted: readonly Record<string, unknown>[],
  refused: readonly Record<string, unknown>[],
): void {
  const facts: Record<string, unknown>[] = [...counted];
  for (const [i, f] of refused.entries()) facts.splice(2 + 3 * i, 0, f);
  const inputs = facts.map((f) => {
    const parsed = parseScreeningInput(protocol, { asOf: AS_OF, facts: f, answers: {} });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.input;
  });
  const refs = facts.map((_, i) => `patient-${i}`);
  const refusedRefs = refused.map((f) => refs[facts.indexOf(f)]);
  const funnelOf = (kept: readonly Record<string, unknown>[]) => {
    const funnel = createFunnel(protocol.info);
    for (const input of inputs.filter((_, i) => kept.includes(facts[i]!)))
      funnel.add({ verdicts: protocol.verdicts(input), statuses: protocol.evaluate(input).statuses });
    return funnel.result();
  };
  for (const [name, open] of engines('eligo_sql_refused'))
    it(`counts the funnel around numbers the engine refuses (${name})`, async () => {
      const engine = await open();
      if (engine === undefined) {
        console.info(`${name}: not reachable, skipped`);
        return;
      }
      try {
        const builder = new PopulationBuilder(protocol.info, AS_OF);
        for (const input of inputs) builder.add(input.facts ?? {});
        await engine.load(builder.build(), 0, refs);
        const options = { asOf: AS_OF, units: await engine.units() };
        const postgres = engine.dialect === 'postgres';
        for (const slice of [undefined, 3]) {
          const run = await funnelInSlices(engine, protocol, options, slice);
          if (!run.ok) throw new Error('the protocol compiles to SQL');
          expect(run.leftOut).toEqual(
            postgres ? refusedRefs.map((patient) => ({ patient, message: REFUSED_NUMBER })) : [],
          );
          expect(run.summary).toEqual(funnelOf(postgres ? counted : facts));
        }
        // More refused than the limit allows: the count stops, naming the first of them.
        const limited = funnelInSlices(engine, protocol, options, 3, undefined, refused.length - 2);
        if (postgres)
          await expect(limited).rejects.toThrow(
            new RefusedNumbersError(refusedRefs.slice(0, refused.length - 1) as string[]),
          );
        else expect((await limited).ok).toBe(true);
        const views = await engine.rows(
          `SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%_slice'`,
        );
        expect(views).toEqual([]);
      } finally {
        await engine.close();
      }
    });
}

/**
 * `latest of` with an alternative read without a date: a BMI from a weight and a height whose
 * dates (2025, the screening year) leave open whether they count. readLatestOf dates it before
 * every day, so the recorded BMI is the latest; SQL compared NULL days and chose neither.
 */
const LATEST = `trial T-2 "Latest of a value without a date"
lab bmi_recorded "BMI recorded" in kg/m2 from loinc 39156-5
lab weight "Weight" in kg from loinc 29463-7
lab height "Height" in cm from loinc 8302-2
define body_mass_index "BMI" = latest of (bmi_recorded, bmi(weight, height))
inclusion
  BMI met if body_mass_index >= 30 kg/m2
`;

const measured = (value: number, unit: string, date?: string) => [
  { value, unit, ...(date === undefined ? {} : { date }) },
];

const LATEST_PATIENTS: Record<string, unknown>[] = [
  { bmi_recorded: measured(35, 'kg/m2') },
  { bmi_recorded: measured(25, 'kg/m2', '2025-06-01') },
  {},
  {
    bmi_recorded: measured(35, 'kg/m2'),
    weight: measured(60, 'kg', '2025'),
    height: measured(170, 'cm', '2025'),
  },
  {
    bmi_recorded: measured(25, 'kg/m2', '2025-05-01'),
    weight: measured(100, 'kg', '2025'),
    height: measured(0, 'cm', '2025'),
  },
  { weight: measured(100, 'kg', '2025-06-01'), height: measured(170, 'cm', '2025-06-01') },
];

describe('latest of, with an alternative without a date, through SQL', () => {
  const { protocol } = compile(LATEST);
  itAgreesWithTheFastPath('eligo_sql_latest_undated', protocol!, LATEST_PATIENTS, AS_OF, 'patients');
  // A height whose square is below the smallest double: the BMI is infinite, as weight ÷ 0 in-process.
  itAgreesWithTheFastPath(
    'eligo_sql_latest_undated',
    protocol!,
    [
      ...LATEST_PATIENTS,
      { weight: measured(95, 'kg'), height: measured(5e-324, 'cm') },
      { weight: measured(0, 'kg'), height: measured(0, 'cm') },
    ],
    AS_OF,
    'patients, one too short to square,',
    'DuckDB',
  );
});

/**
 * A value computed from a reading that partial dates leave ambiguous has no date of its own in
 * readResult, so arithmetic on it is dated as of the screening date and is the latest of the two:
 * undecided. SQL kept the ambiguous result's day and chose the older, decided alternative.
 */
const COMPUTED = `trial T-3 "Latest of a value computed from an ambiguous result"
lab ngsp "HbA1c (NGSP)" in % from loinc 4548-4
lab ifcc "HbA1c (IFCC)" in mmol/mol from loinc 59261-8
define hba1c "HbA1c" = latest of (ngsp, ifcc / 1 mmol/mol / 10.929 * 1 % + 2.15 %)
inclusion
  HBA1C met if hba1c >= 9.5 %
`;

describe('latest of a value computed from an ambiguous result, through SQL', () => {
  const { protocol } = compile(COMPUTED);
  itAgreesWithTheFastPath(
    'eligo_sql_latest_computed',
    protocol!,
    [
      { ngsp: measured(10, '%', '2025-06-01') },
      { ngsp: measured(5, '%', '2025-06-01') },
      {},
      { ngsp: measured(5, '%', '2025-06-01'), ifcc: measured(80, 'mmol/mol', '2025-05-01') },
      {
        ngsp: measured(5, '%', '2025-06-01'),
        ifcc: [...measured(76, 'mmol/mol', '2025-05'), ...measured(60, 'mmol/mol', '2025-05-15')],
      },
    ],
    AS_OF,
    'patients',
  );
});
