import type { ProcedureRecord } from '@eligo/core';
import type { DiagnosticReport, Entry } from '../bundle';
import { isAfter, toRecordDate } from '../dates';
import { type Match, matchConcepts } from '../elements';
import { statusProblem } from '../warnings';
import type { Reading } from './context';
import { addRecords } from './records';

/**
 * An imaging study's result or report whose code a procedure element binds (LOINC 24590-2 "MR
 * Brain") records that the procedure was done on its date, with or without a value: the record of
 * a brain MRI dates the screening MRI whose read is answered on the form. Only codes the binding
 * names count: a result or report is never an unclassified procedure.
 */
export function addStudy(
  reading: Reading,
  type: 'Observation' | 'DiagnosticReport',
  path: string,
  date: string | undefined,
  procedures: readonly Match[],
): void {
  const record: ProcedureRecord = {};
  if (date !== undefined) record.date = date;
  const classified = { matches: [...procedures], unclassified: undefined };
  addRecords(reading, 'procedure', { type, path: `${path}.code` }, classified, record);
}

/**
 * Report statuses that count, as for an Observation: a verified report (`appended` adds to a final
 * one); `registered`, `partial`, `preliminary` and `unknown` are reported and not counted;
 * `cancelled` and `entered-in-error` never count. A report without a status counts.
 */
const COUNTED = new Set(['final', 'amended', 'corrected', 'appended', undefined]);
const NEVER = new Set(['cancelled', 'entered-in-error']);

/**
 * A DiagnosticReport as the record of a procedure element whose binding takes its code, dated when
 * the study was done (else when the report was issued). Its results are read from their own
 * Observations, so a report no procedure element binds is not read.
 */
export function readDiagnosticReport(reading: Reading, entry: Entry<DiagnosticReport>): void {
  const r = entry.resource;
  if (NEVER.has(r.status as string)) return;
  const procedures = matchConcepts(reading.info, ['procedure'], [r.code]);
  if (procedures.length === 0) return;
  const when = r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued;
  const date = when === undefined ? undefined : toRecordDate(when);
  if (date !== undefined && isAfter(date, reading.asOf)) return;
  if (!COUNTED.has(r.status)) {
    reading.warn(
      statusProblem(
        `${entry.path}.status`,
        `a DiagnosticReport with status '${r.status}' is not counted`,
        procedures[0]?.element.id,
      ),
    );
    return;
  }
  addStudy(reading, 'DiagnosticReport', entry.path, date, procedures);
}
