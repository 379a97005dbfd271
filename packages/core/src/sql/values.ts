import { AMBIGUOUS, BAD_UNIT, type Element, NONE, OK, UNDECIDED, type Val } from '../evaluate/ir';
import { windowStart } from '../evaluate/patient';
import { conversionTo } from '../evaluate/read';
import { dayFromIso } from '../time/dates';
import { round12 as round12Number } from '../units/exact';
import type { Conversion } from '../units/ucum';
import { arithVal } from './arithmetic';
import { bmiVal, calcVal } from './calculators';
import { NotCompilable, type SqlContext } from './context';
import { dayToKey, doubleLiteral, literal, typedNull, yearsBetween } from './dialect';
import { doseVal } from './doses';
import { episodesVal } from './episodes';
import { onsetVal } from './onset';

/**
 * A value node read for each patient, as SQL expressions over the CTEs in `joins`: the fields of
 * the evaluators' `Reading`. An open end (a result reported as `<20`) is NULL, standing for an
 * infinite bound; `state` is never NULL.
 */
export interface SqlVal {
  readonly state: string;
  readonly lo: string;
  readonly hi: string;
  readonly loOpen: string;
  readonly hiOpen: string;
  readonly low: string;
  readonly high: string;
  readonly code: string;
  /** The unit the result was reported in (a test has no unit of its own), or NULL. */
  readonly unit: string;
  readonly dayLo: string;
  readonly dayHi: string;
  /**
   * Whether lo and hi need no rounding to 12 significant digits before a comparison: literals
   * already rounded (a threshold), or whole numbers far below 10^12 (an age).
   */
  readonly exact: boolean;
  readonly joins: readonly string[];
}

/** A value no patient of a population has (an answer to a question on the form). */
export const NOTHING: SqlVal = {
  state: String(NONE),
  lo: 'NULL',
  hi: 'NULL',
  loOpen: '0',
  hiOpen: '0',
  low: 'NULL',
  high: 'NULL',
  code: 'NULL',
  unit: 'NULL',
  dayLo: 'NULL',
  dayHi: 'NULL',
  exact: false,
  joins: [],
};

export function sqlVal(v: Val, ctx: SqlContext): SqlVal {
  switch (v.k) {
    case 'define':
      return sqlVal(v.body, ctx);
    case 'qty': {
      const lo = round12Number(v.out.lo);
      const hi = round12Number(v.out.hi);
      return {
        ...NOTHING,
        state: String(OK),
        lo: doubleLiteral(ctx.dialect, lo),
        hi: doubleLiteral(ctx.dialect, hi),
        loOpen: v.out.loOpen ? '1' : '0',
        hiOpen: v.out.hiOpen ? '1' : '0',
        exact: true,
      };
    }
    // A population has no one to ask; a date value reads nothing by itself.
    case 'answer':
    case 'date':
      return NOTHING;
    case 'lab':
      return labVal(v.el, v.window, ctx);
    case 'age': {
      if (v.months) return ageInMonthsVal(v.birth, ctx);
      const t = birthDateCte(ctx, v.birth);
      const on = String(ctx.asOfKey);
      return {
        ...NOTHING,
        state: `(CASE WHEN ${t}.pid IS NULL THEN ${NONE} ELSE ${OK} END)`,
        // Born late in the range is youngest.
        lo: yearsBetween(`${t}.key_hi`, on),
        hi: yearsBetween(`${t}.key_lo`, on),
        dayLo: String(ctx.asOf),
        dayHi: String(ctx.asOf),
        exact: true,
        joins: [t],
      };
    }
    case 'sex': {
      const t = codeCte(ctx, v.el);
      return {
        ...NOTHING,
        state: `(CASE WHEN ${t}.pid IS NULL THEN ${NONE} ELSE ${OK} END)`,
        code: `${t}.code`,
        joins: [t],
      };
    }
    case 'limit':
      // Read from the other side of its comparison (rules.ts).
      throw new NotCompilable('a reference limit outside a comparison');
    case 'ckd':
      return ckdVal(v, ctx);
    case 'bmi':
      return bmiVal(v, ctx);
    case 'calc':
      return calcVal(v, ctx);
    case 'latest':
      return latestVal(v, ctx);
    case 'arith':
      return arithVal(v, ctx);
    case 'dose':
      return doseVal(v, ctx);
    case 'episodes':
      return episodesVal(v, ctx);
    case 'onset':
      return onsetVal(v, ctx);
  }
}

