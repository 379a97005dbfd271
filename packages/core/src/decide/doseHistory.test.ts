import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALSE, TRUE, UNKNOWN } from '../evaluate/ir';
import { dayFromIso } from '../time/dates';
import { doseIncreasedTruth, doseSegments, doseWindowFrom, highestDailyDose } from './doseHistory';
import type { DoseRecord } from './dosing';
import { NO_DAY } from './records';

const day = dayFromIso;
const AS_OF = day('2025-06-16');
const TWO_WEEKS = { amount: 14, unit: 'day' } as const;

/** A dexamethasone record from `start` to `end` (ISO days or months; undefined for none) at `daily` mg/d. */
function rec(
  start: string | undefined,
  end: string | undefined,
  daily: number,
  extra: Partial<DoseRecord> = {},
): DoseRecord {
  const [startLo, startHi] = start === undefined ? [NO_DAY, NO_DAY] : range(start);
  const [endLo, endHi] = end === undefined ? [NO_DAY, NO_DAY] : range(end);
  return { startLo, startHi, endLo, endHi, open: false, daily, drug: 'H02AB02', ...extra };
}

function range(text: string): [number, number] {
  if (text.length === 10) return [day(text), day(text)];
  const first = day(`${text}-01`);
  const month = Number(text.slice(5));
  const next =
    month === 12
      ? `${Number(text.slice(0, 4)) + 1}-01-01`
      : `${text.slice(0, 5)}${String(month + 1).padStart(2, '0')}-01`;
  return [first, day(next) - 1];
}

const rise = (records: DoseRecord[], complete = true) =>
  doseIncreasedTruth(records, AS_OF, TWO_WEEKS, complete);

describe('the window', () => {
  it('runs from D before the screening date to the screening date, as `within D before screening` counts', () => {
    expect(doseWindowFrom(AS_OF, TWO_WEEKS)).toBe(day('2025-06-02'));
    expect(doseWindowFrom(day('2025-03-31'), { amount: 1, unit: 'month' })).toBe(day('2025-02-28'));
  });

  it('is cut where an exposure surely or perhaps starts or ends', () => {
    const segments = doseSegments(
      [rec('2025-05-01', '2025-06-08', 3), rec('2025-06-09', undefined, 6)],
      AS_OF,
      TWO_WEEKS,
      true,
    );
    expect(segments.map((s) => [s.from, s.to, s.lo, s.hi])).toEqual([
      [day('2025-06-02'), day('2025-06-08'), 3, 3],
      [day('2025-06-09'), AS_OF, 6, 6],
    ]);
  });
});

