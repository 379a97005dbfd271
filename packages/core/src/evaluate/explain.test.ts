import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { screen } from '../screen/screen';
import { distinguishing, num } from './explain';

/** The one-line explanation of each criterion of a protocol for one patient. */
function explanations(text: string, facts: Record<string, unknown>, answers: Record<string, unknown> = {}) {
  const { protocol, diagnostics } = compile(text, { name: 't.elig' });
  if (!protocol) throw new Error(diagnostics.map((d) => d.message).join('; '));
  const s = screen(protocol, { asOf: '2025-03-15', facts, answers } as Parameters<typeof screen>[1]);
  return s.cohorts[0]!.criteria.map((c) => c.explanation);
}

describe('units in explanations, as people write them', () => {
  it('writes counts, annotations, micro, brackets and groups the clinical way', () => {
    const text = `trial T "t"
lab wbc "WBC" in 10*9/L from loinc 6690-2
lab platelets "Platelets" in 10*3/uL from loinc 777-3
lab inr "INR" in {INR} from loinc 6301-6
lab egfr "eGFR" in mL/min/{1.73_m2} from loinc 98979-8
lab bilirubin "Bilirubin" in umol/L from loinc 14631-6
lab hbv "HBV DNA" in [IU]/mL from loinc 29615-2
lab sbp "Systolic pressure" in mm[Hg] from loinc 8480-6
lab protein "Urine protein" in g/(24.h) from loinc 2889-4
inclusion
  IN-1 met if wbc >= 3 10*9/L
  IN-2 met if platelets >= 100 10*3/uL
  IN-3 met if inr <= 1.5
  IN-4 met if egfr >= 45 mL/min/{1.73_m2}
  IN-5 met if bilirubin <= 34 umol/L
  IN-6 met if hbv < 20 [IU]/mL
  IN-7 met if sbp < 160 mm[Hg]
  IN-8 met if protein >= 1 g/(24.h)
`;
    const at = (value: number, unit: string) => [{ value, unit, date: '2025-03-10' }];
    expect(
      explanations(text, {
        wbc: at(4.2, '10*9/L'),
        platelets: at(250, '10*3/uL'),
        inr: at(1.1, '{INR}'),
        egfr: at(62, 'mL/min/{1.73_m2}'),
        bilirubin: at(1.2, 'mg/dL'),
        hbv: at(10, '[IU]/mL'),
        sbp: at(150, 'mm[Hg]'),
        protein: at(1.4, 'g/(24.h)'),
      }),
    ).toEqual([
      'WBC 4.2 ×10⁹/L (2025-03-10, 5 days before screening) ≥ 3 ×10⁹/L: met',
      'Platelets 250 ×10³/µL (2025-03-10, 5 days before screening) ≥ 100 ×10³/µL: met',
      'INR 1.1 (2025-03-10, 5 days before screening) ≤ 1.5: met',
      'eGFR 62 mL/min/1.73 m² (2025-03-10, 5 days before screening) ≥ 45 mL/min/1.73 m²: met',
      "Bilirubin: the result's unit does not convert to µmol/L: unknown",
      'HBV DNA 10 IU/mL (2025-03-10, 5 days before screening) < 20 IU/mL: met',
      'Systolic pressure 150 mmHg (2025-03-10, 5 days before screening) < 160 mmHg: met',
      'Urine protein 1.4 g/24 h (2025-03-10, 5 days before screening) ≥ 1 g/24 h: met',
    ]);
  });
});

describe('any result in a window', () => {
  it('names the result that decides, or what is missing', () => {
    const text = `trial T "t"
lab temp "Body temperature" in Cel from loinc 8310-5
question enrolment "Enrolment date and time": date
question unanswered "Enrolment date and time": date
exclusion
  EX-1 met if any temp within 72 hours before enrolment > 38 Cel
  EX-2 met if any temp within 24 hours before enrolment > 38 Cel
  EX-3 met if any temp within 72 hours before unanswered > 38 Cel
`;
    const temp = [
      { value: 36.7, unit: 'Cel', date: '2025-03-15T08:30:00+07:00' },
      { value: 101.5, unit: '[degF]', date: '2025-03-13T10:00:00+07:00' },
    ];
    expect(explanations(text, { temp }, { enrolment: '2025-03-15T09:00:00+07:00' })).toEqual([
      'any Body temperature within 72 hours before Enrolment date and time 2025-03-15T09:00:00+07:00 > 38 °C (38.6 °C at 2025-03-13T10:00:00+07:00): met',
      'any Body temperature within 24 hours before Enrolment date and time 2025-03-15T09:00:00+07:00 > 38 °C (no result in the window > 38 °C): not met',
      'any Body temperature within 72 hours before Enrolment date and time (no date) > 38 °C (the window cannot be placed): unknown',
    ]);
  });
});

