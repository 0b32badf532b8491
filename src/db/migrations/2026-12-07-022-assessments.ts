// Frozen in time: later changes go in new migrations.
// Assessments both ways after a confirmed participation (issue 12 item 3, DOMAIN.md §7):
// - `assessment`: the coordinator's of the volunteer (reliability, skills, teamwork 1–5, a comment),
//   one per participation; the volunteer sees it first (seen_at) and may contest it within 14 days;
//   the front office settles (upheld: the assessment no longer counts).
// - `opportunity_rating`: the volunteer's of the opportunity (1–5, what went well, what to improve),
//   one per participation; an organisation's public page averages them.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('assessment')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('application.id'))
    .addColumn('volunteer_id', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('by_user', 'integer', (c) => c.notNull())
    .addColumn('reliability', 'integer', (c) => c.notNull())
    .addColumn('skills', 'integer', (c) => c.notNull())
    .addColumn('teamwork', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text')
    // null: not contested; open | upheld | rejected.
    .addColumn('contest_status', 'text')
    .addColumn('contest_text', 'text')
    .addColumn('contested_at', 'text')
    .addColumn('settled_by', 'integer')
    .addColumn('settled_at', 'text')
    .addColumn('settlement', 'text')
    .execute();
  await db.schema.createIndex('assessment_volunteer').on('assessment').column('volunteer_id').execute();
  await db.schema
    .createIndex('assessment_contests')
    .on('assessment')
    .columns(['region', 'contest_status'])
    .execute();
  await db.schema
    .createTable('opportunity_rating')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('application.id'))
    .addColumn('volunteer_id', 'integer', (c) => c.notNull())
    .addColumn('opportunity_id', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('went_well', 'text')
    .addColumn('improve', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opportunity_rating_org')
    .on('opportunity_rating')
    .column('organization_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('opportunity_rating').execute();
  await db.schema.dropTable('assessment').execute();
}
