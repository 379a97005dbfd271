import type { CompareOp } from '../ast';
import type { CalculatorDefinition } from '../calculators/library';
import type { EquivalenceTable } from '../codes/equivalents';
import type { ConditionMode } from '../decide/records';
import type { AnswerInfo, CodeFilterInfo, ElementKind } from '../protocol';
import { applyConversion, type Conversion } from '../units/ucum';

/**
 * The compiled form of a protocol's rules, shared by the explaining evaluator and the verdict-only
 * fast path: names resolved to elements, thresholds converted to the unit they are compared in,
 * and one scratch `Reading` per value node so that reading a patient allocates nothing.
 */

/** Three-valued truth as a small integer: the fast path passes these around without allocating. */
export type Tri = 0 | 1 | 2;
export const FALSE: Tri = 0;
export const TRUE: Tri = 1;
export const UNKNOWN: Tri = 2;

export type PositiveRule =
  | { readonly kind: 'limit'; readonly limit: 'ULN' | 'LLN' }
  | { readonly kind: 'threshold'; readonly value: number; readonly unit: string };

/**
 * A coded field the element filters on: `bodySite` (procedures), `reason` (medications), or a
 * lab result's reference range's `appliesTo` (`range for …`).
 */
export interface RecordFilter extends CodeFilterInfo {
  readonly field: 'bodySite' | 'reason' | 'appliesTo';
}

export interface Element {
  readonly index: number;
  readonly id: string;
  readonly label: string;
  /** The label without its parenthetical, for traces. */
  readonly name: string;
  readonly kind: ElementKind;
  readonly unit: string | undefined;
  readonly molarMass: number | undefined;
  readonly closedWorld: boolean;
  readonly positive: PositiveRule | undefined;
  readonly answer: AnswerInfo | undefined;
  /** For an encounter: the classes it takes (`class inpatient`); undefined, any. */
  readonly classes: readonly string[] | undefined;
  /** For a medication: the routes its exposures must have (`route oral`); undefined, any. */
  readonly routes: readonly string[] | undefined;
  /**
   * For a test or lab: the coded results it can classify, lower-cased (a lab's: positive and
   * negative). A result coded otherwise is a result whose value is not known.
   */
  readonly values: readonly string[] | undefined;
  /** For a procedure: its body-site filter (`site …`); for a medication: its reason filter (`for …`); for a lab: `range for …`. */
  readonly filter: RecordFilter | undefined;
  /** Conversions from reported units to `unit` (null: none), filled on first use. */
  readonly factors: Map<string, Conversion | null>;
}

/** What a value node read for the current patient. */
export const NONE = 0;
export const OK = 1;
/** Results exist but their dates cannot tell which one counts. */
export const AMBIGUOUS = 2;
/** The result in use has a unit that does not convert. */
export const BAD_UNIT = 3;
/** Computed from inputs of which one is missing or undecided. */
export const UNDECIDED = 4;

export class Reading {
  state = NONE;
  lo = 0;
  hi = 0;
  loOpen = false;
  hiOpen = false;
  /** Date of the result in use, earliest and latest possible day; '' for an undated constant. */
  date = '';
  dateHi = '';
  /** Reference limits of the same observation, in this value's unit; NaN when absent. */
  high = Number.NaN;
  low = Number.NaN;
  code: string | undefined = undefined;
  /** The unit of `lo`/`hi` (a test has no canonical unit: its result's own). */
  unit: string | undefined = undefined;
  /** The source record and its index in the element's facts, for explanations. */
  record: unknown = undefined;
  index = -1;
  /** For derived values: the age range used (CKD-EPI) or the alternative chosen (latest of). */
  ageLo = 0;
  ageHi = 0;
  chosen = -1;
  epoch = -1;

  reset(): void {
    this.state = NONE;
    this.lo = 0;
    this.hi = 0;
    this.loOpen = false;
    this.hiOpen = false;
    this.date = '';
    this.dateHi = '';
    this.high = Number.NaN;
    this.low = Number.NaN;
    this.code = undefined;
    this.unit = undefined;
    this.record = undefined;
    this.index = -1;
    this.chosen = -1;
  }

  setPoint(value: number): void {
    this.lo = value;
    this.hi = value;
    this.loOpen = false;
    this.hiOpen = false;
  }

  copyFrom(other: Reading, conversion: Conversion): void {
    this.state = other.state;
    this.lo = applyConversion(conversion, other.lo);
    this.hi = applyConversion(conversion, other.hi);
    this.loOpen = other.loOpen;
    this.hiOpen = other.hiOpen;
    this.date = other.date;
    this.dateHi = other.dateHi;
    this.high = applyConversion(conversion, other.high);
    this.low = applyConversion(conversion, other.low);
    this.code = other.code;
    this.unit = other.unit;
    this.record = other.record;
    this.index = other.index;
  }
}

