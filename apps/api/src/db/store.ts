import type { Db } from './connect';
import { protocolStore } from './protocols';
import { screeningStore } from './screenings';
import { tokenStore } from './tokens';

/** Every query the service makes, grouped by resource, over one database. */
export function createStore(db: Db) {
  return {
    db,
    tokens: tokenStore(db),
    protocols: protocolStore(db),
    screenings: screeningStore(db),
    async ping(): Promise<void> {
      await db.kysely.selectFrom('protocols').select('id').limit(1).execute();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
