import { CODE_SYSTEMS, canonicalSystem, conversionFactor, type Exposure, routeOfSnomed } from '@eligo/core';
import type { CodeableConcept, Dosage, Quantity } from '../bundle';
import { isValidUnit } from '../units';
import { UCUM } from './observation';

/**
 * A medication record's route and dose, from its dosages (MedicationStatement `dosage`,
 * MedicationRequest `dosageInstruction`, MedicationAdministration `dosage`), as the fields of an
 * exposure. What cannot be read exactly is left out, never guessed: the exposure then has no
 * route, or no daily dose, and the rules that need them say unknown.
 */
export type Dosing = Pick<Exposure, 'route' | 'dose' | 'perDay' | 'dailyDose'>;

/** Why a route was left out, when the record had one (for W-FHIR-ROUTE). */
export interface DosingRead {
  readonly dosing: Dosing;
  readonly routeProblem: { readonly path: string; readonly reason: string } | undefined;
}

/** Doses a day of FHIR's common schedules (v3 GTSAbbreviation), for a Timing given by code only. */
const PER_DAY_BY_CODE: Readonly<Record<string, number>> = {
  QD: 1,
  AM: 1,
  PM: 1,
  BED: 1,
  BID: 2,
  TID: 3,
  QID: 4,
  QOD: 0.5,
  Q1H: 24,
  Q2H: 12,
  Q3H: 8,
  Q4H: 6,
  Q6H: 4,
  Q8H: 3,
  WK: 1 / 7,
};

/** Days in each of FHIR's units of time, as UCUM defines them (`mo` and `a` Julian: 30.4375 and 365.25 days). */
const DAYS = { s: 1 / 86400, min: 1 / 1440, h: 1 / 24, d: 1, wk: 7, mo: 30.4375, a: 365.25 } as const;

/** The route word of a concept: its first SNOMED CT coding the route table has. */
function routeOf(concept: CodeableConcept): string | undefined {
  for (const c of concept.coding ?? []) {
    if (c.system === undefined || c.code === undefined) continue;
    if (canonicalSystem(c.system) !== CODE_SYSTEMS.snomed) continue;
    const word = routeOfSnomed(c.code);
    if (word !== undefined) return word;
  }
  return undefined;
}

function codesOf(concept: CodeableConcept): string {
  const codes = (concept.coding ?? []).map((c) => `${c.system ?? ''}|${c.code ?? ''}`);
  return codes.length > 0 ? codes.join(', ') : `'${concept.text ?? ''}'`;
}

/** A mass in a UCUM unit (from the quantity's UCUM code, else its unit text); undefined otherwise. */
function massOf(q: Quantity | undefined): { value: number; unit: string } | undefined {
  if (q?.value === undefined || q.comparator !== undefined) return undefined;
  if (q.system !== undefined && q.system !== UCUM) return undefined;
  const unit = q.code ?? q.unit;
  if (unit === undefined || !isValidUnit(unit) || conversionFactor(unit, 'mg') === undefined)
    return undefined;
  return { value: q.value, unit };
}

/** Doses a day of a Timing; undefined when it gives none or a range (`frequencyMax`, `periodMax`). */
function perDayOf(d: Dosage): number | undefined {
  if (d.asNeededBoolean === true) return undefined;
  const repeat = d.timing?.repeat;
  if (repeat !== undefined) {
    if (repeat.frequencyMax !== undefined || repeat.periodMax !== undefined) return undefined;
    if (repeat.period !== undefined && repeat.periodUnit !== undefined) {
      // Without a frequency the event happens once a period (FHIR R4 Timing.repeat).
      const perDay = (repeat.frequency ?? 1) / (repeat.period * DAYS[repeat.periodUnit]);
      return Number.isFinite(perDay) && perDay > 0 ? perDay : undefined;
    }
    const times = repeat.timeOfDay?.length ?? repeat.when?.length;
    if (times !== undefined && times > 0 && repeat.frequency === undefined) return times;
    if (repeat.frequency !== undefined || repeat.period !== undefined) return undefined;
  }
  for (const c of d.timing?.code?.coding ?? []) {
    if (c.code !== undefined && Object.hasOwn(PER_DAY_BY_CODE, c.code)) return PER_DAY_BY_CODE[c.code];
  }
  return undefined;
}

