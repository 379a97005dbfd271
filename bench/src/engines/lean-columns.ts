import type { PopulationBatch } from '@eligo/core';
import { dayKey } from '../lean/calendar';
import { ckdEpi2021 } from '../lean/ckd';
import { NO_BIRTH, SEX } from '../lean/codes';
import {
  LeanColumnSink,
  type LeanColumns,
  type RecordSlot,
  type UlnSlot,
  type ValueSlot,
} from '../lean/columns';
import {
  atLeast,
  bilirubin,
  factors,
  inWindow,
  MET,
  NOT_MET,
  recordStatus,
  STATUS_NAMES,
  slotInUse,
  UNKNOWN,
  verdictOf,
  withinUln,
} from '../lean/criteria';
import { replay } from '../lean/replay';
import type { BenchPatient, Status, Verdict } from '../patient';
import { CRITERIA } from '../patient';
import type { Engine, LeanLayouts, Screener } from './engine';
import { ge } from './shared/compare';

/**
 * The leanest hand-written code on its leanest layout: the eleven criteria written directly
 * against one typed array per fact and slot (`lean/columns.ts`), statuses as small integers. The
 * fastest thing we could write for the job, and the baseline the population path is judged against.
 */

type Slots<T> = readonly [T, T];

/** The slot of patient i's result in use, or undefined. */
function inUse<T extends ValueSlot | UlnSlot>(s: Slots<T>, i: number, asOf: number): T | undefined {
  const k = slotInUse(s[0].day[i]!, s[1].day[i]!, asOf);
  return k === 0 ? undefined : k === 1 ? s[0] : s[1];
}

function threshold(s: Slots<ValueSlot>, i: number, asOf: number, factors: Float64Array, min: number): number {
  const r = inUse(s, i, asOf);
  return r === undefined ? UNKNOWN : atLeast(r.value[i]!, factors[r.unit[i]!]!, min);
}

function uln(s: Slots<UlnSlot>, i: number, asOf: number, k: number): number {
  const r = inUse(s, i, asOf);
  return r === undefined ? UNKNOWN : withinUln(r.value[i]!, r.high[i]!, k);
}

const record = (r: RecordSlot, i: number, asOf: number, mode: number) =>
  recordStatus(r.clinical[i]!, r.verification[i]!, r.onset[i]!, asOf, mode);

const WBC = factors('wbc', '10*9/L');
const HB = factors('hemoglobin', 'g/L');
const SCR = factors('serum_creatinine', 'mg/dL', 113.12);

/** Statuses into `out` and the verdict, for patients `from` to `to` of a batch. */
function screenColumns(c: LeanColumns, verdicts: Verdict[], out: Uint8Array, from: number, to: number): void {
  const asOf = c.asOf;
  const asOfKey = dayKey(asOf);
  const { birth, sex, wbc, anc, hb, alt, ast, tbil, scr, gilbert, infection, malignancy, diabetes, csf } = c;
  for (let i = from; i < to; i++) {
    const born = birth[i]!;
    const birthKey = born === NO_BIRTH ? 0 : dayKey(born);
    const age = Math.floor((asOfKey - birthKey) / 10000);
    out[0] = born === NO_BIRTH ? UNKNOWN : age >= 18 && age <= 70 ? MET : NOT_MET;
    out[1] = threshold(wbc, i, asOf, WBC, 3);

    const a = inUse(anc, i, asOf);
    if (a === undefined) out[2] = UNKNOWN;
    else {
      const anchor = a.day[i]!;
      const exposed =
        inWindow(csf[0].start[i]!, csf[0].end[i]!, anchor, asOf) ||
        inWindow(csf[1].start[i]!, csf[1].end[i]!, anchor, asOf);
      out[2] = exposed ? NOT_MET : atLeast(a.value[i]!, WBC[a.unit[i]!]!, 1);
    }

    out[3] = threshold(hb, i, asOf, HB, 60);
    out[4] = uln(alt, i, asOf, 3);
    out[5] = uln(ast, i, asOf, 3);
    const b = inUse(tbil, i, asOf);
    const g = record(gilbert, i, asOf, 0);
    out[6] = b === undefined ? bilirubin(g, Number.NaN, Number.NaN) : bilirubin(g, b.value[i]!, b.high[i]!);

    const k = inUse(scr, i, asOf);
    const sx = sex[i]!;
    if (k === undefined || born === NO_BIRTH || (sx !== SEX.female && sx !== SEX.male)) out[7] = UNKNOWN;
    else {
      const f = SCR[k.unit[i]!]!;
      const ageThen = Math.floor((dayKey(k.day[i]!) - birthKey) / 10000);
      out[7] = Number.isNaN(f)
        ? UNKNOWN
        : ge(ckdEpi2021(k.value[i]! * f, sx === SEX.female, ageThen), 45)
          ? MET
          : NOT_MET;
    }

    out[8] = Math.max(record(infection[0], i, asOf, 1), record(infection[1], i, asOf, 1));
    out[9] = record(malignancy, i, asOf, 2);
    out[10] = record(diabetes, i, asOf, 0);
    verdicts[i] = verdictOf(out);
  }
}

export const leanColumns: Engine = {
  name: 'lean hand-written, columns',
  description:
    'the eleven criteria written directly against one typed array per fact, dictionary codes, day numbers',
  layout: 'lean-columns',
  async prepare(): Promise<Screener> {
    const statuses = new Uint8Array(CRITERIA.length);
    return {
      run(_batch: readonly BenchPatient[], _columns: PopulationBatch, lean?: LeanLayouts): Verdict[] {
        if (!lean) throw new Error('the lean columns baseline needs the lean layouts of the chunk');
        const c = lean.columns;
        const out: Verdict[] = new Array(c.size);
        screenColumns(c, out, statuses, 0, c.size);
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        const sink = new LeanColumnSink(patient.input.asOf);
        replay(patient.input, sink);
        screenColumns(sink.take(), [], statuses, 0, 1);
        return Object.fromEntries(CRITERIA.map((id, k) => [id, STATUS_NAMES[statuses[k]!]!]));
      },
    };
  },
};
