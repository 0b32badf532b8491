// Frozen in time: later changes go in new migrations.
// The review inbox and the conversation of a submission (issue 10, items 3 and 4):
//  - submission.last_submitted_at: the latest time the region handed the period in (submitted_at
//    stays the first one, which timeliness is measured by); existing rows start with submitted_at.
//  - submission_review: what the period held when the national office last decided on it (accept,
//    return or reopen): each row's key and a hash of its content, and the totals, as JSON. The inbox
//    compares the current rows with it (rows added, changed, removed; totals before and after).
//  - submission_comment: the thread of a region and period, never edited nor deleted: comments by
//    both sides, and the return comments and reopening reasons of the decisions (kind). The return
//    comments kept so far (only the last one of each submission) move into it.
// Both tables carry the data-version triggers (copied from 2026-12-06-005-data-version.ts).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = ['submission_review', 'submission_comment'];
const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('submission').addColumn('last_submitted_at', 'text').execute();
  await db.updateTable('submission').set({ last_submitted_at: sql`submitted_at` }).execute();

  await db.schema
    .createTable('submission_review')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_review_pk', ['region', 'period'])
    .execute();

  await db.schema
    .createTable('submission_comment')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('submission_comment_thread')
    .on('submission_comment')
    .columns(['region', 'period', 'id'])
    .execute();

  // The one return comment each submission kept so far opens its thread.
  await sql`
    insert into submission_comment (region, period, kind, author_id, body, activity_id, created_at)
    select region, period, 'return', reviewed_by, return_comment, null, coalesce(reviewed_at, updated_at)
    from submission where return_comment is not null and return_comment <> ''
    order by coalesce(reviewed_at, updated_at)`.execute(db);

  for (const table of TABLES) {
    if (pg)
      await sql`
        create trigger ${sql.id(`${table}_data_version`)}
        after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function data_version_bump()`.execute(db);
    else
      for (const event of EVENTS)
        await sql`
          create trigger ${sql.id(`${table}_data_version_${event}`)}
          after ${sql.raw(event)} on ${sql.table(table)}
          begin update data_version set n = n + 1; end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  // Dropping a table drops its triggers (both databases).
  await db.schema.dropTable('submission_comment').ifExists().execute();
  await db.schema.dropTable('submission_review').ifExists().execute();
  await db.schema.alterTable('submission').dropColumn('last_submitted_at').execute();
}
