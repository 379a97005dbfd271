import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALSE, TRUE, UNKNOWN } from '../evaluate/ir';
import { dayFromIso, HOUR_MS } from '../time/dates';
import {
  dateInWindow,
  eventWithin,
  momentWithin,
  windowMay,
  windowMayEnd,
  windowSure,
  windowSureEnd,
} from './window';

const day = dayFromIso;
const AS_OF = day('2025-10-15');
const SIX_MONTHS = { amount: 6, unit: 'month' } as const;
const STRICT_SIX_MONTHS = { ...SIX_MONTHS, strict: true };

describe('strict windows (within less than D)', () => {
  it('leave out the day exactly D calendar months before the anchor', () => {
    expect(windowSure(AS_OF, SIX_MONTHS)).toBe(day('2025-04-15'));
    expect(windowSure(AS_OF, STRICT_SIX_MONTHS)).toBe(day('2025-04-16'));
    expect(windowMay(AS_OF, STRICT_SIX_MONTHS)).toBe(day('2025-04-16'));
    const within = (d: string, w: typeof SIX_MONTHS) =>
      eventWithin(day(d), day(d), windowSure(AS_OF, w), windowMay(AS_OF, w), AS_OF, AS_OF);
    expect(within('2025-04-15', SIX_MONTHS)).toBe(TRUE);
    expect(within('2025-04-15', STRICT_SIX_MONTHS)).toBe(FALSE);
    expect(within('2025-04-16', STRICT_SIX_MONTHS)).toBe(TRUE);
  });

  it('count months by the calendar: 6 months before 31 August is 28 February', () => {
    expect(windowSure(day('2025-08-31'), STRICT_SIX_MONTHS)).toBe(day('2025-03-01'));
  });

  it('in hours, leave out the moment exactly H hours before, and judge days conservatively', () => {
    const anchor = Date.parse('2025-10-15T09:00:00+07:00');
    expect(momentWithin(anchor - 72 * HOUR_MS, anchor, 72)).toBe(TRUE);
    expect(momentWithin(anchor - 72 * HOUR_MS, anchor, 72, true)).toBe(FALSE);
    expect(momentWithin(anchor - 71 * HOUR_MS, anchor, 72, true)).toBe(TRUE);
    const hours = { amount: 72, unit: 'hour' } as const;
    const strictHours = { ...hours, strict: true };
    // A day 2 before: surely within 72 hours, perhaps within less than 72 hours.
    expect(windowSure(AS_OF, hours)).toBe(AS_OF - 2);
    expect(windowSure(AS_OF, strictHours)).toBe(AS_OF - 1);
    expect(windowMay(AS_OF, strictHours)).toBe(AS_OF - 3);
    expect(eventWithin(AS_OF - 2, AS_OF - 2, AS_OF - 1, AS_OF - 3, AS_OF, AS_OF)).toBe(UNKNOWN);
  });

  it('after an anchor, leave out the day exactly D after it', () => {
    const threeMonths = { amount: 3, unit: 'month' } as const;
    const strict = { ...threeMonths, strict: true };
    const after = (d: string, w: typeof threeMonths) =>
      dateInWindow(day(d), day(d), AS_OF, AS_OF, w, w, true);
    expect(after('2026-01-15', threeMonths)).toBe(TRUE);
    expect(after('2026-01-15', strict)).toBe(FALSE);
    expect(after('2026-01-14', strict)).toBe(TRUE);
    // In hours between days: 2 days after is surely within 72 hours, perhaps within less than 72.
    const hours = { amount: 72, unit: 'hour' } as const;
    expect(windowSureEnd(AS_OF, hours)).toBe(AS_OF + 2);
    expect(windowSureEnd(AS_OF, { ...hours, strict: true })).toBe(AS_OF + 1);
    expect(windowMayEnd(AS_OF, { ...hours, strict: true })).toBe(AS_OF + 3);
  });

  it('hold every day the inclusive window holds but its far end', () => {
    const unit = fc.constantFrom(
      'day' as const,
      'week' as const,
      'month' as const,
      'year' as const,
      'hour' as const,
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        unit,
        fc.integer({ min: 0, max: 4000 }),
        (amount, u, back) => {
          const w = { amount, unit: u };
          const s = { ...w, strict: true };
          const d = AS_OF - back;
          const inclusive = eventWithin(d, d, windowSure(AS_OF, w), windowMay(AS_OF, w), AS_OF, AS_OF);
          const strictly = eventWithin(d, d, windowSure(AS_OF, s), windowMay(AS_OF, s), AS_OF, AS_OF);
          // Never more surely inside than the inclusive window.
          if (strictly === TRUE) expect(inclusive).toBe(TRUE);
          if (inclusive === FALSE) expect(strictly).toBe(FALSE);
        },
      ),
    );
  });
});
