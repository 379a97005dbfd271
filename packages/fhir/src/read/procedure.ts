import type { ProcedureRecord } from '@eligo/core';
import type { Entry, Procedure } from '../bundle';
import { isAfter, toRecordDate } from '../dates';
import { classify } from '../elements';
import { codingsOf } from './codings';
import type { Reading } from './context';
import { addRecords } from './records';

/**
 * A completed Procedure (or one without a status) as a record of every procedure element
 * whose binding takes its code (unclassified, of every one, when the protocol cannot classify its
 * code), dated by when it was performed: a period keeps its last day too (a course of
 * radiotherapy "completed at least 2 weeks before"). One performed after the screening date is
 * ignored. One in progress is under way from its start; procedures in any other status have not
 * happened (yet). Its body sites (bodySite) are kept as codings, for elements that ask for some.
 */
export function readProcedure(reading: Reading, entry: Entry<Procedure>): void {
  const p = entry.resource;
  const inProgress = p.status === 'in-progress';
  if (p.status !== undefined && p.status !== 'completed' && !inProgress) return;
  const performed = p.performedDateTime ?? p.performedPeriod?.start ?? p.performedPeriod?.end;
  const date = performed === undefined ? undefined : toRecordDate(performed);
  if (date !== undefined && isAfter(date, reading.asOf)) return;
  const record: ProcedureRecord = {};
  if (date !== undefined) record.date = date;
  const last = p.performedDateTime === undefined ? p.performedPeriod?.end : undefined;
  if (inProgress) record.inProgress = true;
  else if (last !== undefined && p.performedPeriod?.start !== undefined) record.end = toRecordDate(last);
  const sites = codingsOf(p.bodySite);
  if (sites.length > 0) record.bodySite = sites;
  const classified = classify(reading.info, ['procedure'], [p.code]);
  addRecords(reading, 'procedure', { type: 'Procedure', path: `${entry.path}.code` }, classified, record);
}
