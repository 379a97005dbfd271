import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { calculatorDefinition } from './library';
import {
  parseWeianthro,
  WHO_WEIGHT_FOR_AGE_LAST_DAY,
  whoReportedZ,
  whoWeightAtZ,
  whoWeightForAgeZ,
  whoWeightForAgeZRange,
  whoWeightForAgeZReported,
} from './weightForAge';
import { WEIANTHRO_TEXT } from './who/weianthro';

describe('the WHO weight-for-age table', () => {
  it("is WHO's weianthro.txt verbatim (anthro 8b30b35), CRLF line ends restored", () => {
    const original = WEIANTHRO_TEXT.replaceAll('\n', '\r\n');
    expect(bytesToHex(sha256(utf8ToBytes(original)))).toBe(
      'bc15a6a623dd1d5beaeed1497666332aa54bc4ccd15ff9658c487d79694ab77b',
    );
  });

  it('has every day from 0 to 1826 once for each sex, and refuses a table with a gap', () => {
    const table = parseWeianthro(WEIANTHRO_TEXT);
    expect(table.male.m).toHaveLength(WHO_WEIGHT_FOR_AGE_LAST_DAY + 1);
    expect(table.female.m[0]).toBe(3.2322);
    expect(table.male.m[1826]).toBe(18.3352);
    const gap = WEIANTHRO_TEXT.replace('2\t847\t-0.3053\t12.2709\t0.125\n', '');
    expect(gap).not.toBe(WEIANTHRO_TEXT);
    expect(() => parseWeianthro(gap)).toThrow('weianthro: a day is missing');
    expect(() => parseWeianthro(`${WEIANTHRO_TEXT}3\t0\t1\t1\t1\n`)).toThrow('weianthro: unexpected row');
  });
});

/*
 * WHO, Weight-for-age expanded tables (wfa_girls_z_exp, wfa_boys_z_exp: the weight at each SD for
 * every day from 0 to 1856, to 3 decimals), https://www.who.int/tools/child-growth-standards/standards/weight-for-age.
 * The weight WHO prints at −3 SD is within 0.0005 kg of the curve's, so its WAZ is −3.00 as
 * reported; at −2, 0 and +3 SD likewise. [day, SD3neg, SD2neg, SD0, SD3].
 */
const EXPANDED: Record<'female' | 'male', [number, number, number, number, number][]> = {
  female: [
    [0, 2.033, 2.395, 3.232, 4.793],
    [1, 1.994, 2.352, 3.196, 4.81],
    [202, 5.251, 5.911, 7.522, 10.911],
    [365, 6.273, 7.041, 8.946, 13.114],
    [847, 8.604, 9.644, 12.271, 18.274],
    [1522, 11.081, 12.564, 16.433, 25.897],
    [1826, 12.053, 13.742, 18.218, 29.545],
  ],
  male: [
    [0, 2.08, 2.459, 3.346, 5.031],
    [1, 2.065, 2.437, 3.317, 5.013],
    [202, 5.851, 6.55, 8.171, 11.268],
    [365, 6.926, 7.741, 9.646, 13.341],
    [847, 9.111, 10.226, 12.898, 18.332],
    [1522, 11.434, 12.944, 16.682, 24.779],
    [1826, 12.369, 14.067, 18.335, 27.861],
  ],
};

