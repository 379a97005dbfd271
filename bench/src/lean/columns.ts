import { dayNumber } from '../engines/shared/days';
import { type PatientSink, REPORTED_UNITS } from '../generate';
import type { ConditionEntry } from '../patient';
import {
  CLINICAL,
  CONDITIONS,
  type ConditionKind,
  codeOf,
  LABS,
  type Lab,
  NEVER,
  NO_BIRTH,
  SEX,
  VERIFICATION,
} from './codes';

/**
 * The leanest column layout for the benchmark's job: one typed array per fact the criteria read,
 * day numbers, dictionary codes, and per element an offsets array (patient i's rows are
 * `offsets[i]` to `offsets[i + 1]`). Nothing is decided while laying out: every result, future-dated
 * or not, and every record is kept, so the screening function does the whole job.
 */

export interface LeanResults {
  readonly offsets: Int32Array;
  readonly value: Float64Array;
  readonly day: Int32Array;
  /** Index into `REPORTED_UNITS[lab]`. */
  readonly unit: Uint8Array;
  /** The reference range's upper limit; NaN without one. */
  readonly high: Float64Array;
}

export interface LeanRecords {
  readonly offsets: Int32Array;
  readonly clinical: Uint8Array;
  readonly verification: Uint8Array;
  readonly onset: Int32Array;
}

export interface LeanExposures {
  readonly offsets: Int32Array;
  readonly start: Int32Array;
  /** NEVER when the course has no end. */
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
  readonly labs: Readonly<Record<Lab, LeanResults>>;
  readonly conditions: Readonly<Record<ConditionKind, LeanRecords>>;
  readonly csf: LeanExposures;
}

class Rows {
  readonly offsets: number[] = [0];
  readonly fields: number[][];
  constructor(fields: number) {
    this.fields = Array.from({ length: fields }, () => []);
  }
  add(...values: number[]): void {
    for (let k = 0; k < values.length; k++) this.fields[k]!.push(values[k]!);
  }
  endPatient(): void {
    this.offsets.push(this.fields[0]!.length);
  }
}

/** Writes generated patients into lean columns; `take()` hands over the patients since the last call. */
export class LeanColumnSink implements PatientSink {
  private readonly asOf: number;
  private birthDays: number[] = [];
  private sexes: number[] = [];
  private born: number = NO_BIRTH;
  private sexCode: number = SEX.none;
  private labs = freshLabs();
  private conditions = freshConditions();
  private csf = new Rows(2);

  constructor(asOf: string) {
    this.asOf = dayNumber(asOf);
  }

  birth(daysBefore: number): void {
    this.born = this.asOf - daysBefore;
  }

  sex(sex: 'female' | 'male' | 'other'): void {
    this.sexCode = SEX[sex];
  }

  result(lab: Lab, value: number, unit: string, daysBefore: number, _low: number, high: number): void {
    this.labs[lab].add(value, this.asOf - daysBefore, codeOf(REPORTED_UNITS[lab]!, unit), high);
  }

  condition(
    kind: ConditionKind,
    _code: string,
    clinical: ConditionEntry['clinicalStatus'],
    verification: ConditionEntry['verificationStatus'],
    onsetDaysBefore: number,
  ): void {
    this.conditions[kind].add(
      codeOf(CLINICAL, clinical),
      codeOf(VERIFICATION, verification),
      this.asOf - onsetDaysBefore,
    );
  }

  exposure(_code: string, startDaysBefore: number, endDaysBefore: number | undefined): void {
    this.csf.add(
      this.asOf - startDaysBefore,
      endDaysBefore === undefined ? NEVER : this.asOf - endDaysBefore,
    );
  }

  endPatient(): void {
    this.birthDays.push(this.born);
    this.sexes.push(this.sexCode);
    this.born = NO_BIRTH;
    this.sexCode = SEX.none;
    for (const lab of LABS) this.labs[lab].endPatient();
    for (const kind of CONDITIONS) this.conditions[kind].endPatient();
    this.csf.endPatient();
  }

  take(): LeanColumns {
    const int = (a: number[]) => Int32Array.from(a);
    const results = (r: Rows): LeanResults => ({
      offsets: int(r.offsets),
      value: Float64Array.from(r.fields[0]!),
      day: int(r.fields[1]!),
      unit: Uint8Array.from(r.fields[2]!),
      high: Float64Array.from(r.fields[3]!),
    });
    const records = (r: Rows): LeanRecords => ({
      offsets: int(r.offsets),
      clinical: Uint8Array.from(r.fields[0]!),
      verification: Uint8Array.from(r.fields[1]!),
      onset: int(r.fields[2]!),
    });
    const columns: LeanColumns = {
      size: this.birthDays.length,
      asOf: this.asOf,
      birth: int(this.birthDays),
      sex: Uint8Array.from(this.sexes),
      labs: Object.fromEntries(LABS.map((lab) => [lab, results(this.labs[lab])])) as LeanColumns['labs'],
      conditions: Object.fromEntries(
        CONDITIONS.map((kind) => [kind, records(this.conditions[kind])]),
      ) as LeanColumns['conditions'],
      csf: { offsets: int(this.csf.offsets), start: int(this.csf.fields[0]!), end: int(this.csf.fields[1]!) },
    };
    this.birthDays = [];
    this.sexes = [];
    this.labs = freshLabs();
    this.conditions = freshConditions();
    this.csf = new Rows(2);
    return columns;
  }
}

const freshLabs = () => Object.fromEntries(LABS.map((lab) => [lab, new Rows(4)])) as Record<Lab, Rows>;
const freshConditions = () =>
  Object.fromEntries(CONDITIONS.map((kind) => [kind, new Rows(3)])) as Record<ConditionKind, Rows>;
