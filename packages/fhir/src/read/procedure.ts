import type { ProcedureRecord } from '@eligo/core';
import type { Entry, Procedure } from '../bundle';
import { isAfter, toPartialDate } from '../dates';
import { matchConcepts } from '../elements';
import type { Reading } from './context';

/**
 * A completed Procedure (or one without a status) as a record of every procedure element
 * whose binding takes its code, dated by when it was performed; one performed after the
 * screening date is ignored. Procedures in any other status have not happened (yet).
 */
export function readProcedure(reading: Reading, entry: Entry<Procedure>): void {
  const p = entry.resource;
  if (p.status !== undefined && p.status !== 'completed') return;
  const performed = p.performedDateTime ?? p.performedPeriod?.start ?? p.performedPeriod?.end;
  const date = performed === undefined ? undefined : toPartialDate(performed);
  if (date !== undefined && isAfter(date, reading.asOf)) return;
  for (const { element, system, code } of matchConcepts(reading.info, ['procedure'], [p.code])) {
    const record: ProcedureRecord = {};
    if (system !== undefined) record.system = system;
    if (code !== undefined) record.code = code;
    if (date !== undefined) record.date = date;
    reading.add(element.id, record);
  }
}
