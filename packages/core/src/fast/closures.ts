import { given3 } from '../decide/given';
import { and3, compare, count3, if3, not3, or3 } from '../evaluate/compare';
import { doseRiseLeaf, stableLeaf } from '../evaluate/dosing';
import { type Bool, FALSE, OK, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import {
  answerTruth,
  anyReadingLeaf,
  betweenTruth,
  compareTruth,
  dateWithinLeaf,
  doseCourseLeaf,
  isTruth,
  medicationLeaf,
  onlyTruthOf,
  recordTruth,
  trendTruth,
  withinLeaf,
} from '../evaluate/leaves';
import type { Patient } from '../evaluate/patient';
import { allergyTruth, conditionTruth } from '../evaluate/records';
import { readVal } from '../evaluate/values';

/** A rule compiled to a closure returning a small-integer truth: no traces, strings or allocation. */
export type Rule = (p: Patient) => Tri;

export function toClosure(b: Bool): Rule {
  switch (b.k) {
    case 'and': {
      const a = toClosure(b.a);
      const c = toClosure(b.b);
      return (p) => {
        const x = a(p);
        return x === FALSE ? FALSE : and3(x, c(p));
      };
    }
    case 'or': {
      const a = toClosure(b.a);
      const c = toClosure(b.b);
      return (p) => {
        const x = a(p);
        return x === TRUE ? TRUE : or3(x, c(p));
      };
    }
    case 'unless': {
      const a = toClosure(b.a);
      const c = toClosure(b.b);
      return (p) => {
        const x = a(p);
        return x === FALSE ? FALSE : and3(x, not3(c(p)));
      };
    }
    case 'given': {
      const a = toClosure(b.a);
      const c = toClosure(b.b);
      return (p) => given3(a(p), c(p));
    }
    case 'not': {
      const a = toClosure(b.a);
      return (p) => not3(a(p));
    }
    case 'if': {
      const c = toClosure(b.c);
      const t = toClosure(b.t);
      const e = toClosure(b.e);
      return (p) => {
        const x = c(p);
        return x === TRUE ? t(p) : x === FALSE ? e(p) : if3(x, t(p), e(p));
      };
    }
    case 'quant': {
      const ops = b.ops.map(toClosure);
      const n = b.n;
      return (p) => {
        let trues = 0;
        let unknowns = 0;
        for (let i = 0; i < ops.length; i++) {
          const x = ops[i]!(p);
          if (x === TRUE) trues++;
          else if (x === UNKNOWN) unknowns++;
        }
        return count3(trues, unknowns, n);
      };
    }
    case 'cmp': {
      const { l, op, r } = b;
      if (r.k === 'qty' && l.k !== 'qty' && l.k !== 'limit') {
        // Against a literal (already in the left side's unit), the common case: compareTruth's
        // answer without reading the literal or asking which kinds the sides are.
        const threshold = r.out;
        return (p) => {
          const left = readVal(l, p);
          return left.state !== OK || left.code !== undefined ? UNKNOWN : compare(left, op, threshold);
        };
      }
      return (p) => compareTruth(l, op, r, p);
    }
    case 'between': {
      const { v, lo, hi } = b;
      if (lo.k === 'qty' && hi.k === 'qty' && v.k !== 'qty' && v.k !== 'limit') {
        const low = lo.out;
        const high = hi.out;
        return (p) => {
          const value = readVal(v, p);
          if (value.state !== OK || value.code !== undefined) return UNKNOWN;
          return and3(compare(value, '>=', low), compare(value, '<=', high));
        };
      }
      return (p) => betweenTruth(v, lo, hi, p);
    }
    case 'is': {
      const { s, value, negated, known } = b;
      if (b.only) return (p) => onlyTruthOf(s, value, p);
      return (p) => isTruth(s, value, negated, known, p);
    }
    case 'cond': {
      const { el, mode, ago } = b;
      return (p) => conditionTruth(p, el, mode, ago);
    }
    case 'med':
      return (p) => medicationLeaf(b, p);
    case 'record': {
      const el = b.el;
      return (p) => recordTruth(el, p);
    }
    case 'within':
      return (p) => withinLeaf(b, p);
    case 'dateWithin':
      return (p) => dateWithinLeaf(b, p);
    case 'anyReading':
      return (p) => anyReadingLeaf(b, p);
    case 'severe': {
      const el = b.el;
      return (p) => allergyTruth(p, el, true);
    }
    case 'answer': {
      const el = b.el;
      return (p) => answerTruth(el, p);
    }
    case 'define': {
      const d = b.d;
      let body: Rule | undefined;
      return (p) => {
        if (d.epoch !== p.epoch) {
          body ??= toClosure(d.body);
          d.value = body(p);
          d.epoch = p.epoch;
        }
        return d.value;
      };
    }
    case 'trend':
      return (p) => trendTruth(b, p);
    case 'stable': {
      const { el, duration } = b;
      return (p) => stableLeaf(p, el, duration);
    }
    case 'doseRise': {
      const { el, table, window } = b;
      return (p) => doseRiseLeaf(p, el, table, window);
    }
    case 'doseCourse':
      return (p) => doseCourseLeaf(b, p);
    case 'const': {
      const value = b.value;
      return () => value;
    }
  }
}
