import type { Role } from '../auth/roles';
import { generateToken, hashToken, newId } from '../auth/tokens';
import type { Db } from './connect';

export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly revokedAt: string | null;
}

export function tokenStore(db: Db) {
  const k = db.kysely;
  return {
    /** Creates a token; the secret is returned here and nowhere else. */
    async create(input: { name: string; role: Role; createdBy: string | null; secret?: string }) {
      const secret = input.secret ?? generateToken();
      const row = {
        id: newId('tok'),
        name: input.name,
        role: input.role,
        hash: hashToken(secret),
        created_at: new Date().toISOString(),
        created_by: input.createdBy,
        revoked_at: null,
      };
      await k.insertInto('api_tokens').values(row).execute();
      return { secret, token: toRecord(row) };
    },

    async findActiveBySecret(secret: string): Promise<TokenRecord | undefined> {
      const row = await k
        .selectFrom('api_tokens')
        .selectAll()
        .where('hash', '=', hashToken(secret))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async exists(secret: string): Promise<boolean> {
      const row = await k
        .selectFrom('api_tokens')
        .select('id')
        .where('hash', '=', hashToken(secret))
        .executeTakeFirst();
      return row !== undefined;
    },

    async count(): Promise<number> {
      const row = await k
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async list(): Promise<TokenRecord[]> {
      const rows = await k.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
      return rows.map(toRecord);
    },

    /** Returns false when there is no such token. */
    async revoke(id: string): Promise<boolean> {
      const result = await k
        .updateTable('api_tokens')
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return true;
      return (
        (await k.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      );
    },
  };
}

export type TokenStore = ReturnType<typeof tokenStore>;

function toRecord(row: {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
  };
}
