// Frozen in time: later changes go in new migrations.
// Probable duplicates between the volunteer platform's activity records and the front office's own
// (issue 11 item 6, DOMAIN.md §7): they are found when read (same organiser, overlapping dates,
// similar title); what is stored is the front office's answer that a pair is not a duplicate, so
// the flag does not come back. The platform's record is named by its row key
// (`platform:<opportunity>:<YYYY-MM>`, stable while the record is rewritten), the front office's
// by its id. Read by staff only: no public answer depends on it (not on the data version).
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('platform_duplicate_decision')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('platform_key', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('platform_duplicate_pair')
    .on('platform_duplicate_decision')
    .columns(['platform_key', 'activity_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('platform_duplicate_partition')
    .on('platform_duplicate_decision')
    .columns(['region', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform_duplicate_decision').execute();
}
