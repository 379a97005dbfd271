import { ckdEpi2009, ckdEpi2021 } from '../calculators/ckdEpi';
import {
  AMBIGUOUS,
  BAD_UNIT,
  type Element,
  NONE,
  OK,
  UNDECIDED,
  type Val,
  type Window,
} from '../evaluate/ir';
import { windowStart } from '../evaluate/patient';
import { factorTo } from '../evaluate/read';
import { dayFromIso, dayKey } from '../time/dates';
import {
  COMPARATORS,
  type CodeColumns,
  type DateColumns,
  NO_DAY,
  type PopulationBatch,
  type ResultColumns,
} from './columns';

/**
 * What a value node read for one patient of a batch: the object evaluator's `Reading` with days as
 * numbers. Field names match it where the shared comparison and positivity rules read them.
 */
export class ColReading {
  /** The patient read; readings are cached per patient. */
  at = -1;
  state = NONE;
  lo = 0;
  hi = 0;
  loOpen = false;
  hiOpen = false;
  dayLo = 0;
  dayHi = 0;
  high = Number.NaN;
  low = Number.NaN;
  code: string | undefined = undefined;
  unit: string | undefined = undefined;

  reset(): void {
    this.state = NONE;
    this.lo = 0;
    this.hi = 0;
    this.loOpen = false;
    this.hiOpen = false;
    this.dayLo = 0;
    this.dayHi = 0;
    this.high = Number.NaN;
    this.low = Number.NaN;
    this.code = undefined;
    this.unit = undefined;
  }
}

/** Reads a value node for patient i of the batch it was bound to; undefined when the node is not column-readable. */
export type ValReader = (i: number) => ColReading;

/** The batch-wide facts every reader needs. */
export interface BatchContext {
  readonly batch: PopulationBatch;
  readonly asOf: number;
  readonly asOfKey: number;
}

export function batchContext(batch: PopulationBatch): BatchContext {
  const asOf = dayFromIso(batch.asOf);
  return { batch, asOf, asOfKey: dayKey(asOf) };
}

/** Whether every value under a node can be read from columns (the rest goes through the object evaluator). */
export function columnReadable(v: Val): boolean {
  switch (v.k) {
    case 'lab':
    case 'qty':
    case 'limit':
    case 'age':
    case 'sex':
    case 'answer':
    case 'date':
      return true;
    case 'ckd':
      return columnReadable(v.creatinine);
    case 'define':
      return columnReadable(v.body);
    default:
      return false;
  }
}

/** Binds a value node to a batch. Each binding has its own readings, cached per patient index. */
export function bindVal(v: Val, ctx: BatchContext, memo: Map<Val, ValReader>): ValReader {
  let reader = memo.get(v);
  if (reader === undefined) {
    reader = makeReader(v, ctx, memo);
    memo.set(v, reader);
  }
  return reader;
}

function makeReader(v: Val, ctx: BatchContext, memo: Map<Val, ValReader>): ValReader {
  const out = new ColReading();
  switch (v.k) {
    case 'define':
      return bindVal(v.body, ctx, memo);
    case 'qty':
      out.state = OK;
      out.lo = v.out.lo;
      out.hi = v.out.hi;
      out.unit = v.unit;
      return () => out;
    case 'limit':
    case 'answer':
    case 'date':
      // A limit is read from the other side; a population has no answers; a date value reads nothing.
      return () => out;
    case 'lab':
      return labReader(v.el, v.window, ctx, out);
    case 'age':
      return ageReader(ctx.batch.elements[v.birth.id] as DateColumns | undefined, ctx, out);
    case 'sex': {
      const columns = ctx.batch.elements[v.el.id] as CodeColumns | undefined;
      return (i) => {
        out.reset();
        const code = columns === undefined ? 0 : columns.code[i]!;
        if (code !== 0) {
          out.code = columns!.codes[code - 1];
          out.state = OK;
        }
        return out;
      };
    }
    case 'ckd':
      return ckdReader(v, ctx, memo, out);
    default:
      throw new Error(`the population path reads no '${v.k}' values from columns`);
  }
}

