import type { PopulationBatch } from '@eligo/core';
import { dayKey } from '../lean/calendar';
import { ckdEpi2021 } from '../lean/ckd';
import { NO_BIRTH, SEX } from '../lean/codes';
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
import { type FlatPatient, FlatSink } from '../lean/flat';
import { replay } from '../lean/replay';
import type { BenchPatient, Status, Verdict } from '../patient';
import { CRITERIA } from '../patient';
import type { Engine, LeanLayouts, Screener } from './engine';
import { ge } from './shared/compare';

/**
 * The leanest hand-written code on plain objects: the eleven criteria as one direct function of a
 * flat patient (`lean/flat.ts`: numbers only, two slots per lab). The baseline the object fast
 * path is judged against.
 */

const slot = slotInUse;

const WBC = factors('wbc', '10*9/L');
const HB = factors('hemoglobin', 'g/L');
const SCR = factors('serum_creatinine', 'mg/dL', 113.12);

/** Statuses of one patient into `out`. */
function screenFlat(p: FlatPatient, asOf: number, asOfKey: number, out: Uint8Array): void {
  const born = p.birth;
  const birthKey = born === NO_BIRTH ? 0 : dayKey(born);
  const age = Math.floor((asOfKey - birthKey) / 10000);
  out[0] = born === NO_BIRTH ? UNKNOWN : age >= 18 && age <= 70 ? MET : NOT_MET;

  const w = slot(p.wbc1Day, p.wbc2Day, asOf);
  out[1] =
    w === 0 ? UNKNOWN : w === 1 ? atLeast(p.wbc1, WBC[p.wbc1Unit]!, 3) : atLeast(p.wbc2, WBC[p.wbc2Unit]!, 3);

  const a = slot(p.anc1Day, p.anc2Day, asOf);
  if (a === 0) out[2] = UNKNOWN;
  else {
    const count = a === 1 ? atLeast(p.anc1, WBC[p.anc1Unit]!, 1) : atLeast(p.anc2, WBC[p.anc2Unit]!, 1);
    const anchor = a === 1 ? p.anc1Day : p.anc2Day;
    const exposed =
      inWindow(p.csf1Start, p.csf1End, anchor, asOf) || inWindow(p.csf2Start, p.csf2End, anchor, asOf);
    out[2] = exposed ? NOT_MET : count;
  }

  const h = slot(p.hb1Day, p.hb2Day, asOf);
  out[3] =
    h === 0 ? UNKNOWN : h === 1 ? atLeast(p.hb1, HB[p.hb1Unit]!, 60) : atLeast(p.hb2, HB[p.hb2Unit]!, 60);
  const l = slot(p.alt1Day, p.alt2Day, asOf);
  out[4] = l === 0 ? UNKNOWN : l === 1 ? withinUln(p.alt1, p.alt1High, 3) : withinUln(p.alt2, p.alt2High, 3);
  const s = slot(p.ast1Day, p.ast2Day, asOf);
  out[5] = s === 0 ? UNKNOWN : s === 1 ? withinUln(p.ast1, p.ast1High, 3) : withinUln(p.ast2, p.ast2High, 3);

  const gilbert = recordStatus(p.gilbertClinical, p.gilbertVerification, p.gilbertOnset, asOf, 0);
  const b = slot(p.tbil1Day, p.tbil2Day, asOf);
  out[6] =
    b === 0
      ? bilirubin(gilbert, Number.NaN, Number.NaN)
      : b === 1
        ? bilirubin(gilbert, p.tbil1, p.tbil1High)
        : bilirubin(gilbert, p.tbil2, p.tbil2High);

  const k = slot(p.scr1Day, p.scr2Day, asOf);
  const sx = p.sex;
  if (k === 0 || born === NO_BIRTH || (sx !== SEX.female && sx !== SEX.male)) out[7] = UNKNOWN;
  else {
    const f = SCR[k === 1 ? p.scr1Unit : p.scr2Unit]!;
    const ageThen = Math.floor((dayKey(k === 1 ? p.scr1Day : p.scr2Day) - birthKey) / 10000);
    const value = k === 1 ? p.scr1 : p.scr2;
    out[7] = Number.isNaN(f)
      ? UNKNOWN
      : ge(ckdEpi2021(value * f, sx === SEX.female, ageThen), 45)
        ? MET
        : NOT_MET;
  }

  const infection1 = recordStatus(p.infection1Clinical, p.infection1Verification, p.infection1Onset, asOf, 1);
  const infection2 = recordStatus(p.infection2Clinical, p.infection2Verification, p.infection2Onset, asOf, 1);
  out[8] = Math.max(infection1, infection2);
  out[9] = recordStatus(p.malignancyClinical, p.malignancyVerification, p.malignancyOnset, asOf, 2);
  out[10] = recordStatus(p.diabetesClinical, p.diabetesVerification, p.diabetesOnset, asOf, 0);
}

export const leanFlat: Engine = {
  name: 'lean hand-written, flat objects',
  description: 'the eleven criteria as one direct function of a plain flat object per patient',
  layout: 'flat-objects',
  async prepare(): Promise<Screener> {
    const statuses = new Uint8Array(CRITERIA.length);
    return {
      run(_batch: readonly BenchPatient[], _columns: PopulationBatch, lean?: LeanLayouts): Verdict[] {
        if (!lean) throw new Error('the flat objects baseline needs the lean layouts of the chunk');
        const patients = lean.flat;
        const asOf = lean.asOf;
        const asOfKey = dayKey(asOf);
        const out: Verdict[] = new Array(patients.length);
        for (let i = 0; i < patients.length; i++) {
          screenFlat(patients[i]!, asOf, asOfKey, statuses);
          out[i] = verdictOf(statuses);
        }
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        const sink = new FlatSink(patient.input.asOf);
        replay(patient.input, sink);
        const asOf = sink.asOf;
        screenFlat(sink.take()[0]!, asOf, dayKey(asOf), statuses);
        return Object.fromEntries(CRITERIA.map((id, k) => [id, STATUS_NAMES[statuses[k]!]!]));
      },
    };
  },
};
