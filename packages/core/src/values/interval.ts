import { round12 } from '../units/exact';

/**
 * A reported value stands for a set of numbers: `4.2` for one point, `<20` for everything below
 * 20. Comparisons between such sets are decided only when every pair of points agrees; otherwise
 * the answer is unknown, which is how a censored lab result stays honest.
 */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

/** `undefined` is unknown. */
export type Truth = boolean | undefined;

export type IntervalOp = '>=' | '>' | '<=' | '<' | '=' | '!=';

export function point(x: number): Interval {
  return { lo: x, hi: x, loOpen: false, hiOpen: false };
}

/** The values a result with a comparator stands for: `<20` is (-∞, 20), `>=5` is [5, ∞). */
export function fromComparator(value: number, comparator?: '<' | '<=' | '>=' | '>'): Interval {
  switch (comparator) {
    case '<':
      return { lo: Number.NEGATIVE_INFINITY, hi: value, loOpen: true, hiOpen: true };
    case '<=':
      return { lo: Number.NEGATIVE_INFINITY, hi: value, loOpen: true, hiOpen: false };
    case '>':
      return { lo: value, hi: Number.POSITIVE_INFINITY, loOpen: true, hiOpen: true };
    case '>=':
      return { lo: value, hi: Number.POSITIVE_INFINITY, loOpen: false, hiOpen: true };
    default:
      return point(value);
  }
}

/** Every point multiplied by `k` (a unit conversion factor, or `3 x ULN`); a negative k flips the ends. */
export function scale(i: Interval, k: number): Interval {
  if (k === 0) return point(0);
  if (k > 0) return { lo: i.lo * k, hi: i.hi * k, loOpen: i.loOpen, hiOpen: i.hiOpen };
  return { lo: i.hi * k, hi: i.lo * k, loOpen: i.hiOpen, hiOpen: i.loOpen };
}

/** Every point of a is below every point of b. */
function allBelow(a: Interval, b: Interval): boolean {
  const ah = round12(a.hi);
  const bl = round12(b.lo);
  return ah < bl || (ah === bl && (a.hiOpen || b.loOpen));
}

/** No point of a is above any point of b. */
function allAtMost(a: Interval, b: Interval): boolean {
  return round12(a.hi) <= round12(b.lo);
}

function isPoint(i: Interval): boolean {
  return round12(i.lo) === round12(i.hi) && !i.loOpen && !i.hiOpen;
}

function hasNaN(i: Interval): boolean {
  return Number.isNaN(i.lo) || Number.isNaN(i.hi);
}

/**
 * `a op b` for every x in a and y in b: true if it holds for all pairs, false if it fails for all,
 * unknown otherwise. Endpoints are compared after rounding to 12 significant digits.
 */
export function compareIntervals(a: Interval, op: IntervalOp, b: Interval): Truth {
  if (hasNaN(a) || hasNaN(b)) return undefined;
  switch (op) {
    case '<':
      return allBelow(a, b) ? true : allAtMost(b, a) ? false : undefined;
    case '<=':
      return allAtMost(a, b) ? true : allBelow(b, a) ? false : undefined;
    case '>':
      return allBelow(b, a) ? true : allAtMost(a, b) ? false : undefined;
    case '>=':
      return allAtMost(b, a) ? true : allBelow(a, b) ? false : undefined;
    case '=':
      return equal(a, b);
    case '!=': {
      const eq = equal(a, b);
      return eq === undefined ? undefined : !eq;
    }
  }
}

function equal(a: Interval, b: Interval): Truth {
  if (isPoint(a) && isPoint(b) && round12(a.lo) === round12(b.lo)) return true;
  if (allBelow(a, b) || allBelow(b, a)) return false;
  return undefined;
}
