import type { CompareOp } from '../ast';
import { codedTruth } from '../decide/coded';
import { given3 } from '../decide/given';
import { windowMay, windowSure } from '../decide/window';
import { and3, compare, count3, if3, not3, or3 } from '../evaluate/compare';
import { type Bool, type BoolDefine, FALSE, OK, TRUE, type Tri, UNKNOWN, type Val } from '../evaluate/ir';
import { elementOf } from '../evaluate/leaves';
import { Patient } from '../evaluate/patient';
import { toClosure } from '../fast/closures';
import type { RecordColumns } from './columns';
import { factsOf } from './materialize';
import { type BatchContext, bindVal, ColReading, columnReadable, type ValReader } from './reading';
import { allergyTruth, conditionTruth, encounterTruth, medicationTruth, procedureTruth } from './records';

/** A rule bound to one batch: patient index → truth. */
export type BoundRule = (i: number) => Tri;

/**
 * Everything a batch's rules share: value readers (one per value node, so an element used by
 * several criteria is read once per patient), define caches, and the patient rebuilt as facts for
 * the rare rule that has no column form.
 */
export class Binding {
  readonly vals = new Map<Val, ValReader>();
  readonly defines = new Map<BoolDefine, BoundRule>();
  private patientAt = -1;
  private patient: Patient | undefined;

  constructor(readonly ctx: BatchContext) {}

  /** Patient i as facts, built once per patient and only for rules without a column form. */
  objectPatient(i: number): Patient {
    if (this.patientAt !== i || this.patient === undefined) {
      this.patient = new Patient(factsOf(this.ctx.batch, i), {}, this.ctx.batch.asOf, undefined);
      this.patientAt = i;
    }
    return this.patient;
  }
}

/** Whether a rule node reads only what columns hold; otherwise it runs on the object evaluator. */
export function columnRule(b: Bool): boolean {
  switch (b.k) {
    case 'cmp':
      return columnReadable(b.l) && columnReadable(b.r);
    case 'between':
      return columnReadable(b.v) && columnReadable(b.lo) && columnReadable(b.hi);
    // `is only` weighs every result of a day; the columns read one result: the object evaluator.
    case 'is':
      return !b.only && columnReadable(b.s);
    // A condition's severity is not among the columns.
    case 'cond':
      return b.mode !== 'severe';
    // Body sites and reasons are not in the columns' decisions: these run on the object evaluator.
    case 'record':
      return b.el.filter === undefined;
    case 'med':
      return (
        b.el.filter === undefined &&
        (b.mode === 'any' || (b.mode === 'within' && (b.anchor === undefined || columnReadable(b.anchor))))
      );
    // Doses, drugs and routes are not in the columns' decisions: these run on the object evaluator.
    // Dates answered on the form, with lengths that may be computed: the object evaluator's.
    case 'trend':
    case 'within':
    case 'dateWithin':
    case 'anyReading':
    case 'stable':
    case 'doseRise':
    case 'doseCourse':
      return false;
    default:
      return true;
  }
}