/**
 * Age in completed months on the screening date (evaluate/values.ts readAgeInMonths, time/dates.ts
 * completedMonths) on calendar keys: months between the years and months, less one while the day
 * of the month is not yet reached. Born late in the range is youngest; no age before birth.
 */
function ageInMonthsVal(birth: Element, ctx: SqlContext): SqlVal {
  const t = birthDateCte(ctx, birth);
  const on = ctx.asOfKey;
  const months = (key: string) => {
    const year = `CAST(FLOOR(${key} / 10000.0) AS INTEGER)`;
    const month = `(CAST(FLOOR(${key} / 100.0) AS INTEGER) - ${year} * 100)`;
    const day = `(${key} - CAST(FLOOR(${key} / 100.0) AS INTEGER) * 100)`;
    const y = Math.floor(on / 10000);
    const m = Math.floor(on / 100) - y * 100;
    return `((${y} - ${year}) * 12 + (${m} - ${month}) - (CASE WHEN ${on - Math.floor(on / 100) * 100} < ${day} THEN 1 ELSE 0 END))`;
  };
  const youngest = months(`${t}.key_hi`);
  const oldest = months(`${t}.key_lo`);
  const state = `(CASE WHEN ${t}.pid IS NULL OR ${oldest} < 0 THEN ${NONE} ELSE ${OK} END)`;
  return materialize(ctx, `age:months:${birth.id}`, `${birth.id}: the age in completed months`, {
    ...NOTHING,
    state,
    lo: `(CASE WHEN ${state} = ${OK} THEN GREATEST(0, ${youngest}) END)`,
    hi: `(CASE WHEN ${state} = ${OK} THEN ${oldest} END)`,
    dayLo: String(ctx.asOf),
    dayHi: String(ctx.asOf),
    joins: [t],
  });
}

/** A birth date per patient: its earliest and latest day, and their calendar keys. */
export function birthDateCte(ctx: SqlContext, el: Element): string {
  return ctx.cte(`date:${el.id}`, 'd', () => ({
    comment: [`${el.id}: the birth date`],
    body: `SELECT pid, day_lo, day_hi, key_lo, key_hi FROM ${ctx.tables.date} WHERE element = ${literal(ctx.dialect, el.id)} AND day_lo IS NOT NULL`,
  }));
}

/** A coded fact per patient (a sex). */
export function codeCte(ctx: SqlContext, el: Element): string {
  return ctx.cte(`code:${el.id}`, 's', () => ({
    comment: [`${el.id}: a coded value per patient`],
    body: `SELECT pid, code FROM ${ctx.tables.code} WHERE element = ${literal(ctx.dialect, el.id)} AND code IS NOT NULL`,
  }));
}

/** The SQL CASE giving a conversion's factor or offset per reported unit; NULL for a unit that does not convert. */
function perUnit(ctx: SqlContext, el: Element, column: string, pick: (c: Conversion) => number): string {
  if (el.unit === undefined) return doubleLiteral(ctx.dialect, pick({ factor: 1, offset: 0 } as Conversion));
  const arms = [
    `WHEN ${column} IS NULL OR ${column} = '' OR ${column} = ${literal(ctx.dialect, el.unit)} THEN ${doubleLiteral(ctx.dialect, pick({ factor: 1, offset: 0 } as Conversion))}`,
  ];
  for (const u of ctx.unitsOf(el)) {
    if (u === '' || u === el.unit) continue;
    const c = conversionTo(el, u, el.unit);
    if (c !== undefined)
      arms.push(`WHEN ${column} = ${literal(ctx.dialect, u)} THEN ${doubleLiteral(ctx.dialect, pick(c))}`);
  }
  return `(CASE ${arms.join(' ')} ELSE NULL END)`;
}

/**
 * The result in use (decide/latest.ts pickLatest): the latest dated on or before the screening
 * date, and on or after the window's first day; the later-listed on the same day; ambiguous when
 * partial dates leave open which one counts. Then read as `readLab` does: a coded result, a number
 * converted to the element's unit (through the factors UCUM gives for the units in the data), a
 * comparator as an open interval.
 */
