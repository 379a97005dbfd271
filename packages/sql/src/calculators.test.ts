import { compile } from '@eligo/core';
import { describe } from 'vitest';
import { randomOf } from './synthetic/random';
import { itAgreesWithTheFastPath } from './testing/agreement';

/**
 * The QT corrections, the body surface areas, the corrected calcium and MELD through SQL, on seeded
 * patients whose results come in other units (s, mmol/L, g/L, lb, in), with comparators (an end at
 * infinity), missing, and a heart rate of 0: every criterion gets the fast path's status. MELD's
 * dialysis is a question, which no one in a population has answered: its score is missing, and
 * what the rest of a criterion says decides.
 */
const PROTOCOL = `trial T-1 "Calculators"
lab qt "QT interval" in ms from loinc 8634-8
lab hr "Heart rate" in /min from loinc 8867-4
lab calcium "Serum calcium" in mg/dL from loinc 17861-6 molar mass 40.078 g/mol
lab albumin "Serum albumin" in g/dL from loinc 1751-7
lab weight "Body weight" in kg from loinc 29463-7
lab height "Body height" in cm from loinc 8302-2
lab creatinine "Serum creatinine" in mg/dL from loinc 2160-0 molar mass 113.12 g/mol
lab bilirubin "Total bilirubin" in mg/dL from loinc 1975-2 molar mass 584.66 g/mol
lab inr "INR" in 1 from loinc 6301-6
lab sodium "Serum sodium" in mmol/L from loinc 2951-2
question dialysis "Dialysed twice or more in the week before the tests?": yes/no
inclusion
  QTCF met if qtc_fridericia(qt, hr) > 470 ms
  QTCB met if qtc_bazett(qt, hr) >= 450 ms
  CALCIUM met if corrected_calcium(calcium, albumin) between 8.5 mg/dL and 10.5 mg/dL
  BSA-MOSTELLER met if bsa_mosteller(weight, height) >= 1.5 m2
  BSA-DUBOIS met if bsa_dubois(weight, height) < 2 m2
  MELD met if hr > 100 /min or (qt < 440 ms and meld(creatinine, bilirubin, inr, dialysis) < 15)
  MELD-NA met if qt < 440 ms and (meld_na(creatinine, bilirubin, inr, sodium, dialysis) >= 20 or hr > 100 /min)
`;

const AS_OF = '2025-06-15';

function patient(index: number): Record<string, unknown> {
  const r = randomOf(20261208 + index);
  const result = (lo: number, hi: number, units: Readonly<Record<string, number>>) => {
    if (r.chance(0.12)) return undefined;
    const unit = r.pick(Object.keys(units));
    const comparator = r.weighted({ none: 10, '<': 1, '>': 1, '<=': 1 });
    return [
      {
        value: Math.round(r.real(lo, hi, 6) * units[unit]! * 100) / 100,
        unit,
        date: '2025-06-01',
        ...(comparator === 'none' ? {} : { comparator }),
      },
    ];
  };
  const facts: Record<string, unknown> = {
    qt: result(340, 520, { ms: 1, s: 0.001 }),
    hr: r.chance(0.03)
      ? [{ value: 0, unit: '/min', date: '2025-06-01' }]
      : result(40, 130, { '/min': 1, '/s': 1 / 60 }),
    calcium: result(7, 12, { 'mg/dL': 1, 'mmol/L': 1 / 4.0078 }),
    albumin: result(2, 5, { 'g/dL': 1, 'g/L': 10 }),
    weight: result(40, 130, { kg: 1, '[lb_av]': 2.20462 }),
    height: result(140, 200, { cm: 1, '[in_i]': 1 / 2.54 }),
    creatinine: result(0.5, 5, { 'mg/dL': 1, 'umol/L': 88.42 }),
    bilirubin: result(0.3, 8, { 'mg/dL': 1, 'umol/L': 17.1 }),
    inr: result(0.8, 3, { '1': 1 }),
    sodium: result(120, 145, { 'mmol/L': 1 }),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
}

describe('calculators through SQL', () => {
  const { protocol } = compile(PROTOCOL);
  itAgreesWithTheFastPath(
    'eligo_sql_calculators',
    protocol!,
    Array.from({ length: 600 }, (_, i) => patient(i)),
    AS_OF,
  );
});
