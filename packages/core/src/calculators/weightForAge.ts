/**
 * WHO Child Growth Standards weight-for-age z-score (WAZ), computed as WHO's Anthro software and its
 * `anthro` R package compute it: the L, M and S of the child's sex and age in days, the Box-Cox z,
 * and beyond ±3 SD WHO's restricted formula, which measures the distance past the ±3 SD weight in
 * units of the gap between the ±2 and ±3 SD weights (the LMS curve's tails are not trusted there).
 * WHO reports the score to 2 decimals and reads its cut-offs (severe underweight: WAZ < −3) on that
 * reported value; `whoReportedZ` gives it.
 */
import type { CalculatorSex } from './ckdEpi';
import { WEIANTHRO_TEXT } from './who/weianthro';

/** The last age WHO computes a weight-for-age z-score for: 1826 days, the last day under 60 months. */
export const WHO_WEIGHT_FOR_AGE_LAST_DAY = 1826;

interface LmsTable {
  readonly l: Float64Array;
  readonly m: Float64Array;
  readonly s: Float64Array;
}

let tables: Readonly<Record<CalculatorSex, LmsTable>> | undefined;

/** WHO's table by sex, parsed from its text on first use. */
export function weianthroTables(): Readonly<Record<CalculatorSex, LmsTable>> {
  tables ??= parseWeianthro(WEIANTHRO_TEXT);
  return tables;
}

function lmsOf(sex: CalculatorSex): LmsTable {
  return weianthroTables()[sex];
}

/** WHO's tab-separated `sex age l m s` rows (sex 1 boys, 2 girls), every day from 0 present once. */
export function parseWeianthro(text: string): Record<CalculatorSex, LmsTable> {
  const size = WHO_WEIGHT_FOR_AGE_LAST_DAY + 1;
  const make = (): LmsTable => ({
    l: new Float64Array(size).fill(Number.NaN),
    m: new Float64Array(size).fill(Number.NaN),
    s: new Float64Array(size).fill(Number.NaN),
  });
  const out: Record<CalculatorSex, LmsTable> = { male: make(), female: make() };
  const lines = text.split('\n');
  if (lines[0] !== 'sex\tage\tl\tm\ts') throw new Error('weianthro: unexpected header');
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [sex, age, l, m, s] = line.split('\t').map(Number) as [number, number, number, number, number];
    const table = sex === 1 ? out.male : sex === 2 ? out.female : undefined;
    if (!table || !Number.isInteger(age) || age < 0 || age >= size || !Number.isNaN(table.l[age]!))
      throw new Error(`weianthro: unexpected row ${line}`);
    table.l[age] = l;
    table.m[age] = m;
    table.s[age] = s;
  }
  for (const table of [out.male, out.female])
    if (table.l.some(Number.isNaN) || table.m.some(Number.isNaN) || table.s.some(Number.isNaN))
      throw new Error('weianthro: a day is missing');
  return out;
}

/** Whether WHO's table has this age: a whole number of days from 0 to 1826. */
export function inWeightForAgeTable(ageDays: number): boolean {
  return Number.isInteger(ageDays) && ageDays >= 0 && ageDays <= WHO_WEIGHT_FOR_AGE_LAST_DAY;
}

/** The weight (kg) at z standard deviations on WHO's LMS curve: M × (1 + L·S·z)^(1/L). */
export function whoWeightAtZ(sex: CalculatorSex, ageDays: number, z: number): number {
  if (!inWeightForAgeTable(ageDays)) return Number.NaN;
  const { l, m, s } = lmsOf(sex);
  const L = l[ageDays]!;
  return m[ageDays]! * (1 + L * s[ageDays]! * z) ** (1 / L);
}

/**
 * The unrounded WAZ of a weight (kg) at an age in days; NaN outside WHO's table (below 0 or past
 * 1826 days, or not a whole day) and for a weight that is not positive. Past −3, WHO's restricted
 * formula: −3 + (w − SD−3) / (SD−2 − SD−3); past +3, 3 + (w − SD+3) / (SD+3 − SD+2). At exactly
 * ±3 both forms give ±3, so the switch is continuous.
 */
export function whoWeightForAgeZ(weightKg: number, sex: CalculatorSex, ageDays: number): number {
  if (!inWeightForAgeTable(ageDays) || !(weightKg > 0) || !Number.isFinite(weightKg)) return Number.NaN;
  const { l, m, s } = lmsOf(sex);
  const L = l[ageDays]!;
  const M = m[ageDays]!;
  const S = s[ageDays]!;
  const z = ((weightKg / M) ** L - 1) / (S * L);
  const sd = (k: number) => M * (1 + L * S * k) ** (1 / L);
  if (z < -3) {
    const minus3 = sd(-3);
    return -3 + (weightKg - minus3) / (sd(-2) - minus3);
  }
  if (z > 3) {
    const plus3 = sd(3);
    return 3 + (weightKg - plus3) / (plus3 - sd(2));
  }
  return z;
}

/**
 * A z-score as WHO reports it: 2 decimals, R's `round(z, 2)` (anthro's `round(zscore, digits = 2L)`):
 * the nearer of the two 2-decimal neighbours of the double, a tie to the even last digit.
 */
export function whoReportedZ(z: number): number {
  if (!Number.isFinite(z)) return z;
  const scaled = z * 100;
  const down = Math.floor(scaled);
  const up = Math.ceil(scaled);
  if (down === up) return down / 100 + 0;
  const below = down / 100;
  const above = up / 100;
  const toBelow = z - below;
  const toAbove = above - z;
  // + 0 turns a −0 (−0.001 rounded) into 0.
  if (toBelow < toAbove) return below + 0;
  if (toAbove < toBelow) return above + 0;
  return (down % 2 === 0 ? below : above) + 0;
}

/** The WAZ as WHO reports it (2 decimals); NaN where WHO gives none. */
export function whoWeightForAgeZReported(weightKg: number, sex: CalculatorSex, ageDays: number): number {
  return whoReportedZ(whoWeightForAgeZ(weightKg, sex, ageDays));
}

/**
 * The lowest and highest reported WAZ for a weight in [weightLo, weightHi] and an age anywhere in
 * [dayLo, dayHi] (a partial birth date). The score rises with weight at every age, but not always
 * with age (from day 0 to day 1 the median falls; far in the restricted tail the slope changes), so
 * every day is looked at rather than the two ends. NaN when some day of the range is outside the table.
 */
export function whoWeightForAgeZRange(
  weightLo: number,
  weightHi: number,
  sex: CalculatorSex,
  dayLo: number,
  dayHi: number,
): [number, number] {
  const first = Math.ceil(dayLo);
  const last = Math.floor(dayHi);
  if (!inWeightForAgeTable(first) || !inWeightForAgeTable(last) || first > last)
    return [Number.NaN, Number.NaN];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  // A weight known only as "below x" has no lower end: nor has its score.
  for (let day = first; day <= last; day++) {
    if (weightLo > 0) lo = Math.min(lo, whoWeightForAgeZReported(weightLo, sex, day));
    if (weightHi < Number.POSITIVE_INFINITY) hi = Math.max(hi, whoWeightForAgeZReported(weightHi, sex, day));
  }
  if (!(weightLo > 0)) lo = Number.NEGATIVE_INFINITY;
  if (weightHi === Number.POSITIVE_INFINITY) hi = Number.POSITIVE_INFINITY;
  return [lo, hi];
}
