import { NO_DAY } from './records';

/**
 * The result in use, on day numbers: the latest dated on or before the screening date (and, with a
 * window, on or after its first day `from`), the later-listed on the same day. Every backend reads
 * a lab or test through this one rule: the object evaluator on its results' parsed dates, the
 * population path on its day columns.
 */

/** A day after every screening date: a result whose date cannot be read is never the one in use. */
export const UNREADABLE_DAY = 0x7fffffff;

const OUTSIDE = 0;
const INSIDE = 1;
const STRADDLES = 2;
/** The earliest and latest day of the last result placed; module state keeps placing allocation-free. */
let lo = 0;
let hi = 0;

/** Where row `j` falls: an undated result (NO_DAY) counts as of the screening date. */
function placeOf(dayLo: Int32Array, dayHi: Int32Array, j: number, asOf: number, from: number): number {
  lo = dayLo[j] === NO_DAY ? asOf : dayLo[j]!;
  hi = dayHi[j] === NO_DAY ? asOf : dayHi[j]!;
  if (lo > asOf) return OUTSIDE;
  if (from !== NO_DAY && hi < from) return OUTSIDE;
  if (hi > asOf || (from !== NO_DAY && lo < from)) return STRADDLES;
  return INSIDE;
}

/**
 * The row in use among rows [first, end): its index, -1 when none, -2 when partial dates leave it
 * open which result counts, or whether one counts at all.
 */
export function pickLatest(
  dayLo: Int32Array,
  dayHi: Int32Array,
  first: number,
  end: number,
  asOf: number,
  from: number,
): number {
  if (end - first === 1) {
    const place = placeOf(dayLo, dayHi, first, asOf, from);
    return place === INSIDE ? first : place === STRADDLES ? -2 : -1;
  }
  let best = -1;
  let bestLo = 0;
  let straddles = false;
  let allDays = true;
  for (let j = first; j < end; j++) {
    const place = placeOf(dayLo, dayHi, j, asOf, from);
    if (place === OUTSIDE) continue;
    if (place === STRADDLES) {
      straddles = true;
      continue;
    }
    if (lo !== hi) allDays = false;
    // Same day: the later-listed result wins (records are appended as they arrive).
    if (best < 0 || lo >= bestLo) {
      best = j;
      bestLo = lo;
    }
  }
  if (best < 0) return straddles ? -2 : -1;
  // When every candidate is dated to a day, the latest (later-listed on a tie) is certain: the
  // second pass below could only confirm it, so the common case of full dates skips it.
  if (allDays && !straddles) return best;
  for (let j = first; j < end; j++) {
    if (j === best) continue;
    const place = placeOf(dayLo, dayHi, j, asOf, from);
    if (place === OUTSIDE) continue;
    // Could this one be as late as the chosen one? Not when it is surely earlier, nor when it is
    // dated to the chosen one's first day and listed before it: on that day the chosen one wins
    // the tie, and on any later day it is later.
    if (hi < bestLo) continue;
    if (place === INSIDE && lo === hi && lo === bestLo && j < best) continue;
    return -2;
  }
  return best;
}
