import { encounterStatusClass, FINISHED, NOT_HELD, STATUS_UNKNOWN } from '../decide/records';
import type { Element } from '../evaluate/ir';
import { ENCOUNTER_STATUSES } from '../population/columns';
import type { SqlContext } from './context';
import { literal } from './dialect';
import { maybe, type Period, periodWithin, ROW_PERIOD, type SpanSource, type SqlWindow } from './records';

/**
 * The encounter rules of decide/records.ts (encounterRecord, encounterWithinRecord, encounterSpans)
 * as SQL over one record row: exposures' rules, with the status deciding whether an encounter
 * counts at all and what a missing end means, and the class list which encounters are the
 * element's. Status words map to classes through encounterStatusClass itself.
 */

/**
 * Whether the status is of one of the classes, never NULL (a NULL would turn a `NOT` around it
 * into NULL too): a status not stated is under way, in none of the other classes.
 */
function statusIn(ctx: SqlContext, ...classes: number[]): string {
  const words = ENCOUNTER_STATUSES.filter((s) => s !== '' && classes.includes(encounterStatusClass(s)));
  return `(status IS NOT NULL AND status IN (${words.map((w) => literal(ctx.dialect, w)).join(', ')}))`;
}

/** The parts every encounter rule shares: which rows do not count, and which may not be the element's. */
function encounterParts(ctx: SqlContext, el: Element): { skip: string; open: string; implied: string } {
  const classes = el.classes;
  const otherClass =
    classes === undefined
      ? 'FALSE'
      : `(encounter_class IS NOT NULL AND encounter_class NOT IN (${classes.map((c) => literal(ctx.dialect, c)).join(', ')}))`;
  return {
    skip: `(${statusIn(ctx, NOT_HELD)} OR ${otherClass})`,
    open: classes === undefined ? 'unclassified = 1' : 'unclassified = 1 OR encounter_class IS NULL',
    // No end and not under way: finished (it ended by the screening date) or of unknown status.
    implied: `(end_lo IS NULL AND ${statusIn(ctx, FINISHED, STATUS_UNKNOWN)})`,
  };
}

/** decide/records.ts encounterRecord: an encounter started by the screening date. */
export function encounterRecordSql(ctx: SqlContext, el: Element): string {
  const asOf = ctx.asOf;
  const { skip, open } = encounterParts(ctx, el);
  const t = maybe(`(CASE WHEN start_lo IS NOT NULL AND start_hi > ${asOf} THEN 1 ELSE 2 END)`, open);
  return `CASE WHEN ${skip} OR (start_lo IS NOT NULL AND start_lo > ${asOf}) THEN NULL ELSE ${t} END`;
}

/** A day after every real one: the end of an encounter of unknown status, which may go on. */
const ENDLESS = 1_000_000_000;

/**
 * decide/records.ts encounterWithinRecord: under way at some time in the window before an anchor,
 * with the end its status implies when it gives none (the screening date when finished, none when
 * of unknown status). One without any date whose end is implied may have been at any time.
 */
export function encounterWithinRecordSql(ctx: SqlContext, el: Element, w: SqlWindow): string {
  const asOf = ctx.asOf;
  const { skip, open, implied } = encounterParts(ctx, el);
  const finished = statusIn(ctx, FINISHED);
  const impliedPeriod: Period = {
    ...ROW_PERIOD,
    endLo: 'start_lo',
    endHi: `(CASE WHEN ${finished} THEN ${asOf} ELSE ${ENDLESS} END)`,
  };
  return [
    `CASE WHEN ${skip} OR (start_lo IS NOT NULL AND start_lo > ${asOf}) THEN NULL`,
    `WHEN NOT ${implied} THEN ${periodWithin(ctx, ROW_PERIOD, w, open)}`,
    `WHEN start_lo IS NULL THEN (CASE WHEN ${finished} AND ${w.may} > ${asOf} THEN 0 ELSE 1 END)`,
    `ELSE ${periodWithin(ctx, impliedPeriod, w, open)} END`,
  ].join(' ');
}

/**
 * decide/records.ts encounterSpans: an exposure's spans, ending by the screening date when the
 * end is implied (at its longest; at its shortest only on the day it began), and with no certain
 * span when nothing is dated.
 */
export function encounterSpanSource(ctx: SqlContext, el: Element): SpanSource {
  const { skip, open, implied } = encounterParts(ctx, el);
  return {
    skip,
    open,
    endLo: `(CASE WHEN ${implied} THEN start_lo ELSE end_lo END)`,
    endHi: `(CASE WHEN ${implied} THEN ${ctx.asOf} ELSE end_hi END)`,
    noShortest: `(${implied} AND start_lo IS NULL)`,
  };
}
