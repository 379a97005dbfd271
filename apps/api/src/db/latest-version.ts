import type { Db } from './connect';
import type { VersionKey } from './protocols';

/**
 * The latest version's key per protocol, kept while SQLite's data_version says no other
 * connection has committed and this one has published nothing since it was read. The question
 * "which version is latest" was a read transaction on every screening (about 50 us of the request
 * thread under load); now it is one while the database is unchanged, and a version published by
 * another process is still seen by the next screening. Without data_version (PostgreSQL) every
 * call asks the database.
 */
export function latestVersionKeys(db: Pick<Db, 'dataVersion'>, capacity = 256) {
  const entries = new Map<string, { key: VersionKey | undefined; dataVersion: number; generation: number }>();
  // Bumped by this connection's publishes: a read that began before one must not be kept after it.
  let generation = 0;
  return {
    async get(id: string, read: () => Promise<VersionKey | undefined>): Promise<VersionKey | undefined> {
      if (!db.dataVersion) return read();
      const dataVersion = db.dataVersion();
      const seen = generation;
      const hit = entries.get(id);
      if (hit && hit.dataVersion === dataVersion && hit.generation === seen) return hit.key;
      const key = await read();
      if (entries.size >= capacity) entries.clear();
      entries.set(id, { key, dataVersion, generation: seen });
      return key;
    },
    /** After this connection commits a publication (which leaves data_version as it was). */
    forget(): void {
      generation++;
      entries.clear();
    },
  };
}