describe('numbers never contradict their status', () => {
  const text = `trial T "t"
lab pt "PT" in s from loinc 5902-2
inclusion
  IN-1 met if pt <= 1.5 x ULN
  IN-2 met if pt between 10 s and 20.25 s
`;

  it('prints a value and its threshold with the digits that tell them apart', () => {
    const pt = (value: number) => ({
      pt: [{ value, unit: 's', date: '2025-03-10', referenceRange: { high: 13.5 } }],
    });
    expect(explanations(text, pt(20.26))).toEqual([
      'PT 20.26 s (2025-03-10, 5 days before screening) ≤ 1.5 × ULN (ULN 13.5 s → 20.25 s): not met',
      'PT 20.26 s (2025-03-10, 5 days before screening) between 10 s and 20.25 s: not met',
    ]);
    // Equal values, and values num() already tells apart, keep the usual rounding.
    expect(explanations(text, pt(20.25))).toEqual([
      'PT 20.3 s (2025-03-10, 5 days before screening) ≤ 1.5 × ULN (ULN 13.5 s → 20.3 s): met',
      'PT 20.3 s (2025-03-10, 5 days before screening) between 10 s and 20.3 s: met',
    ]);
    expect(explanations(text, pt(21.04))).toEqual([
      'PT 21 s (2025-03-10, 5 days before screening) ≤ 1.5 × ULN (ULN 13.5 s → 20.3 s): not met',
      'PT 21 s (2025-03-10, 5 days before screening) between 10 s and 20.3 s: not met',
    ]);
  });

  it('does the same for a positivity threshold', () => {
    const text = `trial T "t"
lab hbv "HBV DNA" in [IU]/mL from loinc 29615-2 positive above 20.25 [IU]/mL
inclusion
  IN-1 met if hbv is positive
`;
    const hbv = (value: number) => ({ hbv: [{ value, unit: '[IU]/mL', date: '2025-03-10' }] });
    expect([...explanations(text, hbv(20.26)), ...explanations(text, hbv(20.25))]).toEqual([
      'HBV DNA 20.26 IU/mL (2025-03-10, 5 days before screening) (positive above 20.25 IU/mL) is positive: met',
      'HBV DNA 20.3 IU/mL (2025-03-10, 5 days before screening) (positive above 20.3 IU/mL) is positive: not met',
    ]);
  });

  it('adds decimals only where num() would write two different numbers alike', () => {
    expect(num(20.26)).toBe(num(20.25));
    const n = distinguishing([20.26, 20.25]);
    expect([n(20.26), n(20.25), n(13.5), n(0.000123)]).toEqual(['20.26', '20.25', '13.5', '0.000123']);
    expect(distinguishing([20.2549, 20.25])(20.2549)).toBe('20.255');
    expect(distinguishing([3, 3.0000000000001])).toBe(num);
    expect(distinguishing([20.3, 20.2, undefined])).toBe(num);
  });
});

