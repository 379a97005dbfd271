import { bmi } from '../calculators/bmi';
import { egfrRange } from '../calculators/ckdEpi';
import type { CalculatorArgument } from '../calculators/library';
import {
  ageRange,
  ageRangeInDays,
  ageRangeInMonths,
  completedYears,
  dayFromIso,
  formatDay,
  parseDate,
} from '../time/dates';
import { readDailyDose } from './dosing';
import { AMBIGUOUS, NONE, OK, type Reading, UNDECIDED, type Val } from './ir';
import type { Patient } from './patient';
import { readResult } from './read';
import { episodesOf, firstOnsetOf } from './records';

/**
 * Reads a value node for a patient into its `out` reading, once per patient. Derived values keep
 * the date of the result they come from, so `latest of` can choose between them.
 */
export function readVal(node: Val, patient: Patient): Reading {
  // A define shares its body's reading (and its once-per-patient cache).
  if (node.k === 'define') return readVal(node.body, patient);
  const out = node.out;
  if (out.epoch === patient.epoch) return out;
  out.epoch = patient.epoch;
  switch (node.k) {
    case 'qty':
    case 'limit':
      break;
    case 'lab':
      readResult(patient, node.el, node.window ? patient.windowStart(node.window) : undefined, out);
      break;
    case 'age':
      if (node.months) readAgeInMonths(patient, node.birth.id, out);
      else readAge(patient, node.birth.id, out);
      break;
    case 'ckd':
      readCkd(node, patient, out);
      break;
    case 'bmi':
      readBmi(node, patient, out);
      break;
    case 'latest':
      readLatestOf(node, patient, out);
      break;
    case 'calc':
      readCalc(node, patient, out);
      break;
    case 'arith':
      readArith(node, patient, out);
      break;
    case 'dose':
      readDailyDose(patient, node.el, node.table, out, node.window);
      break;
    case 'episodes': {
      out.reset();
      const [lo, hi] = episodesOf(patient, node.el, node.window);
      out.lo = lo;
      out.hi = hi;
      out.unit = node.unit;
      out.date = patient.asOf;
      out.dateHi = patient.asOf;
      out.state = OK;
      break;
    }
    case 'onset': {
      out.reset();
      const onset = firstOnsetOf(patient, node.el);
      if (onset) {
        out.date = formatDay(onset[0]);
        out.dateHi = formatDay(onset[1]);
        out.state = OK;
      }
      break;
    }
    case 'sex': {
      out.reset();
      const sex = patient.facts[node.el.id];
      if (typeof sex === 'string' && sex !== 'unknown') {
        out.code = sex;
        out.state = OK;
      }
      break;
    }
    case 'answer':
      readAnswer(patient, node.el.id, out);
      break;
    case 'date':
      out.reset();
      break;
  }
  return out;
}

function readAnswer(patient: Patient, id: string, out: Reading): void {
  out.reset();
  const answer = patient.answers[id];
  if (answer === undefined || answer === null) return;
  if (typeof answer === 'number') {
    out.setPoint(answer);
  } else if (typeof answer === 'boolean') {
    out.code = answer ? 'yes' : 'no';
  } else {
    out.code = answer.toLowerCase();
  }
  out.date = patient.asOf;
  out.dateHi = patient.asOf;
  out.state = OK;
}

const ageScratch = { min: 0, max: 0 };

/** The calendar fields of the last `YYYY-MM-DD` text read into it (NaN where a character is not a digit). */
class DayFields {
  text = '';
  y = Number.NaN;
  m = Number.NaN;
  d = Number.NaN;

  read(text: string): this {
    if (text !== this.text) {
      this.text = text;
      this.y = digits(text, 0, 4);
      this.m = digits(text, 5, 7);
      this.d = digits(text, 8, 10);
    }
    return this;
  }
}

/**
 * A patient's age is taken on the screening date (usually the same for every patient) and on the
 * creatinine's date, from one birth date: each kind of day keeps its own last fields, so each text
 * is split into fields once.
 */
const birthFields = new DayFields();
const screeningDayFields = new DayFields();
const recordDayFields = new DayFields();

/**
 * Age in completed years on a day; a partial birth date gives the range of possible ages. Full
 * dates are read field by field, which spares the batch path a date parse per patient. The
 * returned object is reused.
 */
