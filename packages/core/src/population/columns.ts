import {
  ClinicalStatus,
  Comparator,
  Criticality,
  EncounterClass,
  EncounterStatus,
  ReactionSeverity,
  Route,
  VerificationStatus,
} from '../facts/shapes';

/**
 * A population laid out column by column: each element's records for a batch of patients sit in
 * typed arrays, as a data warehouse would export them. Screening a batch then reads numbers from
 * contiguous memory instead of walking one object tree per patient.
 *
 * Records of one element are stored patient after patient; `offsets[i]` to `offsets[i + 1]` are
 * patient i's. Dates are day numbers (days since 1970-01-01) given as the earliest and latest day
 * they could be, so a partial date (`1990-05`) keeps its precision; `NO_DAY` is an undated record.
 */

/** An undated record, or a missing date. */
export { NO_DAY } from '../decide/records';

/**
 * The codes of enumerated fields are indices into the facts schema's own lists (`''` first where
 * the field is optional): comparators (`<20` is every value below 20), statuses, criticality and
 * severity.
 */
export const COMPARATORS = ['', ...Comparator.options] as const;
export const CLINICAL_STATUSES = ClinicalStatus.options;
export const VERIFICATION_STATUSES = VerificationStatus.options;
export const CRITICALITIES = ['', ...Criticality.options] as const;
export const SEVERITIES = ['', ...ReactionSeverity.options] as const;
export const ENCOUNTER_STATUSES = ['', ...EncounterStatus.options] as const;
export const ENCOUNTER_CLASSES = ['', ...EncounterClass.options] as const;
export const ROUTE_CODES = ['', ...Route.options] as const;

/** Whether the input mentioned an element for a patient: not at all, with records, or as explicitly none. */
export const NOT_GIVEN = 0;
export const GIVEN = 1;
export const NONE_GIVEN = 2;

/** Lab and test results. */
export interface ResultColumns {
  readonly kind: 'results';
  readonly offsets: Int32Array;
  /** NaN for a coded result. */
  readonly value: Float64Array;
  /** Index into `units`; the unit the value and its reference range are written in. */
  readonly unit: Uint16Array;
  readonly units: readonly string[];
  /** Index into COMPARATORS. */
  readonly comparator: Uint8Array;
  /** 0 for a numeric result, else 1 + index into `codes`. */
  readonly code: Uint16Array;
  readonly codes: readonly string[];
  readonly dayLo: Int32Array;
  readonly dayHi: Int32Array;
  /**
   * What the reference range applies to: 0 for nothing stated, else 1 + index into `appliesTo`
   * (JSON of its codings). Limits of a range a `range for …` lab does not read are left NaN.
   */
  readonly rangeFor: Uint16Array;
  readonly appliesTo: readonly string[];
  /** Reference limits in the result's own unit; NaN when absent. */
  readonly low: Float64Array;
  readonly high: Float64Array;
  /**
   * A statistic, as columnar stores keep per chunk: `true` promises that every row is a number
   * dated to one day, without comparator or code, which lets a screen skip checking each row.
   * The builder sets it; leave it out when unsure, and the screen looks for itself.
   */
  readonly plain?: boolean;
}

/** Conditions, medications, procedures, allergies and encounters: one row per record. */
export interface RecordColumns {
  readonly kind: 'records';
  readonly offsets: Int32Array;
  /** Per patient: NOT_GIVEN, GIVEN or NONE_GIVEN. */
  readonly given: Uint8Array;
  /** Indices into CLINICAL_STATUSES and VERIFICATION_STATUSES. */
  readonly clinical: Uint8Array;
  readonly verification: Uint8Array;
  /** Onset (conditions), start (medications, encounters) or date (procedures). */
  readonly startLo: Int32Array;
  readonly startHi: Int32Array;
  /** Abatement (conditions) or end (medications, encounters). */
  readonly endLo: Int32Array;
  readonly endHi: Int32Array;
  /** Indices into CRITICALITIES and SEVERITIES. */
  readonly criticality: Uint8Array;
  readonly severity: Uint8Array;
  /** Encounters: indices into ENCOUNTER_STATUSES and ENCOUNTER_CLASSES (0: not stated). */
  readonly status: Uint8Array;
  readonly encounterClass: Uint8Array;
  /** 1 where the record's codes are in no code system the protocol's bindings of its kind use. */
  readonly unclassified: Uint8Array;
  /** Medications: index into ROUTE_CODES (0: not stated). */
  readonly route: Uint8Array;
  /** The record's coding: 0 for none, else 1 + index into `codings` (`system`, NUL, `code`). */
  readonly coding: Uint16Array;
  readonly codings: readonly string[];
  /** Medications: one dose and the doses a day, and a daily dose given directly; NaN when absent. */
  readonly dose: Float64Array;
  readonly perDay: Float64Array;
  readonly dailyDose: Float64Array;
  /** Indices into `doseUnits`, the units of `dose` and `dailyDose`. */
  readonly doseUnit: Uint16Array;
  readonly dailyDoseUnit: Uint16Array;
  readonly doseUnits: readonly string[];
  /**
   * What a record says in coded fields the columns do not decide on (a procedure's body sites, a
   * medication's reasons): 0 for nothing, else 1 + index into `details` (JSON of those fields).
   * Rules over elements that filter on them run on the object evaluator.
   */
  readonly detail: Uint16Array;
  readonly details: readonly string[];
}

/** A date per patient, such as the birth date. */
export interface DateColumns {
  readonly kind: 'date';
  readonly dayLo: Int32Array;
  readonly dayHi: Int32Array;
}

/** A code per patient, such as sex: 0 for none, else 1 + index into `codes`. */
export interface CodeColumns {
  readonly kind: 'code';
  readonly code: Uint16Array;
  readonly codes: readonly string[];
}

export type ElementColumns = ResultColumns | RecordColumns | DateColumns | CodeColumns;

/**
 * A batch of patients screened on one date. Elements without columns are missing for every
 * patient; questions are unanswered (a population has no one to ask).
 */
export interface PopulationBatch {
  readonly size: number;
  /** The screening date, YYYY-MM-DD. */
  readonly asOf: string;
  readonly elements: Readonly<Record<string, ElementColumns>>;
}
