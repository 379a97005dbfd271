import { describe, expect, it } from 'vitest';
import { isAfter, isDay, isFhirDateTime, toPartialDate } from './dates';

describe('FHIR dates', () => {
  it('accepts FHIR dates and date-times on real calendar days', () => {
    for (const ok of [
      '1990',
      '1990-05',
      '2024-02-29',
      '2000-02-29',
      '2025-04-30',
      '2025-12-31',
      '2025-03-12T08:30:00+01:00',
      '2025-03-12T08:30:00.123Z',
    ]) {
      expect(isFhirDateTime(ok), ok).toBe(true);
    }
    for (const bad of [
      '2025-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-01-32',
      '2025-13',
      '2025-00-10',
      '12-03-2025',
      '2025/03/12',
      '2025-3-1',
      '',
    ]) {
      expect(isFhirDateTime(bad), bad).toBe(false);
    }
  });

  it('checks full days', () => {
    expect(isDay('2025-03-15')).toBe(true);
    expect(isDay('2025-03')).toBe(false);
    expect(isDay('2023-02-29')).toBe(false);
  });

  it('cuts date-times to the day and keeps partial dates', () => {
    expect(toPartialDate('2025-03-12T23:30:00-05:00')).toBe('2025-03-12');
    expect(toPartialDate('1990-05')).toBe('1990-05');
    expect(toPartialDate('1990')).toBe('1990');
  });

  it('calls a partial date after the screening date only when all its days are', () => {
    expect(isAfter('2025-03-16', '2025-03-15')).toBe(true);
    expect(isAfter('2025-03-15', '2025-03-15')).toBe(false);
    expect(isAfter('2025-03', '2025-03-15')).toBe(false);
    expect(isAfter('2025-04', '2025-03-15')).toBe(true);
    expect(isAfter('2025', '2025-03-15')).toBe(false);
    expect(isAfter('2026', '2025-03-15')).toBe(true);
  });
});
