import { dayNumber } from '../engines/shared/days';
import { type PatientSink, REPORTED_UNITS } from '../generate';
import type { ConditionEntry } from '../patient';
import {
  CLINICAL,
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
 * One plain flat object per patient: numbers only, every field present in every object (one shape,
 * so property reads stay monomorphic), day numbers and dictionary codes. Each element gets as many
 * slots as the generator ever fills (two results per lab, two infections, two courses, one of
 * each other diagnosis); the sink fails loudly if a patient needs more. Only the facts the
 * criteria read are kept, but all of them: the screening function still picks the result in use
 * and skips future-dated and refuted records.
 */
export class FlatPatient {
  birth: number = NO_BIRTH;
  sex: number = SEX.none;
  // wbc: value, unit code, day; slot 2 only when the record lists a second result
  wbc1 = Number.NaN;
  wbc1Unit = 0;
  wbc1Day = NEVER;
  wbc2 = Number.NaN;
  wbc2Unit = 0;
  wbc2Day = NEVER;
  // neutrophils: value, unit code, day; slot 2 only when the record lists a second result
  anc1 = Number.NaN;
  anc1Unit = 0;
  anc1Day = NEVER;
  anc2 = Number.NaN;
  anc2Unit = 0;
  anc2Day = NEVER;
  // hemoglobin: value, unit code, day; slot 2 only when the record lists a second result
  hb1 = Number.NaN;
  hb1Unit = 0;
  hb1Day = NEVER;
  hb2 = Number.NaN;
  hb2Unit = 0;
  hb2Day = NEVER;
  // serum_creatinine: value, unit code, day; slot 2 only when the record lists a second result
  scr1 = Number.NaN;
  scr1Unit = 0;
  scr1Day = NEVER;
  scr2 = Number.NaN;
  scr2Unit = 0;
  scr2Day = NEVER;
  // alt: value, upper reference limit (NaN without one), day
  alt1 = Number.NaN;
  alt1High = Number.NaN;
  alt1Day = NEVER;
  alt2 = Number.NaN;
  alt2High = Number.NaN;
  alt2Day = NEVER;
  // ast: value, upper reference limit (NaN without one), day
  ast1 = Number.NaN;
  ast1High = Number.NaN;
  ast1Day = NEVER;
  ast2 = Number.NaN;
  ast2High = Number.NaN;
  ast2Day = NEVER;
  // bilirubin_total: value, upper reference limit (NaN without one), day
  tbil1 = Number.NaN;
  tbil1High = Number.NaN;
  tbil1Day = NEVER;
  tbil2 = Number.NaN;
  tbil2High = Number.NaN;
  tbil2Day = NEVER;
  // gilbert_syndrome: clinical and verification codes, onset day (NEVER: no record)
  gilbertClinical = 0;
  gilbertVerification = 0;
  gilbertOnset = NEVER;
  // diabetes: clinical and verification codes, onset day (NEVER: no record)
  diabetesClinical = 0;
  diabetesVerification = 0;
  diabetesOnset = NEVER;
  // malignant_neoplasm: clinical and verification codes, onset day (NEVER: no record)
  malignancyClinical = 0;
  malignancyVerification = 0;
  malignancyOnset = NEVER;
  // active_infection: clinical and verification codes, onset day (NEVER: no record)
  infection1Clinical = 0;
  infection1Verification = 0;
  infection1Onset = NEVER;
  infection2Clinical = 0;
  infection2Verification = 0;
  infection2Onset = NEVER;
  // colony-stimulating factor courses: start and end days (NEVER: no course, or no end)
  csf1Start = NEVER;
  csf1End = NEVER;
  csf2Start = NEVER;
  csf2End = NEVER;
}

/** How many slots each element has in a flat patient. */
export const SLOTS: Readonly<Record<Lab | ConditionKind | 'csf', number>> = {
  ...(Object.fromEntries(LABS.map((lab) => [lab, 2])) as Record<Lab, number>),
  gilbert_syndrome: 1,
  diabetes: 1,
  malignant_neoplasm: 1,
  active_infection: 2,
  csf: 2,
};

type ResultSetter = (
  p: FlatPatient,
  slot: number,
  value: number,
  unit: number,
  day: number,
  high: number,
) => void;
const RESULT: Readonly<Record<Lab, ResultSetter>> = {
  wbc: (p, slot, value, unit, day) => {
    if (slot === 1) {
      p.wbc1 = value;
      p.wbc1Unit = unit;
      p.wbc1Day = day;
    } else {
      p.wbc2 = value;
      p.wbc2Unit = unit;
      p.wbc2Day = day;
    }
  },
  neutrophils: (p, slot, value, unit, day) => {
    if (slot === 1) {
      p.anc1 = value;
      p.anc1Unit = unit;
      p.anc1Day = day;
    } else {
      p.anc2 = value;
      p.anc2Unit = unit;
      p.anc2Day = day;
    }
  },
  hemoglobin: (p, slot, value, unit, day) => {
    if (slot === 1) {
      p.hb1 = value;
      p.hb1Unit = unit;
      p.hb1Day = day;
    } else {
      p.hb2 = value;
      p.hb2Unit = unit;
      p.hb2Day = day;
    }
  },
  serum_creatinine: (p, slot, value, unit, day) => {
    if (slot === 1) {
      p.scr1 = value;
      p.scr1Unit = unit;
      p.scr1Day = day;
    } else {
      p.scr2 = value;
      p.scr2Unit = unit;
      p.scr2Day = day;
    }
  },
  alt: (p, slot, value, _unit, day, high) => {
    if (slot === 1) {
      p.alt1 = value;
      p.alt1High = high;
      p.alt1Day = day;
    } else {
      p.alt2 = value;
      p.alt2High = high;
      p.alt2Day = day;
    }
  },
  ast: (p, slot, value, _unit, day, high) => {
    if (slot === 1) {
      p.ast1 = value;
      p.ast1High = high;
      p.ast1Day = day;
    } else {
      p.ast2 = value;
      p.ast2High = high;
      p.ast2Day = day;
    }
  },
  bilirubin_total: (p, slot, value, _unit, day, high) => {
    if (slot === 1) {
      p.tbil1 = value;
      p.tbil1High = high;
      p.tbil1Day = day;
    } else {
      p.tbil2 = value;
      p.tbil2High = high;
      p.tbil2Day = day;
    }
  },
};

type RecordSetter = (
  p: FlatPatient,
  slot: number,
  clinical: number,
  verification: number,
  onset: number,
) => void;
const RECORD: Readonly<Record<ConditionKind, RecordSetter>> = {
  gilbert_syndrome: (p, _slot, clinical, verification, onset) => {
    p.gilbertClinical = clinical;
    p.gilbertVerification = verification;
    p.gilbertOnset = onset;
  },
  diabetes: (p, _slot, clinical, verification, onset) => {
    p.diabetesClinical = clinical;
    p.diabetesVerification = verification;
    p.diabetesOnset = onset;
  },
  malignant_neoplasm: (p, _slot, clinical, verification, onset) => {
    p.malignancyClinical = clinical;
    p.malignancyVerification = verification;
    p.malignancyOnset = onset;
  },
  active_infection: (p, slot, clinical, verification, onset) => {
    if (slot === 1) {
      p.infection1Clinical = clinical;
      p.infection1Verification = verification;
      p.infection1Onset = onset;
    } else {
      p.infection2Clinical = clinical;
      p.infection2Verification = verification;
      p.infection2Onset = onset;
    }
  },
};

/** Writes generated patients as flat objects; `take()` hands over the patients since the last call. */
export class FlatSink implements PatientSink {
  /** The screening date as a day number. */
  readonly asOf: number;
  private patients: FlatPatient[] = [];
  private current = new FlatPatient();
  private readonly filled = new Map<string, number>();

  constructor(asOf: string) {
    this.asOf = dayNumber(asOf);
  }

  /** The next slot of an element for the current patient (1-based). */
  private slot(element: Lab | ConditionKind | 'csf'): number {
    const slot = (this.filled.get(element) ?? 0) + 1;
    if (slot > SLOTS[element])
      throw new Error(`a flat patient holds at most ${SLOTS[element]} of ${element}`);
    this.filled.set(element, slot);
    return slot;
  }

  birth(daysBefore: number): void {
    this.current.birth = this.asOf - daysBefore;
  }

  sex(sex: 'female' | 'male' | 'other'): void {
    this.current.sex = SEX[sex];
  }

  result(lab: Lab, value: number, unit: string, daysBefore: number, _low: number, high: number): void {
    const code = codeOf(REPORTED_UNITS[lab]!, unit);
    RESULT[lab](this.current, this.slot(lab), value, code, this.asOf - daysBefore, high);
  }

  condition(
    kind: ConditionKind,
    _code: string,
    clinical: ConditionEntry['clinicalStatus'],
    verification: ConditionEntry['verificationStatus'],
    onsetDaysBefore: number,
  ): void {
    const onset = this.asOf - onsetDaysBefore;
    RECORD[kind](
      this.current,
      this.slot(kind),
      codeOf(CLINICAL, clinical),
      codeOf(VERIFICATION, verification),
      onset,
    );
  }

  exposure(_code: string, startDaysBefore: number, endDaysBefore: number | undefined): void {
    const p = this.current;
    const start = this.asOf - startDaysBefore;
    const end = endDaysBefore === undefined ? NEVER : this.asOf - endDaysBefore;
    if (this.slot('csf') === 1) {
      p.csf1Start = start;
      p.csf1End = end;
    } else {
      p.csf2Start = start;
      p.csf2End = end;
    }
  }

  endPatient(): void {
    this.patients.push(this.current);
    this.current = new FlatPatient();
    this.filled.clear();
  }

  take(): FlatPatient[] {
    const out = this.patients;
    this.patients = [];
    return out;
  }
}
