import { AMBIGUOUS, BAD_UNIT, type Element, NONE, OK, type Val } from '../evaluate/ir';
import { windowStart } from '../evaluate/patient';
import { conversionTo } from '../evaluate/read';
import { dayFromIso } from '../time/dates';
import { round12 as round12Number } from '../units/exact';
import type { Conversion } from '../units/ucum';
import { NotCompilable, type SqlContext } from './context';
import { doubleLiteral, literal, yearsBetween } from './dialect';

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
  /** Whether lo and hi are literals already rounded to 12 digits (a threshold). */
  readonly constant: boolean;
  readonly joins: readonly string[];
}

const NOTHING: SqlVal = {
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
  constant: false,
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
        constant: true,
      };
    }
    // A population has no one to ask; a date value reads nothing by itself.
    case 'answer':
    case 'date':
      return NOTHING;
    case 'lab':
      return labVal(v.el, v.window, ctx);
    case 'age': {
      if (v.months) throw new NotCompilable('an age in months');
      const t = ctx.cte(`date:${v.birth.id}`, 'd', () => ({
        comment: [`${v.birth.id}: the birth date`],
        body: `SELECT pid, day_lo, key_lo, key_hi FROM ${ctx.tables.date} WHERE element = ${literal(ctx.dialect, v.birth.id)} AND day_lo IS NOT NULL`,
      }));
      const on = String(ctx.asOfKey);
      return {
        ...NOTHING,
        state: `(CASE WHEN ${t}.pid IS NULL THEN ${NONE} ELSE ${OK} END)`,
        // Born late in the range is youngest.
        lo: yearsBetween(`${t}.key_hi`, on),
        hi: yearsBetween(`${t}.key_lo`, on),
        dayLo: String(ctx.asOf),
        dayHi: String(ctx.asOf),
        joins: [t],
      };
    }
    case 'sex': {
      const t = ctx.cte(`code:${v.el.id}`, 's', () => ({
        comment: [`${v.el.id}: a coded value per patient`],
        body: `SELECT pid, code FROM ${ctx.tables.code} WHERE element = ${literal(ctx.dialect, v.el.id)} AND code IS NOT NULL`,
      }));
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
      throw new NotCompilable('the CKD-EPI calculator');
    case 'bmi':
      throw new NotCompilable('the BMI calculator');
    case 'calc':
      throw new NotCompilable(`the ${v.def.name} calculator`);
    case 'latest':
      throw new NotCompilable('`latest of`');
    case 'arith':
      throw new NotCompilable('arithmetic on values');
    case 'dose':
      throw new NotCompilable('daily doses');
    case 'episodes':
      throw new NotCompilable('counting episodes');
    case 'onset':
      throw new NotCompilable("a condition's onset as a date");
  }
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
  const place = ctx.cte(`${key}:place`, 'l', () => ({
    comment: [
      `${el.id}: its results placed against the screening date${from === undefined ? '' : ' and the window'}`,
    ],
    body: `SELECT t.*, CASE WHEN lo_d > ${asOf}${from === undefined ? '' : ` OR hi_d < ${from}`} THEN 0 WHEN hi_d > ${asOf}${from === undefined ? '' : ` OR lo_d < ${from}`} THEN 2 ELSE 1 END AS place FROM (SELECT pid, seq, value, unit, comparator, code, low, high, COALESCE(day_lo, ${asOf}) AS lo_d, COALESCE(day_hi, ${asOf}) AS hi_d FROM ${ctx.tables.result} WHERE element = ${literal(d, el.id)}) t`,
  }));
  const best = ctx.cte(`${key}:best`, 'l', () => ({
    comment: [`${el.id}: the latest result surely in place, the later-listed on a tie`],
    body: `SELECT * FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY pid ORDER BY lo_d DESC, seq DESC) AS rn FROM ${place} p WHERE place = 1) t WHERE rn = 1`,
  }));
  const open = ctx.cte(`${key}:open`, 'l', () => ({
    comment: [`${el.id}: whether another result may be as late (partial dates)`],
    body: `SELECT x.pid, MAX(CASE WHEN b.pid IS NULL THEN 1 WHEN x.seq = b.seq THEN 0 WHEN x.hi_d < b.lo_d THEN 0 WHEN x.place = 1 AND x.lo_d = x.hi_d AND b.lo_d = b.hi_d AND x.lo_d = b.lo_d AND x.seq < b.seq THEN 0 ELSE 1 END) AS ambiguous FROM ${place} x LEFT JOIN ${best} b ON b.pid = x.pid WHERE x.place <> 0 GROUP BY x.pid`,
  }));
  const factor = perUnit(ctx, el, 'b.unit', (c) => c.factor);
  const offset = perUnit(ctx, el, 'b.unit', (c) => c.offset);
  const t = ctx.cte(key, 'r', () => ({
    comment: [`${el.id}: the result in use, in ${el.unit ?? 'its own unit'}`],
    body: [
      `SELECT o.pid,`,
      `  CASE WHEN o.ambiguous = 1 THEN ${AMBIGUOUS} WHEN b.code IS NOT NULL THEN ${OK} WHEN b.value IS NULL THEN ${NONE} WHEN f.factor IS NULL THEN ${BAD_UNIT} ELSE ${OK} END AS state,`,
      `  b.code, b.unit, b.lo_d AS day_lo, b.hi_d AS day_hi,`,
      `  CASE WHEN b.comparator IN ('<', '<=') THEN NULL ELSE b.value * f.factor + f.shift END AS lo,`,
      `  CASE WHEN b.comparator IN ('>', '>=') THEN NULL ELSE b.value * f.factor + f.shift END AS hi,`,
      `  CASE WHEN b.comparator IN ('<', '<=', '>') THEN 1 ELSE 0 END AS lo_open,`,
      `  CASE WHEN b.comparator IN ('<', '>=', '>') THEN 1 ELSE 0 END AS hi_open,`,
      `  b.low * f.factor + f.shift AS low, b.high * f.factor + f.shift AS high`,
      `FROM ${open} o LEFT JOIN ${best} b ON b.pid = o.pid`,
      `LEFT JOIN (SELECT pid, ${factor} AS factor, ${offset} AS shift FROM ${best} b) f ON f.pid = o.pid`,
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
    constant: false,
    joins: [t],
  };
}
