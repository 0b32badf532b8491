// Frozen in time: later changes go in new migrations.
// Opportunities of the volunteer platform (issue 11 item 3, DOMAIN.md §7): an opportunity of a
// platform organisation (`draft` → `published` → `closed` | `cancelled`, with the reason of a
// cancellation), its area, region, format, minimum age, skills (a JSON array), pro bono flag, a
// lower-cased search key of its text; and
// its shifts (start and end as UTC ISO instants, capacity). Public search reads them: data tables
// with the data-version triggers of migration 2026-12-06-005, copied.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = ['opportunity', 'opportunity_shift'] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('opportunity')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('min_age', 'integer', (c) => c.notNull())
    .addColumn('probono', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason', 'text')
    // Title and description lower-cased in the application (SQLite's lower() knows ASCII only), for
    // the text search in kk / ru / en.
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createIndex('opportunity_search')
    .on('opportunity')
    .columns(['status', 'region', 'area'])
    .execute();
  await db.schema.createIndex('opportunity_org').on('opportunity').column('organization_id').execute();
  await db.schema
    .createTable('opportunity_shift')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('opportunity_id', 'integer', (c) =>
      c.notNull().references('opportunity.id').onDelete('cascade'),
    )
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opportunity_shift_opp')
    .on('opportunity_shift')
    .columns(['opportunity_id', 'start_at'])
    .execute();
  for (const table of TABLES) {
    if (pg) {
      await sql`
        create trigger ${sql.id(`${table}_data_version`)}
        after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function data_version_bump()`.execute(db);
      continue;
    }
    for (const event of EVENTS)
      await sql`
        create trigger ${sql.id(`${table}_data_version_${event}`)}
        after ${sql.raw(event)} on ${sql.table(table)}
        begin update data_version set n = n + 1; end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  // The tables' triggers go with them.
  await db.schema.dropTable('opportunity_shift').execute();
  await db.schema.dropTable('opportunity').execute();
}
