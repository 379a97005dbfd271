import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

/**
 * Migrations live in code, in order, so they ship inside the service and run at start on either
 * database. Never edit one that has shipped; add the next.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('protocols')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('draft_name', 'text')
        .addColumn('draft_text', 'text')
        .addColumn('draft_updated_at', 'text')
        .execute();
      await db.schema
        .createTable('protocol_versions')
        .addColumn('protocol_id', 'text', (c) => c.notNull().references('protocols.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text')
        // These two constraints are what make concurrent publishes safe: the loser retries.
        .addPrimaryKeyConstraint('protocol_versions_pk', ['protocol_id', 'number'])
        .addUniqueConstraint('protocol_versions_hash', ['protocol_id', 'hash'])
        .execute();
      await db.schema
        .createTable('screenings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('token_name', 'text', (c) => c.notNull())
        .addColumn('protocol_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('verdicts', 'text', (c) => c.notNull())
        .addColumn('input', 'text')
        .addColumn('batch_id', 'text')
        .execute();
      await db.schema
        .createIndex('screenings_protocol')
        .on('screenings')
        .columns(['protocol_id', 'version'])
        .execute();
      await db.schema.createIndex('screenings_token').on('screenings').column('token_id').execute();
    },
  },
  '0002_storage_probe': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('storage_probe')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003_screening_site_ref': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('screenings').addColumn('site_ref', 'text').execute();
    },
  },
  '0004_trial_contacts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('trial_contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('protocol_id', 'text', (c) => c.notNull().references('protocols.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('consented_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('trial_contacts_protocol')
        .on('trial_contacts')
        .columns(['protocol_id', 'consented_at'])
        .execute();
    },
  },
  '0005_reviews': {
    async up(db: Kysely<unknown>) {
      // Who saved the draft and what it compiles to: an approval is of one text, by someone else.
      await db.schema.alterTable('protocols').addColumn('draft_hash', 'text').execute();
      await db.schema.alterTable('protocols').addColumn('draft_by', 'text').execute();
      await db.schema
        .alterTable('protocols')
        .addColumn('require_approval', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('review_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('protocol_id', 'text', (c) => c.notNull().references('protocols.id'))
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('criterion_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('token_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('review_comments_version')
        .on('review_comments')
        .columns(['protocol_id', 'hash', 'created_at'])
        .execute();
      await db.schema
        .createTable('review_approvals')
        .addColumn('protocol_id', 'text', (c) => c.notNull().references('protocols.id'))
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('token_name', 'text', (c) => c.notNull())
        .addColumn('approved_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('review_approvals_pk', ['protocol_id', 'hash', 'token_id'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date; throws with the failing migration's error. On PostgreSQL, pass the
 * schema the service works in: without it Kysely takes migration tables found in any schema of
 * the database (another application's, another test run's) for its own.
 */
export async function migrate(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
