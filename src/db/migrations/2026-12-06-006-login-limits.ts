// Frozen in time: later changes go in new migrations.
// Sign-in attempts counted in the database, so that every server behind the proxy shares the
// limits (modules/users/login-limits.ts): one row per (scope, key, window), scope `account` (key:
// a hash of the normalised email) or `address` (key: the client address or its IPv6 /64), counted
// in fixed windows starting at `window_start` (ms since the epoch; their length is the code's).
// Rows of windows long past are deleted; the index on window_start serves that.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_attempts_pk', ['scope', 'key', 'window_start'])
    .execute();
  await db.schema.createIndex('login_attempts_window').on('login_attempts').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempts').ifExists().execute();
}
