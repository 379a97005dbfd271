import type { PatientSink } from '../generate';
import type { ConditionEntry } from '../patient';
import type { ConditionKind, Lab } from './codes';
import { type FlatPatient, FlatSink } from './flat';

/**
 * The leanest column layout for the benchmark's job: one typed array per fact and slot, day
 * numbers, dictionary codes. The slots are those of the flat objects (`flat.ts`: two results per
 * lab, two infections, two courses, one of each other diagnosis), so the two lean baselines differ
 * only in objects against typed arrays. Nothing is decided while laying out: every result,
 * future-dated or not, and every record is kept, and the screening function does the whole job.
 */

/** One result slot of a lab compared with a threshold; day NEVER when the patient has no result in it. */
export interface ValueSlot {
  readonly value: Float64Array;
  readonly day: Int32Array;
  /** Index into `REPORTED_UNITS[lab]`. */
  readonly unit: Uint8Array;
}

/** One result slot of a lab compared with its upper reference limit (the unit cancels). */
export interface UlnSlot {
  readonly value: Float64Array;
  readonly day: Int32Array;
  /** NaN without a reference range. */
  readonly high: Float64Array;
}

/** One diagnosis slot; onset NEVER when the patient has no record in it. */
export interface RecordSlot {
  readonly clinical: Uint8Array;
  readonly verification: Uint8Array;
  readonly onset: Int32Array;
}

/** One course slot; start NEVER when none, end NEVER when open. */
export interface CourseSlot {
  readonly start: Int32Array;
  readonly end: Int32Array;
}

export interface LeanColumns {
  readonly size: number;
  /** The screening date as a day number. */
  readonly asOf: number;
  /** NO_BIRTH when unknown. */
  readonly birth: Int32Array;
  /** SEX codes. */
  readonly sex: Uint8Array;
  readonly wbc: readonly [ValueSlot, ValueSlot];
  readonly anc: readonly [ValueSlot, ValueSlot];
  readonly hb: readonly [ValueSlot, ValueSlot];
  readonly alt: readonly [UlnSlot, UlnSlot];
  readonly ast: readonly [UlnSlot, UlnSlot];
  readonly tbil: readonly [UlnSlot, UlnSlot];
  readonly scr: readonly [ValueSlot, ValueSlot];
  readonly gilbert: RecordSlot;
  readonly diabetes: RecordSlot;
  readonly malignancy: RecordSlot;
  readonly infection: readonly [RecordSlot, RecordSlot];
  readonly csf: readonly [CourseSlot, CourseSlot];
}

type Field = { [K in keyof FlatPatient]: FlatPatient[K] extends number ? K : never }[keyof FlatPatient];

/** Lays patients out as lean columns (through flat patients: the slots are theirs). */
export class LeanColumnSink implements PatientSink {
  private readonly flat: FlatSink;
  readonly asOf: number;

  constructor(asOf: string) {
    this.flat = new FlatSink(asOf);
    this.asOf = this.flat.asOf;
  }

  birth(daysBefore: number): void {
    this.flat.birth(daysBefore);
  }
  sex(sex: 'female' | 'male' | 'other'): void {
    this.flat.sex(sex);
  }
  result(lab: Lab, value: number, unit: string, daysBefore: number, low: number, high: number): void {
    this.flat.result(lab, value, unit, daysBefore, low, high);
  }
  condition(
    kind: ConditionKind,
    code: string,
    clinical: ConditionEntry['clinicalStatus'],
    verification: ConditionEntry['verificationStatus'],
    onsetDaysBefore: number,
  ): void {
    this.flat.condition(kind, code, clinical, verification, onsetDaysBefore);
  }
  exposure(code: string, startDaysBefore: number, endDaysBefore: number | undefined): void {
    this.flat.exposure(code, startDaysBefore, endDaysBefore);
  }
  endPatient(): void {
    this.flat.endPatient();
  }

  /** The patients written since the last call, as columns. */
  take(): LeanColumns {
    const patients = this.flat.take();
    const f64 = (k: Field) => Float64Array.from(patients, (p) => p[k]);
    const i32 = (k: Field) => Int32Array.from(patients, (p) => p[k]);
    const u8 = (k: Field) => Uint8Array.from(patients, (p) => p[k]);
    const value = (slot: string): ValueSlot => ({
      value: f64(slot as Field),
      day: i32(`${slot}Day` as Field),
      unit: u8(`${slot}Unit` as Field),
    });
    const uln = (slot: string): UlnSlot => ({
      value: f64(slot as Field),
      day: i32(`${slot}Day` as Field),
      high: f64(`${slot}High` as Field),
    });
    const values = (lab: string) => [value(`${lab}1`), value(`${lab}2`)] as const;
    const ulns = (lab: string) => [uln(`${lab}1`), uln(`${lab}2`)] as const;
    const record = (kind: string): RecordSlot => ({
      clinical: u8(`${kind}Clinical` as Field),
      verification: u8(`${kind}Verification` as Field),
      onset: i32(`${kind}Onset` as Field),
    });
    const course = (k: 1 | 2): CourseSlot => ({ start: i32(`csf${k}Start`), end: i32(`csf${k}End`) });
    return {
      size: patients.length,
      asOf: this.asOf,
      birth: i32('birth'),
      sex: u8('sex'),
      wbc: values('wbc'),
      anc: values('anc'),
      hb: values('hb'),
      alt: ulns('alt'),
      ast: ulns('ast'),
      tbil: ulns('tbil'),
      scr: values('scr'),
      gilbert: record('gilbert'),
      diabetes: record('diabetes'),
      malignancy: record('malignancy'),
      infection: [record('infection1'), record('infection2')],
      csf: [course(1), course(2)],
    };
  }
}
