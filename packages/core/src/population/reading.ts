import { egfrRange } from '../calculators/ckdEpi';
import { yearsBetweenKeys } from '../decide/age';
import { pickLatest } from '../decide/latest';
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
import { conversionTo } from '../evaluate/read';
import { dayFromIso, dayKey } from '../time/dates';
import { applyLine } from '../units/ucum';
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
}

/** Reads a value node for patient i of the batch it was bound to (the closure form). */
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
    // Ages in months are read patient by patient, on the object evaluator.
    case 'age':
      return !v.months;
    case 'lab':
    case 'qty':
    case 'limit':
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
        if (out.at !== i) readSex(columns, i, out);
        return out;
      };
    }
    case 'ckd':
      return ckdReader(v, ctx, memo, out);
    default:
      throw new Error(`the population path reads no '${v.k}' values from columns`);
  }
}

/**
 * A lab's columns bound to a batch: the arrays, a conversion (factor and offset) and an output unit
 * per reported unit, the window's first day.
 */
export interface LabColumns {
  readonly c: ResultColumns;
  /** NaN where the unit does not convert. */
  readonly factors: Float64Array;
  /** Non-zero only across an offset scale (a temperature in [degF] for an element in Cel). */
  readonly offsets: Float64Array;
  readonly unitOut: readonly (string | undefined)[];
  readonly from: number;
  /**
   * Every row is a plain number dated to one day, and no window applies: the result in use is then
   * simply the latest row on or before the screening date (`readPlainLab`). Worked out per batch
   * from the rows themselves, as a columnar store keeps statistics per chunk.
   */
  readonly plain: boolean;
}

export function labColumns(
  el: Element,
  window: Window | undefined,
  batch: PopulationBatch,
): LabColumns | undefined {
  const c = batch.elements[el.id];
  if (c === undefined || c.kind !== 'results') return undefined;
  // One conversion per unit the batch's results use, from UCUM through the element's cache.
  const conversions = c.units.map((u) =>
    el.unit === undefined || u === el.unit || u === ''
      ? { factor: 1, offset: 0 }
      : conversionTo(el, u, el.unit),
  );
  return {
    c,
    factors: Float64Array.from(conversions, (k) => k?.factor ?? Number.NaN),
    offsets: Float64Array.from(conversions, (k) => k?.offset ?? 0),
    unitOut: c.units.map((u) => el.unit ?? u),
    from: window === undefined ? NO_DAY : dayFromIso(windowStart(batch.asOf, window)),
    plain: window === undefined && (c.plain ?? plainRows(c)),
  };
}

function plainRows(c: ResultColumns): boolean {
  const { dayLo, dayHi, comparator, code } = c;
  for (let j = 0; j < dayLo.length; j++) {
    if (dayLo[j] === NO_DAY || dayLo[j] !== dayHi[j] || comparator[j] !== 0 || code[j] !== 0) return false;
  }
  return true;
}

/**
 * `readLab` for a batch whose rows are all plain (`LabColumns.plain`): the same reading, with the
 * steps that cannot apply left out.
 */
export function readPlainLab(lab: LabColumns, asOf: number, i: number, out: ColReading): void {
  out.at = i;
  out.state = NONE;
  out.code = undefined;
  const c = lab.c;
  const dayLo = c.dayLo;
  let j = -1;
  let best = 0;
  for (let row = c.offsets[i]!, end = c.offsets[i + 1]!; row < end; row++) {
    const day = dayLo[row]!;
    // The later row wins a tie, as records are appended as they arrive.
    if (day <= asOf && (j < 0 || day >= best)) {
      j = row;
      best = day;
    }
  }
  if (j < 0) return;
  out.dayLo = best;
  out.dayHi = best;
  // The rest repeats `readLab`'s on purpose: sharing it through a helper measured about 8 % slower
  // across the population path, the helper not being inlined into each lab's reader.
  const x = c.value[j]!;
  if (!Number.isFinite(x)) return;
  const u = c.unit[j]!;
  const f = lab.factors[u]!;
  out.unit = lab.unitOut[u];
  if (Number.isNaN(f)) {
    out.state = BAD_UNIT;
    return;
  }
  const o = lab.offsets[u]!;
  const value = applyLine(f, o, x);
  out.lo = value;
  out.hi = value;
  out.loOpen = false;
  out.hiOpen = false;
  out.high = applyLine(f, o, c.high[j]!);
  out.low = applyLine(f, o, c.low[j]!);
  out.state = OK;
}

