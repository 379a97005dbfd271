import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDuration,
  addMonths,
  addYears,
  ageInYears,
  ageRange,
  DAY_ONLY,
  dayFromIso,
  formatDay,
  HOUR_MS,
  MOMENT_KNOWN,
  NO_OFFSET,
  NOT_A_DATE,
  parseDate,
  readMoment,
  readMomentResult,
} from './dates';

const day = dayFromIso;
const fmt = formatDay;

describe('day numbers', () => {
  it('count days since 1970-01-01', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(day('1970-01-02')).toBe(1);
    expect(day('1969-12-31')).toBe(-1);
    expect(day('2000-03-01') - day('2000-02-28')).toBe(2);
    expect(day('1900-03-01') - day('1900-02-28')).toBe(1);
  });

  it('round-trip through formatDay', () => {
    for (const iso of ['1970-01-01', '2024-02-29', '1899-12-31', '2100-03-01', '0001-01-01', '9999-12-31']) {
      expect(fmt(day(iso))).toBe(iso);
    }
    for (let d = day('0001-01-01'); d <= day('9999-12-31'); d += 997) expect(day(fmt(d))).toBe(d);
  });

  it('agree with the UTC calendar of Date', () => {
    for (const iso of ['2025-03-12', '1990-05-17', '1950-10-31']) {
      expect(day(iso)).toBe(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    }
  });

  it('reject anything but a full valid date', () => {
    expect(day('2023-02-29')).toBeNaN();
    expect(day('2025-13-01')).toBeNaN();
    expect(day('2025-03')).toBeNaN();
    expect(day('2025-03-12T10:00:00Z')).toBeNaN();
  });
});