function labVal(el: Element, window: { amount: number; unit: string } | undefined, ctx: SqlContext): SqlVal {
  const from = window === undefined ? undefined : dayFromIso(windowStart(ctx.isoAsOf, window as never));
  const asOf = ctx.asOf;
  const key = `lab:${el.id}:${from ?? ''}`;
  const d = ctx.dialect;
  // Every lab read against the same window shares one pass over the results: one window
  // function partitioned by patient and element, whatever the number of labs.
  const sharing = `results:${from ?? ''}`;
  const elements = ctx.sharedElements.get(sharing) ?? new Set<string>();
  ctx.sharedElements.set(sharing, elements);
  elements.add(el.id);
  const shared = ctx.cte(sharing, 'l', () => ({
    comment: [
      `the latest result of each lab surely in place${from === undefined ? '' : ' in the window'}, the later-listed on a tie, and the latest day a result ordered after it may have`,
    ],
    body: () => {
      const placed = `SELECT t.*, CASE WHEN lo_d > ${asOf}${from === undefined ? '' : ` OR hi_d < ${from}`} THEN 0 WHEN hi_d > ${asOf}${from === undefined ? '' : ` OR lo_d < ${from}`} THEN 2 ELSE 1 END AS place FROM (SELECT pid, element, seq, value, unit, comparator, code, low, high, COALESCE(day_lo, ${asOf}) AS lo_d, COALESCE(day_hi, ${asOf}) AS hi_d FROM ${ctx.tables.result} WHERE element IN (${[...elements].map((e) => literal(d, e)).join(', ')})) t`;
      // Results surely in place first, the latest first, the later-listed first on a tie: the
      // first row is the result in use when it is surely in place (decide/latest.ts pickLatest).
      const order = `PARTITION BY pid, element ORDER BY CASE WHEN place = 1 THEN 0 ELSE 1 END, lo_d DESC, seq DESC`;
      const after = `${order} ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING`;
      return [
        `SELECT * FROM (SELECT p.*, ROW_NUMBER() OVER (${order}) AS rn,`,
        // Results perhaps in place or partly dated (an exactly dated one ordered later is surely
        // earlier, or listed before the one in use on its first day, and gives way).
        `MAX(CASE WHEN place = 2 OR lo_d <> hi_d THEN hi_d END) OVER (${after}) AS later_open`,
        `FROM (${placed}) p WHERE place <> 0) w WHERE rn = 1`,
      ].join('\n');
    },
  }));
  const best = `(SELECT * FROM ${shared} WHERE element = ${literal(d, el.id)})`;
  // Another result may be as late as the one in use when none is surely in place, or when one
  // perhaps in place or partly dated may reach its first day.
  const ambiguous = `CASE WHEN z.place <> 1 OR z.later_open >= z.lo_d THEN 1 ELSE 0 END`;
  const factor = perUnit(ctx, el, 'c.unit', (c) => c.factor);
  const offset = perUnit(ctx, el, 'c.unit', (c) => c.offset);
  // With no result surely in place the first row is not one: nothing of it is read.
  const inUse = (column: string) => `CASE WHEN z.place = 1 THEN z.${column} END`;
  const t = ctx.cte(key, 'r', () => ({
    comment: [`${el.id}: the result in use, in ${el.unit ?? 'its own unit'}`],
    body: [
      `SELECT b.pid,`,
      `  CASE WHEN b.ambiguous = 1 THEN ${AMBIGUOUS} WHEN b.code IS NOT NULL THEN ${OK} WHEN b.value IS NULL THEN ${NONE} WHEN b.factor IS NULL THEN ${BAD_UNIT} ELSE ${OK} END AS state,`,
      // An ambiguous reading has no date (readResult leaves it unset): a value computed from it is
      // dated as of the screening date, as in-process.
      `  b.code, b.unit, CASE WHEN b.ambiguous = 1 THEN NULL ELSE b.lo_d END AS day_lo, CASE WHEN b.ambiguous = 1 THEN NULL ELSE b.hi_d END AS day_hi,`,
      `  CASE WHEN b.comparator IN ('<', '<=') THEN NULL ELSE b.value * b.factor + b.shift END AS lo,`,
      `  CASE WHEN b.comparator IN ('>', '>=') THEN NULL ELSE b.value * b.factor + b.shift END AS hi,`,
      `  CASE WHEN b.comparator IN ('<', '<=', '>') THEN 1 ELSE 0 END AS lo_open,`,
      `  CASE WHEN b.comparator IN ('<', '>=', '>') THEN 1 ELSE 0 END AS hi_open,`,
      `  b.low * b.factor + b.shift AS low, b.high * b.factor + b.shift AS high`,
      `FROM (SELECT c.*, ${factor} AS factor, ${offset} AS shift FROM (`,
      `SELECT z.pid, ${ambiguous} AS ambiguous, ${['seq', 'value', 'unit', 'comparator', 'code', 'low', 'high', 'lo_d', 'hi_d'].map((c) => `${inUse(c)} AS ${c}`).join(', ')}`,
      `FROM ${best} z) c) b`,
    ].join('\n'),
  }));
  return {
    state: `COALESCE(${t}.state, ${NONE})`,
    lo: `${t}.lo`,
    hi: `${t}.hi`,
    loOpen: `${t}.lo_open`,
    hiOpen: `${t}.hi_open`,
    low: `${t}.low`,
    high: `${t}.high`,
    code: `${t}.code`,
    unit: `${t}.unit`,
    dayLo: `${t}.day_lo`,
    dayHi: `${t}.day_hi`,
    exact: false,
    joins: [t],
  };
}

