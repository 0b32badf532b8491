// Frozen in time: later changes go in new migrations.
// Each volunteer's confirmed hours by area, kept beside the participations they sum (issue 12
// "Benchmark": the search of findable volunteers by area and minimum hours over 5,000,000
// participations reads one indexed row per volunteer instead of summing his participations), and
// the indexes that let that search walk only the findable volunteers, newest first.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('volunteer_experience')
    .addColumn('volunteer_id', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('hours', pg ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('participations', 'integer', (c) => c.notNull())
    // The volunteer's region of residence, copied (kept by the profile's updates): the search by
    // region, area and hours reads one index range.
    .addColumn('region', 'text')
    .addPrimaryKeyConstraint('volunteer_experience_pk', ['volunteer_id', 'area'])
    .execute();
  await db.schema
    .createIndex('volunteer_experience_area')
    .on('volunteer_experience')
    .columns(['area', 'hours'])
    .execute();
  await db.schema
    .createIndex('volunteer_experience_area_region')
    .on('volunteer_experience')
    .columns(['area', 'region', 'hours'])
    .execute();
  await sql`
    insert into volunteer_experience (volunteer_id, area, hours, participations, region)
    select a.volunteer_id, o.area, sum(a.hours), count(*), max(p.region)
    from application a
      join opportunity o on o.id = a.opportunity_id
      left join volunteer_profile p on p.user_id = a.volunteer_id
    where a.status = 'attended' and a.revoked_at is null
    group by a.volunteer_id, o.area`.execute(db);
  // Partial: only the findable (the search's literal `findable = 1` lets both databases use them).
  await sql`create index volunteer_profile_findable on volunteer_profile (user_id) where findable = 1`.execute(
    db,
  );
  await sql`create index volunteer_profile_findable_region on volunteer_profile (region, user_id) where findable = 1`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('volunteer_profile_findable_region').execute();
  await db.schema.dropIndex('volunteer_profile_findable').execute();
  await db.schema.dropTable('volunteer_experience').execute();
}
