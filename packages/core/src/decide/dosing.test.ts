import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALSE, TRUE, UNKNOWN } from '../evaluate/ir';
import { dayFromIso } from '../time/dates';
import {
  type DoseRecord,
  dailyDoseRange,
  exposureDaily,
  MAYBE_ONGOING,
  NOT_ONGOING,
  ONGOING,
  ongoingOn,
  openRecord,
  ROUTE_MATCHES,
  ROUTE_OTHER,
  ROUTE_UNSTATED,
  routeMatch,
  stableFrom,
  stableTruth,
} from './dosing';
import { NO_DAY } from './records';

const day = dayFromIso;
const AS_OF = day('2025-03-15');

/** A metformin record from `start` to `end` (days as ISO text, undefined for none) at `daily` mg/d. */
function rec(
  start: string | undefined,
  end: string | undefined,
  daily: number,
  extra: Partial<DoseRecord> = {},
): DoseRecord {
  const [startLo, startHi] = start === undefined ? [NO_DAY, NO_DAY] : range(start);
  const [endLo, endHi] = end === undefined ? [NO_DAY, NO_DAY] : range(end);
  return { startLo, startHi, endLo, endHi, open: false, daily, drug: 'A10BA02', ...extra };
}

function range(text: string): [number, number] {
  if (text.length === 10) return [day(text), day(text)];
  const first = day(`${text}-01`);
  const next =
    text.slice(5) === '12'
      ? `${Number(text.slice(0, 4)) + 1}-01-01`
      : `${text.slice(0, 5)}${String(Number(text.slice(5)) + 1).padStart(2, '0')}-01`;
  return [first, day(next) - 1];
}

describe('routes', () => {
  it('an element without routes takes every exposure; with some, another route is out and none stated is open', () => {
    expect(routeMatch(undefined, 'topical')).toBe(ROUTE_MATCHES);
    expect(routeMatch(['oral', 'intravenous'], 'oral')).toBe(ROUTE_MATCHES);
    expect(routeMatch(['oral', 'intravenous'], 'topical')).toBe(ROUTE_OTHER);
    expect(routeMatch(['oral', 'intravenous'], undefined)).toBe(ROUTE_UNSTATED);
    expect(openRecord(false, ROUTE_UNSTATED)).toBe(true);
    expect(openRecord(true, ROUTE_MATCHES)).toBe(true);
    expect(openRecord(false, ROUTE_MATCHES)).toBe(false);
  });
});

describe('exposureDaily', () => {
  it('takes a daily dose given, else one dose times doses a day, times the table factor', () => {
    expect(exposureDaily(1500, 500, 2, 1)).toBe(1500);
    expect(exposureDaily(Number.NaN, 750, 2, 1)).toBe(1500);
    expect(exposureDaily(Number.NaN, 0.75, 2, 5 / 0.75)).toBeCloseTo(10, 12);
    expect(exposureDaily(Number.NaN, 750, Number.NaN, 1)).toBeNaN();
    expect(exposureDaily(20, Number.NaN, Number.NaN, Number.NaN)).toBeNaN();
  });
});

describe('ongoingOn', () => {
  it('is ongoing from its start through its end day, perhaps where a partial date straddles the day', () => {
    expect(ongoingOn(day('2025-01-01'), day('2025-01-01'), NO_DAY, NO_DAY, AS_OF)).toBe(ONGOING);
    expect(ongoingOn(NO_DAY, NO_DAY, NO_DAY, NO_DAY, AS_OF)).toBe(ONGOING);
    expect(ongoingOn(day('2025-01-01'), day('2025-01-01'), AS_OF, AS_OF, AS_OF)).toBe(ONGOING);
    expect(ongoingOn(day('2025-01-01'), day('2025-01-01'), AS_OF - 1, AS_OF - 1, AS_OF)).toBe(NOT_ONGOING);
    expect(ongoingOn(AS_OF + 1, AS_OF + 1, NO_DAY, NO_DAY, AS_OF)).toBe(NOT_ONGOING);
    expect(ongoingOn(...range('2025-03'), NO_DAY, NO_DAY, AS_OF)).toBe(MAYBE_ONGOING);
    expect(ongoingOn(day('2025-01-01'), day('2025-01-01'), ...range('2025-03'), AS_OF)).toBe(MAYBE_ONGOING);
  });
});