function ageOn(birth: unknown, day: string, dayFields: DayFields): { min: number; max: number } | undefined {
  if (typeof birth !== 'string') return undefined;
  if (birth.length === 10 && day.length === 10 && birth.charCodeAt(4) === 45 && birth.charCodeAt(7) === 45) {
    const b = birthFields.read(birth);
    const on = dayFields.read(day);
    const age = completedYears(b.y, b.m, b.d, on.y, on.m, on.d);
    if (age >= 0 && Number.isInteger(age)) {
      ageScratch.min = age;
      ageScratch.max = age;
      return ageScratch;
    }
  }
  const range = parseDate(birth);
  if (!range) return undefined;
  return ageRange(range, dayFromIso(day));
}

/** The number written by the digits of text[from, to); NaN when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

function readAge(patient: Patient, birthId: string, out: Reading): void {
  out.reset();
  const age = ageOn(patient.facts[birthId], patient.asOf, screeningDayFields);
  if (!age) return;
  out.lo = age.min;
  out.hi = age.max;
  out.ageLo = age.min;
  out.ageHi = age.max;
  out.date = patient.asOf;
  out.dateHi = patient.asOf;
  out.state = OK;
}

/** Age in completed months on the screening date (a paediatric "6 to 59 months"). */
function readAgeInMonths(patient: Patient, birthId: string, out: Reading): void {
  out.reset();
  const birth = patient.facts[birthId];
  const range = typeof birth === 'string' ? parseDate(birth) : undefined;
  if (!range) return;
  const age = ageRangeInMonths(range, dayFromIso(patient.asOf));
  if (age.max < 0) return;
  out.lo = Math.max(0, age.min);
  out.hi = age.max;
  out.date = patient.asOf;
  out.dateHi = patient.asOf;
  out.state = OK;
}

function readCkd(node: Extract<Val, { k: 'ckd' }>, patient: Patient, out: Reading): void {
  ckdOf(node, patient, readVal(node.creatinine, patient), out);
}

/** CKD-EPI from one creatinine reading, with the age on that reading's date. */
export function ckdOf(
  node: Extract<Val, { k: 'ckd' }>,
  patient: Patient,
  scr: Pick<Reading, 'lo' | 'hi' | 'loOpen' | 'hiOpen' | 'date' | 'dateHi'> & Partial<Reading>,
  out: Reading,
): Reading {
  out.reset();
  out.date = scr.date;
  out.dateHi = scr.dateHi;
  out.record = scr.record;
  out.index = scr.index ?? -1;
  const state = scr.state ?? OK;
  if (state !== OK || scr.code !== undefined) {
    out.state = state === NONE ? NONE : state === AMBIGUOUS ? AMBIGUOUS : UNDECIDED;
    return out;
  }
  const sex = patient.facts[node.sex.id];
  const birth = patient.facts[node.birth.id];
  const early = ageOn(birth, scr.date, recordDayFields);
  if ((sex !== 'male' && sex !== 'female') || !early) {
    out.state = UNDECIDED;
    return out;
  }
  const youngest = early.min;
  const late = scr.dateHi === scr.date ? early : ageOn(birth, scr.dateHi, recordDayFields);
  if (!late) {
    out.state = UNDECIDED;
    return out;
  }
  const oldest = late.max;
  out.ageLo = youngest;
  out.ageHi = oldest;
  const egfr = egfrRange(
    node.version === '2021',
    sex,
    scr.lo * node.toMgDl,
    scr.hi * node.toMgDl,
    youngest,
    oldest,
  );
  out.lo = egfr.lo;
  out.hi = egfr.hi;
  out.loOpen = scr.hiOpen;
  out.hiOpen = scr.loOpen;
  out.unit = node.unit;
  out.state = Number.isFinite(out.lo) || Number.isFinite(out.hi) ? OK : UNDECIDED;
  return out;
}

function readBmi(node: Extract<Val, { k: 'bmi' }>, patient: Patient, out: Reading): void {
  out.reset();
  const w = readVal(node.weight, patient);
  const h = readVal(node.height, patient);
  // ISO days: the later of the two compares as the greater string.
  out.date = [w.date, h.date].sort()[1]!;
  out.dateHi = [w.dateHi, h.dateHi].sort()[1]!;
  if (w.state !== OK || h.state !== OK || w.code !== undefined || h.code !== undefined) {
    out.state = w.state === NONE || h.state === NONE ? NONE : UNDECIDED;
    return;
  }
  const hLo = h.lo * node.toM;
  const hHi = h.hi * node.toM;
  // BMI rises with weight and falls with height.
  out.lo = hHi === Number.POSITIVE_INFINITY ? 0 : bmi(w.lo * node.toKg, hHi);
  out.hi = hLo <= 0 ? Number.POSITIVE_INFINITY : bmi(w.hi * node.toKg, hLo);
  out.loOpen = w.loOpen || h.hiOpen;
  out.hiOpen = w.hiOpen || h.loOpen;
  out.unit = node.unit;
  out.state = OK;
}