function labReader(el: Element, window: Window | undefined, ctx: BatchContext, out: ColReading): ValReader {
  const lab = labColumns(el, window, ctx.batch);
  if (lab === undefined) return () => out;
  const asOf = ctx.asOf;
  const read = lab.plain ? readPlainLab : readLab;
  return (i) => {
    if (out.at !== i) read(lab, asOf, i, out);
    return out;
  };
}

/**
 * Fills `out` with patient i's result in use, converted to the element's unit. Only the fields a
 * reading of its state uses are written: a reader looks at the state first.
 */
export function readLab(lab: LabColumns, asOf: number, i: number, out: ColReading): void {
  out.at = i;
  out.state = NONE;
  out.code = undefined;
  const c = lab.c;
  const first = c.offsets[i]!;
  const end = c.offsets[i + 1]!;
  if (first === end) return;
  let j = first;
  let dayLo = c.dayLo[j]!;
  let dayHi = c.dayHi[j]!;
  if (end - first === 1 && dayLo !== NO_DAY && dayLo === dayHi && lab.from === NO_DAY) {
    // One result dated to a day, no window: the common case, decided without the general rule.
    if (dayLo > asOf) return;
  } else {
    j = pickLatest(c.dayLo, c.dayHi, first, end, asOf, lab.from);
    if (j < 0) {
      if (j === -2) out.state = AMBIGUOUS;
      return;
    }
    dayLo = c.dayLo[j]!;
    dayHi = c.dayHi[j]!;
  }
  out.dayLo = dayLo === NO_DAY ? asOf : dayLo;
  out.dayHi = dayLo === NO_DAY ? asOf : dayHi;
  const code = c.code[j]!;
  if (code !== 0) {
    out.code = c.codes[code - 1];
    out.state = OK;
    return;
  }
  const x = c.value[j]!;
  if (!Number.isFinite(x)) return;
  const u = c.unit[j]!;
  const f = lab.factors[u]!;
  out.unit = lab.unitOut[u];
  if (Number.isNaN(f)) {
    out.state = BAD_UNIT;
    return;
  }
  const o = lab.offsets[u]!;
  const value = applyLine(f, o, x);
  out.lo = value;
  out.hi = value;
  out.loOpen = false;
  out.hiOpen = false;
  const comparator = c.comparator[j]!;
  if (comparator !== 0) {
    const cmp = COMPARATORS[comparator];
    if (cmp === '<' || cmp === '<=') {
      out.lo = Number.NEGATIVE_INFINITY;
      out.loOpen = true;
      out.hiOpen = cmp === '<';
    } else {
      out.hi = Number.POSITIVE_INFINITY;
      out.hiOpen = true;
      out.loOpen = cmp === '>';
    }
  }
  out.high = applyLine(f, o, c.high[j]!);
  out.low = applyLine(f, o, c.low[j]!);
  out.state = OK;
}

/** Completed years on a day from the birth date's earliest and latest day; false without a birth date. */
let ageMin = 0;
let ageMax = 0;
function agesOn(birth: DateColumns | undefined, i: number, onKey: number): boolean {
  if (birth === undefined) return false;
  const bLo = birth.dayLo[i]!;
  if (bLo === NO_DAY) return false;
  if (keyedBirth !== birth || keyedRow !== i) {
    // The age on the screening date and on the creatinine's date come from one birth date: its
    // calendar fields are worked out once per patient.
    keyedBirth = birth;
    keyedRow = i;
    birthKeyLo = keyOf(bLo);
    const bHi = birth.dayHi[i]!;
    birthKeyHi = bHi === bLo ? birthKeyLo : keyOf(bHi);
  }
  // Born late in the range is youngest.
  ageMax = yearsBetweenKeys(birthKeyLo, onKey);
  ageMin = birthKeyHi === birthKeyLo ? ageMax : yearsBetweenKeys(birthKeyHi, onKey);
  return true;
}

/**
 * `dayKey` looked up: the days of 1900–2099 (where nearly every birth and result falls) are
 * worked out once each, on first use, and kept in a table of 292 KB.
 */
