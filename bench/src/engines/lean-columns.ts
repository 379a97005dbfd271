import type { PopulationBatch } from '@eligo/core';
import { dayKey } from '../lean/calendar';
import { NO_BIRTH, SEX } from '../lean/codes';
import { LeanColumnSink, type LeanColumns, type LeanRecords, type LeanResults } from '../lean/columns';
import {
  atLeast,
  bilirubin,
  factors,
  inWindow,
  MET,
  NOT_MET,
  recordStatus,
  STATUS_NAMES,
  UNKNOWN,
  verdictOf,
  withinUln,
} from '../lean/criteria';
import { replay } from '../lean/replay';
import type { BenchPatient, Status, Verdict } from '../patient';
import { CRITERIA } from '../patient';
import type { Engine, LeanLayouts, Screener } from './engine';
import { ckdEpi2021 } from './shared/ckd';
import { ge } from './shared/compare';

/**
 * The leanest hand-written code on its leanest layout: the eleven criteria written directly
 * against one typed array per fact (`lean/columns.ts`), statuses as small integers. The fastest
 * thing anyone could write for the job, and the baseline the population path is judged against.
 */

/** Patient i's latest result on or before the screening date (the later row on the same day); -1 when none. */
function latestRow(r: LeanResults, i: number, asOf: number): number {
  let best = -1;
  let bestDay = 0;
  for (let j = r.offsets[i]!, end = r.offsets[i + 1]!; j < end; j++) {
    const day = r.day[j]!;
    if (day <= asOf && (best < 0 || day >= bestDay)) {
      best = j;
      bestDay = day;
    }
  }
  return best;
}

function diagnosis(r: LeanRecords, i: number, asOf: number, mode: number): number {
  let status = NOT_MET;
  for (let j = r.offsets[i]!, end = r.offsets[i + 1]!; j < end; j++) {
    const t = recordStatus(r.clinical[j]!, r.verification[j]!, r.onset[j]!, asOf, mode);
    if (t > status) status = t;
  }
  return status;
}

const at = (values: Float64Array, row: number) => (row < 0 ? Number.NaN : values[row]!);

/** Statuses into `out` and the verdict, for patients `from` to `to` of a batch. */
function screenColumns(c: LeanColumns, verdicts: Verdict[], out: Uint8Array, from: number, to: number): void {
  const asOf = c.asOf;
  const asOfKey = dayKey(asOf);
  const { birth, sex } = c;
  const { wbc, neutrophils: anc, hemoglobin: hb, alt, ast, bilirubin_total: tbil } = c.labs;
  const scr = c.labs.serum_creatinine;
  const { gilbert_syndrome: gilbert, active_infection, malignant_neoplasm, diabetes } = c.conditions;
  const csf = c.csf;
  for (let i = from; i < to; i++) {
    const born = birth[i]!;
    const birthKey = born === NO_BIRTH ? 0 : dayKey(born);
    const age = Math.floor((asOfKey - birthKey) / 10000);
    out[0] = born === NO_BIRTH ? UNKNOWN : age >= 18 && age <= 70 ? MET : NOT_MET;

    const w = latestRow(wbc, i, asOf);
    out[1] = w < 0 ? UNKNOWN : atLeast(wbc.value[w]!, WBC[wbc.unit[w]!]!, 3);

    const a = latestRow(anc, i, asOf);
    if (a < 0) out[2] = UNKNOWN;
    else {
      const count = atLeast(anc.value[a]!, WBC[anc.unit[a]!]!, 1);
      let exposed = false;
      for (let j = csf.offsets[i]!, end = csf.offsets[i + 1]!; j < end && !exposed; j++) {
        exposed = inWindow(csf.start[j]!, csf.end[j]!, anc.day[a]!, asOf);
      }
      out[2] = exposed ? NOT_MET : count;
    }

    const h = latestRow(hb, i, asOf);
    out[3] = h < 0 ? UNKNOWN : atLeast(hb.value[h]!, HB[hb.unit[h]!]!, 60);
    const l = latestRow(alt, i, asOf);
    out[4] = withinUln(at(alt.value, l), at(alt.high, l), 3);
    const s = latestRow(ast, i, asOf);
    out[5] = withinUln(at(ast.value, s), at(ast.high, s), 3);
    const b = latestRow(tbil, i, asOf);
    out[6] = bilirubin(diagnosis(gilbert, i, asOf, 0), at(tbil.value, b), at(tbil.high, b));

    const k = latestRow(scr, i, asOf);
    const sx = sex[i]!;
    if (k < 0 || born === NO_BIRTH || (sx !== SEX.female && sx !== SEX.male)) out[7] = UNKNOWN;
    else {
      const f = SCR[scr.unit[k]!]!;
      const ageThen = Math.floor((dayKey(scr.day[k]!) - birthKey) / 10000);
      out[7] = Number.isNaN(f)
        ? UNKNOWN
        : ge(ckdEpi2021(scr.value[k]! * f, sx === SEX.female, ageThen), 45)
          ? MET
          : NOT_MET;
    }

    out[8] = diagnosis(active_infection, i, asOf, 1);
    out[9] = diagnosis(malignant_neoplasm, i, asOf, 2);
    out[10] = diagnosis(diabetes, i, asOf, 0);
    verdicts[i] = verdictOf(out);
  }
}

const WBC = factors('wbc', '10*9/L');
const HB = factors('hemoglobin', 'g/L');
const SCR = factors('serum_creatinine', 'mg/dL', 113.12);

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
