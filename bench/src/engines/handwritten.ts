import type {
  BenchFacts,
  BenchInput,
  BenchPatient,
  ConditionEntry,
  LabResult,
  Status,
  Verdict,
} from '../patient';
import { CRITERIA, INCLUSIONS } from '../patient';
import type { Engine, Screener } from './engine';
import { ckdEpi2021 } from './shared/ckd';
import { ge, le } from './shared/compare';
import { ageOn, dayNumber } from './shared/days';
import { latest } from './shared/latest';
import { factorTable } from './shared/units';

/**
 * The practical limit: the benchmark subset written by hand in TypeScript. Three-valued as numbers
 * (1 met, 0 not met, 0.5 unknown) so Kleene `and`/`or`/`not` are min/max/1−x; unit factors from UCUM
 * cached per reported unit; CKD-EPI inline; the lab result in use picked in one pass. It ignores
 * the protocol text: it is the same criteria, compiled by a person.
 */

export const MET = 1;
export const NOT_MET = 0;
export const UNKNOWN = 0.5;

export const toE9PerL = factorTable('10*9/L');
export const toGPerL = factorTable('g/L');
export const toMgDlCreatinine = factorTable('mg/dL', 113.12);

function atLeast(
  r: LabResult | undefined,
  threshold: number,
  factor: (u: string | undefined) => number,
): number {
  if (r === undefined) return UNKNOWN;
  const f = factor(r.unit);
  if (Number.isNaN(f)) return UNKNOWN;
  return ge(r.value * f, threshold) ? MET : NOT_MET;
}

/** `value <= k × ULN`, both in the result's own unit (the factor cancels). */
function withinUln(r: LabResult | undefined, k: number): number {
  const high = r?.referenceRange?.high;
  if (r === undefined || high === undefined) return UNKNOWN;
  return le(r.value, k * high) ? MET : NOT_MET;
}

const ACTIVE = 1;
const RESOLVED = 2;
function clinical(status: string): number {
  return status === 'active' || status === 'recurrence' || status === 'relapse' ? ACTIVE : RESOLVED;
}

/** Closed-world diagnosis: `mode` 0 active and confirmed, 1 suspected, 2 ever. */
function condition(records: ConditionEntry[] | undefined, asOf: string, mode: 0 | 1 | 2): number {
  if (records === undefined) return NOT_MET;
  let result = NOT_MET;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const v = r.verificationStatus;
    if (v === 'refuted' || v === 'entered-in-error') continue;
    if (r.onset !== undefined && r.onset > asOf) continue;
    const confirmed = v === 'confirmed';
    let t: number;
    if (mode === 2) t = confirmed ? MET : UNKNOWN;
    else if (clinical(r.clinicalStatus) !== ACTIVE) t = NOT_MET;
    else t = confirmed || mode === 1 ? MET : UNKNOWN;
    if (t === MET) return MET;
    if (t === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

/** A colony-stimulating factor exposure overlapping the 14 days up to the neutrophil count's date. */
function csfBefore(facts: BenchFacts, anchor: string, asOf: string): boolean {
  const list = facts.colony_stimulating_factor;
  if (list === undefined) return false;
  const windowStart = dayNumber(anchor) - 14;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (e.start > asOf) continue;
    const end = e.end === undefined || e.end > asOf ? asOf : e.end;
    if (e.start <= anchor && e.start <= end && dayNumber(end) >= windowStart) return true;
  }
  return false;
}

/** Statuses of the eleven criteria, in CRITERIA order, into `out`. */
export function evaluate(input: BenchInput, out: number[]): void {
  const facts = input.facts;
  const asOf = input.asOf;
  const birth = facts.birth_date;
  const age = birth === undefined ? -1 : ageOn(birth, asOf);
  out[0] = birth === undefined ? UNKNOWN : age >= 18 && age <= 70 ? MET : NOT_MET;

  out[1] = atLeast(latest(facts.wbc, asOf), 3, toE9PerL);

  const anc = latest(facts.neutrophils, asOf);
  const ancOk = atLeast(anc, 1, toE9PerL);
  out[2] =
    anc === undefined ? UNKNOWN : ancOk === NOT_MET || csfBefore(facts, anc.date, asOf) ? NOT_MET : ancOk;

  out[3] = atLeast(latest(facts.hemoglobin, asOf), 60, toGPerL);
  out[4] = withinUln(latest(facts.alt, asOf), 3);
  out[5] = withinUln(latest(facts.ast, asOf), 3);

  const tbil = latest(facts.bilirubin_total, asOf);
  const gilbert = condition(facts.gilbert_syndrome, asOf, 0);
  const strict = withinUln(tbil, 1.5);
  const lenient = withinUln(tbil, 3);
  out[6] = gilbert === MET ? lenient : gilbert === NOT_MET ? strict : strict === lenient ? strict : UNKNOWN;

  const scr = latest(facts.serum_creatinine, asOf);
  const sex = facts.sex;
  if (scr === undefined || birth === undefined || (sex !== 'male' && sex !== 'female')) out[7] = UNKNOWN;
  else {
    const f = toMgDlCreatinine(scr.unit);
    out[7] = Number.isNaN(f)
      ? UNKNOWN
      : ge(ckdEpi2021(scr.value * f, sex === 'female', ageOn(birth, scr.date)), 45)
        ? MET
        : NOT_MET;
  }

  out[8] = condition(facts.active_infection, asOf, 1);
  out[9] = condition(facts.malignant_neoplasm, asOf, 2);
  out[10] = condition(facts.diabetes, asOf, 0);
}

export function verdictOf(statuses: readonly number[]): Verdict {
  let inclusion = MET;
  for (let i = 0; i < INCLUSIONS; i++) if (statuses[i]! < inclusion) inclusion = statuses[i]!;
  let exclusion = NOT_MET;
  for (let i = INCLUSIONS; i < statuses.length; i++) if (statuses[i]! > exclusion) exclusion = statuses[i]!;
  if (inclusion === NOT_MET || exclusion === MET) return 'ineligible';
  return inclusion === MET && exclusion === NOT_MET ? 'eligible' : 'undetermined';
}

export function statusName(t: number): Status {
  return t === MET ? 'met' : t === NOT_MET ? 'not_met' : 'unknown';
}

export const handwritten: Engine = {
  name: 'hand-written',
  description: 'a TypeScript function of the same eleven criteria, written by hand',
  layout: 'objects',
  async prepare(): Promise<Screener> {
    const statuses: number[] = new Array(CRITERIA.length).fill(0);
    return {
      run(batch: readonly BenchPatient[]): Verdict[] {
        const out: Verdict[] = new Array(batch.length);
        for (let i = 0; i < batch.length; i++) {
          evaluate(batch[i]!.input, statuses);
          out[i] = verdictOf(statuses);
        }
        return out;
      },
      criteria(patient: BenchPatient): Record<string, Status> {
        evaluate(patient.input, statuses);
        return Object.fromEntries(CRITERIA.map((id, i) => [id, statusName(statuses[i]!)]));
      },
    };
  },
};
