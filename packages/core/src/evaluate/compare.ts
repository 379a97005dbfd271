import type { CompareOp } from '../ast';
import { compareIntervals, type Interval } from '../values/interval';
import { FALSE, TRUE, type Tri, UNKNOWN } from './ir';

/**
 * Compares two values (intervals) three-valued. Values far apart (more than a millionth relative)
 * are decided at once; anything closer goes to `compareIntervals`, which rounds both sides to 12
 * significant digits so that conversion residue never flips a threshold. Both evaluators use this
 * one function, so they agree on every edge.
 */
export function compare(a: Interval, op: CompareOp, b: Interval): Tri {
  if (a.lo === a.hi && b.lo === b.hi && !a.loOpen && !b.loOpen) {
    const x = a.lo;
    const y = b.lo;
    if (x === y && !a.hiOpen && !b.hiOpen) {
      // Equal points stay equal after rounding (an age of exactly 18 against `between 18 and 70`):
      // decided without the costly rounding.
      switch (op) {
        case '<':
        case '>':
        case '!=':
          return FALSE;
        case '<=':
        case '>=':
        case '=':
          return TRUE;
      }
    }
    const scale = Math.max(Math.abs(x), Math.abs(y));
    if (Math.abs(x - y) > scale * 1e-6) {
      const lt = x < y;
      switch (op) {
        case '<':
        case '<=':
          return lt ? TRUE : FALSE;
        case '>':
        case '>=':
          return lt ? FALSE : TRUE;
        case '=':
          return FALSE;
        case '!=':
          return TRUE;
      }
    }
  }
  const t = compareIntervals(a, op, b);
  return t === undefined ? UNKNOWN : t ? TRUE : FALSE;
}

/** Kleene connectives on Tri. */
export function and3(a: Tri, b: Tri): Tri {
  return a === FALSE || b === FALSE ? FALSE : a === TRUE && b === TRUE ? TRUE : UNKNOWN;
}

export function or3(a: Tri, b: Tri): Tri {
  return a === TRUE || b === TRUE ? TRUE : a === FALSE && b === FALSE ? FALSE : UNKNOWN;
}

export function not3(a: Tri): Tri {
  return a === UNKNOWN ? UNKNOWN : a === TRUE ? FALSE : TRUE;
}

/** `if` with an unknown condition: the branches' common value when they agree. */
export function if3(c: Tri, t: Tri, e: Tri): Tri {
  if (c === TRUE) return t;
  if (c === FALSE) return e;
  return t === e ? t : UNKNOWN;
}

/** `at least N of`: decided once N are true, or once too few can still be. */
export function count3(trues: number, unknowns: number, n: number): Tri {
  if (trues >= n) return TRUE;
  if (trues + unknowns < n) return FALSE;
  return UNKNOWN;
}
