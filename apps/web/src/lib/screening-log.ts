import type { Verdict } from '@eligo/core';
import type { AuditQuery } from './api';
import { csvFile } from './csv';
import { isDay } from './dates';

/** One row of the screening log: an audit record as `GET /v1/audit` lists it. */
export interface LogEntry {
  readonly id: string;
  readonly at: string;
  readonly token: { readonly id: string; readonly name: string };
  readonly protocol: { readonly id: string; readonly version: number };
  readonly asOf: string;
  readonly verdicts: Readonly<Record<string, Verdict>>;
  /** The site's own pseudonymous reference for the person screened, when the request gave one. */
  readonly siteRef?: string | null | undefined;
}

/** What the person filtering the log chose; empty text is "any". */
export interface LogFilter {
  readonly trial: string;
  readonly verdict: '' | Verdict;
  readonly cohort: string;
  /** Local days, `YYYY-MM-DD`, both inclusive. */
  readonly from: string;
  readonly to: string;
}

export const anyFilter: LogFilter = { trial: '', verdict: '', cohort: '', from: '', to: '' };

/**
 * The API's query for a filter. Days are the screener's own: from local midnight of `from` to
 * local midnight after `to`, as instants (the API compares instants, in any offset).
 */
export function logQuery(filter: LogFilter): AuditQuery {
  const query: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = {};
  if (filter.trial) query.protocol = filter.trial;
  if (filter.verdict) {
    query.verdict = filter.verdict;
    if (filter.cohort) query.cohort = filter.cohort;
  }
  if (isDay(filter.from)) query.since = localMidnight(filter.from, 0);
  if (isDay(filter.to)) query.until = localMidnight(filter.to, 1);
  return query;
}

function localMidnight(day: string, plusDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // setFullYear, not the constructor, which reads years below 100 as 19xx.
  const date = new Date(2000, 0, 1);
  date.setFullYear(y, m - 1, d + plusDays);
  return date.toISOString();
}

/** The site's own pseudonymous reference, when the record has one. */
export function siteReferenceOf(entry: LogEntry): string | undefined {
  return entry.siteRef ? entry.siteRef : undefined;
}

/**
 * Whose screenings the log holds, as the API decides by the token's role: an admin reads every
 * token's, anyone else only those recorded with their own token.
 */
export function logScope(me: { readonly name: string; readonly role: string }): string {
  return me.role === 'admin'
    ? "Every token's screenings: you are signed in as an administrator."
    : `The screenings recorded with your token, ${me.name}. An administrator can see every token's.`;
}

/** Cohort ids across entries, in the order they first appear. */
export function cohortColumns(entries: readonly LogEntry[]): string[] {
  const ids = new Set<string>();
  for (const entry of entries) for (const id of Object.keys(entry.verdicts)) ids.add(id);
  return [...ids];
}

/**
 * The log as a CSV file: when, who (the token's name, never the patient), trial, protocol
 * version, site reference, then one verdict column per cohort (empty where the trial has no such
 * cohort) and the audit record's id.
 */
export function logCsv(entries: readonly LogEntry[]): string {
  const cohorts = cohortColumns(entries);
  const header = [
    'when',
    'who',
    'trial',
    'protocol version',
    'site reference',
    ...cohorts.map((c) => `verdict ${c}`),
    'audit record',
  ];
  const rows = entries.map((e) => [
    e.at,
    e.token.name,
    e.protocol.id,
    String(e.protocol.version),
    siteReferenceOf(e) ?? '',
    ...cohorts.map((c) => e.verdicts[c] ?? ''),
    e.id,
  ]);
  return csvFile([header, ...rows]);
}

/** Most rows one export takes, so a mistaken "everything" does not hang the page. */
export const EXPORT_LIMIT = 20_000;
const PAGE = 500;

/**
 * Every entry matching the query, page by page through the API's cursor, up to `EXPORT_LIMIT`;
 * `truncated` says whether more were left.
 */
export async function allEntries<E extends LogEntry>(
  page: (query: AuditQuery) => Promise<{ entries: E[]; next: string | null }>,
  query: AuditQuery,
): Promise<{ entries: E[]; truncated: boolean }> {
  const entries: E[] = [];
  let before: string | undefined;
  for (;;) {
    const result = await page({ ...query, limit: String(PAGE), ...(before ? { before } : {}) });
    entries.push(...result.entries);
    if (result.next === null) return { entries, truncated: false };
    if (entries.length >= EXPORT_LIMIT) return { entries: entries.slice(0, EXPORT_LIMIT), truncated: true };
    before = result.next;
  }
}
