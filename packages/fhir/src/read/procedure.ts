import type { ProcedureRecord } from '@eligo/core';
import type { Entry, Procedure } from '../bundle';
import { isAfter, toPartialDate } from '../dates';
import { classify } from '../elements';
import type { Reading } from './context';
import { addRecords } from './records';

/**
 * A completed Procedure (or one without a status) as a record of every procedure element
 * whose binding takes its code (unclassified, of every one, when the protocol cannot classify its
 * code), dated by when it was performed; one performed after the
 * screening date is ignored. Procedures in any other status have not happened (yet).
 */
export function readProcedure(reading: Reading, entry: Entry<Procedure>): void {
  const p = entry.resource;
  if (p.status !== undefined && p.status !== 'completed') return;
  const performed = p.performedDateTime ?? p.performedPeriod?.start ?? p.performedPeriod?.end;
  const date = performed === undefined ? undefined : toPartialDate(performed);
  if (date !== undefined && isAfter(date, reading.asOf)) return;
  const record: ProcedureRecord = {};
  if (date !== undefined) record.date = date;
  const classified = classify(reading.info, ['procedure'], [p.code]);
  addRecords(reading, 'procedure', { type: 'Procedure', path: `${entry.path}.code` }, classified, record);
}
