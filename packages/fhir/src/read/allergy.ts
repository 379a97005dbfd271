import type { AllergyRecord } from '@eligo/core';
import type { AllergyIntolerance, Entry } from '../bundle';
import { isAfter, toPartialDate } from '../dates';
import { classify } from '../elements';
import { type Reading, statusCode } from './context';
import { addRecords } from './records';

const SEVERITY = ['mild', 'moderate', 'severe'] as const;

/**
 * An AllergyIntolerance as a record of every allergy element whose binding takes its code or
 * a reaction's substance (`from any` takes them all), with its criticality and the most severe
 * reaction (unclassified, of every allergy element, when the protocol cannot classify its codes).
 * Refuted and entered-in-error allergies never count. Inactive and resolved ones
 * still do: criteria speak of a history of allergic reactions (NCT06469190's C-EX-1 reads "any
 * clinical status"). One whose onset (or, lacking it, recording) is after the screening date is
 * ignored.
 */
export function readAllergy(reading: Reading, entry: Entry<AllergyIntolerance>): void {
  const a = entry.resource;
  const verification = statusCode(a.verificationStatus, [
    'unconfirmed',
    'confirmed',
    'refuted',
    'entered-in-error',
  ]);
  if (verification === 'refuted' || verification === 'entered-in-error') return;
  const dated = a.onsetDateTime ?? a.recordedDate;
  if (dated !== undefined && isAfter(toPartialDate(dated), reading.asOf)) return;

  const concepts = [a.code, ...(a.reaction ?? []).map((r) => r.substance)];
  const severities = (a.reaction ?? []).map((r) => r.severity).filter((s) => s !== undefined);
  const severity = SEVERITY.findLast((s) => severities.includes(s));
  const record: AllergyRecord = {};
  if (a.criticality !== undefined) record.criticality = a.criticality;
  if (severity !== undefined) record.severity = severity;
  const classified = classify(reading.info, ['allergy'], concepts);
  const where = { type: 'AllergyIntolerance', path: `${entry.path}.code` };
  addRecords(reading, 'allergy', where, classified, record);
}