export interface Window {
  readonly amount: number;
  readonly unit: 'hour' | 'day' | 'week' | 'month' | 'year';
  /** `within less than D`: the day (or moment) exactly D from the anchor is outside (decide/window.ts). */
  readonly strict?: boolean | undefined;
}

interface ValBase {
  readonly out: Reading;
  /** The unit of the node's value; undefined for codes and dates. */
  readonly unit: string | undefined;
}

export type Val =
  | (ValBase & { readonly k: 'lab'; readonly el: Element; readonly window: Window | undefined })
  | (ValBase & { readonly k: 'qty'; readonly value: number; readonly written: string })
  | (ValBase & { readonly k: 'limit'; readonly factor: number; readonly limit: 'ULN' | 'LLN' })
  | (ValBase & { readonly k: 'age'; readonly birth: Element; readonly months: boolean })
  | (ValBase & {
      readonly k: 'ckd';
      readonly version: '2021' | '2009';
      readonly creatinine: Val;
      readonly toMgDl: number;
      readonly sex: Element;
      readonly birth: Element;
    })
  | (ValBase & {
      readonly k: 'bmi';
      readonly weight: Val;
      readonly height: Val;
      readonly toKg: number;
      readonly toM: number;
    })
  | (ValBase & {
      readonly k: 'latest';
      readonly alts: readonly Val[];
      readonly factors: readonly Conversion[];
    })
  | (ValBase & {
      /** Arithmetic: for + and −, `factor` brings the right operand to the left's unit. */
      readonly k: 'arith';
      readonly op: '+' | '-' | '*' | '/';
      readonly l: Val;
      readonly r: Val;
      readonly factor: number;
    })
  | (ValBase & {
      /** A library calculator: per parameter a value (quantity, yes/no) or an element (sex, birth date). */
      readonly k: 'calc';
      readonly def: CalculatorDefinition;
      readonly args: readonly CalcArg[];
    })
  | (ValBase & {
      /**
       * A medication's daily dose on the screening date, in mg/d; with a table, in its
       * equivalents. With a `window` (`highest daily dose … within D`), the highest daily dose
       * on any day of the last D.
       */
      readonly k: 'dose';
      readonly el: Element;
      readonly table: EquivalenceTable | undefined;
      /** The name the table was called by (`as prednisolone`). */
      readonly tableName: string | undefined;
      readonly window: Window | undefined;
    })
  | (ValBase & {
      /** `episodes of R [separated by more than D]`: a count, known as a range; `window` is D. */
      readonly k: 'episodes';
      readonly el: Element;
      readonly window: Window | undefined;
    })
  /** A condition's first onset: a date, as a `within … before` anchor. */
  | (ValBase & { readonly k: 'onset'; readonly el: Element })
  | (ValBase & { readonly k: 'sex'; readonly el: Element })
  | (ValBase & { readonly k: 'answer'; readonly el: Element })
  | (ValBase & { readonly k: 'date'; readonly el: Element })
  | (ValBase & { readonly k: 'define'; readonly name: string; readonly label: string; readonly body: Val });

/**
 * Every value node gets the same fields in the same order (absent ones undefined), so the engine
 * sees one object shape wherever nodes are read: reads of `k` and `out` in the evaluators stay
 * monomorphic instead of going through a lookup per read.
 */
export function valNode<V extends Val>(v: V): V {
  const f = v as unknown as Partial<Record<ValField, unknown>>;
  const node: Record<ValField, unknown> = {
    k: f.k,
    out: f.out,
    unit: f.unit,
    el: f.el,
    window: f.window,
    value: f.value,
    written: f.written,
    factor: f.factor,
    limit: f.limit,
    birth: f.birth,
    months: f.months,
    version: f.version,
    creatinine: f.creatinine,
    toMgDl: f.toMgDl,
    sex: f.sex,
    weight: f.weight,
    height: f.height,
    toKg: f.toKg,
    toM: f.toM,
    alts: f.alts,
    factors: f.factors,
    name: f.name,
    label: f.label,
    body: f.body,
    def: f.def,
    args: f.args,
    op: f.op,
    l: f.l,
    r: f.r,
    table: f.table,
    tableName: f.tableName,
  };
  return node as unknown as V;
}

type ValField =
  | 'k'
  | 'out'
  | 'unit'
  | 'el'
  | 'window'
  | 'value'
  | 'written'
  | 'factor'
  | 'limit'
  | 'birth'
  | 'months'
  | 'version'
  | 'creatinine'
  | 'toMgDl'
  | 'sex'
  | 'weight'
  | 'height'
  | 'toKg'
  | 'toM'
  | 'alts'
  | 'factors'
  | 'name'
  | 'label'
  | 'body'
  | 'def'
  | 'args'
  | 'op'
  | 'l'
  | 'r'
  | 'table'
  | 'tableName';

