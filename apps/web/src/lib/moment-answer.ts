import { DateAnswer } from '@eligo/core';
import { isDay } from './dates';

/**
 * A date question's answer as the form holds it, in parts: the day, the time of day (may be
 * empty) and the UTC offset that time is in. A time typed here has no offset: it is this
 * computer's clock, and gets this computer's offset on that day. An imported answer keeps its own.
 */
export interface MomentParts {
  readonly date: string;
  readonly time: string;
  readonly offset: string;
}

const SHAPE = /^(\d{4}-\d{2}-\d{2})?(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?)?$/;

export function momentParts(raw: string): MomentParts {
  const match = SHAPE.exec(raw.trim());
  if (!match) return { date: raw.trim(), time: '', offset: '' };
  return { date: match[1] ?? '', time: match[2] ?? '', offset: match[3] ?? '' };
}

/** The form's text for the parts; a day alone when no time is given. */
export function joinMoment(parts: MomentParts): string {
  return parts.time === '' ? parts.date : `${parts.date}T${parts.time}${parts.offset}`;
}

/**
 * The answer core takes for the form's text: `YYYY-MM-DD`, or with a time
 * `YYYY-MM-DDThh:mm:ss±hh:mm`, checked against core's own `DateAnswer`; or why it cannot be used.
 */
export function momentAnswer(raw: string): string | { problem: string } {
  const { date, time, offset } = momentParts(raw);
  if (!isDay(date))
    return {
      problem: time === '' ? 'Enter a date as YYYY-MM-DD.' : 'Enter the date of that time as YYYY-MM-DD.',
    };
  if (time === '') return date;
  const answer = offset === '' ? withLocalOffset(date, time) : `${date}T${time}${offset}`;
  if (typeof answer !== 'string') return answer;
  return DateAnswer.safeParse(answer).success ? answer : { problem: 'Enter the time as hh:mm.' };
}

/** `UTC+07:00` for an answer with a time of day, undefined for a day alone. */
export function zoneOf(answer: string): string | undefined {
  const offset = /T[0-9:.]+(Z|[+-]\d{2}:\d{2})$/.exec(answer)?.[1];
  if (offset === undefined) return undefined;
  return offset === 'Z' ? 'UTC' : `UTC${offset}`;
}

function withLocalOffset(date: string, time: string): string | { problem: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  if (h > 23 || min > 59) return { problem: 'Enter the time as hh:mm.' };
  // setFullYear, not the constructor, which reads years below 100 as 19xx.
  const at = new Date(2000, 0, 1);
  at.setFullYear(y, m - 1, d);
  at.setHours(h, min, 0, 0);
  // A time the clocks skipped (spring forward) comes back moved; a repeated one (fall back) is
  // read as its first occurrence, as the browser reads it.
  if (at.getHours() !== h || at.getMinutes() !== min)
    return {
      problem: `${time} did not happen on ${date} here: the clocks went forward. Enter the time the clock showed.`,
    };
  const east = -at.getTimezoneOffset();
  const hours = String(Math.floor(Math.abs(east) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(east) % 60).padStart(2, '0');
  const seconds = time.length === 5 ? ':00' : '';
  return `${date}T${time}${seconds}${east < 0 ? '-' : '+'}${hours}:${minutes}`;
}