describe('negated record tests read right in each status', () => {
  const text = `trial T "t"
records complete for medication, condition
medication chemo "Antineoplastic agent" from atc L01*
condition gilbert "Gilbert syndrome" from icd10 E80.4
inclusion
  IN-1 met if not chemo
  IN-2 met if not chemo within 14 days before screening
  IN-3 met if not gilbert
`;

  it('says what is on record when the negation is not met', () => {
    expect(
      explanations(text, {
        chemo: [{ code: 'L01XA01', display: 'cisplatin', start: '2025-03-01' }],
        gilbert: [{ code: 'E80.4', clinicalStatus: 'active', verificationStatus: 'confirmed' }],
      }),
    ).toEqual([
      'Antineoplastic agent on record (cisplatin (L01XA01) 2025-03-01 to ongoing): not met',
      'Antineoplastic agent within 14 days before 2025-03-15 on record (cisplatin (L01XA01) 2025-03-01 to ongoing): not met',
      'Gilbert syndrome on record (E80.4 active, confirmed): not met',
    ]);
  });

  it('says nothing is on record, or which records did not count, when it is met', () => {
    expect(
      explanations(text, {
        chemo: [{ code: 'L01XA01', start: '2024-01-01', end: '2024-02-01' }],
        gilbert: [{ code: 'E80.4', clinicalStatus: 'resolved', verificationStatus: 'confirmed' }],
      }),
    ).toEqual([
      'Antineoplastic agent on record (L01XA01 2024-01-01 to 2024-02-01): not met',
      'no Antineoplastic agent within 14 days before 2025-03-15 (on record: L01XA01 2024-01-01 to 2024-02-01): met',
      'no Gilbert syndrome (on record: E80.4 resolved, confirmed): met',
    ]);
    expect(explanations(text, {})).toEqual([
      'no Antineoplastic agent on record: met',
      'no Antineoplastic agent within 14 days before 2025-03-15 on record: met',
      'no Gilbert syndrome on record: met',
    ]);
  });

  it('leaves the question open when the record is not decided', () => {
    expect(
      explanations(text, {
        chemo: [],
        gilbert: [{ code: 'E80.4', clinicalStatus: 'active', verificationStatus: 'provisional' }],
      })[2],
    ).toBe('no Gilbert syndrome (E80.4 active, provisional): unknown');
  });
});

describe('the WHO weight-for-age z-score in explanations', () => {
  const text = `trial T "t"
patient birth_date "Date of birth" from birthDate
patient sex "Sex" from gender
lab weight "Body weight" in kg from loinc 29463-7
inclusion
  IN-1 met if who_weight_for_age_z(weight, sex, birth_date) >= -3
`;
  const weight = (value: number, unit = 'kg') => [{ value, unit, date: '2025-03-15' }];

  it('gives the reported score, the weight, the sex and the age in days', () => {
    // Born 2022-11-19: 847 days on 2025-03-15. 8.6 kg is −3.0035, reported −3.00.
    expect(
      explanations(text, { birth_date: '2022-11-19', sex: 'female', weight: weight(8600, 'g') }),
    ).toEqual([
      'Weight-for-age z-score (WHO Child Growth Standards) -3 (from Body weight 8.6 kg (8600 g, 2025-03-15, the screening date), sex female, age 847 days) ≥ -3: met',
    ]);
  });

  it('names the sex when it is not one WHO has a table for, and the weight when there is none', () => {
    expect(explanations(text, { birth_date: '2022-11-19', sex: 'unknown', weight: weight(8.6) })).toEqual([
      'Weight-for-age z-score (WHO Child Growth Standards): needs sex: unknown',
    ]);
    expect(explanations(text, { birth_date: '2022-11-19', sex: 'female' })).toEqual([
      'Weight-for-age z-score (WHO Child Growth Standards): needs weight: unknown',
    ]);
  });

  it("says why past WHO's last day, 1826 days", () => {
    expect(explanations(text, { birth_date: '2020-01-01', sex: 'female', weight: weight(18.2) })).toEqual([
      'Weight-for-age z-score (WHO Child Growth Standards): defined by WHO for ages 0 to 1826 days (under 60 months) and a weight above 0; from Body weight 18.2 kg (2025-03-15, the screening date), sex female, age 1900 days: unknown',
    ]);
  });
});

