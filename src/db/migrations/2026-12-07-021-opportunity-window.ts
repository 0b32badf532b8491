// Frozen in time: later changes go in new migrations.
// The time window of an opportunity (its first shift's start, its last shift's end) kept on the
// opportunity itself, indexed, so that the public search finds "what is still ahead" and sorts by
// "soonest first" without reading every shift (bench:platform: 200,000 opportunities, 500,000
// shifts). Shifts are written once, with their opportunity, so the window never goes stale.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('opportunity').addColumn('first_start', 'text').execute();
  await db.schema.alterTable('opportunity').addColumn('last_end', 'text').execute();
  await sql`
    update opportunity set
      first_start = (select min(s.start_at) from opportunity_shift s where s.opportunity_id = opportunity.id),
      last_end = (select max(s.end_at) from opportunity_shift s where s.opportunity_id = opportunity.id)`.execute(
    db,
  );
  await db.schema
    .createIndex('opportunity_window')
    .on('opportunity')
    .columns(['status', 'last_end', 'first_start'])
    .execute();
  await db.schema
    .createIndex('opportunity_region_window')
    .on('opportunity')
    .columns(['status', 'region', 'first_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('opportunity_region_window').execute();
  await db.schema.dropIndex('opportunity_window').execute();
  await db.schema.alterTable('opportunity').dropColumn('last_end').execute();
  await db.schema.alterTable('opportunity').dropColumn('first_start').execute();
}
