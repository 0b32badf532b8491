// Frozen in time: later changes go in new migrations.
// One-time links of accounts (modules/users/account-tokens.ts): an invitation to set a first
// password, or a password reset. The table keeps only the sha256 of the token (the link's secret is
// in the e-mail alone), whose user, what for, when it expires and when it was used; a used row stays
// (until purged) so that a second use says "used", not "unknown". No data answer reads it: no
// data-version triggers.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('account_token_user').on('account_token').column('user_id').execute();
  await db.schema.createIndex('account_token_expires').on('account_token').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_token').ifExists().execute();
}
