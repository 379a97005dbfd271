import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { PopulationBuilder } from '../population/builder';
import { createFunnel } from './funnel';
import { screen } from './screen';

const TEXT = `trial T-2 "Screening"
records complete for medication
patient birth_date "Date of birth" from birthDate
patient sex "Sex" from gender
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
lab alt "ALT" in U/L from loinc 1742-6
lab anc "Neutrophils" in 10*9/L from loinc 751-8
lab creatinine "Serum creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 g/mol
define egfr "eGFR" = ckd_epi_2021(creatinine, sex, birth_date)
medication gcsf "colony-stimulating factor" from atc L03AA*
question consent "Has the patient signed the informed consent?": yes/no
inclusion
  IN-1 met if wbc >= 3 10*9/L
  IN-2 met if alt <= 3 x ULN
  IN-3 met if not gcsf within 14 days before anc
  IN-4 met if egfr >= 30 mL/min/{1.73_m2}
  IN-5 met if consent
`;

function protocol() {
  const { protocol, diagnostics } = compile(TEXT);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return protocol!;
}

const facts = {
  birth_date: '1990-09-20',
  sex: 'female',
  alt: [{ value: 95, unit: 'U/L', date: '2025-03-12', referenceRange: { high: 40 } }],
  anc: [{ value: 3.4, unit: '10*9/L', date: '2025-03-12' }],
  creatinine: [{ value: 1.05, unit: 'mg/dL', date: '2025-03-12' }],
};

