import {
  type ClinicalStatus,
  ClinicalStatus as ClinicalStatusSchema,
  type ConditionRecord,
  type VerificationStatus,
  VerificationStatus as VerificationStatusSchema,
} from '@eligo/core';
import type { Condition, Entry } from '../bundle';
import { isAfter, toPartialDate, toRecordDate } from '../dates';
import { classify } from '../elements';
import { statusProblem } from '../warnings';
import { type Reading, statusCode } from './context';
import { addRecords, feedsAny } from './records';

const CLINICAL: readonly ClinicalStatus[] = ClinicalStatusSchema.options;
const VERIFICATION: readonly VerificationStatus[] = VerificationStatusSchema.options;

/**
 * A Condition as a record of every condition element whose binding takes its code (or, when the
 * protocol cannot classify its code, an unclassified record of every condition element).
 * - Refuted and entered-in-error diagnoses never count; an onset after the screening date
 *   means the condition did not exist yet, so it is ignored, and so is one without an onset
 *   that was recorded only after that date.
 * - A missing clinical or verification status is left to the facts' defaults (active,
 *   confirmed); a status code outside R4's value set is reported and the record ignored.
 * - An abatement after the screening date means the condition was still going on at that
 *   date: the record is read as active, without the abatement.
 */
export function readCondition(reading: Reading, entry: Entry<Condition>): void {
  const c = entry.resource;
  const verification = statusCode(c.verificationStatus, VERIFICATION);
  if (verification === 'refuted' || verification === 'entered-in-error') return;
  const classified = classify(reading.info, ['condition'], [c.code]);
  if (!feedsAny(classified)) return;

  const onsetRaw = c.onsetDateTime ?? c.onsetPeriod?.start;
  const onset = onsetRaw === undefined ? undefined : toRecordDate(onsetRaw);
  if (onset !== undefined && isAfter(onset, reading.asOf)) return;
  if (
    onset === undefined &&
    c.recordedDate !== undefined &&
    isAfter(toPartialDate(c.recordedDate), reading.asOf)
  )
    return;

  let clinical = statusCode(c.clinicalStatus, CLINICAL);
  if (clinical === 'unrecognised' || verification === 'unrecognised') {
    const field = clinical === 'unrecognised' ? 'clinicalStatus' : 'verificationStatus';
    reading.warn(
      statusProblem(
        `${entry.path}.${field}`,
        `the Condition's ${field} is not an R4 ${field} code; the record is ignored`,
        classified.matches[0]?.element.id,
      ),
    );
    return;
  }

  const abatementRaw = c.abatementDateTime ?? c.abatementPeriod?.end ?? c.abatementPeriod?.start;
  let abatement = abatementRaw === undefined ? undefined : toRecordDate(abatementRaw);
  if (abatement !== undefined && isAfter(abatement, reading.asOf)) {
    abatement = undefined;
    if (clinical === 'inactive' || clinical === 'remission' || clinical === 'resolved') clinical = 'active';
  }

  const record: ConditionRecord = {
    clinicalStatus: clinical ?? 'active',
    verificationStatus: verification ?? 'confirmed',
  };
  if (onset !== undefined) record.onset = onset;
  if (abatement !== undefined) record.abatement = abatement;
  const severity = severityOf(c.severity?.coding);
  if (severity !== undefined) record.severity = severity;
  addRecords(reading, 'condition', { type: 'Condition', path: `${entry.path}.code` }, classified, record);
}

/** R4's condition-severity value set (SNOMED CT): severe, moderate, mild. */
const SEVERITY: Readonly<Record<string, 'mild' | 'moderate' | 'severe'>> = {
  '24484000': 'severe',
  '6736007': 'moderate',
  '255604002': 'mild',
};

/** The severity a Condition records; a code outside the value set is no severity. */
function severityOf(
  codings: readonly { system?: string | undefined; code?: string | undefined }[] | undefined,
): 'mild' | 'moderate' | 'severe' | undefined {
  for (const c of codings ?? []) {
    if (c.system === 'http://snomed.info/sct' && c.code !== undefined && c.code in SEVERITY)
      return SEVERITY[c.code];
  }
  return undefined;
}
