import { FALSE, TRUE, type Tri, UNKNOWN } from '../evaluate/ir';
import { addDuration, HOUR_MS } from '../time/dates';
import { NO_DAY, type RecordTruth, SKIP } from './records';

/**
 * Windows before an anchor day (`within 14 days before screening`, `within 72 hours before
 * first_dose`), on day numbers. The anchor is known between `anchorLo` and `anchorHi` (a partial
 * date); a record's day between its own two. A window starts `sure` at the latest (every reading of
 * the anchor reaches back at least to it) and `may` at the earliest.
 *
 * Hours are judged on moments when both the record and the anchor give a time of day with its
 * offset (`momentWithin`). Otherwise they are judged on the calendar days written: a record on day
 * d is surely within H hours before day A when even its earliest moment is (A − d + 1 days ≤ H),
 * possibly when its latest moment may be (A − d − 1 days < H).
 *
 * A strict window (`within less than D`) leaves out the day exactly D from the anchor (the
 * calendar's, so 6 months before 15 October is 15 April), and in hours the moment exactly H hours
 * away: a record on day d is then surely within when A − d + 1 days < H, and possibly when
 * A − d − 1 days < H as before (its latest moment is just short of the next day).
 */
export interface WindowLength {
  readonly amount: number;
  readonly unit: 'hour' | 'day' | 'week' | 'month' | 'year';
  /** `within less than D`: the far end of the window is outside it. */
  readonly strict?: boolean | undefined;
}

/** The first day of the window at the latest: records from it to `anchorLo` are surely within. */
export function windowSure(anchorHi: number, w: WindowLength): number {
  if (w.unit === 'hour') {
    return w.strict ? anchorHi + 2 - Math.ceil(w.amount / 24) : anchorHi + 1 - Math.floor(w.amount / 24);
  }
  return addDuration(anchorHi, -w.amount, w.unit) + (w.strict ? 1 : 0);
}

/** The first day of the window at the earliest: records before it are surely outside. */
export function windowMay(anchorLo: number, w: WindowLength): number {
  if (w.unit === 'hour') return anchorLo - Math.ceil(w.amount / 24);
  return addDuration(anchorLo, -w.amount, w.unit) + (w.strict ? 1 : 0);
}

/**
 * An event dated between dateLo and dateHi (a procedure, a condition's onset) within the window
 * from `sure`/`may` to the anchor: true when every reading of both dates puts it inside, false
 * when none does. An undated event cannot be placed.
 */
export function eventWithin(
  dateLo: number,
  dateHi: number,
  sure: number,
  may: number,
  anchorLo: number,
  anchorHi: number,
): Tri {
  if (dateLo === NO_DAY) return UNKNOWN;
  if (dateLo >= sure && dateHi <= anchorLo) return TRUE;
  if (dateHi >= may && dateLo <= anchorHi) return UNKNOWN;
  return FALSE;
}

/** A record dated after the screening date is not known at screening: it does not count. */
export function eventWithinRecord(
  dateLo: number,
  dateHi: number,
  asOf: number,
  sure: number,
  may: number,
  anchorLo: number,
  anchorHi: number,
  confirmed: boolean,
  unclassified: boolean,
): RecordTruth {
  if (dateLo !== NO_DAY && dateLo > asOf) return SKIP;
  const t = eventWithin(dateLo, dateHi, sure, may, anchorLo, anchorHi);
  return t === TRUE && (!confirmed || unclassified) ? UNKNOWN : t;
}

/**
 * The last day of a window after an anchor day, at the earliest: dates from `anchorHi` to it are
 * surely within. In hours, a date on day d is surely within H hours after day A when even its
 * latest moment is (d − A + 1 days ≤ H; strictly less in a strict window).
 */
export function windowSureEnd(anchorLo: number, w: WindowLength): number {
  if (w.unit === 'hour') {
    return w.strict ? anchorLo - 2 + Math.ceil(w.amount / 24) : anchorLo - 1 + Math.floor(w.amount / 24);
  }
  return addDuration(anchorLo, w.amount, w.unit) - (w.strict ? 1 : 0);
}

/** The last day of a window after an anchor day, at the latest: dates after it are surely outside. */
export function windowMayEnd(anchorHi: number, w: WindowLength): number {
  if (w.unit === 'hour') return anchorHi + Math.ceil(w.amount / 24);
  return addDuration(anchorHi, w.amount, w.unit) - (w.strict ? 1 : 0);
}

/**
 * `Q within D before A`, `Q within D after A`: a date (known between dateLo and dateHi) in the
 * window that ends (or, after, starts) on the anchor day. The window's length is known between
 * `shortest` and `longest` (a length computed from values may be a range; `longest` undefined
 * when it is not known at all): a date the shortest window holds under every reading is within,
 * one no reading of the longest can reach is not. The anchor day itself is in both windows.
 */
export function dateInWindow(
  dateLo: number,
  dateHi: number,
  anchorLo: number,
  anchorHi: number,
  shortest: WindowLength,
  longest: WindowLength | undefined,
  after: boolean,
): Tri {
  if (!after) {
    const sure = windowSure(anchorHi, shortest);
    const may = longest === undefined ? Number.NEGATIVE_INFINITY : windowMay(anchorLo, longest);
    return eventWithin(dateLo, dateHi, sure, may, anchorLo, anchorHi);
  }
  const sureEnd = windowSureEnd(anchorLo, shortest);
  const mayEnd = longest === undefined ? Number.POSITIVE_INFINITY : windowMayEnd(anchorHi, longest);
  if (dateLo >= anchorHi && dateHi <= sureEnd) return TRUE;
  if (dateHi >= anchorLo && dateLo <= mayEnd) return UNKNOWN;
  return FALSE;
}

/**
 * A moment within `hours` before the anchor moment, both ends included (milliseconds since the
 * epoch, so offsets are already accounted for): 72 hours before 09:00 includes 09:00 three days
 * earlier, and a record timed after the anchor is not before it. In a strict window (`within less
 * than 72 hours`) 09:00 three days earlier is outside.
 */
export function momentWithin(at: number, anchorAt: number, hours: number, strict = false): Tri {
  const from = anchorAt - hours * HOUR_MS;
  return at <= anchorAt && (strict ? at > from : at >= from) ? TRUE : FALSE;
}

/** A timed event (a condition's onset, a procedure) against a timed anchor: eventWithinRecord on moments. */
export function eventAtMoment(
  day: number,
  asOf: number,
  at: number,
  anchorAt: number,
  hours: number,
  confirmed: boolean,
  unclassified: boolean,
  strict = false,
): RecordTruth {
  if (day > asOf) return SKIP;
  const t = momentWithin(at, anchorAt, hours, strict);
  return t === TRUE && (!confirmed || unclassified) ? UNKNOWN : t;
}
