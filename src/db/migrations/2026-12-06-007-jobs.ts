// Frozen in time: later changes go in new migrations.
// Scheduled jobs (modules/jobs): one row per job. A server runs a job only after it claimed the row
// with a conditional UPDATE that moves next_run_at past now and takes a lease, so that however many
// servers share the database a job runs at most once per due time, and never twice at once.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
