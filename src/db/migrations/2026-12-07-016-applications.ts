// Frozen in time: later changes go in new migrations.
// Applications, attendance and hours of the volunteer platform (issue 11 items 4–6, DOMAIN.md §7):
// - `application`: a volunteer's application to a shift (`pending`, `waitlisted`, `accepted`,
//   `declined`, `withdrawn`, `attended`, `no_show`) with its reason code, a waitlist offer's expiry,
//   the confirmed hours (revoked: kept, no longer counted) and, fixed when attendance is marked, the
//   volunteer's cohort, gender, age band and employment: the anonymous figures that stay when the
//   volunteer's personal data is erased. One application per volunteer and shift.
// - `application_event`: every transition (who, when, from, to, reason, hours before and after).
// - `hours_dispute`: a volunteer's dispute of confirmed hours, settled by the front office.
// - `activity.source`: `rfo` (entered or imported by the front office) or `platform` (derived from
//   confirmed hours, read-only for the front office).
// - `submission.restated_at`: when the platform last changed the figures of a month already
//   submitted or accepted.
// `application` is data (the public search shows free places): data-version triggers as in 015.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('application')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('shift_id', 'integer', (c) => c.notNull().references('opportunity_shift.id'))
    .addColumn('opportunity_id', 'integer', (c) => c.notNull().references('opportunity.id'))
    .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('offer_expires_at', 'text')
    .addColumn('hours', 'real')
    .addColumn('attendance_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('cohort', 'text')
    .addColumn('gender', 'text')
    .addColumn('age_band', 'text')
    .addColumn('employment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The organisation's first answer (accepted or declined): its response time.
    .addColumn('answered_at', 'text')
    // When the day-before reminder of an accepted shift was queued (once).
    .addColumn('reminded_at', 'text')
    .execute();
  await db.schema
    .createIndex('application_shift_volunteer')
    .on('application')
    .columns(['shift_id', 'volunteer_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('application_shift_status')
    .on('application')
    .columns(['shift_id', 'status'])
    .execute();
  await db.schema
    .createIndex('application_volunteer')
    .on('application')
    .columns(['volunteer_id', 'status'])
    .execute();
  await db.schema
    .createIndex('application_opportunity')
    .on('application')
    .columns(['opportunity_id', 'status'])
    .execute();
  await db.schema
    .createTable('application_event')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('application.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user', 'integer')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('hours_before', 'real')
    .addColumn('hours_after', 'real')
    .execute();
  await db.schema
    .createIndex('application_event_application')
    .on('application_event')
    .columns(['application_id', 'id'])
    .execute();
  await db.schema
    .createTable('hours_dispute')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('application.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('claimed_hours', 'real')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settled_by', 'integer')
    .addColumn('settled_at', 'text')
    .addColumn('settlement', 'text')
    .execute();
  await db.schema
    .createIndex('hours_dispute_region')
    .on('hours_dispute')
    .columns(['region', 'status'])
    .execute();
  await db.schema
    .createIndex('hours_dispute_application')
    .on('hours_dispute')
    .column('application_id')
    .execute();
  await db.schema
    .alterTable('activity')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('rfo'))
    .execute();
  await db.schema.alterTable('submission').addColumn('restated_at', 'text').execute();
  if (pg) {
    await sql`
      create trigger application_data_version
      after insert or update or delete or truncate on application
      for each statement execute function data_version_bump()`.execute(db);
  } else {
    for (const event of EVENTS)
      await sql`
        create trigger ${sql.id(`application_data_version_${event}`)}
        after ${sql.raw(event)} on application
        begin update data_version set n = n + 1; end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submission').dropColumn('restated_at').execute();
  await db.schema.alterTable('activity').dropColumn('source').execute();
  await db.schema.dropTable('hours_dispute').execute();
  await db.schema.dropTable('application_event').execute();
  // The table's triggers go with it.
  await db.schema.dropTable('application').execute();
}
