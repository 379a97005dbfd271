import type { Db } from './connect';
import { contactStore } from './contacts';
import { keptInputStore } from './kept-inputs';
import { protocolStore } from './protocols';
import { reviewStore } from './reviews';
import { screeningStore } from './screenings';
import type { StorageFailureKind } from './storage-errors';
import { tokenStore } from './tokens';

/** Whether this instance should get traffic: its storage answers and, after a failure, takes writes. */
export type Readiness = { ready: true } | { ready: false; storage: StorageFailureKind | 'unavailable' };

/** Every query the service makes, grouped by resource, over one database. */
export function createStore(db: Db) {
  const ping = async () => {
    await db.kysely.selectFrom('protocols').select('id').limit(1).execute();
  };
  let probing: Promise<void> | undefined;
  // Concurrent readiness checks share one probe write.
  const probeWrite = () => {
    probing ??= db.kysely
      .insertInto('storage_probe')
      .values({ id: 'probe', at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ at: eb.ref('excluded.at') })))
      .execute()
      .then(() => undefined)
      .finally(() => {
        probing = undefined;
      });
    return probing;
  };
  return {
    db,
    tokens: tokenStore(db),
    protocols: protocolStore(db),
    screenings: screeningStore(db),
    keptInputs: keptInputStore(db),
    contacts: contactStore(db),
    reviews: reviewStore(db),
    ping,

    /**
     * After a full or failing disk, a write decides (reads may well succeed meanwhile); otherwise a
     * read. The database's observer clears the recorded failure when the statement succeeds.
     */
    async readiness(): Promise<Readiness> {
      const known = db.storage.problem;
      try {
        await (known && known.kind !== 'unreachable' ? probeWrite() : ping());
      } catch {
        return { ready: false, storage: db.storage.problem?.kind ?? 'unavailable' };
      }
      const problem = db.storage.problem;
      return problem ? { ready: false, storage: problem.kind } : { ready: true };
    },
  };
}

export type Store = ReturnType<typeof createStore>;
