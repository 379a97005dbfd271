import { dayNumber } from '../engines/shared/days';
import type { PatientSink } from '../generate';
import type { BenchInput } from '../patient';
import { CONDITIONS, LABS } from './codes';

/**
 * Writes one patient's facts to a sink, as the generator would have: how an engine that reads
 * another layout looks at a single patient when the agreement check asks for its statuses.
 */
export function replay(input: BenchInput, sink: PatientSink): void {
  const asOf = dayNumber(input.asOf);
  const before = (iso: string) => asOf - dayNumber(iso);
  const facts = input.facts;
  if (facts.birth_date !== undefined) sink.birth(before(facts.birth_date));
  const sex = facts.sex;
  if (sex === 'female' || sex === 'male' || sex === 'other') sink.sex(sex);
  for (const lab of LABS) {
    for (const r of facts[lab] ?? []) {
      const range = r.referenceRange;
      sink.result(lab, r.value, r.unit, before(r.date), range?.low ?? Number.NaN, range?.high ?? Number.NaN);
    }
  }
  for (const kind of CONDITIONS) {
    for (const c of facts[kind] ?? []) {
      if (c.onset === undefined) throw new Error('the lean layouts expect every diagnosis to have an onset');
      const abatement = c.abatement === undefined ? undefined : before(c.abatement);
      sink.condition(kind, c.code, c.clinicalStatus, c.verificationStatus, before(c.onset), abatement);
    }
  }
  for (const e of facts.colony_stimulating_factor ?? []) {
    sink.exposure(e.code, before(e.start), e.end === undefined ? undefined : before(e.end));
  }
  sink.endPatient();
}