describe('M daily dose increased within D', () => {
  it('is true when a later day surely has a higher dose than an earlier one', () => {
    expect(rise([rec('2025-04-22', '2025-06-08', 0.5), rec('2025-06-09', undefined, 1)])).toBe(TRUE);
    // The rise on the window's last day counts; a dose started in it rises from none.
    expect(rise([rec('2025-04-22', '2025-06-15', 0.5), rec('2025-06-16', undefined, 1)])).toBe(TRUE);
    expect(rise([rec('2025-06-10', undefined, 1)])).toBe(TRUE);
  });

  it('is false for a dose stable or falling over the whole window, or none taken', () => {
    expect(rise([rec('2025-05-02', '2025-05-31', 2), rec('2025-06-01', undefined, 1)])).toBe(FALSE);
    expect(rise([rec('2025-05-02', '2025-06-05', 2), rec('2025-06-06', undefined, 1)])).toBe(FALSE);
    expect(rise([rec('2025-05-02', '2025-06-05', 2)])).toBe(FALSE);
    expect(rise([])).toBe(FALSE);
  });

  it('reads a change on the day before the window as outside it', () => {
    // The higher dose from the window's first day: no two days of the window differ.
    expect(rise([rec('2025-04-22', '2025-06-01', 0.5), rec('2025-06-02', undefined, 1)])).toBe(FALSE);
    expect(rise([rec('2025-04-22', '2025-06-02', 0.5), rec('2025-06-03', undefined, 1)])).toBe(TRUE);
  });

  it('compares exactly: 0.1 + 0.2 mg/d is not above 0.3 mg/d', () => {
    expect(
      rise([
        rec('2025-05-01', '2025-06-08', 0.3),
        rec('2025-06-09', undefined, 0.1),
        rec('2025-06-09', undefined, 0.2, { drug: 'H02AB06' }),
      ]),
    ).toBe(FALSE);
    expect(rise([rec('2025-05-01', '2025-06-08', 0.1 + 0.2), rec('2025-06-09', undefined, 0.3)])).toBe(FALSE);
  });

  it('is unknown for a dose not recorded, an exposure that may not count, or a date too partial to order', () => {
    expect(rise([rec('2025-05-01', undefined, Number.NaN)])).toBe(UNKNOWN);
    expect(rise([rec('2025-05-01', undefined, 1, { open: true })])).toBe(UNKNOWN);
    // Started some day in June: perhaps before the window, perhaps in it.
    expect(rise([rec('2025-06', undefined, 1)])).toBe(UNKNOWN);
    // Started in May, surely before the window: stable.
    expect(rise([rec('2025-05', undefined, 1)])).toBe(FALSE);
  });

  it('keeps the same exposures, restated or added up, from reading as a rise', () => {
    // A prescription and a statement of one regimen, one ending a day before the other.
    const twice = [rec('2025-05-01', '2025-06-20', 1), rec('2025-05-01', '2025-06-10', 1)];
    expect(rise(twice)).toBe(FALSE);
    // A third record of the same dose added later may restate it or double it.
    expect(rise([...twice, rec('2025-06-12', undefined, 1, { drug: 'H02AB06' })])).toBe(UNKNOWN);
  });

  it('in an open world, reads a day with no exposure on record as a dose not known', () => {
    expect(rise([rec('2025-05-01', undefined, 1)], false)).toBe(FALSE);
    expect(rise([], false)).toBe(UNKNOWN);
    expect(rise([rec('2025-06-05', undefined, 1)], false)).toBe(UNKNOWN);
    // A rise both ends of which are on record is a rise whatever the gap hides.
    expect(rise([rec('2025-06-03', '2025-06-04', 1), rec('2025-06-10', undefined, 2)], false)).toBe(TRUE);
    // Stopped in the window: the days after it are a gap, not surely none.
    expect(rise([rec('2025-05-01', '2025-06-05', 1)], false)).toBe(UNKNOWN);
  });

  it('is never both true and false: it agrees with the day-by-day reading', () => {
    const record = fc.record({
      start: fc.option(fc.integer({ min: -30, max: 20 }), { nil: undefined }),
      length: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      daily: fc.oneof(fc.constantFrom(0.5, 1, 2, Number.NaN)),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), fc.boolean(), (specs, complete) => {
        const from = doseWindowFrom(AS_OF, TWO_WEEKS);
        const records: DoseRecord[] = specs.map((s) => {
          const start = s.start === undefined ? NO_DAY : from + s.start;
          const end = s.start === undefined || s.length === undefined ? NO_DAY : from + s.start + s.length;
          return {
            startLo: start,
            startHi: start,
            endLo: end,
            endHi: end,
            open: s.open,
            daily: s.daily,
            drug: 'H02AB02',
          };
        });
        const t = doseIncreasedTruth(records, AS_OF, TWO_WEEKS, complete);
        // Where every record is dated, classified and dosed, the answer is decided and is the
        // plain day-by-day one.
        const plain = specs.every((s) => s.start !== undefined && !s.open && !Number.isNaN(s.daily));
        if (!plain || !complete) return;
        const doseOn = (d: number) =>
          records
            .filter((r) => r.startLo <= d && (r.endLo === NO_DAY || d <= r.endLo) && r.startLo <= AS_OF)
            .reduce((sum, r) => sum + r.daily, 0);
        // Records equal in every field count once; the sum below would count them twice.
        const single = new Set(specs.map((s) => JSON.stringify(s))).size === specs.length;
        if (!single) return;
        let increased = false;
        for (let a = from; a <= AS_OF; a++)
          for (let b = a + 1; b <= AS_OF; b++) if (doseOn(b) > doseOn(a)) increased = true;
        // Overlapping records may restate or add up: a decided answer holds for both, so for the sum.
        if (t !== UNKNOWN) expect(t).toBe(increased ? TRUE : FALSE);
      }),
    );
  });
});

describe('M highest daily dose within D', () => {
  it('is the highest daily dose on any day of the window', () => {
    const h = highestDailyDose(
      [rec('2025-05-02', '2025-05-31', 2), rec('2025-06-01', undefined, 1)],
      AS_OF,
      TWO_WEEKS,
      true,
    );
    expect([h.known, h.lo, h.hi, h.inWindow]).toEqual([true, 1, 1, [1]]);
    const ended = highestDailyDose(
      [rec('2025-05-02', '2025-06-02', 2), rec('2025-06-03', undefined, 1)],
      AS_OF,
      TWO_WEEKS,
      true,
    );
    expect([ended.lo, ended.hi, ended.inWindow]).toEqual([2, 2, [0, 1]]);
  });

  it('is 0 mg/d with none taken in a complete history, and not known with none on record in an open world', () => {
    expect(highestDailyDose([rec('2025-01-01', '2025-05-01', 40)], AS_OF, TWO_WEEKS, true)).toMatchObject({
      known: true,
      lo: 0,
      hi: 0,
    });
    expect(highestDailyDose([rec('2025-01-01', '2025-05-01', 40)], AS_OF, TWO_WEEKS, false).known).toBe(
      false,
    );
  });

  it('is open above where a day may hide a dose: a gap in an open world, a dose not recorded, overlapping records', () => {
    const gap = highestDailyDose([rec('2025-06-10', undefined, 1)], AS_OF, TWO_WEEKS, false);
    expect([gap.lo, gap.hi]).toEqual([1, Number.POSITIVE_INFINITY]);
    const undosed = highestDailyDose([rec('2025-05-01', undefined, Number.NaN)], AS_OF, TWO_WEEKS, true);
    expect([undosed.lo, undosed.hi]).toEqual([0, Number.POSITIVE_INFINITY]);
    const two = highestDailyDose(
      [rec('2025-05-01', undefined, 1), rec('2025-06-01', undefined, 2, { drug: 'H02AB06' })],
      AS_OF,
      TWO_WEEKS,
      true,
    );
    expect([two.lo, two.hi]).toEqual([2, 3]);
  });
});
