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
  /**
   * The version the text declares (`version "3"`), when it declares one: a new version is
   * published only under that number, so the text and the number cannot disagree.
   */
  readonly declaredVersion?: string | undefined;
}

/** The text declares another version than the number it would be published as. */
export class VersionMismatch extends Error {
  constructor(
    readonly declared: string,
    readonly next: number,
  ) {
    super(`declared version ${declared}, next number ${next}`);
  }
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
    /**
     * Saves the author's own draft of the protocol, replacing theirs only; `hash` (what the text
     * compiles to) lets a reviewer approve this text, and never its author.
     */
    async saveDraft(
      id: string,
      authorId: string,
      draft: { name: string; text: string },
      hash: string | null = null,
    ): Promise<DraftRecord> {
      const updatedAt = new Date().toISOString();
      await ensureProtocol(id);
      await k
        .insertInto('drafts')
        .values({
          protocol_id: id,
          author_id: authorId,
          name: draft.name,
          text: draft.text,
          hash,
          updated_at: updatedAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['protocol_id', 'author_id'])
            .doUpdateSet({ name: draft.name, text: draft.text, hash, updated_at: updatedAt }),
        )
        .execute();
      return { ...draft, updatedAt };
    },

    /** The author's draft; else the draft shared before drafts were per author, if the protocol has one. */
    async draft(id: string, authorId: string | undefined): Promise<DraftRecord | undefined> {
      // An author reads their own; a reviewer (authorId undefined) the one saved last by anyone.
      let query = k.selectFrom('drafts').select(['name', 'text', 'updated_at']).where('protocol_id', '=', id);
      query =
        authorId === undefined
          ? query.orderBy('updated_at', 'desc')
          : query.where('author_id', '=', authorId);
      const own = await query.executeTakeFirst();
      if (own) return { name: own.name, text: own.text, updatedAt: own.updated_at };
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
     * Throws `VersionMismatch` when the text declares a version other than the new number; the
     * check is inside the transaction because only there is the next number known for sure.
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
            const next = Number(max ?? 0) + 1;
            if (p.declaredVersion !== undefined && p.declaredVersion !== String(next))
              throw new VersionMismatch(p.declaredVersion, next);
            const row = {
              protocol_id: p.protocolId,
              number: next,
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

    /** Every protocol with its latest version and, when `authorId` is given, when that author last saved a draft. */
    async list(authorId?: string): Promise<ProtocolSummary[]> {
      const protocols = await k
        .selectFrom('protocols')
        .select(['id', 'draft_updated_at'])
        .orderBy('id')
        .execute();
      const own = authorId
        ? await k
            .selectFrom('drafts')
            .select(['protocol_id', 'updated_at'])
            .where('author_id', '=', authorId)
            .execute()
        : [];
      const draftAt = new Map(own.map((d) => [d.protocol_id, d.updated_at]));
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
          draftUpdatedAt: draftAt.get(p.id) ?? p.draft_updated_at,
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
