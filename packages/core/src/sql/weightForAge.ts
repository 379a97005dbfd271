import { WHO_WEIGHT_FOR_AGE_LAST_DAY, weianthroTables } from '../calculators/weightForAge';
import { OK } from '../evaluate/ir';
import type { SqlContext } from './context';
import { asDouble, constantRows, doubleLiteral, eachDay, literal } from './dialect';

/**
 * The WHO weight-for-age z-score in SQL (calculators/weightForAge.ts whoWeightForAgeZRange): the
 * lowest reported score of the lightest weight and the highest of the heaviest, over every day of
 * age the birth date and the weighing dates allow, each day's score computed from that day's L, M
 * and S as WHO computes it (Box-Cox, restricted past ±3 SD) and rounded to 2 decimals as WHO
 * reports it. The same IEEE operations in the same order as the calculator, so a score differs
 * only where an engine's POWER differs from the calculator's in the last place.
 */

/** WHO's table as a CTE: sex, age in days, L, M, S, and the weights at −3, −2, +2 and +3 SD. */
function lmsCte(ctx: SqlContext): string {
  const d = ctx.dialect;
  return ctx.cte('who:weianthro', 'w', () => {
    const tables = weianthroTables();
    const rows: string[][] = [];
    for (const sex of ['male', 'female'] as const) {
      const { l, m, s } = tables[sex];
      // String(x) is the shortest decimal that reads back as x (the table's own text); as text,
      // so that every engine reads it to the nearest double and none has to unify decimal types.
      const text = (x: number) => literal(d, String(x));
      for (let day = 0; day <= WHO_WEIGHT_FOR_AGE_LAST_DAY; day++)
        rows.push([literal(d, sex), String(day), text(l[day]!), text(m[day]!), text(s[day]!)]);
    }
    const at = (k: number) =>
      `t.m * POWER(${doubleLiteral(d, 1)} + t.l * t.s * ${doubleLiteral(d, k)}, ${doubleLiteral(d, 1)} / t.l)`;
    return {
      comment: [
        "WHO Child Growth Standards, weight-for-age L, M and S by sex and age in days (anthro's weianthro)",
      ],
      body: [
        `SELECT t.sex, t.age_day, t.l, t.m, t.s, ${at(-3)} AS sd_m3, ${at(-2)} AS sd_m2, ${at(2)} AS sd_p2, ${at(3)} AS sd_p3`,
        `FROM (SELECT v.sex, v.age_day, ${asDouble(d, 'v.l')} AS l, ${asDouble(d, 'v.m')} AS m, ${asDouble(d, 'v.s')} AS s`,
        `FROM ${constantRows(d, 'v', ['sex', 'age_day', 'l', 'm', 's'], rows)}) t`,
      ].join('\n'),
    };
  });
}

/** The unrounded score of weight column `w` on a row of the table (whoWeightForAgeZ), NULL for a weight that is not positive. */
function zOf(ctx: SqlContext, w: string): string {
  const d = ctx.dialect;
  const box = `(POWER(${w} / w.m, w.l) - ${doubleLiteral(d, 1)}) / (w.s * w.l)`;
  return [
    `(CASE WHEN NOT (${w} > 0) OR ${w} IS NULL THEN NULL`,
    `WHEN ${box} < ${doubleLiteral(d, -3)} THEN ${doubleLiteral(d, -3)} + (${w} - w.sd_m3) / (w.sd_m2 - w.sd_m3)`,
    `WHEN ${box} > ${doubleLiteral(d, 3)} THEN ${doubleLiteral(d, 3)} + (${w} - w.sd_p3) / (w.sd_p3 - w.sd_p2)`,
    `ELSE ${box} END)`,
  ].join(' ');
}

/** Column `z` as WHO reports it (whoReportedZ): the nearer 2-decimal neighbour, a tie to the even one. */
function reported(ctx: SqlContext, z: string): string {
  const d = ctx.dialect;
  const hundred = doubleLiteral(d, 100);
  const down = `FLOOR(${z} * ${hundred})`;
  const up = `CEIL(${z} * ${hundred})`;
  const below = `(${down} / ${hundred})`;
  const above = `(${up} / ${hundred})`;
  return [
    `(CASE WHEN ${z} IS NULL THEN NULL WHEN ${down} = ${up} THEN ${below}`,
    `WHEN ${z} - ${below} < ${above} - ${z} THEN ${below}`,
    `WHEN ${above} - ${z} < ${z} - ${below} THEN ${above}`,
    `WHEN ${down} - ${doubleLiteral(d, 2)} * FLOOR(${down} / ${doubleLiteral(d, 2)}) = 0 THEN ${below} ELSE ${above} END)`,
  ].join(' ');
}

/** Where the arguments' ends are, as columns of the arguments' CTE. */
export interface WeightForAgeArgs {
  /** The per-patient CTE, with `pid`, `state`, and the weighing days `day_lo`, `day_hi`. */
  readonly cte: string;
  /** Column names: the lightest and heaviest weight (kg), the sex, the birth date's first and last day. */
  readonly weightLo: string;
  readonly weightHi: string;
  readonly sex: string;
  readonly birthLo: string;
  readonly birthHi: string;
}

/**
 * The score's ends per patient: a CTE with `pid`, `lo` and `hi`, each NULL where the end is
 * unbounded (no lightest or heaviest weight), and no row where some day of the age range is
 * outside WHO's table.
 */
export function weightForAgeEnds(ctx: SqlContext, args: WeightForAgeArgs): string {
  const table = lmsCte(ctx);
  const d = ctx.dialect;
  const a = args;
  return ctx.cte(`who:waz:${a.cte}`, 'z', () => {
    const ages = [
      `(SELECT a.pid, a.${a.weightLo} AS weight_lo, a.${a.weightHi} AS weight_hi, a.${a.sex} AS sex,`,
      `a.day_lo - a.${a.birthHi} AS day_from, a.day_hi - a.${a.birthLo} AS day_to`,
      `FROM ${a.cte} a WHERE a.state = ${OK}) q`,
    ].join(' ');
    const inTable = `(SELECT q.pid, q.weight_lo, q.weight_hi, q.sex, q.day_from, q.day_to FROM ${ages} WHERE q.day_from >= 0 AND q.day_to <= ${WHO_WEIGHT_FOR_AGE_LAST_DAY} AND q.day_from <= q.day_to) r`;
    const days = eachDay(d, 'r.pid, r.weight_lo, r.weight_hi, r.sex', inTable, 'r.day_from', 'r.day_to');
    return {
      comment: [
        'WHO weight-for-age z-score: the lowest and highest reported score over the days of age allowed',
      ],
      body: [
        'SELECT y.pid, MIN(y.lo) AS lo, MAX(y.hi) AS hi FROM (',
        `SELECT x.pid, ${reported(ctx, 'x.z_lo')} AS lo, ${reported(ctx, 'x.z_hi')} AS hi FROM (`,
        `SELECT e.pid, ${zOf(ctx, 'e.weight_lo')} AS z_lo, ${zOf(ctx, 'e.weight_hi')} AS z_hi`,
        `FROM (${days}) e JOIN ${table} w ON w.sex = e.sex AND w.age_day = e.day`,
        ') x',
        ') y GROUP BY y.pid',
      ].join('\n'),
    };
  });
}
