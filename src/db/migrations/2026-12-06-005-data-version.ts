// Frozen in time: later changes go in new migrations.
// The data version (server/plugins/data-version.ts reads it; the public reports' cache is keyed by
// it): a counter that every committed write to a data table moves, in the same transaction as the
// write, so that it changes exactly when the write becomes visible — to this server, to another
// server on the same database, and when the CLI wrote it. Writes to the tables no public answer
// reads and that requests change without changing data (sessions, accounts, the audit trail, login
// attempts, jobs) have no trigger, so that signing in, failing to, or being refused cannot empty the
// cache. A table created later is a data table unless the test of the triggers
// (test/data-version.test.ts) lists it as not: its migration adds the same triggers (copy them).
//  - SQLite: one row, and per-row triggers (SQLite has no other kind) on insert, update and delete.
//  - PostgreSQL: statement-level triggers calling data_version_bump(), which adds 1 to one of a few
//    counter rows once per transaction (a transaction-local setting remembers it), taking a row no
//    other transaction holds (FOR UPDATE SKIP LOCKED) or, when all are held, adding a row: no
//    writer ever waits for another on the counter. The reader sums the rows.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The tables whose rows the answers are computed from, as of this migration. */
const DATA_TABLES = [
  'territory_unit',
  'territory_lineage',
  'territory_alias',
  'code_list_item',
  'population',
  'wage',
  'working_time',
  'organization',
  'submission',
  'activity',
  'volunteer_stat',
  'org_count',
  'appeal',
  'unaccounted_hours',
  'import_batch',
  'agg_activity',
  'agg_rfo_support',
  'agg_excluded',
  'agg_area',
];
const EVENTS = ['insert', 'update', 'delete'] as const;
/** Counter rows to start with on PostgreSQL: concurrent writers beyond them add rows. */
const SHARDS = 8;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create table data_version (shard serial primary key, n bigint not null)`.execute(db);
    await sql`insert into data_version (n) select 0 from generate_series(1, ${sql.lit(SHARDS)})`.execute(db);
    // search_path fixed at creation: the counter is the one beside the tables, whatever the
    // writing session's path.
    await sql`
      create function data_version_bump() returns trigger language plpgsql
      set search_path from current as $$
      declare
        s integer;
      begin
        if current_setting('birgemiz.data_version_bumped', true) = 'on' then
          return null;
        end if;
        select shard into s from data_version limit 1 for update skip locked;
        if found then
          update data_version set n = n + 1 where shard = s;
        else
          insert into data_version (n) values (1);
        end if;
        perform set_config('birgemiz.data_version_bumped', 'on', true);
        return null;
      end $$`.execute(db);
    for (const table of DATA_TABLES)
      await sql`
        create trigger ${sql.id(`${table}_data_version`)}
        after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function data_version_bump()`.execute(db);
    return;
  }
  await sql`create table data_version (shard integer primary key, n integer not null)`.execute(db);
  await sql`insert into data_version (shard, n) values (1, 0)`.execute(db);
  for (const table of DATA_TABLES)
    for (const event of EVENTS)
      await sql`
        create trigger ${sql.id(`${table}_data_version_${event}`)}
        after ${sql.raw(event)} on ${sql.table(table)}
        begin update data_version set n = n + 1; end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of DATA_TABLES) {
    if (pg) await sql`drop trigger ${sql.id(`${table}_data_version`)} on ${sql.table(table)}`.execute(db);
    else
      for (const event of EVENTS)
        await sql`drop trigger ${sql.id(`${table}_data_version_${event}`)}`.execute(db);
  }
  if (pg) await sql`drop function data_version_bump()`.execute(db);
  await db.schema.dropTable('data_version').execute();
}