/** The most recent alternative; on the same date the first listed wins; overlapping partial dates leave it open. */
function readLatestOf(node: Extract<Val, { k: 'latest' }>, patient: Patient, out: Reading): void {
  out.reset();
  let best = -1;
  let ambiguous = false;
  for (let i = 0; i < node.alts.length; i++) {
    const r = readVal(node.alts[i]!, patient);
    if (r.state === NONE) continue;
    if (r.state === AMBIGUOUS) {
      ambiguous = true;
      continue;
    }
    if (best < 0 || r.date > node.alts[best]!.out.date) best = i;
  }
  if (best < 0) {
    out.state = ambiguous ? AMBIGUOUS : NONE;
    return;
  }
  const chosen = node.alts[best]!.out;
  for (let i = 0; i < node.alts.length; i++) {
    if (i === best) continue;
    const r = node.alts[i]!.out;
    if (r.state === NONE || r.state === AMBIGUOUS) continue;
    const sameDay = r.date === r.dateHi && chosen.date === chosen.dateHi && r.date === chosen.date;
    if (r.dateHi >= chosen.date && !(sameDay && best < i)) {
      ambiguous = true;
    }
  }
  out.copyFrom(chosen, node.factors[best]!);
  out.chosen = best;
  out.unit = node.unit;
  // An alternative that may not be the latest, or another that may be later, leaves it open.
  if (ambiguous) out.state = AMBIGUOUS;
}

/** `unknown` once read: no data, or data that cannot decide. */
export function usable(r: Reading): boolean {
  return r.state === OK;
}

/** Each argument's low and high end, reused: a calculator reads its arguments without allocating. */
const lows: CalculatorArgument[] = [];
const highs: CalculatorArgument[] = [];

/**
 * A library calculator on the patient's values: quantities converted to the parameter's unit, sex,
 * the age on the date of the measured inputs (the latest of them), a yes/no answer. An argument
 * known only as an interval (a comparator, a partial date of birth) gives the result's interval
 * from the corners, each parameter being monotone (calculators/library.ts).
 */