describe('whoWeightForAgeZ, against WHO', () => {
  for (const sex of ['female', 'male'] as const) {
    it.each(EXPANDED[sex])(
      `${sex}, day %i: the printed −3, −2, 0 and +3 SD weights`,
      (day, m3, m2, median, p3) => {
        expect(whoWeightForAgeZReported(m3, sex, day)).toBe(-3);
        expect(whoWeightForAgeZReported(m2, sex, day)).toBe(-2);
        expect(whoWeightForAgeZReported(median, sex, day)).toBe(0);
        expect(whoWeightForAgeZReported(p3, sex, day)).toBe(3);
        expect(whoWeightAtZ(sex, day, -3).toFixed(3)).toBe(m3.toFixed(3));
      },
    );
  }

  it("anthro's own test: a girl of 1522 days and 17 kg has WAZ 0.24", () => {
    expect(whoWeightForAgeZReported(17, 'female', 1522)).toBe(0.24);
  });

  // NCT05060198's worked patients (expected.json), computed by hand from WHO's L, M, S.
  it('a girl of 847 days: 11.2 kg −0.74; 8.6 kg −3.0035, reported −3.00; 8.5 kg −3.10', () => {
    expect(whoWeightForAgeZReported(11.2, 'female', 847)).toBe(-0.74);
    expect(whoWeightForAgeZ(8.6, 'female', 847)).toBeCloseTo(-3.0035, 4);
    expect(whoWeightForAgeZReported(8.6, 'female', 847)).toBe(-3);
    expect(whoWeightForAgeZReported(8.5, 'female', 847)).toBe(-3.1);
  });

  it('a girl of 202 days and 5.0 kg: −3.38', () => {
    expect(whoWeightForAgeZReported(5, 'female', 202)).toBe(-3.38);
  });

  it("beyond ±3 SD uses WHO's restricted formula, in units of the 2-to-3 SD gap, not the LMS curve", () => {
    const minus3 = whoWeightAtZ('male', 400, -3);
    const minus2 = whoWeightAtZ('male', 400, -2);
    const w = minus3 - 0.5 * (minus2 - minus3);
    expect(whoWeightForAgeZ(w, 'male', 400)).toBeCloseTo(-3.5, 12);
    // The LMS curve's own −3.5 SD weight is elsewhere (L ≠ 1): the two differ.
    expect(Math.abs(whoWeightAtZ('male', 400, -3.5) - w)).toBeGreaterThan(0.001);
    const plus3 = whoWeightAtZ('female', 400, 3);
    const plus2 = whoWeightAtZ('female', 400, 2);
    expect(whoWeightForAgeZ(plus3 + 2 * (plus3 - plus2), 'female', 400)).toBeCloseTo(5, 12);
  });

  it('is continuous at −3: just either side of the −3 SD weight the two formulas meet', () => {
    const at = whoWeightAtZ('female', 847, -3);
    expect(whoWeightForAgeZ(at, 'female', 847)).toBeCloseTo(-3, 12);
    expect(whoWeightForAgeZ(at - 1e-9, 'female', 847)).toBeLessThan(-3);
    expect(whoWeightForAgeZ(at + 1e-9, 'female', 847)).toBeGreaterThan(-3);
    expect(whoWeightForAgeZReported(at - 0.006, 'female', 847)).toBe(-3.01);
  });

  it('has no value past 1826 days, before birth, between days, or for a weight that is not positive', () => {
    expect(whoWeightForAgeZ(18.2, 'female', 1826)).toBeCloseTo(-0.0066, 4);
    expect(whoWeightForAgeZ(18.2, 'female', 1827)).toBeNaN();
    expect(whoWeightForAgeZ(18.2, 'female', 1856)).toBeNaN();
    expect(whoWeightForAgeZ(3, 'male', -1)).toBeNaN();
    expect(whoWeightForAgeZ(3, 'male', 10.5)).toBeNaN();
    expect(whoWeightForAgeZ(0, 'male', 10)).toBeNaN();
    expect(whoWeightForAgeZ(-1, 'male', 10)).toBeNaN();
    expect(whoWeightForAgeZ(Number.NaN, 'male', 10)).toBeNaN();
  });
});

describe('whoReportedZ, as R rounds (round(z, 2))', () => {
  it.each([
    [-3.0035, -3],
    [-3.0049999, -3],
    [-3.0051, -3.01],
    [-0.7408, -0.74],
    [2.999, 3],
    [0.125, 0.12], // a tie: 0.125 is exact in binary; R gives the even digit
    [0.375, 0.38],
    [-0.001, 0],
  ])('%d → %d', (z, reported) => {
    expect(whoReportedZ(z)).toBe(reported);
  });

  it('gives 0, not −0', () => {
    expect(Object.is(whoReportedZ(-0.001), 0)).toBe(true);
  });
});

describe('whoWeightForAgeZRange, for a birth date known only to the month', () => {
  it('a boy of 7.8 kg born in September 2024, on 2025-03-15 (166 to 195 days): −0.33 to +0.10', () => {
    expect(whoWeightForAgeZRange(7.8, 7.8, 'male', 166, 195)).toEqual([-0.33, 0.1]);
  });

  it('looks at every day: from day 0 to day 1 the median falls, so the score rises', () => {
    const [day0] = whoWeightForAgeZRange(3, 3, 'male', 0, 0);
    const [day1] = whoWeightForAgeZRange(3, 3, 'male', 1, 1);
    expect(day1).toBeGreaterThan(day0);
    expect(whoWeightForAgeZRange(3, 3, 'male', 0, 1)).toEqual([day0, day1]);
  });

  it('is open below for a weight known only as below a value, and NaN once a day is off the table', () => {
    expect(whoWeightForAgeZRange(0, 5, 'female', 202, 202)).toEqual([Number.NEGATIVE_INFINITY, -3.38]);
    expect(whoWeightForAgeZRange(12, 12, 'female', 1820, 1830)).toEqual([Number.NaN, Number.NaN]);
  });
});

describe('who_weight_for_age_z in the calculator table', () => {
  const definition = calculatorDefinition('who_weight_for_age_z')!;

  it('takes weight in kg, sex and age in days, and gives the reported score', () => {
    expect(definition.parameters.map((p) => p.kind)).toEqual(['quantity', 'sex', 'ageInDays']);
    expect(definition.compute([8.6, 'female', 847])).toBe(-3);
    expect(definition.compute([8.6, 'female', 1827])).toBeNaN();
    expect(definition.reportedDecimals).toBe(2);
  });

  it('refuses a sex it has no table for: a caller bug, the evaluator reads such a sex as unknown', () => {
    expect(() => definition.compute([8.6, 'unknown' as 'male', 847])).toThrow(TypeError);
  });
});
