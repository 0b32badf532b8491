// Frozen in time: later changes go in new migrations.
// Certificates of volunteers' record books (issue 12 item 2): what was issued, as issued (holder's
// initials, totals and entries in JSON, the applications behind them), under an unguessable code,
// for the public verification: valid, superseded by a newer certificate of the same scope (the
// whole record book or one year), or revoked when hours behind it were revoked or corrected.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  // Hours as double precision on PostgreSQL (its `real` is 4 bytes), as migration 001 does.
  const real = pg ? 'double precision' : 'real';
  await db.schema
    .createTable('certificate')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('app_user.id'))
    // 'all' or a year (YYYY).
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('hours', real, (c) => c.notNull())
    .addColumn('participations', 'integer', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    // The applications behind the entries with their hours as issued (JSON [[id, hours], …]).
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('certificate_volunteer')
    .on('certificate')
    .columns(['volunteer_id', 'scope', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate').execute();
}