const KEYS_FROM = -25567; // 1900-01-01
const KEYS = 73049;
let keys: Int32Array | undefined;
function keyOf(day: number): number {
  const at = day - KEYS_FROM;
  if (at < 0 || at >= KEYS) return dayKey(day);
  // Made on the first population screened, not when the module loads (browsers load it too).
  keys ??= new Int32Array(KEYS);
  let key = keys[at]!;
  if (key === 0) {
    key = dayKey(day);
    keys[at] = key;
  }
  return key;
}

let keyedBirth: DateColumns | undefined;
let keyedRow = -1;
let birthKeyLo = 0;
let birthKeyHi = 0;

function ageReader(birth: DateColumns | undefined, ctx: BatchContext, out: ColReading): ValReader {
  return (i) => {
    if (out.at !== i) readAge(birth, ctx.asOf, ctx.asOfKey, i, out);
    return out;
  };
}

export function readAge(
  birth: DateColumns | undefined,
  asOf: number,
  asOfKey: number,
  i: number,
  out: ColReading,
): void {
  out.at = i;
  out.state = NONE;
  out.code = undefined;
  if (!agesOn(birth, i, asOfKey)) return;
  out.lo = ageMin;
  out.hi = ageMax;
  out.loOpen = false;
  out.hiOpen = false;
  out.dayLo = asOf;
  out.dayHi = asOf;
  out.state = OK;
}

export function readSex(columns: CodeColumns | undefined, i: number, out: ColReading): void {
  out.at = i;
  out.state = NONE;
  out.code = undefined;
  const code = columns === undefined ? 0 : columns.code[i]!;
  if (code !== 0) {
    out.code = columns!.codes[code - 1];
    out.state = OK;
  }
}

/** The constants of a CKD-EPI node: its version, the creatinine factor to mg/dL and its unit. */
export interface CkdConstants {
  readonly v2021: boolean;
  readonly toMgDl: number;
  readonly unit: string | undefined;
}

function ckdReader(
  v: Extract<Val, { k: 'ckd' }>,
  ctx: BatchContext,
  memo: Map<Val, ValReader>,
  out: ColReading,
): ValReader {
  const creatinine = bindVal(v.creatinine, ctx, memo);
  const sexes = ctx.batch.elements[v.sex.id] as CodeColumns | undefined;
  const birth = ctx.batch.elements[v.birth.id] as DateColumns | undefined;
  const constants: CkdConstants = { v2021: v.version === '2021', toMgDl: v.toMgDl, unit: v.unit };
  return (i) => {
    if (out.at !== i) readCkd(constants, creatinine(i), sexes, birth, i, out);
    return out;
  };
}

/** CKD-EPI from the creatinine in use, with the age on its date: the object evaluator's `ckdOf` on columns. */
export function readCkd(
  k: CkdConstants,
  scr: ColReading,
  sexes: CodeColumns | undefined,
  birth: DateColumns | undefined,
  i: number,
  out: ColReading,
): void {
  out.at = i;
  out.code = undefined;
  out.dayLo = scr.dayLo;
  out.dayHi = scr.dayHi;
  if (scr.state !== OK || scr.code !== undefined) {
    out.state = scr.state === NONE ? NONE : scr.state === AMBIGUOUS ? AMBIGUOUS : UNDECIDED;
    return;
  }
  const code = sexes === undefined ? 0 : sexes.code[i]!;
  const sex = code === 0 ? undefined : sexes!.codes[code - 1];
  if ((sex !== 'male' && sex !== 'female') || !agesOn(birth, i, keyOf(scr.dayLo))) {
    out.state = UNDECIDED;
    return;
  }
  const youngest = ageMin;
  let oldest = ageMax;
  if (scr.dayHi !== scr.dayLo) {
    agesOn(birth, i, keyOf(scr.dayHi));
    oldest = ageMax;
  }
  const egfr = egfrRange(k.v2021, sex, scr.lo * k.toMgDl, scr.hi * k.toMgDl, youngest, oldest);
  out.lo = egfr.lo;
  out.hi = egfr.hi;
  out.loOpen = scr.hiOpen;
  out.hiOpen = scr.loOpen;
  out.unit = k.unit;
  out.state = Number.isFinite(out.lo) || Number.isFinite(out.hi) ? OK : UNDECIDED;
}
