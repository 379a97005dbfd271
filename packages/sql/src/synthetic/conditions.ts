import {
  AAV_RENAL,
  ALVEOLAR_HAEMORRHAGE,
  COMORBIDITIES,
  type ConditionCode,
  PRIMARY,
  SYSTEMS,
} from './codes';
import type { PatientContext } from './context';

type Resource = Record<string, unknown>;

/** The patient's diagnoses: the renal disease that brings them, comorbidities, and the odd history. */
export function conditions(context: PatientContext): Resource[] {
  const { random, diagnosis } = context;
  const found: Resource[] = [];
  if (diagnosis !== 'none') {
    found.push(condition(context, random.pick(PRIMARY[diagnosis]), random.int(200, 3000)));
    if (diagnosis === 'AAV' && random.chance(0.6))
      found.push(condition(context, AAV_RENAL, random.int(100, 1500)));
    if (diagnosis === 'AAV' && random.chance(0.1))
      found.push(condition(context, ALVEOLAR_HAEMORRHAGE, random.int(5, 400)));
  }
  for (const comorbidity of COMORBIDITIES) {
    if (comorbidity.female === true && context.sex !== 'female') continue;
    if (context.candidate && comorbidity.excludes) continue;
    if (random.chance(comorbidity.rate)) found.push(condition(context, comorbidity, random.int(30, 5000)));
  }
  return found;
}

/**
 * One Condition. Most are active and confirmed; the rest carry every other clinical and
 * verification status (entered-in-error included), some lack a clinical status, and onsets are
 * sometimes partial, a period, or missing. Resolved ones have an abatement date.
 */
function condition(context: PatientContext, code: ConditionCode, days: number): Resource {
  const { random } = context;
  const clinical = random.weighted({
    active: 78,
    recurrence: 3,
    relapse: 3,
    inactive: 4,
    remission: 4,
    resolved: 5,
    missing: 3,
  });
  const verification = random.weighted({
    confirmed: 84,
    provisional: 4,
    differential: 2,
    unconfirmed: 4,
    refuted: 3,
    'entered-in-error': 3,
  });
  const coding: Resource[] = [];
  const coded = random.weighted({ both: 70, icd: 20, snomed: 10 });
  if (code.icd10 !== undefined && (coded !== 'snomed' || code.snomed === undefined))
    coding.push({ system: SYSTEMS.icd10, code: code.icd10, display: code.display });
  if (code.snomed !== undefined && coded !== 'icd')
    coding.push({ system: SYSTEMS.snomed, code: code.snomed, display: code.display });
  const resource: Resource = { resourceType: 'Condition', id: context.nextId('cond') };
  if (clinical !== 'missing')
    resource.clinicalStatus = { coding: [{ system: SYSTEMS.clinical, code: clinical }] };
  resource.verificationStatus = { coding: [{ system: SYSTEMS.verification, code: verification }] };
  resource.category = [
    {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
      ],
    },
  ];
  resource.code = { coding, text: code.display };
  resource.subject = context.subject();
  const onset = random.weighted({ dateTime: 85, period: 5, missing: 10 });
  if (onset === 'dateTime') resource.onsetDateTime = context.messyDate(days);
  if (onset === 'period') resource.onsetPeriod = { start: context.daysBefore(days) };
  if (clinical === 'resolved' || clinical === 'remission')
    resource.abatementDateTime = context.messyDate(random.int(0, Math.max(0, days - 1)));
  resource.recordedDate = context.daysBefore(Math.max(0, days - random.int(0, 30)));
  return resource;
}