export function bindRule(b: Bool, binding: Binding): BoundRule {
  if (!columnRule(b)) {
    const rule = toClosure(b);
    return (i) => rule(binding.objectPatient(i));
  }
  const ctx = binding.ctx;
  const asOf = ctx.asOf;
  switch (b.k) {
    case 'and': {
      const a = bindRule(b.a, binding);
      const c = bindRule(b.b, binding);
      return (i) => {
        const x = a(i);
        return x === FALSE ? FALSE : and3(x, c(i));
      };
    }
    case 'or': {
      const a = bindRule(b.a, binding);
      const c = bindRule(b.b, binding);
      return (i) => {
        const x = a(i);
        return x === TRUE ? TRUE : or3(x, c(i));
      };
    }
    case 'unless': {
      const a = bindRule(b.a, binding);
      const c = bindRule(b.b, binding);
      return (i) => {
        const x = a(i);
        return x === FALSE ? FALSE : and3(x, not3(c(i)));
      };
    }
    case 'given': {
      const a = bindRule(b.a, binding);
      const c = bindRule(b.b, binding);
      return (i) => given3(a(i), c(i));
    }
    case 'not': {
      const a = bindRule(b.a, binding);
      return (i) => not3(a(i));
    }
    case 'if': {
      const c = bindRule(b.c, binding);
      const t = bindRule(b.t, binding);
      const e = bindRule(b.e, binding);
      return (i) => {
        const x = c(i);
        return x === TRUE ? t(i) : x === FALSE ? e(i) : if3(x, t(i), e(i));
      };
    }
    case 'quant': {
      const ops = b.ops.map((op) => bindRule(op, binding));
      const n = b.n;
      return (i) => {
        let trues = 0;
        let unknowns = 0;
        for (let k = 0; k < ops.length; k++) {
          const x = ops[k]!(i);
          if (x === TRUE) trues++;
          else if (x === UNKNOWN) unknowns++;
        }
        return count3(trues, unknowns, n);
      };
    }
    case 'cmp':
      return cmpRule(b.l, b.op, b.r, binding);
    case 'between': {
      const low = cmpRule(b.v, '>=', b.lo, binding);
      const high = cmpRule(b.v, '<=', b.hi, binding);
      return (i) => and3(low(i), high(i));
    }
    case 'is': {
      const read = bindVal(b.s, ctx, binding.vals);
      const el = elementOf(b.s);
      const { value, negated, known } = b;
      return (i) => codedTruth(read(i), el, value, negated, known);
    }
    case 'cond': {
      const c = records(ctx, b.el.id);
      const { el, mode } = b;
      const ago = b.ago;
      return (i) => conditionTruth(c, el, mode, ago, i, asOf);
    }
    case 'med': {
      const c = records(ctx, b.el.id);
      const el = b.el;
      // Encounters are periods too, read by the same rules.
      const truth = el.kind === 'encounter' ? encounterTruth : medicationTruth;
      if (b.mode === 'any') return (i) => truth(c, el, false, 0, 0, 0, 0, i, asOf);
      const window = b.duration!;
      if (b.anchor === undefined) {
        const sure = windowSure(asOf, window);
        const may = windowMay(asOf, window);
        return (i) => truth(c, el, true, sure, may, asOf, asOf, i, asOf);
      }
      const anchor = bindVal(b.anchor, ctx, binding.vals);
      return (i) => {
        const a = anchor(i);
        if (a.state !== OK) {
          // Without the anchor's date only a patient never exposed is decided.
          return truth(c, el, false, 0, 0, 0, 0, i, asOf) === FALSE ? FALSE : UNKNOWN;
        }
        return truth(
          c,
          el,
          true,
          windowSure(a.dayHi, window),
          windowMay(a.dayLo, window),
          a.dayLo,
          a.dayHi,
          i,
          asOf,
        );
      };
    }
    case 'record': {
      const c = records(ctx, b.el.id);
      const el = b.el;
      switch (el.kind) {
        case 'condition':
          return (i) => conditionTruth(c, el, 'active', undefined, i, asOf);
        case 'medication':
          return (i) => medicationTruth(c, el, false, 0, 0, 0, 0, i, asOf);
        case 'procedure':
          return (i) => procedureTruth(c, el, i, asOf);
        case 'allergy':
          return (i) => allergyTruth(c, el, false, i);
        case 'encounter':
          return (i) => encounterTruth(c, el, false, 0, 0, 0, 0, i, asOf);
        default:
          return () => UNKNOWN;
      }
    }
    case 'severe': {
      const c = records(ctx, b.el.id);
      const el = b.el;
      return (i) => allergyTruth(c, el, true, i);
    }
    case 'answer':
      // A population has no one to ask.
      return () => UNKNOWN;
    case 'define': {
      let rule = binding.defines.get(b.d);
      if (rule === undefined) {
        const body = bindRule(b.d.body, binding);
        let at = -1;
        let value: Tri = UNKNOWN;
        rule = (i) => {
          if (at !== i) {
            value = body(i);
            at = i;
          }
          return value;
        };
        binding.defines.set(b.d, rule);
      }
      return rule;
    }
    case 'const': {
      const value = b.value;
      return () => value;
    }
    case 'trend':
    case 'within':
    case 'dateWithin':
    case 'anyReading':
    case 'stable':
    case 'doseRise':
    case 'doseCourse':
      throw new Error(
        'unreachable: trends, record and result windows, stable dosing and dose histories run on the object evaluator',
      );
  }
}

function records(ctx: BatchContext, id: string): RecordColumns | undefined {
  const c = ctx.batch.elements[id];
  return c !== undefined && c.kind === 'records' ? c : undefined;
}

const limitPoint = new ColReading();

/** A comparison: the object evaluator's `compareTruth`, with literal thresholds compared directly. */
function cmpRule(l: Val, op: CompareOp, r: Val, binding: Binding): BoundRule {
  const ctx = binding.ctx;
  const left = bindVal(l, ctx, binding.vals);
  const right = bindVal(r, ctx, binding.vals);
  if (r.k === 'qty' && l.k !== 'qty' && l.k !== 'limit') {
    const threshold = r.out;
    return (i) => {
      const x = left(i);
      return x.state !== OK || x.code !== undefined ? UNKNOWN : compare(x, op, threshold);
    };
  }
  if (r.k === 'limit' || l.k === 'limit') {
    const limitOnRight = r.k === 'limit';
    const node = (limitOnRight ? r : l) as Extract<Val, { k: 'limit' }>;
    const other = limitOnRight ? left : right;
    const upper = node.limit === 'ULN';
    const factor = node.factor;
    return (i) => {
      const x = other(i);
      if (x.state !== OK || x.code !== undefined) return UNKNOWN;
      const limit = upper ? x.high : x.low;
      if (Number.isNaN(limit)) return UNKNOWN;
      limitPoint.lo = factor * limit;
      limitPoint.hi = limitPoint.lo;
      return limitOnRight ? compare(x, op, limitPoint) : compare(limitPoint, op, x);
    };
  }
  return (i) => {
    const a = left(i);
    const b = right(i);
    if (a.state !== OK || b.state !== OK) return UNKNOWN;
    if (a.code !== undefined || b.code !== undefined) {
      if (a.code === undefined || b.code === undefined) return UNKNOWN;
      if (op === '=') return a.code === b.code ? TRUE : FALSE;
      if (op === '!=') return a.code === b.code ? FALSE : TRUE;
      return UNKNOWN;
    }
    return compare(a, op, b);
  };
}
