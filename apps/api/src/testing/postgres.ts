import pg from 'pg';
import type { DatabaseTarget } from '../db/connect';

export const POSTGRES_URL = process.env.ELIGO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A PostgreSQL target in a fresh schema (its name starting with `prefix`), or the reason there is none. */
export async function postgresTarget(
  prefix = 'eligo_test',
): Promise<{ target: DatabaseTarget; drop: () => Promise<void> } | { reason: string }> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
  } catch (error) {
    return { reason: `PostgreSQL not reachable at ${POSTGRES_URL} (${(error as Error).message})` };
  }
  const schema = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    target: { kind: 'postgres', url: POSTGRES_URL, schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
