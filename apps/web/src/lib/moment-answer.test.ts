import { compile } from '@eligo/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import example from '../../../../packages/protocols/NCT02894840/examples/fever-enrolment-time-unknown.json';
import source from '../../../../packages/protocols/NCT02894840/NCT02894840.elig?raw';
import { joinMoment, momentAnswer, momentParts, zoneOf } from './moment-answer';
import { formAnswers, questionFields } from './questions';
import type { ScreeningRequest } from './request';
import { screenLocally } from './screening';

// Node reads TZ again when it changes: these tests are about where the computer is.
const zone = process.env.TZ;
const inZone = (tz: string) => {
  process.env.TZ = tz;
};
beforeAll(() => inZone('Asia/Bangkok'));
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('momentAnswer', () => {
  it('keeps a day alone as the day', () => {
    expect(momentAnswer('2025-10-15')).toBe('2025-10-15');
  });

  it("writes a typed time with this computer's offset on that day, as core takes it", () => {
    expect(momentAnswer('2025-10-15T13:00')).toBe('2025-10-15T13:00:00+07:00');
    inZone('Europe/Berlin');
    expect(momentAnswer('2025-01-15T09:30')).toBe('2025-01-15T09:30:00+01:00');
    expect(momentAnswer('2025-07-15T09:30')).toBe('2025-07-15T09:30:00+02:00');
    inZone('America/St_Johns');
    expect(momentAnswer('2025-01-15T23:59')).toBe('2025-01-15T23:59:00-03:30');
    inZone('Asia/Bangkok');
  });

  it('keeps the offset an imported answer was written with', () => {
    expect(momentAnswer('2025-10-15T09:00:00+07:00')).toBe('2025-10-15T09:00:00+07:00');
    expect(momentAnswer('2025-10-15T02:00:00Z')).toBe('2025-10-15T02:00:00Z');
  });

  it('says what is wrong: no date, no calendar day, a skipped hour, a text that is no time', () => {
    expect(momentAnswer('T10:00')).toEqual({ problem: 'Enter the date of that time as YYYY-MM-DD.' });
    expect(momentAnswer('2025-02-30')).toEqual({ problem: 'Enter a date as YYYY-MM-DD.' });
    expect(momentAnswer('yesterday')).toEqual({ problem: 'Enter a date as YYYY-MM-DD.' });
    expect(momentAnswer('2025-10-15T25:00')).toEqual({ problem: 'Enter the time as hh:mm.' });
    inZone('Europe/Berlin');
    expect(momentAnswer('2025-03-30T02:30')).toEqual({
      problem:
        '02:30 did not happen on 2025-03-30 here: the clocks went forward. Enter the time the clock showed.',
    });
    inZone('Asia/Bangkok');
  });
});

describe('momentParts and joinMoment', () => {
  it('split the form text and put it back, the time left out when cleared', () => {
    expect(momentParts('2025-10-15T09:00:00+07:00')).toEqual({
      date: '2025-10-15',
      time: '09:00:00',
      offset: '+07:00',
    });
    expect(momentParts('2025-10-15')).toEqual({ date: '2025-10-15', time: '', offset: '' });
    expect(joinMoment({ date: '2025-10-16', time: '09:00:00', offset: '+07:00' })).toBe(
      '2025-10-16T09:00:00+07:00',
    );
    expect(joinMoment({ date: '2025-10-16', time: '', offset: '+07:00' })).toBe('2025-10-16');
    expect(joinMoment({ date: '', time: '10:00', offset: '' })).toBe('T10:00');
  });
});

describe('zoneOf', () => {
  it('names the offset of an answer with a time, and nothing for a day', () => {
    expect(zoneOf('2025-10-15T13:00:00+07:00')).toBe('UTC+07:00');
    expect(zoneOf('2025-10-15T02:00:00Z')).toBe('UTC');
    expect(zoneOf('2025-10-15')).toBeUndefined();
  });
});

describe('a time of enrolment, screened', () => {
  const compiled = compile(source, { name: 'NCT02894840.elig' });
  if (!compiled.ok) throw new Error('NCT02894840 does not compile');
  const fields = questionFields(compiled.protocol.info);

  // A fever of 38.6 °C at 14:00 (UTC+07:00) three days before: 72 hours before an enrolment at
  // 13:00 it is inside the window, before one at 15:00 outside it, and a day alone leaves it open.
  it.each([
    ['2025-10-15', 'unknown', 'undetermined'],
    ['2025-10-15T13:00', 'met', 'ineligible'],
    ['2025-10-15T15:00', 'not_met', 'eligible'],
  ])('enrolment %s: EX-8.a %s, %s', (typed, status, verdict) => {
    const { answers, problems } = formAnswers(fields, { enrollment_datetime: typed });
    expect(problems).toEqual({});
    const request = { ...example, answers: { ...example.answers, ...answers } } as ScreeningRequest;
    const screened = screenLocally(compiled.protocol, request);
    if (!screened.ok) throw new Error(JSON.stringify(screened.problems));
    const cohort = screened.screening.cohorts[0]!;
    expect(cohort.criteria.find((c) => c.id === 'EX-8.a')?.status).toBe(status);
    expect(cohort.verdict).toBe(verdict);
  });
});
