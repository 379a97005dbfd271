import { NONE, OK, UNDECIDED, type Val } from '../evaluate/ir';
import type { SqlContext } from './context';
import { doubleLiteral, literal } from './dialect';
import { materialize, type SqlVal, sqlVal } from './values';

/**
 * Arithmetic on two readings as intervals (evaluate/values.ts readArith), set-at-a-time. An end is
 * NULL where it is infinite, its sign known from which end it is (lo −∞, hi +∞), so sums and
 * differences need nothing but NULL propagating; products and quotients work out each corner's
 * sign, since SQL has no portable infinity and PostgreSQL refuses a division by zero.
 */
export function arithVal(v: Extract<Val, { k: 'arith' }>, ctx: SqlContext): SqlVal {
  const d = ctx.dialect;
  const l = sqlVal(v.l, ctx);
  const r = sqlVal(v.r, ctx);
  const scale = (x: string) => (v.factor === 1 ? x : `(${x} * ${doubleLiteral(d, v.factor)})`);
  const a: End = { x: l.lo, sign: -1 };
  const b: End = { x: l.hi, sign: 1 };
  const c: End = { x: scale(r.lo), sign: -1 };
  const e: End = { x: scale(r.hi), sign: 1 };
  let lo: string;
  let hi: string;
  let undecided = 'FALSE';
  switch (v.op) {
    case '+':
      lo = `(${a.x} + ${c.x})`;
      hi = `(${b.x} + ${e.x})`;
      break;
    case '-':
      lo = `(${a.x} - ${e.x})`;
      hi = `(${b.x} - ${c.x})`;
      break;
    case '*':
    case '/': {
      const corner = v.op === '*' ? product : quotient;
      const corners = [corner(a, c), corner(a, e), corner(b, c), corner(b, e)];
      lo = bound(corners, -1);
      hi = bound(corners, 1);
      // A divisor that may be zero leaves the quotient without bounds.
      if (v.op === '/') undecided = `((${c.x} IS NULL OR ${c.x} <= 0) AND (${e.x} IS NULL OR ${e.x} >= 0))`;
      break;
    }
  }
  const usable = `${l.state} = ${OK} AND ${r.state} = ${OK} AND ${l.code} IS NULL AND ${r.code} IS NULL`;
  const state = `(CASE WHEN NOT (${usable}) THEN (CASE WHEN ${l.state} = ${NONE} OR ${r.state} = ${NONE} THEN ${NONE} ELSE ${UNDECIDED} END) WHEN ${undecided} THEN ${UNDECIDED} ELSE ${OK} END)`;
  const computed: SqlVal = {
    state,
    lo: `(CASE WHEN ${state} = ${OK} THEN ${lo} END)`,
    hi: `(CASE WHEN ${state} = ${OK} THEN ${hi} END)`,
    // An open end of an operand is taken as closed, which can only widen the result.
    loOpen: '0',
    hiOpen: '0',
    low: 'NULL',
    high: 'NULL',
    code: 'NULL',
    unit: v.unit === undefined ? 'NULL' : literal(d, v.unit),
    dayLo: laterDay(l.dayLo, r.dayLo, String(ctx.asOf)),
    dayHi: laterDay(l.dayHi, r.dayHi, String(ctx.asOf)),
    exact: false,
    joins: [...new Set([...l.joins, ...r.joins])],
  };
  return materialize(ctx, `arith:${state}:${lo}:${hi}`, `arithmetic (${v.op}) on values`, computed);
}

/** The later of two days, either NULL (a constant has no date); `otherwise` when both are. */
export function laterDay(a: string, b: string, otherwise: string): string {
  if (a === 'NULL' && b === 'NULL') return otherwise;
  if (a === 'NULL') return `COALESCE(${b}, ${otherwise})`;
  if (b === 'NULL') return `COALESCE(${a}, ${otherwise})`;
  return `(CASE WHEN ${a} IS NULL THEN COALESCE(${b}, ${otherwise}) WHEN ${b} IS NULL OR ${a} > ${b} THEN ${a} ELSE ${b} END)`;
}

/** An interval end: `x`, or the infinity of `sign` where `x` is NULL. */
interface End {
  readonly x: string;
  readonly sign: 1 | -1;
}

/**
 * A corner of a product or quotient: its class (0 finite, 1 +∞, −1 −∞, 2 no value, as 0 × ∞ or
 * ∞ / ∞) and its value where finite.
 */
interface Corner {
  readonly kind: string;
  readonly value: string;
}

/** The sign of an end of either kind times `s`, as class: ±1, or 2 where a finite end is 0 (∞ × 0). */
function infiniteTimes(finite: string, s: number): string {
  return `(CASE WHEN ${finite} > 0 THEN ${s} WHEN ${finite} < 0 THEN ${-s} ELSE 2 END)`;
}

function product(p: End, q: End): Corner {
  const kind = `(CASE WHEN ${p.x} IS NOT NULL AND ${q.x} IS NOT NULL THEN 0 WHEN ${p.x} IS NULL AND ${q.x} IS NULL THEN ${p.sign * q.sign} WHEN ${p.x} IS NULL THEN ${infiniteTimes(q.x, p.sign)} ELSE ${infiniteTimes(p.x, q.sign)} END)`;
  return { kind, value: `(${p.x} * ${q.x})` };
}

/** p / q where q never spans 0 (readArith leaves that undecided before reading corners). */
function quotient(p: End, q: End): Corner {
  const kind = `(CASE WHEN ${p.x} IS NOT NULL AND ${q.x} IS NOT NULL THEN (CASE WHEN ${q.x} = 0 THEN ${infiniteTimes(p.x, 1)} ELSE 0 END) WHEN ${p.x} IS NULL AND ${q.x} IS NULL THEN 2 WHEN ${p.x} IS NULL THEN ${infiniteTimes(q.x, p.sign)} ELSE 0 END)`;
  const value = `(CASE WHEN ${q.x} IS NULL THEN ${p.x} * 0 WHEN ${q.x} = 0 THEN NULL ELSE ${p.x} / ${q.x} END)`;
  return { kind, value };
}

/**
 * The least (`which` −1) or greatest (1) corner, NULL for an infinite end: as Math.min and max
 * do, a corner with no value makes the end unbounded too. LEAST and GREATEST only see finite
 * corners (an infinite one of the other sign stands in for the first finite one).
 */
function bound(corners: readonly Corner[], which: -1 | 1): string {
  const unbounded = corners.map((k) => `${k.kind} IN (2, ${which})`).join(' OR ');
  const first = `COALESCE(${corners.map((k) => finite(k)).join(', ')})`;
  const pick = which < 0 ? 'LEAST' : 'GREATEST';
  return `(CASE WHEN ${unbounded} THEN NULL ELSE ${pick}(${corners.map((k) => `COALESCE(${finite(k)}, ${first})`).join(', ')}) END)`;
}

function finite(k: Corner): string {
  return `(CASE WHEN ${k.kind} = 0 THEN ${k.value} END)`;
}
