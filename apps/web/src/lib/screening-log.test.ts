import { describe, expect, it } from 'vitest';
import {
  allEntries,
  anyFilter,
  cohortColumns,
  type LogEntry,
  logCsv,
  logQuery,
  logScope,
  siteReferenceOf,
} from './screening-log';

const entry = (id: string, over: Partial<LogEntry> & Record<string, unknown> = {}): LogEntry => ({
  id,
  at: '2026-01-02T09:15:00.000Z',
  token: { id: 'tok_1', name: 'ward 7' },
  protocol: { id: 'NCT06469190', version: 2 },
  asOf: '2025-03-15',
  verdicts: { IgAN: 'eligible', PMN: 'ineligible' },
  ...over,
});

describe('logQuery', () => {
  it('asks for nothing when nothing is chosen', () => {
    expect(logQuery(anyFilter)).toEqual({});
  });

  it('passes trial and verdict, and the cohort only with a verdict', () => {
    expect(logQuery({ ...anyFilter, trial: 'NCT1', verdict: 'eligible', cohort: 'IgAN' })).toEqual({
      protocol: 'NCT1',
      verdict: 'eligible',
      cohort: 'IgAN',
    });
    expect(logQuery({ ...anyFilter, cohort: 'IgAN' })).toEqual({});
  });

  it('turns local days into instants: from local midnight to the midnight after the last day', () => {
    const query = logQuery({ ...anyFilter, from: '2026-01-02', to: '2026-01-03' });
    const since = new Date(query.since ?? '');
    const until = new Date(query.until ?? '');
    expect([
      since.getFullYear(),
      since.getMonth(),
      since.getDate(),
      since.getHours(),
      since.getMinutes(),
    ]).toEqual([2026, 0, 2, 0, 0]);
    expect([until.getFullYear(), until.getMonth(), until.getDate(), until.getHours()]).toEqual([
      2026, 0, 4, 0,
    ]);
    expect(query.since).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('crosses month and year ends, and leaves out days that are not days', () => {
    const until = new Date(logQuery({ ...anyFilter, to: '2025-12-31' }).until ?? '');
    expect([until.getFullYear(), until.getMonth(), until.getDate()]).toEqual([2026, 0, 1]);
    expect(logQuery({ ...anyFilter, from: '2025-02-30', to: 'soon' })).toEqual({});
  });
});

describe('siteReferenceOf', () => {
  it('reads a reference where the record has one, and tolerates its absence', () => {
    expect(siteReferenceOf(entry('a', { siteRef: 'SCR-0042' }))).toBe('SCR-0042');
    expect(siteReferenceOf(entry('b', { siteRef: null }))).toBeUndefined();
    expect(siteReferenceOf(entry('c'))).toBeUndefined();
  });
});

describe('logScope', () => {
  it("tells a screener the log is their own token's, and an admin that it is everyone's", () => {
    expect(logScope({ name: 'ward 7', role: 'screener' })).toBe(
      "The screenings recorded with your token, ward 7. An administrator can see every token's.",
    );
    expect(logScope({ name: 'site admin', role: 'admin' })).toBe(
      "Every token's screenings: you are signed in as an administrator.",
    );
  });
});

describe('logCsv', () => {
  it('writes one row per screening, one verdict column per cohort across trials', () => {
    const entries = [
      entry('scr_2', { siteRef: 'SCR-0042' }),
      entry('scr_1', {
        at: '2026-01-01T08:00:00.000Z',
        token: { id: 'tok_2', name: 'night desk' },
        protocol: { id: 'NCT2', version: 1 },
        verdicts: { all_comers: 'undetermined' },
      }),
    ];
    expect(cohortColumns(entries)).toEqual(['IgAN', 'PMN', 'all_comers']);
    expect(logCsv(entries).split('\r\n')).toEqual([
      '\uFEFFwhen,who,trial,protocol version,site reference,verdict IgAN,verdict PMN,verdict all_comers,audit record',
      '2026-01-02T09:15:00.000Z,ward 7,NCT06469190,2,SCR-0042,eligible,ineligible,,scr_2',
      '2026-01-01T08:00:00.000Z,night desk,NCT2,1,,,,undetermined,scr_1',
      '',
    ]);
  });

  it('quotes and guards what people typed: token names and site references', () => {
    const csv = logCsv([entry('scr_1', { token: { id: 't', name: '=cmd|calc' }, siteRef: 'A,"B"' })]);
    expect(csv.split('\r\n')[1]).toBe(
      `2026-01-02T09:15:00.000Z,'=cmd|calc,NCT06469190,2,"A,""B""",eligible,ineligible,scr_1`,
    );
  });
});

describe('allEntries', () => {
  it('follows the cursor until the last page, keeping the filters', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const pages: Record<string, { entries: LogEntry[]; next: string | null }> = {
      first: { entries: [entry('scr_3'), entry('scr_2')], next: 'scr_2' },
      scr_2: { entries: [entry('scr_1')], next: null },
    };
    const result = await allEntries(
      async (query) => {
        seen.push(query);
        return pages[query.before ?? 'first']!;
      },
      { protocol: 'NCT1' },
    );
    expect(result.entries.map((e) => e.id)).toEqual(['scr_3', 'scr_2', 'scr_1']);
    expect(result.truncated).toBe(false);
    expect(seen).toEqual([
      { protocol: 'NCT1', limit: '500' },
      { protocol: 'NCT1', limit: '500', before: 'scr_2' },
    ]);
  });
});
