import type { Db } from './connect';
import { isUniqueViolation } from './connect';
import { latestVersionKeys } from './latest-version';

export interface VersionRecord {
  readonly protocolId: string;
  readonly number: number;
  readonly hash: string;
  readonly title: string | null;
  readonly name: string;
  readonly text: string;
  readonly publishedAt: string;
  readonly publishedBy: string | null;
}

export interface DraftRecord {
  readonly name: string;
  readonly text: string;
  readonly updatedAt: string;
}

export interface ProtocolSummary {
  readonly id: string;
  readonly title: string | null;
  readonly latest: { readonly number: number; readonly hash: string; readonly publishedAt: string } | null;
  readonly draftUpdatedAt: string | null;
}

export interface Publication {
  readonly protocolId: string;
  readonly hash: string;
  readonly title: string | null;
  readonly name: string;
  readonly text: string;
  readonly publishedBy: string | null;
}

const PUBLISH_ATTEMPTS = 8;

export type VersionKey = Pick<VersionRecord, 'number' | 'hash' | 'name'>;

export function protocolStore(db: Db) {
  const k = db.kysely;
  const latestKeys = latestVersionKeys(db);

  async function queryVersionKey(id: string, number?: number): Promise<VersionKey | undefined> {
    let query = k
      .selectFrom('protocol_versions')
      .select(['number', 'hash', 'name'])
      .where('protocol_id', '=', id);
    query =
      number === undefined ? query.orderBy('number', 'desc').limit(1) : query.where('number', '=', number);
    const row = await query.executeTakeFirst();
    return row && { number: Number(row.number), hash: row.hash, name: row.name };
  }

  async function ensureProtocol(id: string, executor = k) {
    await executor
      .insertInto('protocols')
      .values({
        id,
        created_at: new Date().toISOString(),
        draft_name: null,
        draft_text: null,
        draft_updated_at: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  return {
    /** `hash` and `by` (the token saving it) let a reviewer approve this text and not its author. */
    async saveDraft(
      id: string,
      draft: { name: string; text: string },
      provenance: { hash: string; by: string | null } = { hash: '', by: null },
    ): Promise<DraftRecord> {
      const updatedAt = new Date().toISOString();
      await ensureProtocol(id);
      await k
        .updateTable('protocols')
        .set({
          draft_name: draft.name,
          draft_text: draft.text,
          draft_updated_at: updatedAt,
          draft_hash: provenance.hash || null,
          draft_by: provenance.by,
        })
        .where('id', '=', id)
        .execute();
      return { ...draft, updatedAt };
    },

    async draft(id: string): Promise<DraftRecord | undefined> {
      const row = await k
        .selectFrom('protocols')
        .select(['draft_name', 'draft_text', 'draft_updated_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || row.draft_text === null) return undefined;
      return {
        name: row.draft_name ?? `${id}.elig`,
        text: row.draft_text,
        updatedAt: row.draft_updated_at ?? '',
      };
    },

    async exists(id: string): Promise<boolean> {
      return (
        (await k.selectFrom('protocols').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      );
    },

    /**
     * Publishes a version unless one with the same content hash exists, which is returned instead.
     * Numbers are max+1 inside a transaction; when two instances race, the primary key on
     * (protocol, number) or the unique (protocol, hash) rejects the loser, which tries again.
     */
    async publish(p: Publication): Promise<{ version: VersionRecord; created: boolean }> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await k.transaction().execute(async (trx) => {
            await ensureProtocol(p.protocolId, trx);
            // PostgreSQL: publishers of one protocol queue on its row instead of racing for the
            // next number and retrying (twenty at once could run out of attempts). SQLite runs one
            // write transaction at a time anyway.
            if (db.dialect === 'postgres')
              await trx
                .selectFrom('protocols')
                .select('id')
                .where('id', '=', p.protocolId)
                .forUpdate()
                .execute();
            const existing = await trx
              .selectFrom('protocol_versions')
              .selectAll()
              .where('protocol_id', '=', p.protocolId)
              .where('hash', '=', p.hash)
              .executeTakeFirst();
            if (existing) return { version: toVersion(existing), created: false };
            const { max } = await trx
              .selectFrom('protocol_versions')
              .select((eb) => eb.fn.max('number').as('max'))
              .where('protocol_id', '=', p.protocolId)
              .executeTakeFirstOrThrow();
            const row = {
              protocol_id: p.protocolId,
              number: Number(max ?? 0) + 1,
              hash: p.hash,
              title: p.title,
              name: p.name,
              text: p.text,
              published_at: new Date().toISOString(),
              published_by: p.publishedBy,
            };
            await trx.insertInto('protocol_versions').values(row).execute();
            return { version: toVersion(row), created: true };
          });
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= PUBLISH_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        } finally {
          // This connection's own commits do not change data_version.
          latestKeys.forget();
        }
      }
    },

    /** The given version, or the latest when none is given. */
    async version(id: string, number?: number): Promise<VersionRecord | undefined> {
      let query = k.selectFrom('protocol_versions').selectAll().where('protocol_id', '=', id);
      query =
        number === undefined ? query.orderBy('number', 'desc').limit(1) : query.where('number', '=', number);
      const row = await query.executeTakeFirst();
      return row && toVersion(row);
    },

    /** The number, hash and file name of the latest (or the given) version: what finds it in a cache. */
    async versionKey(id: string, number?: number): Promise<VersionKey | undefined> {
      if (number === undefined) return latestKeys.get(id, () => queryVersionKey(id));
      return queryVersionKey(id, number);
    },

    async versions(id: string): Promise<Omit<VersionRecord, 'text'>[]> {
      const rows = await k
        .selectFrom('protocol_versions')
        .select(['protocol_id', 'number', 'hash', 'title', 'name', 'published_at', 'published_by'])
        .where('protocol_id', '=', id)
        .orderBy('number', 'asc')
        .execute();
      return rows.map((r) => {
        const { text: _text, ...rest } = toVersion({ ...r, text: '' });
        return rest;
      });
    },

    async list(): Promise<ProtocolSummary[]> {
      const protocols = await k
        .selectFrom('protocols')
        .select(['id', 'draft_updated_at'])
        .orderBy('id')
        .execute();
      const latest = await k
        .selectFrom('protocol_versions as v')
        .select(['v.protocol_id', 'v.number', 'v.hash', 'v.title', 'v.published_at'])
        .where(({ eb, selectFrom }) =>
          eb(
            'v.number',
            '=',
            selectFrom('protocol_versions as w')
              .select((w) => w.fn.max('w.number').as('n'))
              .whereRef('w.protocol_id', '=', 'v.protocol_id'),
          ),
        )
        .execute();
      const byId = new Map(latest.map((l) => [l.protocol_id, l]));
      return protocols.map((p) => {
        const l = byId.get(p.id);
        return {
          id: p.id,
          title: l?.title ?? null,
          latest: l ? { number: Number(l.number), hash: l.hash, publishedAt: l.published_at } : null,
          draftUpdatedAt: p.draft_updated_at,
        };
      });
    },

    async count(): Promise<number> {
      const row = await k
        .selectFrom('protocol_versions')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type ProtocolStore = ReturnType<typeof protocolStore>;

function toVersion(row: {
  protocol_id: string;
  number: number | string;
  hash: string;
  title: string | null;
  name: string;
  text: string;
  published_at: string;
  published_by: string | null;
}): VersionRecord {
  return {
    protocolId: row.protocol_id,
    number: Number(row.number),
    hash: row.hash,
    title: row.title,
    name: row.name,
    text: row.text,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}