function labReader(el: Element, window: Window | undefined, ctx: BatchContext, out: ColReading): ValReader {
  const c = ctx.batch.elements[el.id] as ResultColumns | undefined;
  if (c === undefined || c.kind !== 'results') return () => out;
  const asOf = ctx.asOf;
  const from = window === undefined ? NO_DAY : dayFromIso(windowStart(ctx.batch.asOf, window));
  // One factor per unit the batch's results use, from UCUM through the element's cache.
  const factors = c.units.map((u) =>
    el.unit === undefined || u === el.unit || u === '' ? 1 : factorTo(el, u, el.unit),
  );
  const { offsets, dayLo, dayHi, value, unit, code, comparator, high, low } = c;
  return (i) => {
    if (out.at === i) return out;
    out.at = i;
    out.reset();
    const first = offsets[i]!;
    const end = offsets[i + 1]!;
    if (first === end) return out;
    const j = pickLatest(dayLo, dayHi, first, end, asOf, from);
    if (j === -1) return out;
    if (j === -2) {
      out.state = AMBIGUOUS;
      return out;
    }
    out.dayLo = dayLo[j] === NO_DAY ? asOf : dayLo[j]!;
    out.dayHi = dayHi[j] === NO_DAY ? asOf : dayHi[j]!;
    if (code[j] !== 0) {
      out.code = c.codes[code[j]! - 1];
      out.state = OK;
      return out;
    }
    const x = value[j]!;
    if (!Number.isFinite(x)) return out;
    const f = factors[unit[j]!]!;
    out.unit = el.unit ?? c.units[unit[j]!];
    if (Number.isNaN(f)) {
      out.state = BAD_UNIT;
      return out;
    }
    out.lo = x * f;
    out.hi = out.lo;
    const cmp = COMPARATORS[comparator[j]!];
    if (cmp === '<' || cmp === '<=') {
      out.lo = Number.NEGATIVE_INFINITY;
      out.loOpen = true;
      out.hiOpen = cmp === '<';
    } else if (cmp === '>' || cmp === '>=') {
      out.hi = Number.POSITIVE_INFINITY;
      out.hiOpen = true;
      out.loOpen = cmp === '>';
    }
    out.high = high[j]! * f;
    out.low = low[j]! * f;
    out.state = OK;
    return out;
  };
}

const OUTSIDE = 0;
const INSIDE = 1;
const STRADDLES = 2;
let lo = 0;
let hi = 0;

function placeOf(dayLo: Int32Array, dayHi: Int32Array, j: number, asOf: number, from: number): number {
  lo = dayLo[j] === NO_DAY ? asOf : dayLo[j]!;
  hi = dayHi[j] === NO_DAY ? asOf : dayHi[j]!;
  if (lo > asOf) return OUTSIDE;
  if (from !== NO_DAY && hi < from) return OUTSIDE;
  if (hi > asOf || (from !== NO_DAY && lo < from)) return STRADDLES;
  return INSIDE;
}

/**
 * The result in use among rows [first, end): the latest on or before the screening date (the
 * later row on the same day), -1 when none, -2 when partial dates leave it open. The same rule
 * as the object evaluator's `pickLatest`, on day numbers.
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
    if (best < 0 || lo >= bestLo) {
      best = j;
      bestLo = lo;
    }
  }
  if (best < 0) return straddles ? -2 : -1;
  if (allDays && !straddles) return best;
  const bestHi = dayHi[best] === NO_DAY ? asOf : dayHi[best]!;
  for (let j = first; j < end; j++) {
    if (j === best) continue;
    const place = placeOf(dayLo, dayHi, j, asOf, from);
    if (place === OUTSIDE) continue;
    if (hi < bestLo) continue;
    if (place === INSIDE && lo === hi && bestLo === bestHi && lo === bestLo && j < best) continue;
    return -2;
  }
  return best;
}

/** Completed years on a day from the birth date's earliest and latest day; false without a birth date. */
let ageMin = 0;
let ageMax = 0;
function agesOn(birth: DateColumns | undefined, i: number, onKey: number): boolean {
  if (birth === undefined) return false;
  const bLo = birth.dayLo[i]!;
  if (bLo === NO_DAY) return false;
  const bHi = birth.dayHi[i]!;
  // Born late in the range is youngest.
  ageMax = Math.floor((onKey - dayKey(bLo)) / 10000);
  ageMin = bHi === bLo ? ageMax : Math.floor((onKey - dayKey(bHi)) / 10000);
  return true;
}