/** A calculator's argument: a value converted by `factor` to the parameter's unit, or an element. */
export type CalcArg =
  | { readonly kind: 'value'; readonly val: Val; readonly factor: number }
  | { readonly kind: 'element'; readonly el: Element };

export interface BoolDefine {
  readonly name: string;
  readonly label: string;
  readonly body: Bool;
  epoch: number;
  value: Tri;
}

export type Bool =
  | { readonly k: 'and' | 'or'; readonly a: Bool; readonly b: Bool }
  | { readonly k: 'not'; readonly a: Bool }
  | { readonly k: 'unless'; readonly a: Bool; readonly b: Bool }
  | {
      /** `A given B` (decide/given.ts): A once B is true; `needs` are B's elements, named when B is not. */
      readonly k: 'given';
      readonly a: Bool;
      readonly b: Bool;
      readonly needs: readonly string[];
    }
  | { readonly k: 'if'; readonly c: Bool; readonly t: Bool; readonly e: Bool }
  | {
      readonly k: 'quant';
      readonly q: 'any' | 'all' | 'atLeast';
      readonly n: number;
      readonly ops: readonly Bool[];
    }
  | { readonly k: 'cmp'; readonly op: CompareOp; readonly l: Val; readonly r: Val }
  | { readonly k: 'between'; readonly v: Val; readonly lo: Val; readonly hi: Val }
  | {
      readonly k: 'is';
      readonly s: Val;
      readonly value: string;
      readonly negated: boolean;
      /** `is known VALUE`: no result at all is not VALUE. */
      readonly known: boolean;
      /** `is only VALUE`: the latest day's results all show VALUE (decide/coded.ts onlyTruth). */
      readonly only: boolean;
    }
  | {
      readonly k: 'cond';
      readonly el: Element;
      readonly mode: ConditionMode;
      readonly ago: Window | undefined;
    }
  | {
      /** A medication's exposures or an encounter's stays: periods, with the same rules. */
      readonly k: 'med';
      readonly el: Element;
      readonly mode: 'any' | 'atLeast' | 'moreThan' | 'within';
      readonly duration: Window | undefined;
      /** For `within … before L`: L; undefined for the screening date. */
      readonly anchor: Val | undefined;
    }
  | {
      /** `M stable for at least D`: the same drugs and daily doses over the last D (decide/dosing.ts). */
      readonly k: 'stable';
      readonly el: Element;
      readonly duration: Window;
    }
  | {
      /** `M daily dose [as T] increased within D` (decide/doseHistory.ts). */
      readonly k: 'doseRise';
      readonly el: Element;
      readonly table: EquivalenceTable | undefined;
      readonly tableName: string | undefined;
      readonly window: Window;
    }
  | {
      /**
       * `M daily dose [as T] >= X for at least D [within [less than] W before screening]`
       * (decide/doseCourse.ts); `r` is X in mg/d.
       */
      readonly k: 'doseCourse';
      readonly el: Element;
      readonly table: EquivalenceTable | undefined;
      readonly tableName: string | undefined;
      readonly above: boolean;
      readonly r: Val;
      readonly duration: Window;
      readonly window: Window | undefined;
    }
  | {
      /** A condition (by onset) or procedure dated in the window before the anchor (the screening date when undefined). */
      readonly k: 'within';
      readonly el: Element;
      readonly window: Window;
      readonly anchor: Val | undefined;
    }
  | {
      /** `Q within D before/after A` for a date answered on the screening form. */
      readonly k: 'dateWithin';
      readonly s: Val;
      /** A duration as written; undefined when the length is computed. */
      readonly length: Window | undefined;
      /** A computed length (`5 * half_life`), and the factor from its unit to hours. */
      readonly computed: Val | undefined;
      readonly toHours: number;
      readonly after: boolean;
      /** `within less than`: the window's far end is outside it. */
      readonly strict: boolean;
      readonly anchor: Val | undefined;
    }
  | {
      /**
       * `any L within D before A OP V`: some result of L in the window passes `OP V`; `r` is V in
       * L's unit. `anchor` as for `within`.
       */
      readonly k: 'anyReading';
      readonly el: Element;
      readonly op: CompareOp;
      readonly r: Val;
      readonly window: Window;
      readonly anchor: Val | undefined;
    }
  | { readonly k: 'record'; readonly el: Element }
  | { readonly k: 'severe'; readonly el: Element }
  | { readonly k: 'answer'; readonly el: Element }
  | { readonly k: 'define'; readonly d: BoolDefine }
  | {
      readonly k: 'trend';
      readonly change: 'fell' | 'stable';
      readonly s: Val;
      readonly percent: number;
      readonly within: Window;
    }
  | { readonly k: 'const'; readonly value: Tri };