function readCalc(node: Extract<Val, { k: 'calc' }>, patient: Patient, out: Reading): void {
  out.reset();
  const { def, args } = node;
  let date = '';
  let dateHi = '';
  let missing = false;
  let undecided = false;
  for (const arg of args) {
    if (arg.kind !== 'value') continue;
    const r = readVal(arg.val, patient);
    if (r.state === NONE) missing = true;
    else if (r.state !== OK) undecided = true;
    else if (r.date !== '') {
      if (r.date > date) date = r.date;
      if (r.dateHi > dateHi) dateHi = r.dateHi;
    }
  }
  out.date = date === '' ? patient.asOf : date;
  out.dateHi = dateHi === '' ? patient.asOf : dateHi;
  if (missing || undecided) {
    out.state = missing ? NONE : UNDECIDED;
    return;
  }
  let loOpen = false;
  let hiOpen = false;
  // With `range`, each argument's own ends; otherwise the corners, by each argument's direction.
  const own = def.range !== undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const p = def.parameters[i]!;
    const rising = own || def.monotone[i]! >= 0;
    if (arg.kind === 'value') {
      const r = arg.val.out;
      if (p.kind === 'boolean') {
        if (r.code !== 'yes' && r.code !== 'no') {
          out.state = UNDECIDED;
          return;
        }
        lows[i] = r.code === 'yes';
        highs[i] = r.code === 'yes';
        continue;
      }
      if (r.code !== undefined) {
        out.state = UNDECIDED;
        return;
      }
      // A calculator's quantities (a concentration, a mass, a length, an interval, a rate) are never
      // below 0: "< 0.5 mg/dL" is [0, 0.5), not (−∞, 0.5), and a formula is only monotone there.
      const lo = Math.max(0, r.lo * arg.factor);
      const hi = Math.max(0, r.hi * arg.factor);
      lows[i] = rising ? lo : hi;
      highs[i] = rising ? hi : lo;
      // An open end stays open only through an argument the result follows one way.
      const direction = def.monotone[i]!;
      if (direction !== 0) {
        const up = direction > 0;
        if (up ? r.loOpen : r.hiOpen) loOpen = true;
        if (up ? r.hiOpen : r.loOpen) hiOpen = true;
      }
    } else if (p.kind === 'sex') {
      const sex = patient.facts[arg.el.id];
      if (sex !== 'male' && sex !== 'female') {
        out.state = UNDECIDED;
        return;
      }
      lows[i] = sex;
      highs[i] = sex;
    } else if (p.kind === 'ageInDays') {
      const birth = patient.facts[arg.el.id];
      const range = typeof birth === 'string' ? parseDate(birth) : undefined;
      const days = range ? ageRangeInDays(range, dayFromIso(out.date), dayFromIso(out.dateHi)) : undefined;
      if (!days || Number.isNaN(days.min) || Number.isNaN(days.max)) {
        out.state = UNDECIDED;
        return;
      }
      lows[i] = rising ? days.min : days.max;
      highs[i] = rising ? days.max : days.min;
      out.ageLo = days.min;
      out.ageHi = days.max;
    } else {
      const birth = patient.facts[arg.el.id];
      const early = ageOn(birth, out.date, recordDayFields);
      if (!early) {
        out.state = UNDECIDED;
        return;
      }
      const youngest = early.min;
      const late = out.dateHi === out.date ? early : ageOn(birth, out.dateHi, recordDayFields);
      if (!late) {
        out.state = UNDECIDED;
        return;
      }
      lows[i] = rising ? youngest : late.max;
      highs[i] = rising ? late.max : youngest;
      out.ageLo = youngest;
      out.ageHi = late.max;
    }
  }
  lows.length = args.length;
  highs.length = args.length;
  let lo: number;
  let hi: number;
  if (def.range) [lo, hi] = def.range(lows, highs);
  else {
    lo = def.compute(lows);
    hi = def.compute(highs);
  }
  out.lo = Number.isNaN(lo) ? Number.NEGATIVE_INFINITY : lo;
  out.hi = Number.isNaN(hi) ? Number.POSITIVE_INFINITY : hi;
  // A reported (rounded) result reaches the rounding of an open end: its ends are closed.
  const rounded = def.reportedDecimals !== undefined;
  out.loOpen = loOpen && !rounded;
  out.hiOpen = hiOpen && !rounded;
  out.unit = node.unit;
  out.state = Number.isFinite(out.lo) || Number.isFinite(out.hi) ? OK : UNDECIDED;
}

/**
 * Arithmetic on two readings, as intervals: a value known only as `<0.5` stays an interval
 * through the calculation. Dated by the later operand (a constant has no date of its own). An
 * open end of an operand is taken as closed, which can only widen the result.
 */
function readArith(node: Extract<Val, { k: 'arith' }>, patient: Patient, out: Reading): void {
  out.reset();
  const l = readVal(node.l, patient);
  const r = readVal(node.r, patient);
  out.date = laterDay(l.date, r.date, patient.asOf);
  out.dateHi = laterDay(l.dateHi, r.dateHi, patient.asOf);
  if (l.state !== OK || r.state !== OK || l.code !== undefined || r.code !== undefined) {
    out.state = l.state === NONE || r.state === NONE ? NONE : UNDECIDED;
    return;
  }
  const f = node.factor;
  const a = l.lo;
  const b = l.hi;
  const c = r.lo * f;
  const d = r.hi * f;
  switch (node.op) {
    case '+':
      out.lo = a + c;
      out.hi = b + d;
      break;
    case '-':
      out.lo = a - d;
      out.hi = b - c;
      break;
    case '*':
      out.lo = Math.min(a * c, a * d, b * c, b * d);
      out.hi = Math.max(a * c, a * d, b * c, b * d);
      break;
    case '/':
      if (c <= 0 && d >= 0) {
        // A divisor that may be zero leaves the quotient without bounds.
        out.state = UNDECIDED;
        return;
      }
      out.lo = Math.min(a / c, a / d, b / c, b / d);
      out.hi = Math.max(a / c, a / d, b / c, b / d);
      break;
  }
  // 0 × ∞ (a bound at infinity times zero) has no value: the bound is open.
  if (Number.isNaN(out.lo)) out.lo = Number.NEGATIVE_INFINITY;
  if (Number.isNaN(out.hi)) out.hi = Number.POSITIVE_INFINITY;
  out.unit = node.unit;
  out.state = OK;
}

/** The later of two ISO days, either possibly '' (a constant); the screening date when both are. */
function laterDay(a: string, b: string, asOf: string): string {
  if (a === '' && b === '') return asOf;
  return a > b ? a : b;
}
