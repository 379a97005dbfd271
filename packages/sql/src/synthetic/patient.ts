import type { Resource } from '../bulk/bundle';
import type { Diagnosis } from './codes';
import { conditions } from './conditions';
import { type PatientContext, patientContext } from './context';
import { laboratoryResults } from './labs';
import { medications } from './medications';
import { allergies, coverage, procedures } from './other';
import { mix, randomOf } from './random';

export type { Resource };

export interface SyntheticPatient {
  readonly id: string;
  readonly index: number;
  /** The Patient first, then everything else of theirs. */
  readonly resources: readonly Resource[];
}

export interface PatientOptions {
  readonly seed: number;
  /** The screening date the records are dated against; 2025-03-15 unless given. */
  readonly asOf?: string;
}

export const DEFAULT_AS_OF = '2025-03-15';

/**
 * Patient number `index` of the export with this seed: the same seed and index always give the
 * same resources, whatever else is generated. About one patient in twenty has nothing on record
 * but the Patient resource.
 */
export function syntheticPatient(index: number, options: PatientOptions): SyntheticPatient {
  const random = randomOf(mix(options.seed, index));
  const id = random.uuid();
  const sex = random.weighted({ female: 49, male: 49, other: 0.5, unknown: 0.5, missing: 1 });
  const candidate = random.chance(0.15);
  const diagnosis = candidate
    ? random.weighted({ IgAN: 45, PMN: 35, AAV: 20 })
    : random.weighted<Diagnosis>({ IgAN: 30, PMN: 22, AAV: 13, FSGS: 5, none: 30 });
  const context = patientContext(random, index, {
    id,
    sex: sex === 'missing' ? undefined : sex,
    diagnosis,
    candidate,
    asOf: options.asOf ?? DEFAULT_AS_OF,
  });
  const patient = patientResource(context);
  if (random.chance(0.05)) return { id, index, resources: [patient] };
  return {
    id,
    index,
    resources: [
      patient,
      ...laboratoryResults(context),
      ...conditions(context),
      ...medications(context),
      ...procedures(context),
      ...allergies(context),
      ...coverage(context),
    ],
  };
}

/** The Patient: ages 12 to 85 (candidates 25 to 65), a few birth dates given only as a year or a month, a few missing. */
function patientResource(context: PatientContext): Resource {
  const { random } = context;
  const resource: Resource = {
    resourceType: 'Patient',
    id: context.id,
    identifier: [{ system: 'https://ehr.example.org/mrn', value: `MRN${String(100000 + context.index)}` }],
  };
  if (context.sex !== undefined) resource.gender = context.sex;
  const birth = context.daysBefore(
    context.candidate ? random.int(25 * 365, 65 * 365) : random.int(12 * 365, 85 * 365),
  );
  const form = random.weighted({ day: 96, month: 2, year: 1, missing: 1 });
  if (form === 'day') resource.birthDate = birth;
  if (form === 'month') resource.birthDate = birth.slice(0, 7);
  if (form === 'year') resource.birthDate = birth.slice(0, 4);
  return resource;
}
