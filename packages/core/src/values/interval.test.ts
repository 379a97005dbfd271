import { describe, expect, it } from 'vitest';
import { compareIntervals, fromComparator, type Interval, point, scale } from './interval';

const below20 = fromComparator(20, '<');

describe('fromComparator', () => {
  it('builds open and closed rays', () => {
    expect(below20).toEqual({ lo: Number.NEGATIVE_INFINITY, hi: 20, loOpen: true, hiOpen: true });
    expect(fromComparator(20, '<=')).toEqual({
      lo: Number.NEGATIVE_INFINITY,
      hi: 20,
      loOpen: true,
      hiOpen: false,
    });
    expect(fromComparator(5, '>')).toEqual({
      lo: 5,
      hi: Number.POSITIVE_INFINITY,
      loOpen: true,
      hiOpen: true,
    });
    expect(fromComparator(5, '>=')).toEqual({
      lo: 5,
      hi: Number.POSITIVE_INFINITY,
      loOpen: false,
      hiOpen: true,
    });
    expect(fromComparator(5)).toEqual(point(5));
  });
});

describe('scale', () => {
  it('multiplies both ends and flips them for a negative factor', () => {
    expect(scale(fromComparator(2, '<'), 1000)).toEqual(fromComparator(2000, '<'));
    expect(scale({ lo: 1, hi: 2, loOpen: true, hiOpen: false }, -1)).toEqual({
      lo: -2,
      hi: -1,
      loOpen: false,
      hiOpen: true,
    });
    expect(scale(below20, 0)).toEqual(point(0));
  });
});

describe('compareIntervals', () => {
  it('decides a censored result against thresholds only when every value agrees', () => {
    expect(compareIntervals(below20, '<', point(20))).toBe(true);
    expect(compareIntervals(below20, '<=', point(30))).toBe(true);
    expect(compareIntervals(below20, '<', point(10))).toBeUndefined();
    expect(compareIntervals(below20, '>=', point(20))).toBe(false);
    expect(compareIntervals(below20, '>', point(20))).toBe(false);
    expect(compareIntervals(below20, '<=', point(20))).toBe(true);
  });

  it('distinguishes <= from < at a closed end', () => {
    const atMost20 = fromComparator(20, '<=');
    expect(compareIntervals(atMost20, '<', point(20))).toBeUndefined();
    expect(compareIntervals(atMost20, '<=', point(20))).toBe(true);
    expect(compareIntervals(atMost20, '>', point(20))).toBe(false);
    expect(compareIntervals(atMost20, '>=', point(20))).toBeUndefined();
  });

  it('compares points exactly after rounding away conversion residue', () => {
    expect(compareIntervals(point(4.199999999999999), '>=', point(4.2))).toBe(true);
    expect(compareIntervals(point(4.199999999999999), '<', point(4.2))).toBe(false);
    expect(compareIntervals(point(0.1 * 3), '=', point(0.3))).toBe(true);
    expect(compareIntervals(point(1), '!=', point(2))).toBe(true);
    expect(compareIntervals(point(2), '!=', point(2))).toBe(false);
  });

  it('answers equality of ranges', () => {
    const above5: Interval = fromComparator(5, '>');
    expect(compareIntervals(above5, '=', point(5))).toBe(false);
    expect(compareIntervals(above5, '=', point(6))).toBeUndefined();
    expect(compareIntervals(above5, '!=', point(6))).toBeUndefined();
  });

  it('compares two ranges', () => {
    expect(compareIntervals(fromComparator(5, '>'), '>', fromComparator(5, '<='))).toBe(true);
    expect(compareIntervals(fromComparator(5, '>='), '>', fromComparator(5, '<='))).toBeUndefined();
  });

  it('is unknown for NaN', () => {
    expect(compareIntervals(point(Number.NaN), '<', point(1))).toBeUndefined();
  });
});