describe('parseDate', () => {
  it('reads a year as the whole year', () => {
    expect(parseDate('1990')).toEqual({
      earliest: day('1990-01-01'),
      latest: day('1990-12-31'),
      precision: 'year',
    });
  });

  it('reads a month as the whole month', () => {
    expect(parseDate('1990-05')).toEqual({
      earliest: day('1990-05-01'),
      latest: day('1990-05-31'),
      precision: 'month',
    });
    expect(parseDate('2024-02')?.latest).toBe(day('2024-02-29'));
    expect(parseDate('2023-02')?.latest).toBe(day('2023-02-28'));
  });

  it('reads a full date', () => {
    expect(parseDate('1990-05-17')).toEqual({
      earliest: day('1990-05-17'),
      latest: day('1990-05-17'),
      precision: 'day',
    });
  });

  it('cuts a date-time to the day as written, whatever the offset', () => {
    expect(parseDate('2025-03-12T23:30:00+08:00')).toEqual({
      earliest: day('2025-03-12'),
      latest: day('2025-03-12'),
      precision: 'day',
    });
    expect(parseDate('2025-03-12T00:15:00-11:00')?.earliest).toBe(day('2025-03-12'));
    expect(parseDate('2025-03-12T08:00:00Z')?.earliest).toBe(day('2025-03-12'));
    expect(parseDate('2025-03-12 08:00')?.earliest).toBe(day('2025-03-12'));
  });

  it('rejects malformed or impossible dates', () => {
    for (const text of [
      '',
      '90',
      '1990-5',
      '1990-00',
      '1990-13',
      '2023-02-29',
      '2025-04-31',
      '1990-05-17T',
      'yesterday',
    ]) {
      expect(parseDate(text), text).toBeUndefined();
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds days', () => {
    expect(fmt(addDays(day('2024-02-28'), 1))).toBe('2024-02-29');
    expect(fmt(addDays(day('2024-03-01'), -1))).toBe('2024-02-29');
  });

  it('adds calendar months, clamping to the end of the month', () => {
    expect(fmt(addMonths(day('2024-12-15'), 3))).toBe('2025-03-15');
    expect(fmt(addMonths(day('2025-01-31'), 1))).toBe('2025-02-28');
    expect(fmt(addMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
    expect(fmt(addMonths(day('2025-03-31'), -1))).toBe('2025-02-28');
    expect(fmt(addMonths(day('2025-03-15'), -3))).toBe('2024-12-15');
    expect(fmt(addMonths(day('2025-01-10'), -13))).toBe('2023-12-10');
  });

  it('adds years, moving 29 February to 28 February in common years', () => {
    expect(fmt(addYears(day('2024-02-29'), 1))).toBe('2025-02-28');
    expect(fmt(addYears(day('2024-02-29'), 4))).toBe('2028-02-29');
    expect(fmt(addYears(day('2024-02-29'), -1))).toBe('2023-02-28');
  });

  it('adds durations in the language units', () => {
    const start = day('2025-01-31');
    expect(fmt(addDuration(start, 10, 'day'))).toBe('2025-02-10');
    expect(fmt(addDuration(start, 2, 'week'))).toBe('2025-02-14');
    expect(fmt(addDuration(start, 1, 'month'))).toBe('2025-02-28');
    expect(fmt(addDuration(start, -6, 'month'))).toBe('2024-07-31');
    expect(fmt(addDuration(start, 1, 'year'))).toBe('2026-01-31');
    expect(fmt(addDuration(start, 1.5, 'year'))).toBe('2026-07-31');
    expect(fmt(addDuration(day('2025-01-01'), 0.5, 'month'))).toBe('2025-01-16');
  });
});

describe('ageInYears', () => {
  it('is 17 the day before the 18th birthday and 18 on it', () => {
    const birth = day('2007-06-01');
    expect(ageInYears(birth, day('2025-05-31'))).toBe(17);
    expect(ageInYears(birth, day('2025-06-01'))).toBe(18);
  });

  it('is 70 at 70 years 11 months, and 71 on the 71st birthday', () => {
    const birth = day('1954-07-15');
    expect(ageInYears(birth, day('2025-06-15'))).toBe(70);
    expect(ageInYears(birth, day('2025-06-15')) <= 70).toBe(true);
    expect(ageInYears(birth, day('2025-07-14'))).toBe(70);
    expect(ageInYears(birth, day('2025-07-15'))).toBe(71);
  });

  it('turns leap-day births a year older on 1 March in common years', () => {
    const birth = day('2004-02-29');
    expect(ageInYears(birth, day('2023-02-28'))).toBe(18);
    expect(ageInYears(birth, day('2023-03-01'))).toBe(19);
    expect(ageInYears(birth, day('2024-02-28'))).toBe(19);
    expect(ageInYears(birth, day('2024-02-29'))).toBe(20);
  });

  it('ignores the time zone of a date-time birth date', () => {
    const birth = parseDate('2007-06-01T23:30:00-10:00')?.earliest as number;
    expect(ageInYears(birth, day('2025-06-01'))).toBe(18);
  });
});

describe('ageRange', () => {
  it('spans the ages a partial birth date allows', () => {
    expect(ageRange(parseDate('1990') as never, day('2025-06-01'))).toEqual({ min: 34, max: 35 });
    expect(ageRange(parseDate('1990-05') as never, day('2025-06-01'))).toEqual({ min: 35, max: 35 });
    expect(ageRange(parseDate('1990-06') as never, day('2025-06-15'))).toEqual({ min: 34, max: 35 });
    expect(ageRange(parseDate('1990-06-15') as never, day('2025-06-15'))).toEqual({ min: 35, max: 35 });
  });
});

describe('readMoment', () => {
  const at = (text: string) => (readMoment(text) === MOMENT_KNOWN ? readMomentResult.at : Number.NaN);

  it('reads a date and time with its offset as a moment, whatever the offset', () => {
    expect(at('1970-01-01T00:00:00Z')).toBe(0);
    expect(at('2025-10-15T09:00:00+07:00')).toBe(Date.UTC(2025, 9, 15, 2));
    expect(at('2025-10-15T02:00Z')).toBe(at('2025-10-15T09:00:00+07:00'));
    expect(at('2025-10-14T21:30:00-04:30')).toBe(Date.UTC(2025, 9, 15, 2));
    expect(at('2025-10-15T09:00:00.5+07:00')).toBe(Date.UTC(2025, 9, 15, 2) + 500);
    expect(at('2025-10-15T09:00:00+07:00') - at('2025-10-12T09:00:00+07:00')).toBe(72 * HOUR_MS);
  });

  it('tells a day alone, a time without its offset, and what is not a date apart', () => {
    expect(readMoment('2025-10-15')).toBe(DAY_ONLY);
    expect(readMoment('2025-10')).toBe(DAY_ONLY);
    expect(readMoment('2025-10-15T09:00:00')).toBe(NO_OFFSET);
    expect(readMoment('2025-02-29T09:00:00Z')).toBe(NOT_A_DATE);
    expect(readMoment('2025-10-15T25:00:00Z')).toBe(NOT_A_DATE);
    expect(readMoment('2025-10-15T09:00:00+14:60')).toBe(NOT_A_DATE);
    expect(readMoment('15/10/2025')).toBe(NOT_A_DATE);
  });
});
