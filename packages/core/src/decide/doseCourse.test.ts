import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALSE, TRUE, UNKNOWN } from '../evaluate/ir';
import { dayFromIso } from '../time/dates';
import { type CourseTest, courseTruth, courseWindowFrom, runLasts } from './doseCourse';
import type { DoseRecord } from './dosing';
import { NO_DAY } from './records';

const day = dayFromIso;
const AS_OF = day('2025-10-15');
const FOURTEEN_DAYS = { amount: 14, unit: 'day' } as const;
const SIX_MONTHS = { amount: 6, unit: 'month' } as const;

/** A prednisone record from `start` to `end` (ISO days or months; undefined for none) at `daily` mg/d. */
function rec(
  start: string | undefined,
  end: string | undefined,
  daily: number,
  extra: Partial<DoseRecord> = {},
): DoseRecord {
  const [startLo, startHi] = start === undefined ? [NO_DAY, NO_DAY] : range(start);
  const [endLo, endHi] = end === undefined ? [NO_DAY, NO_DAY] : range(end);
  return { startLo, startHi, endLo, endHi, open: false, daily, drug: 'H02AB07', ...extra };
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

const test = (extra: Partial<CourseTest> = {}): CourseTest => ({
  above: false,
  xLo: 20,
  xHi: 20,
  duration: FOURTEEN_DAYS,
  window: { ...SIX_MONTHS, strict: true },
  ...extra,
});

const course = (records: DoseRecord[], extra: Partial<CourseTest> = {}, complete = true) =>
  courseTruth(records, AS_OF, test(extra), complete);

describe('how long a run lasts', () => {
  it('counts both ends: 18 April to 1 May is 14 days, 2 weeks, not 15 days', () => {
    expect(runLasts(day('2025-04-18'), day('2025-05-01'), FOURTEEN_DAYS)).toBe(true);
    expect(runLasts(day('2025-04-18'), day('2025-05-01'), { amount: 2, unit: 'week' })).toBe(true);
    expect(runLasts(day('2025-04-18'), day('2025-05-01'), { amount: 15, unit: 'day' })).toBe(false);
    expect(runLasts(day('2025-04-18'), day('2025-04-30'), FOURTEEN_DAYS)).toBe(false);
  });

  it('counts calendar months: 1 February to 28 February is a month, to 27 February is not', () => {
    const month = { amount: 1, unit: 'month' } as const;
    expect(runLasts(day('2025-02-01'), day('2025-02-28'), month)).toBe(true);
    expect(runLasts(day('2025-02-01'), day('2025-02-27'), month)).toBe(false);
  });
});

describe('the window', () => {
  it('starts 6 calendar months before, or a day later when strict', () => {
    expect(courseWindowFrom(AS_OF, SIX_MONTHS)).toBe(day('2025-04-15'));
    expect(courseWindowFrom(AS_OF, { ...SIX_MONTHS, strict: true })).toBe(day('2025-04-16'));
    expect(courseWindowFrom(AS_OF, undefined)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('M daily dose >= X for at least D within W before screening', () => {
  it('is true for a course at the threshold for exactly D that ends in the window', () => {
    expect(course([rec('2025-04-18', '2025-05-01', 20)])).toBe(TRUE);
    expect(course([rec('2025-06-01', '2025-06-21', 30)])).toBe(TRUE);
  });

  it('is false a day short, a milligram short, or above a threshold it only reaches', () => {
    expect(course([rec('2025-04-18', '2025-04-30', 20)])).toBe(FALSE);
    expect(course([rec('2025-04-18', '2025-05-01', 19)])).toBe(FALSE);
    expect(course([rec('2025-04-18', '2025-05-01', 20)], { above: true })).toBe(FALSE);
  });

  it('counts a course that began before the window and ended inside it, not one that ended on its excluded edge', () => {
    expect(course([rec('2025-03-01', '2025-04-16', 20)])).toBe(TRUE);
    expect(course([rec('2025-03-01', '2025-04-15', 20)])).toBe(FALSE);
    expect(course([rec('2025-03-01', '2025-04-15', 20)], { window: SIX_MONTHS })).toBe(TRUE);
    expect(course([rec('2025-03-01', '2025-04-15', 20)], { window: undefined })).toBe(TRUE);
  });

  it('joins adjacent records of passing doses into one run, and a day without the drug splits it', () => {
    expect(course([rec('2025-06-01', '2025-06-07', 25), rec('2025-06-08', '2025-06-14', 20)])).toBe(TRUE);
    expect(course([rec('2025-06-01', '2025-06-07', 25), rec('2025-06-09', '2025-06-15', 25)])).toBe(FALSE);
    expect(course([rec('2025-06-01', '2025-06-07', 25), rec('2025-06-08', '2025-06-14', 15)])).toBe(FALSE);
  });

  it('is unknown when a missing dose could make the course, false when no dose could', () => {
    expect(course([rec('2025-06-01', '2025-06-21', Number.NaN)])).toBe(UNKNOWN);
    expect(course([rec('2025-06-01', '2025-06-10', Number.NaN)])).toBe(FALSE);
    expect(course([rec('2025-06-01', '2025-06-21', 20, { open: true })])).toBe(UNKNOWN);
  });

  it('is unknown when a partial date leaves the course long enough or not, or in the window or not', () => {
    expect(course([rec('2025-06-20', '2025-07', 20)])).toBe(UNKNOWN);
    expect(course([rec('2025-06-01', '2025-07', 20)])).toBe(TRUE);
    expect(course([rec('2025-03-01', '2025-04', 20)])).toBe(UNKNOWN);
    expect(course([rec(undefined, '2025-06-21', 20)])).toBe(UNKNOWN);
  });

  it('reads a threshold known as a range: surely past its top, perhaps past its bottom', () => {
    const records = [rec('2025-06-01', '2025-06-21', 20)];
    expect(course(records, { xLo: 15, xHi: 20 })).toBe(TRUE);
    expect(course(records, { xLo: 15, xHi: 25 })).toBe(UNKNOWN);
    expect(course(records, { xLo: 21, xHi: 25 })).toBe(FALSE);
  });

  it('in an open world, is decided only by a course on record', () => {
    expect(course([rec('2025-06-01', '2025-06-21', 30)], {}, false)).toBe(TRUE);
    expect(course([rec('2025-08-01', '2025-08-13', 20)], {}, false)).toBe(UNKNOWN);
    expect(course([], {}, false)).toBe(UNKNOWN);
    expect(course([], {}, true)).toBe(FALSE);
  });

  it('leaves out a record that starts after the screening date', () => {
    expect(course([rec('2025-10-16', '2025-11-30', 40)])).toBe(FALSE);
  });

  it('names the records that reach into the window', () => {
    const shown: number[] = [];
    courseTruth(
      [rec('2024-01-01', '2024-02-01', 40), rec('2025-08-01', '2025-08-13', 20)],
      AS_OF,
      test(),
      true,
      shown,
    );
    expect(shown).toEqual([1]);
  });

  it('is monotone: a lower threshold or a longer window never turns met into not met', () => {
    const dayIn2025 = fc.integer({ min: day('2025-01-01'), max: AS_OF });
    const record = fc
      .record({
        start: dayIn2025,
        length: fc.integer({ min: 0, max: 40 }),
        daily: fc.integer({ min: 0, max: 40 }),
      })
      .map(({ start, length, daily }) => ({
        startLo: start,
        startHi: start,
        endLo: start + length,
        endHi: start + length,
        open: false,
        daily,
        drug: 'H02AB07',
      }));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), fc.integer({ min: 1, max: 40 }), (records, x) => {
        const strict = courseTruth(records, AS_OF, test({ xLo: x, xHi: x }), true);
        const lower = courseTruth(records, AS_OF, test({ xLo: x - 1, xHi: x - 1 }), true);
        const wider = courseTruth(records, AS_OF, test({ xLo: x, xHi: x, window: SIX_MONTHS }), true);
        if (strict === TRUE) {
          expect(lower).toBe(TRUE);
          expect(wider).toBe(TRUE);
        }
        // Exact dates and doses of records that never overlap (which may restate or add up): never unknown.
        const overlap = records.some((a, i) =>
          records.some((b, j) => i < j && a.startLo <= b.endLo && b.startLo <= a.endLo),
        );
        if (!overlap) expect(strict).not.toBe(UNKNOWN);
      }),
    );
  });
});
