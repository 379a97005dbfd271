import type { Kysely } from 'kysely';
import type { Database, ScreeningTable } from './schema';

// 11 columns a row: 90 rows stay under SQLite's older limit of 999 bound parameters.
const ROWS_PER_STATEMENT = 90;

/** Inserts audit rows in one transaction (one disk sync), in statements of at most 90 rows. */
export async function insertScreenings(k: Kysely<Database>, given: readonly ScreeningTable[]): Promise<void> {
  if (given.length === 0) return;
  // One multi-row statement needs the same columns in every row.
  const rows = given.map((row) => ({ ...row, site_ref: row.site_ref ?? null }));
  if (rows.length <= ROWS_PER_STATEMENT) {
    await k.insertInto('screenings').values(rows).execute();
    return;
  }
  await k.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
      await trx
        .insertInto('screenings')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .execute();
  });
}
