import type { Verdict } from '@eligo/core';
import { sql } from 'kysely';
import type { Db } from './connect';
import { groupCommit } from './group-commit';
import { insertScreenings } from './insert-screenings';
import type { ScreeningTable } from './schema';
import { verdictNeedle } from './verdict-needle';

/** One audit entry: who screened, when, against which published version, with what verdicts. */
export interface AuditRecord {
  readonly id: string;
  readonly at: string;
  readonly token: { readonly id: string; readonly name: string };
  readonly protocol: { readonly id: string; readonly version: number };
  readonly asOf: string;
  readonly verdicts: Readonly<Record<string, Verdict>>;
  readonly batchId: string | null;
  /** The site's own pseudonymous reference for the person screened, when the request gave one. */
  readonly siteRef: string | null;
  /** Present only when the screening request asked for its input to be kept. */
  readonly input?: unknown;
}

export interface AuditFilter {
  readonly protocol?: string | undefined;
  readonly version?: number | undefined;
  readonly token?: string | undefined;
  readonly batch?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  /** Entries where some cohort (or `cohort`, when given) has this verdict. */
  readonly verdict?: Verdict | undefined;
  readonly cohort?: string | undefined;
  /** Ids sort by time: entries older than this one. */
  readonly before?: string | undefined;
  readonly limit: number;
}

export function screeningStore(db: Db) {
  const k = db.kysely;
  const record = groupCommit<ScreeningTable>(db.writeScreenings ?? ((rows) => insertScreenings(k, rows)));
  return {
    /** Resolves once the rows are committed. */
    record,

    async list(filter: AuditFilter): Promise<AuditRecord[]> {
      let q = k
        .selectFrom('screenings')
        .select([
          'id',
          'at',
          'token_id',
          'token_name',
          'protocol_id',
          'version',
          'as_of',
          'verdicts',
          'batch_id',
          'site_ref',
        ]);
      if (filter.protocol !== undefined) q = q.where('protocol_id', '=', filter.protocol);
      if (filter.version !== undefined) q = q.where('version', '=', filter.version);
      if (filter.token !== undefined) q = q.where('token_id', '=', filter.token);
      if (filter.batch !== undefined) q = q.where('batch_id', '=', filter.batch);
      if (filter.since !== undefined) q = q.where('at', '>=', storedTime(filter.since));
      if (filter.until !== undefined) q = q.where('at', '<', storedTime(filter.until));
      if (filter.verdict !== undefined) {
        const needle = verdictNeedle(filter.verdict, filter.cohort);
        q = q.where(
          db.dialect === 'postgres'
            ? sql<boolean>`strpos(verdicts, ${needle}) > 0`
            : sql<boolean>`instr(verdicts, ${needle}) > 0`,
        );
      }
      if (filter.before !== undefined) q = q.where('id', '<', filter.before);
      const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map((r) => toRecord({ ...r, input: null }, false));
    },

    async get(id: string): Promise<AuditRecord | undefined> {
      const row = await k.selectFrom('screenings').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row, true);
    },
  };
}

/**
 * `at` is stored as `Date.toISOString()` text and compared as text: a bound in another form
 * (`+02:00`, no milliseconds) is brought to that form first, or text order would not be time order.
 */
function storedTime(time: string): string {
  return new Date(time).toISOString();
}

export type ScreeningStore = ReturnType<typeof screeningStore>;

function toRecord(row: ScreeningTable, withInput: boolean): AuditRecord {
  const record: AuditRecord = {
    id: row.id,
    at: row.at,
    token: { id: row.token_id, name: row.token_name },
    protocol: { id: row.protocol_id, version: Number(row.version) },
    asOf: row.as_of,
    verdicts: JSON.parse(row.verdicts) as Record<string, Verdict>,
    batchId: row.batch_id,
    siteRef: row.site_ref ?? null,
  };
  return withInput && row.input !== null ? { ...record, input: JSON.parse(row.input) } : record;
}