describe('resolved more than a duration', () => {
  it('names the duration in the unit it was written in', () => {
    const text = `trial T "t"
condition dx "Diagnosis" from icd10 E11*
inclusion
  IN-1 met if dx resolved more than 6 months ago
  IN-2 met if dx resolved more than 2 years ago
`;
    expect(
      explanations(text, { dx: [{ code: 'E11.9', clinicalStatus: 'resolved', abatement: '2024-09-01' }] }),
    ).toEqual([
      'Diagnosis resolved more than 6 months ago (1 record: E11.9 resolved, confirmed abated 2024-09-01): met',
      'Diagnosis resolved more than 2 years ago (E11.9 resolved, confirmed abated 2024-09-01): not met',
    ]);
  });

  it('says at least where the protocol does', () => {
    const text = `trial T "t"
condition dx "Diagnosis" from icd10 E11*
inclusion
  IN-1 met if dx resolved at least 6 months ago
`;
    expect(
      explanations(text, { dx: [{ code: 'E11.9', clinicalStatus: 'resolved', abatement: '2024-09-15' }] }),
    ).toEqual([
      'Diagnosis resolved at least 6 months ago (1 record: E11.9 resolved, confirmed abated 2024-09-15): met',
    ]);
  });
});

describe('dates in a window', () => {
  it('names the date, the length (computed or written) and the anchor', () => {
    const text = `trial T "t"
question last_dose "Last dose of another study drug": date
question half_life "Half-life": number in h
question departure "Planned departure": date
inclusion
  IN-1 met if last_dose within 5 * half_life before screening
  IN-2 met if departure within 3 months after screening
  IN-3 met if departure within 3 months after last_dose
`;
    expect(
      explanations(text, {}, { last_dose: '2025-02-03', half_life: 200, departure: '2025-06-16' }),
    ).toEqual([
      'Last dose of another study drug 2025-02-03 within calculated value 1000 h (from Half-life 200 h) before 2025-03-15: met',
      'Planned departure 2025-06-16 within 3 months after 2025-03-15: not met',
      'Planned departure 2025-06-16 within 3 months after Last dose of another study drug 2025-02-03: not met',
    ]);
    expect(explanations(text, {}, { departure: '2025-06-15' })).toEqual([
      'Last dose of another study drug not answered within calculated value: needs half_life before 2025-03-15: unknown',
      'Planned departure 2025-06-15 within 3 months after 2025-03-15: met',
      'Planned departure 2025-06-15 within 3 months after Last dose of another study drug (no date): unknown',
    ]);
  });
});

describe('is only, in explanations', () => {
  it('names the day and every result of it, and what would decide an open one', () => {
    const text = `trial T "t"
test species "Plasmodium species" from loinc 32700-7 values falciparum = snomed 30020004, malariae = snomed 56395006
inclusion
  IN-1 met if species within 0 days is only falciparum
`;
    const slide = (...codes: string[]) => ({ species: codes.map((code) => ({ code, date: '2025-03-15' })) });
    expect(explanations(text, slide('falciparum'))).toEqual([
      'Plasmodium species on 2025-03-15: falciparum is only falciparum: met',
    ]);
    expect(explanations(text, slide('falciparum', 'malariae'))).toEqual([
      'Plasmodium species on 2025-03-15: falciparum, malariae is only falciparum: not met',
    ]);
    expect(explanations(text, slide('falciparum', 'http://snomed.info/sct|18508006'))[0]).toMatch(
      /^Plasmodium species on 2025-03-15: falciparum, http:\/\/snomed.info\/sct\|18508006 is only falciparum: unknown/,
    );
    expect(explanations(text, {})[0]).toMatch(/^Plasmodium species: no result is only falciparum: unknown/);
  });
});

describe('records filtered by body site or reason', () => {
  it('says which site or reason a record has, that it is not stated, or that none is of those asked for', () => {
    const text = `trial T "t"
records complete for procedure, medication
procedure rt "Radiotherapy" from snomed 108290001 site except snomed 12738006
procedure cns_rt "Radiotherapy" from snomed 108290001 site snomed 12738006
medication t4 "Levothyroxine" from atc H03AA01 for icd10 E03*
inclusion
  IN-1 met if rt
  IN-2 met if cns_rt
  IN-3 met if t4
`;
    const SNOMED = 'http://snomed.info/sct';
    const lung = { system: SNOMED, code: '39607008', display: 'Lung structure' };
    const course = { code: '108290001', date: '2025-03-01' };
    expect(
      explanations(text, {
        rt: [course],
        cns_rt: [{ ...course, bodySite: [lung] }],
        t4: [
          {
            code: 'H03AA01',
            start: '2024-01-01',
            reason: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10' }],
          },
        ],
      }),
    ).toEqual([
      'Radiotherapy (1 record: 108290001 2025-03-01 body site not stated): unknown',
      'Radiotherapy (none at these body sites: 108290001 2025-03-01 site Lung structure (39607008)): not met',
      'Levothyroxine (none given for these conditions: H03AA01 2024-01-01 to ongoing for I10): not met',
    ]);
  });
});