function ageReader(birth: DateColumns | undefined, ctx: BatchContext, out: ColReading): ValReader {
  return (i) => {
    if (out.at === i) return out;
    out.at = i;
    out.reset();
    if (!agesOn(birth, i, ctx.asOfKey)) return out;
    out.lo = ageMin;
    out.hi = ageMax;
    out.dayLo = ctx.asOf;
    out.dayHi = ctx.asOf;
    out.state = OK;
    return out;
  };
}

/** CKD-EPI from the creatinine in use, with the age on its date: the object evaluator's `ckdOf` on columns. */
function ckdReader(
  v: Extract<Val, { k: 'ckd' }>,
  ctx: BatchContext,
  memo: Map<Val, ValReader>,
  out: ColReading,
): ValReader {
  const creatinine = bindVal(v.creatinine, ctx, memo);
  const sexes = ctx.batch.elements[v.sex.id] as CodeColumns | undefined;
  const birth = ctx.batch.elements[v.birth.id] as DateColumns | undefined;
  const v2021 = v.version === '2021';
  const toMgDl = v.toMgDl;
  return (i) => {
    if (out.at === i) return out;
    out.at = i;
    out.reset();
    const scr = creatinine(i);
    out.dayLo = scr.dayLo;
    out.dayHi = scr.dayHi;
    if (scr.state !== OK || scr.code !== undefined) {
      out.state = scr.state === NONE ? NONE : scr.state === AMBIGUOUS ? AMBIGUOUS : UNDECIDED;
      return out;
    }
    const code = sexes === undefined ? 0 : sexes.code[i]!;
    const sex = code === 0 ? undefined : sexes!.codes[code - 1];
    if ((sex !== 'male' && sex !== 'female') || !agesOn(birth, i, dayKey(scr.dayLo))) {
      out.state = UNDECIDED;
      return out;
    }
    const youngest = ageMin;
    let oldest = ageMax;
    if (scr.dayHi !== scr.dayLo) {
      agesOn(birth, i, dayKey(scr.dayHi));
      oldest = ageMax;
    }
    const scrLo = scr.lo * toMgDl;
    const scrHi = scr.hi * toMgDl;
    if (scrLo === scrHi && youngest === oldest && scrLo > 0 && scrHi !== Number.POSITIVE_INFINITY) {
      const egfr = v2021 ? ckdEpi2021(scrLo, sex, youngest) : ckdEpi2009(scrLo, sex, youngest);
      out.lo = egfr;
      out.hi = egfr;
    } else {
      out.lo =
        scrHi === Number.POSITIVE_INFINITY
          ? 0
          : v2021
            ? ckdEpi2021(scrHi, sex, oldest)
            : ckdEpi2009(scrHi, sex, oldest);
      out.hi =
        scrLo <= 0
          ? Number.POSITIVE_INFINITY
          : v2021
            ? ckdEpi2021(scrLo, sex, youngest)
            : ckdEpi2009(scrLo, sex, youngest);
    }
    out.loOpen = scr.hiOpen;
    out.hiOpen = scr.loOpen;
    out.unit = v.unit;
    out.state = Number.isFinite(out.lo) || Number.isFinite(out.hi) ? OK : UNDECIDED;
    return out;
  };
}
