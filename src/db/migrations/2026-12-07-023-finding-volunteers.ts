// Frozen in time: later changes go in new migrations.
// Finding volunteers, with their consent (issue 12 item 4, DOMAIN.md §7): a volunteer opts in to be
// findable (off by default), chooses what organisations may see (region, skills, languages, hours by
// area, assessments) and says when he is available; organisations that viewed him in a search and
// their invitations to their published opportunities are kept (one per opportunity and volunteer),
// so that he sees who, and the monthly limit across organisations holds.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .alterTable('volunteer_profile')
    .addColumn('findable', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // JSON: the fields shown to organisations ({"region":true,"skills":true,...}).
  await db.schema.alterTable('volunteer_profile').addColumn('findable_show', 'text').execute();
  await db.schema.alterTable('volunteer_profile').addColumn('availability', 'text').execute();
  await db.schema
    .createTable('volunteer_view')
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('volunteer_id', 'integer', (c) => c.notNull())
    // The day (Kazakhstan) of the latest view: one row per organisation, volunteer and day.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('viewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('volunteer_view_pk', ['volunteer_id', 'organization_id', 'day'])
    .execute();
  await db.schema
    .createTable('invitation')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('opportunity_id', 'integer', (c) => c.notNull().references('opportunity.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('by_user', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitation_once')
    .on('invitation')
    .columns(['opportunity_id', 'volunteer_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('invitation_volunteer')
    .on('invitation')
    .columns(['volunteer_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitation').execute();
  await db.schema.dropTable('volunteer_view').execute();
  await db.schema.alterTable('volunteer_profile').dropColumn('availability').execute();
  await db.schema.alterTable('volunteer_profile').dropColumn('findable_show').execute();
  await db.schema.alterTable('volunteer_profile').dropColumn('findable').execute();
}