describe('dailyDoseRange', () => {
  it('is exact for one ongoing exposure and spans the highest to the sum for several', () => {
    expect(dailyDoseRange([rec('2024-06-01', undefined, 1000)], AS_OF, false, false)).toMatchObject({
      known: true,
      lo: 1000,
      hi: 1000,
    });
    const two = [rec('2024-06-01', undefined, 500), rec('2025-01-01', undefined, 1000)];
    expect(dailyDoseRange(two, AS_OF, false, false)).toMatchObject({
      known: true,
      lo: 1000,
      hi: 1500,
      ongoing: [0, 1],
    });
  });

  it('counts records equal in every field once, and leaves out those not ongoing', () => {
    const records = [
      rec('2024-06-01', undefined, 1000),
      rec('2024-06-01', undefined, 1000),
      rec('2023-01-01', '2024-05-31', 3000),
    ];
    expect(dailyDoseRange(records, AS_OF, true, false)).toMatchObject({
      lo: 1000,
      hi: 1000,
      ongoing: [0, 1],
    });
  });

  it('leaves the upper end open for an exposure without a dose, and the lower end to certain records', () => {
    const records = [
      rec('2024-06-01', undefined, 2000),
      rec('2025-01-01', undefined, Number.NaN),
      rec('2025-01-01', undefined, 500, { open: true }),
      rec('2025-03', undefined, 3000),
    ];
    expect(dailyDoseRange(records, AS_OF, false, false)).toMatchObject({
      lo: 2000,
      hi: Number.POSITIVE_INFINITY,
    });
  });

  it('with none ongoing: 0 in a complete history or where the input says none, else not known', () => {
    const past = [rec('2024-01-01', '2024-12-31', 1000)];
    expect(dailyDoseRange(past, AS_OF, true, false)).toMatchObject({ known: true, lo: 0, hi: 0 });
    expect(dailyDoseRange([], AS_OF, false, true)).toMatchObject({ known: true, lo: 0, hi: 0 });
    expect(dailyDoseRange(past, AS_OF, false, false).known).toBe(false);
  });

  it('never has a lower end above its upper end', () => {
    const record = fc.record({
      start: fc.option(fc.integer({ min: AS_OF - 400, max: AS_OF + 10 }), { nil: undefined }),
      length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      daily: fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 5000, noNaN: true })),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), fc.boolean(), (list, closed) => {
        const records = list.map((r) => ({
          startLo: r.start ?? NO_DAY,
          startHi: r.start ?? NO_DAY,
          endLo: r.start === undefined || r.length === undefined ? NO_DAY : r.start + r.length,
          endHi: r.start === undefined || r.length === undefined ? NO_DAY : r.start + r.length,
          open: r.open,
          daily: r.daily,
          drug: 'X',
        }));
        const out = dailyDoseRange(records, AS_OF, closed, false);
        if (out.known) expect(out.lo).toBeLessThanOrEqual(out.hi);
      }),
    );
  });
});

describe('stableFrom', () => {
  it('is the latest first day a span to the screening date may have and last as `for at least` counts', () => {
    expect(stableFrom(AS_OF, { amount: 3, unit: 'month' })).toBe(day('2024-12-15'));
    expect(stableFrom(AS_OF, { amount: 4, unit: 'week' })).toBe(day('2025-02-15'));
    // 1 month after 31 January is 28 February: a span from then to 28 February lasts a month.
    expect(stableFrom(day('2025-02-28'), { amount: 1, unit: 'month' })).toBe(day('2025-01-31'));
  });
});

describe('stableTruth', () => {
  const months3 = { amount: 3, unit: 'month' as const };

  it('is true when one drug at one dose runs through the days, records joined', () => {
    expect(stableTruth([rec('2024-01-01', undefined, 1000)], AS_OF, months3, false, false)).toBe(TRUE);
    const joined = [rec('2024-01-01', '2024-12-31', 1000), rec('2025-01-01', undefined, 1000)];
    expect(stableTruth(joined, AS_OF, months3, false, false)).toBe(TRUE);
    const concurrent = [rec('2024-01-01', undefined, 500), rec('2024-02-01', undefined, 1000)];
    expect(stableTruth(concurrent, AS_OF, months3, false, false)).toBe(TRUE);
  });

  it('is false for a change on the second day of the window, true for one on its first', () => {
    const inside = [rec('2024-01-01', '2024-12-15', 1000), rec('2024-12-16', undefined, 1500)];
    expect(stableTruth(inside, AS_OF, months3, false, false)).toBe(FALSE);
    const atStart = [rec('2024-01-01', '2024-12-14', 1000), rec('2024-12-15', undefined, 1500)];
    expect(stableTruth(atStart, AS_OF, months3, false, false)).toBe(TRUE);
  });

  it('is open for a record without a dose, an open record, or a start that may be late', () => {
    const undosed = [rec('2024-01-01', '2025-01-31', 1000), rec('2025-02-01', undefined, Number.NaN)];
    expect(stableTruth(undosed, AS_OF, months3, true, false)).toBe(UNKNOWN);
    const open = [rec('2024-01-01', undefined, 1000), rec('2025-01-01', undefined, 500, { open: true })];
    expect(stableTruth(open, AS_OF, months3, true, false)).toBe(UNKNOWN);
    expect(stableTruth([rec('2024-12', undefined, 1000)], AS_OF, months3, true, false)).toBe(UNKNOWN);
  });

  it('reads a stop as not stable only in a complete history; a switch of drug at one dose is a change', () => {
    const stopped = [rec('2024-01-01', '2025-03-01', 1000)];
    expect(stableTruth(stopped, AS_OF, months3, true, false)).toBe(FALSE);
    expect(stableTruth(stopped, AS_OF, months3, false, false)).toBe(UNKNOWN);
    const switched = [
      rec('2024-01-01', '2025-01-31', 5, { drug: 'C07AB07' }),
      rec('2025-02-01', undefined, 5, { drug: 'C07AB02' }),
    ];
    expect(stableTruth(switched, AS_OF, months3, false, false)).toBe(FALSE);
  });

  it('treats 1 g/d and 1000 mg/d, read in mg/d, as one dose after rounding', () => {
    const units = [rec('2024-01-01', '2025-01-31', 1000.0000000000001), rec('2025-02-01', undefined, 1000)];
    expect(stableTruth(units, AS_OF, months3, false, false)).toBe(TRUE);
  });

  it('without records: absent in a complete history, else unknown', () => {
    expect(stableTruth([], AS_OF, months3, true, false)).toBe(FALSE);
    expect(stableTruth([], AS_OF, months3, false, false)).toBe(UNKNOWN);
  });
});