describe('an answer given a record', () => {
  const text = `trial T "t"
records complete for procedure
procedure mri "Brain MRI" from loinc 24590-2
lab albumin "Albumin" in g/dL from loinc 1751-7
question edema "Screening MRI: vasogenic edema?": yes/no
define screening_mri "A brain MRI in the 60-day screening window" = mri within 60 days before screening
exclusion
  EX-1 met if edema given screening_mri
  EX-2 met if edema given albumin >= 3 g/dL
`;
  const mri = (date: string) => [{ system: 'http://loinc.org', code: '24590-2', display: 'MR Brain', date }];

  it('gives the record and then the answer when the record is there', () => {
    expect(explanations(text, { mri: mri('2025-03-01') }, { edema: false })[0]).toBe(
      'Brain MRI done within 60 days before 2025-03-15 (MR Brain (24590-2) 2025-03-01); Screening MRI: vasogenic edema? answered false: not met',
    );
  });

  it('says the answer counts only given the record, and what the record shows, when it is not there', () => {
    expect(explanations(text, { mri: mri('2024-11-30') }, { edema: true })).toEqual([
      'Screening MRI: vasogenic edema? answered true counts only given A brain MRI in the 60-day screening window, which does not hold: Brain MRI done within 60 days before 2025-03-15 (1 record: MR Brain (24590-2) 2024-11-30): unknown',
      'Screening MRI: vasogenic edema? answered true counts only given Albumin: no result on or before 2025-03-15, which is not known: unknown',
    ]);
  });
});

describe('strict windows', () => {
  it("say 'less than' and leave out the day exactly the duration before", () => {
    const text = `trial T "t"
records complete for medication, condition
medication aza "Azathioprine" from atc L04AX01
condition flu "Influenza" from icd10 J10*
exclusion
  EX-1 met if aza within less than 6 months before screening
  EX-2 met if flu within less than 6 months before screening
  EX-3 met if flu within 6 months before screening
`;
    expect(
      explanations(text, {
        aza: [{ code: 'L04AX01', start: '2024-06-01', end: '2024-09-15' }],
        flu: [{ code: 'J10.1', onset: '2024-09-15' }],
      }),
    ).toEqual([
      'Azathioprine within less than 6 months before 2025-03-15 (1 record: L04AX01 2024-06-01 to 2024-09-15): not met',
      'Influenza onset within less than 6 months before 2025-03-15 (1 record: J10.1 active, confirmed onset 2024-09-15): not met',
      'Influenza onset within 6 months before 2025-03-15 (J10.1 active, confirmed onset 2024-09-15): met',
    ]);
  });
});

describe('a course against a threshold asked on the form', () => {
  const text = `trial T "t"
records complete for medication
medication pred "Prednisone" from atc H02AB07
question max_dose "Highest dose allowed": number in mg/d
exclusion
  EX-1 met if pred daily dose >= max_dose for at least 14 days
`;
  const facts = {
    pred: [
      { code: 'H02AB07', start: '2025-01-01', end: '2025-01-31', dailyDose: { value: 20, unit: 'mg/d' } },
    ],
  };

  it('names the question while it is unanswered, and the records once it is', () => {
    expect(explanations(text, facts)).toEqual([
      'Prednisone daily dose ≥ Highest dose allowed: not answered for at least 14 days (H02AB07 20 mg/d, 2025-01-01 to 2025-01-31): unknown',
    ]);
    expect(explanations(text, facts, { max_dose: 25 })).toEqual([
      'Prednisone daily dose ≥ 25 mg/d for at least 14 days (H02AB07 20 mg/d, 2025-01-01 to 2025-01-31): not met',
    ]);
  });
});