describe('screen', () => {
  it('explains each criterion in one line', () => {
    const s = screen(protocol(), { asOf: '2025-03-15', facts, answers: {} });
    expect(s.cohorts[0]!.criteria.map((c) => c.explanation)).toEqual([
      'White blood cell count: no result on or before 2025-03-15: unknown',
      'ALT 95 U/L (2025-03-12, 3 days before screening) ≤ 3 × ULN (ULN 40 U/L → 120 U/L): met',
      'no colony-stimulating factor within 14 days before 2025-03-12 on record: met',
      'eGFR 71.5 mL/min/1.73 m² (CKD-EPI 2021 from serum creatinine 1.05 mg/dL on 2025-03-12 (3 days before screening), age 34) ≥ 30 mL/min/1.73 m²: met',
      'Has the patient signed the informed consent? not answered: unknown',
    ]);
  });

  it('lists what is missing and the questions to ask', () => {
    const s = screen(protocol(), { asOf: '2025-03-15', facts, answers: {} });
    const cohort = s.cohorts[0]!;
    expect(cohort.id).toBe('T-2');
    expect(cohort.verdict).toBe('undetermined');
    expect(cohort.missing).toEqual(['wbc', 'consent']);
    expect(cohort.questions).toEqual([
      { id: 'consent', text: 'Has the patient signed the informed consent?' },
    ]);
    expect(s.protocol.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('warns about a unit that does not convert and treats the value as missing', () => {
    const s = screen(protocol(), {
      asOf: '2025-03-15',
      facts: { ...facts, wbc: [{ value: 5, unit: 'g/L', date: '2025-03-01' }] },
      answers: { consent: true },
    });
    expect(s.cohorts[0]!.criteria[0]!.status).toBe('unknown');
    expect(s.warnings).toEqual([
      {
        code: 'unit-not-convertible',
        message:
          "White blood cell count: the unit 'g/L' does not convert to 10*9/L; the result is treated as missing",
        path: 'facts.wbc.0.unit',
        element: 'wbc',
      },
    ]);
  });
});

describe('funnel', () => {
  it('counts how many each criterion excludes and how many remain', () => {
    const p = protocol();
    const funnel = createFunnel(p.info);
    const patients = [
      {
        asOf: '2025-03-15',
        facts: { ...facts, wbc: [{ value: 5, unit: '10*9/L' }] },
        answers: { consent: true },
      },
      {
        asOf: '2025-03-15',
        facts: { ...facts, wbc: [{ value: 2, unit: '10*9/L' }] },
        answers: { consent: true },
      },
      {
        asOf: '2025-03-15',
        facts: { ...facts, wbc: [{ value: 2, unit: '10*9/L' }] },
        answers: { consent: false },
      },
    ];
    patients.forEach((input, i) => {
      funnel.add(i === 0 ? screen(p, input) : p.evaluate(input));
    });
    const cohort = funnel.result().cohorts[0]!;
    expect({ total: cohort.total, eligible: cohort.eligible, ineligible: cohort.ineligible }).toEqual({
      total: 3,
      eligible: 1,
      ineligible: 2,
    });
    expect(cohort.criteria.map((c) => [c.id, c.excludes, c.remaining])).toEqual([
      ['IN-1', 2, 1],
      ['IN-2', 0, 1],
      ['IN-3', 0, 1],
      ['IN-4', 0, 1],
      ['IN-5', 1, 1],
    ]);
    // Patient 2 fails only IN-1 (wbc 2), patient 3 fails IN-1 and IN-5: one patient's gain.
    expect(cohort.criteria.map((c) => [c.id, c.met, c.not_met, c.unknown, c.gain])).toEqual([
      ['IN-1', 1, 2, 0, 1],
      ['IN-2', 3, 0, 0, 0],
      ['IN-3', 3, 0, 0, 0],
      ['IN-4', 3, 0, 0, 0],
      ['IN-5', 2, 1, 0, 0],
    ]);
  });
});

describe('funnel of a population', () => {
  it('counts a column batch as it counts the same patients one by one', () => {
    const p = protocol();
    const patients = [
      { ...facts, wbc: [{ value: 5, unit: '10*9/L' }] },
      { ...facts, wbc: [{ value: 2, unit: '10*9/L' }] },
      {},
    ];
    const oneByOne = createFunnel(p.info);
    for (const f of patients) oneByOne.add(p.evaluate({ asOf: '2025-03-15', facts: f }));
    const builder = new PopulationBuilder(p.info, '2025-03-15');
    for (const f of patients) builder.add(f);
    const batched = createFunnel(p.info);
    batched.addPopulation(p.population(builder.build(), { statuses: true }));
    expect(batched.result()).toEqual(oneByOne.result());
    expect(batched.result().cohorts[0]!.total).toBe(3);
    expect(() => batched.addPopulation(p.population(builder.build()))).toThrow(
      'a funnel needs the statuses: population(batch, { statuses: true })',
    );
  });
});

describe('screen without trace trees', () => {
  const composite = `${TEXT}  IN-6 met if (wbc >= 3 10*9/L or alt <= 3 x ULN) and not (consent or egfr < 30 mL/min/{1.73_m2})
`;

  it('gives the same explanations, missing elements, statuses and verdicts, with root-only traces', () => {
    const { protocol: p, diagnostics } = compile(composite);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const answers of [{}, { consent: true }, { consent: false }]) {
      const input = { asOf: '2025-03-15', facts, answers };
      const full = screen(p!, input);
      const lean = screen(p!, input, { trace: false });
      const strip = (s: typeof full) =>
        JSON.stringify({
          ...s,
          cohorts: s.cohorts.map((c) => ({
            ...c,
            criteria: c.criteria.map(({ trace: _, ...rest }) => rest),
          })),
        });
      expect(strip(lean)).toBe(strip(full));
      expect(lean.cohorts[0]!.criteria.map((c) => c.trace)).toEqual(
        full.cohorts[0]!.criteria.map((c) => ({ text: '', status: c.status })),
      );
    }
    const six = screen(p!, { asOf: '2025-03-15', facts, answers: {} }, { trace: false }).cohorts[0]!
      .criteria[5]!;
    expect(six.explanation).toBe('Has the patient signed the informed consent? not answered: unknown');
  });
});
