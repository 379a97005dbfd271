import type { Diagnosis } from './codes';
import type { Random } from './random';

/** What every record builder of one patient shares: the draws, the patient, and the screening date. */
export interface PatientContext {
  readonly random: Random;
  readonly index: number;
  readonly id: string;
  readonly sex: 'female' | 'male' | 'other' | 'unknown' | undefined;
  readonly diagnosis: Diagnosis;
  /**
   * A patient drawn to fit one cohort (normal results, no excluding diagnosis, the usual
   * treatment), so that a population has eligible patients as well as the many who are not; the
   * export's mess applies to them all the same.
   */
  readonly candidate: boolean;
  /** The screening date the history is drawn against (YYYY-MM-DD). */
  readonly asOf: string;
  /** A fresh resource id, unique in the export: `obs-17-3`. */
  nextId(kind: string): string;
  /** A reference to the patient, in one of the forms exports use. */
  subject(): { reference: string };
  /** The date `days` before asOf, YYYY-MM-DD (negative: after asOf). */
  daysBefore(days: number): string;
  /** The same, sometimes as a partial date (YYYY or YYYY-MM) or with a time and zone. */
  messyDate(days: number): string;
}

const DAY_MS = 86_400_000;

/** Dates by (asOf, days), since formatting a Date is the generator's costliest step otherwise. */
const days = new Map<string, string>();

export function dayBefore(asOf: string, before: number): string {
  const key = `${asOf}|${before}`;
  let day = days.get(key);
  if (day === undefined) {
    day = new Date(Date.parse(`${asOf}T00:00:00Z`) - before * DAY_MS).toISOString().slice(0, 10);
    if (days.size < 100_000) days.set(key, day);
  }
  return day;
}

export function patientContext(
  random: Random,
  index: number,
  fields: Pick<PatientContext, 'id' | 'sex' | 'diagnosis' | 'candidate' | 'asOf'>,
): PatientContext {
  const counters = new Map<string, number>();
  const daysBefore = (days: number) => dayBefore(fields.asOf, days);
  return {
    ...fields,
    random,
    index,
    nextId(kind) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return `${kind}-${index}-${n}`;
    },
    subject() {
      const form = random.weighted({ relative: 85, urn: 10, absolute: 5 });
      if (form === 'urn') return { reference: `urn:uuid:${fields.id}` };
      if (form === 'absolute') return { reference: `https://ehr.example.org/fhir/Patient/${fields.id}` };
      return { reference: `Patient/${fields.id}` };
    },
    daysBefore,
    messyDate(days) {
      const day = daysBefore(days);
      const form = random.weighted({ day: 86, timed: 9, month: 4, year: 1 });
      if (form === 'month') return day.slice(0, 7);
      if (form === 'year') return day.slice(0, 4);
      if (form === 'timed')
        return `${day}T${String(random.int(7, 17)).padStart(2, '0')}:${random.pick(['00', '15', '30', '45'])}:00+01:00`;
      return day;
    },
  };
}
