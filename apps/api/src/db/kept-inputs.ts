import type { Db } from './connect';

/** A recorded screening whose patient input was kept (`"store": true`), as an impact preview reads it. */
export interface KeptInput {
  readonly id: string;
  readonly at: string;
  readonly siteRef: string | null;
  /** The screening document as it was posted: `asOf`, `bundle` or `facts`, `answers`, `ref`. */
  readonly input: unknown;
}

/** The recorded screenings of a protocol that kept their input: the site's own sample population. */
export function keptInputStore(db: Db) {
  const k = db.kysely;
  const ofProtocol = (protocolId: string) =>
    k.selectFrom('screenings').where('protocol_id', '=', protocolId).where('input', 'is not', null);
  return {
    async count(protocolId: string): Promise<number> {
      const row = await ofProtocol(protocolId)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Newest first; ids sort by time, so `before` (an id) continues where a page ended. */
    async page(
      protocolId: string,
      page: { before?: string | undefined; limit: number },
    ): Promise<KeptInput[]> {
      let q = ofProtocol(protocolId).select(['id', 'at', 'site_ref', 'input']);
      if (page.before !== undefined) q = q.where('id', '<', page.before);
      const rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        siteRef: r.site_ref ?? null,
        input: JSON.parse(r.input as string) as unknown,
      }));
    },
  };
}

export type KeptInputStore = ReturnType<typeof keptInputStore>;