/** The ordered dose of a dosage (a `doseAndRate` typed `ordered`, else the first with a dose). */
function doseOf(d: Dosage): Quantity | undefined {
  const entries = d.doseAndRate ?? [];
  const ordered = entries.find((e) => e.type?.coding?.some((c) => c.code === 'ordered') && e.doseQuantity);
  return (ordered ?? entries.find((e) => e.doseQuantity !== undefined))?.doseQuantity;
}

/**
 * The route and dose of a statement's or a request's dosages (`field` names them for paths). One
 * dosage gives its dose and doses a day. Several at once (no `sequence`, or the same one) add up
 * into a daily dose when each is known; several in sequence (a taper) give none, since which one
 * applies on a given day is not recorded. A route is read when every dosage that states one states
 * the same, and all do.
 */
export function readDosages(dosages: readonly Dosage[] | undefined, path: string): DosingRead {
  const list = dosages ?? [];
  const dosing: Dosing = {};
  let routeProblem: DosingRead['routeProblem'];
  const routes = list.map((d) => (d.route === undefined ? undefined : routeOf(d.route)));
  const unreadable = list.findIndex((d, i) => d.route !== undefined && routes[i] === undefined);
  if (unreadable >= 0) {
    routeProblem = {
      path: `${path}[${unreadable}].route`,
      reason: `the route ${codesOf(list[unreadable]!.route!)} is not a SNOMED CT route code of the route table`,
    };
  } else if (list.length > 0 && routes.every((r) => r !== undefined)) {
    if (routes.every((r) => r === routes[0])) dosing.route = routes[0] as Exposure['route'];
    else routeProblem = { path, reason: `the dosages give different routes (${routes.join(', ')})` };
  }
  if (list.length === 1) {
    const dose = massOf(doseOf(list[0]!));
    const perDay = perDayOf(list[0]!);
    if (dose !== undefined) dosing.dose = dose;
    if (dose !== undefined && perDay !== undefined) dosing.perDay = perDay;
  } else if (list.length > 1 && list.every((d) => d.sequence === list[0]!.sequence)) {
    let total = 0;
    for (const d of list) {
      const dose = massOf(doseOf(d));
      const perDay = perDayOf(d);
      if (dose === undefined || perDay === undefined) return { dosing, routeProblem };
      total += dose.value * conversionFactor(dose.unit, 'mg')! * perDay;
    }
    dosing.dailyDose = { value: total, unit: 'mg/d' };
  }
  return { dosing, routeProblem };
}

/**
 * The route and dose of one administration: its dose, given once (one dose that day when it is
 * dated to a day; over a longer period the doses a day are not known).
 */
export function readAdministrationDosage(
  dosage: { route?: CodeableConcept | undefined; dose?: Quantity | undefined } | undefined,
  oneDay: boolean,
  path: string,
): DosingRead {
  const dosing: Dosing = {};
  let routeProblem: DosingRead['routeProblem'];
  if (dosage?.route !== undefined) {
    const route = routeOf(dosage.route);
    if (route !== undefined) dosing.route = route as Exposure['route'];
    else
      routeProblem = {
        path: `${path}.route`,
        reason: `the route ${codesOf(dosage.route)} is not a SNOMED CT route code of the route table`,
      };
  }
  const dose = massOf(dosage?.dose);
  if (dose !== undefined) {
    dosing.dose = dose;
    if (oneDay) dosing.perDay = 1;
  }
  return { dosing, routeProblem };
}