const FIELDS = [
  'state',
  'lo',
  'hi',
  'loOpen',
  'hiOpen',
  'low',
  'high',
  'code',
  'unit',
  'dayLo',
  'dayHi',
] as const;
const COLUMN: Record<(typeof FIELDS)[number], string> = {
  state: 'state',
  lo: 'lo',
  hi: 'hi',
  loOpen: 'lo_open',
  hiOpen: 'hi_open',
  low: 'low',
  high: 'high',
  code: 'code',
  unit: 'unit',
  dayLo: 'day_lo',
  dayHi: 'day_hi',
};

const TEXT_FIELDS = new Set<string>(['code', 'unit']);

/** A computed value as a CTE with a row for every patient, so that later expressions read columns. */
export function materialize(ctx: SqlContext, key: string, comment: string, v: SqlVal): SqlVal {
  const t = perPatientCte(
    ctx,
    key,
    'v',
    comment,
    FIELDS.map((f) => [
      COLUMN[f],
      v[f] === 'NULL' ? typedNull(ctx.dialect, TEXT_FIELDS.has(f) ? 'text' : 'double') : v[f],
    ]),
    v.joins,
  );
  const out = Object.fromEntries(FIELDS.map((f) => [f, `${t}.${COLUMN[f]}`])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  return { ...out, exact: false, joins: [t] };
}

/**
 * A CTE with a row for every patient and the given columns over per-patient CTEs (one row per
 * patient each). Grouped by patient, each group one row: an engine that inlines a plain CTE
 * (PostgreSQL pulls up a simple subquery) would otherwise copy a column's expression into each
 * place that reads it, and values computed from values nest, so the query would grow
 * exponentially with the depth of a formula. A grouped query is computed once.
 */
export function perPatientCte(
  ctx: SqlContext,
  key: string,
  prefix: string,
  comment: string,
  columns: readonly (readonly [name: string, sql: string])[],
  joins: Iterable<string>,
): string {
  return ctx.cte(key, prefix, () => ({
    comment: [comment],
    body: [
      `SELECT p.pid, ${columns.map(([name, x]) => `MAX(${x}) AS ${name}`).join(', ')}`,
      `FROM ${ctx.tables.patient} p`,
      ...[...joins].map((j) => `LEFT JOIN ${j} ON ${j}.pid = p.pid`),
      'GROUP BY p.pid',
    ].join('\n'),
  }));
}

/** A day number below every date a record can write (year −9999 is day −4,371,953). */
const UNDATED = -100000000;

/**
 * `latest of (A, B, …)` (evaluate/values.ts readLatestOf): the alternative with the latest date
 * among those read (the first listed on a tie), ambiguous when another may be as late or one
 * could not be placed; converted to the first alternative's unit.
 */
function latestVal(v: Extract<Val, { k: 'latest' }>, ctx: SqlContext): SqlVal {
  const alts = v.alts.map((a) => sqlVal(a, ctx));
  const usable = alts.map((a) => `(${a.state} NOT IN (${NONE}, ${AMBIGUOUS}))`);
  // An alternative read without a date (a BMI from a weight whose date leaves it open) is dated
  // '' in readLatestOf, before every day: NULL here would leave every comparison undecided.
  const day = (x: string) => `COALESCE(${x}, ${UNDATED})`;
  const chosen = alts.map((a, i) => {
    const beats = alts.map((b, j) =>
      j === i ? undefined : `(NOT ${usable[j]} OR ${day(a.dayLo)} ${j < i ? '>' : '>='} ${day(b.dayLo)})`,
    );
    return [usable[i], ...beats.filter((x) => x !== undefined)].join(' AND ');
  });
  const which = `(CASE ${chosen.map((c, i) => `WHEN ${c} THEN ${i}`).join(' ')} ELSE -1 END)`;
  const anyAmbiguous = alts.map((a) => `${a.state} = ${AMBIGUOUS}`).join(' OR ');
  const open = alts.map((a, i) => {
    const others = alts
      .map((b, j) => {
        if (j === i) return undefined;
        const sameDay = `(${day(b.dayLo)} = ${day(b.dayHi)} AND ${day(a.dayLo)} = ${day(a.dayHi)} AND ${day(b.dayLo)} = ${day(a.dayLo)})`;
        return `(${usable[j]} AND ${day(b.dayHi)} >= ${day(a.dayLo)}${i < j ? ` AND NOT ${sameDay}` : ''})`;
      })
      .filter((x) => x !== undefined);
    return others.length ? others.join(' OR ') : 'FALSE';
  });
  const pick = (f: (a: SqlVal, i: number) => string) =>
    `(CASE ${alts.map((a, i) => `WHEN ${which} = ${i} THEN ${f(a, i)}`).join(' ')} ELSE NULL END)`;
  const conv = (i: number, x: string) => {
    const c = v.factors[i]!;
    return c.factor === 1 && c.offset === 0
      ? x
      : `(${x} * ${doubleLiteral(ctx.dialect, c.factor)} + ${doubleLiteral(ctx.dialect, c.offset)})`;
  };
  const state = `(CASE WHEN ${which} = -1 THEN (CASE WHEN ${anyAmbiguous} THEN ${AMBIGUOUS} ELSE ${NONE} END) WHEN ${alts
    .map((_, i) => `(${which} = ${i} AND (${anyAmbiguous} OR ${open[i]}))`)
    .join(' OR ')} THEN ${AMBIGUOUS} ELSE ${pick((a) => a.state)} END)`;
  const joined: SqlVal = {
    state,
    lo: pick((a, i) => conv(i, a.lo)),
    hi: pick((a, i) => conv(i, a.hi)),
    loOpen: pick((a) => a.loOpen),
    hiOpen: pick((a) => a.hiOpen),
    low: pick((a, i) => conv(i, a.low)),
    high: pick((a, i) => conv(i, a.high)),
    code: pick((a) => a.code),
    unit: v.unit === undefined ? 'NULL' : literal(ctx.dialect, v.unit),
    dayLo: pick((a) => a.dayLo),
    dayHi: pick((a) => a.dayHi),
    exact: false,
    joins: [...new Set(alts.flatMap((a) => a.joins))],
  };
  return materialize(ctx, `latest:${state}`, 'the latest of several values', joined);
}

/**
 * CKD-EPI's ends for a creatinine (`scr`: its interval and days), a sex code and a birth-date CTE
 * (`birth`): the low end from the highest creatinine and the oldest age on its latest day, the high
 * end from the lowest and the youngest.
 */
export function ckdEnds(
  ctx: SqlContext,
  v: Extract<Val, { k: 'ckd' }>,
  scr: Pick<SqlVal, 'lo' | 'hi' | 'dayLo' | 'dayHi'>,
  sex: string,
  birth: string,
): { lo: string; hi: string } {
  const d = ctx.dialect;
  const v2021 = v.version === '2021';
  const female = `${sex} = 'female'`;
  const youngest = yearsBetween(`${birth}.key_hi`, dayToKey(d, scr.dayLo));
  const oldest = yearsBetween(`${birth}.key_lo`, dayToKey(d, scr.dayHi));
  const egfr = (mgDl: string, age: string) => {
    const kappa = `(CASE WHEN ${female} THEN 0.7 ELSE 0.9 END)`;
    const alpha = v2021
      ? `(CASE WHEN ${female} THEN -0.241 ELSE -0.302 END)`
      : `(CASE WHEN ${female} THEN -0.329 ELSE -0.411 END)`;
    const ratio = `(${mgDl} / ${kappa})`;
    const creatinine = `(CASE WHEN ${ratio} < 1 THEN POWER(${ratio}, ${alpha}) ELSE POWER(${ratio}, ${v2021 ? '-1.2' : '-1.209'}) END)`;
    const base = v2021 ? '0.9938' : '0.993';
    return `(${v2021 ? 142 : 141} * ${creatinine} * POWER(${doubleLiteral(d, Number(base))}, ${age}) * (CASE WHEN ${female} THEN ${v2021 ? '1.012' : '1.018'} ELSE 1 END))`;
  };
  const toMgDl = doubleLiteral(d, v.toMgDl);
  return {
    // A creatinine at or below zero gives no estimate (ckdOf: undecided, which callers check with
    // ckdUndecided); nothing is raised to a power here, which PostgreSQL refuses for a negative base.
    lo: `(CASE WHEN ${scr.hi} IS NULL THEN 0 WHEN ${ckdUndecided(scr)} THEN NULL ELSE ${egfr(`(${scr.hi} * ${toMgDl})`, oldest)} END)`,
    hi: `(CASE WHEN ${scr.lo} IS NULL OR ${scr.lo} <= 0 THEN NULL ELSE ${egfr(`(${scr.lo} * ${toMgDl})`, youngest)} END)`,
  };
}

/**
 * Whether a creatinine leaves CKD-EPI without a number at either end (evaluate/values.ts ckdOf: a
 * highest value at or below zero gives no low end, and its lowest value then no high end).
 */
export function ckdUndecided(scr: Pick<SqlVal, 'hi'>): string {
  return `(${scr.hi} IS NOT NULL AND ${scr.hi} <= 0)`;
}

/**
 * CKD-EPI (2021 or 2009) from the creatinine in use, with the age on its date (evaluate/values.ts
 * ckdOf and calculators/ckdEpi.ts egfrRange): eGFR falls as creatinine and age rise, so an
 * interval of creatinine and of age gives the interval of estimates from its corners.
 */
function ckdVal(v: Extract<Val, { k: 'ckd' }>, ctx: SqlContext): SqlVal {
  const d = ctx.dialect;
  const scr = sqlVal(v.creatinine, ctx);
  const sexVal = sqlVal({ k: 'sex', el: v.sex, out: v.out, unit: undefined } as Val, ctx);
  const birth = birthDateCte(ctx, v.birth);
  const { lo, hi } = ckdEnds(ctx, v, scr, sexVal.code, birth);
  const sexKnown = `${sexVal.code} IN ('male', 'female')`;
  const state = `(CASE WHEN ${scr.state} <> ${OK} OR ${scr.code} IS NOT NULL THEN (CASE WHEN ${scr.state} = ${NONE} THEN ${NONE} WHEN ${scr.state} = ${AMBIGUOUS} THEN ${AMBIGUOUS} ELSE ${UNDECIDED} END) WHEN NOT (${sexKnown}) OR ${sexVal.code} IS NULL OR ${birth}.pid IS NULL OR ${ckdUndecided(scr)} THEN ${UNDECIDED} ELSE ${OK} END)`;
  const computed: SqlVal = {
    state,
    lo: `(CASE WHEN ${state} = ${OK} THEN ${lo} END)`,
    hi: `(CASE WHEN ${state} = ${OK} THEN ${hi} END)`,
    loOpen: `${scr.hiOpen}`,
    hiOpen: `${scr.loOpen}`,
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: v.unit === undefined ? 'NULL' : literal(d, v.unit),
    dayLo: scr.dayLo,
    dayHi: scr.dayHi,
    exact: false,
    joins: [...new Set([...scr.joins, ...sexVal.joins, birth])],
  };
  return materialize(
    ctx,
    `ckd:${v.version}:${v.toMgDl}:${v.sex.id}:${v.birth.id}:${scr.state}`,
    `CKD-EPI ${v.version} from ${v.creatinine.k === 'lab' ? v.creatinine.el.id : 'creatinine'}`,
    computed,
  );
}
