// Frozen in time: later changes go in new migrations.
// Organisations on the volunteer platform (DOMAIN.md §7): one row per registry entry
// (`organization`) that a coordinator registered or claimed, with its moderation status
// `pending` → `verified` | `rejected`, `verified` → `suspended` → `verified`; the reason of the
// latest rejection or suspension; the coordinator's account; the name, type and BIN as registered
// (a claim keeps the registry's own until the front office verifies it); `claim` 1 when the
// registration joined an entry the registry had already (monthly data); one row per BIN. Every step
// is in the audit trail. A data table: the data-version triggers of migration 2026-12-06-005, copied.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLE = 'platform_org';
const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable(TABLE)
    .addColumn('organization_id', 'integer', (c) => c.primaryKey().references('organization.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('coordinator_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('bin', 'text')
    .addColumn('claim', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer')
    .execute();
  await db.schema.createIndex('platform_org_queue').on(TABLE).columns(['status', 'registered_at']).execute();
  // One organisation per BIN on the platform: two registrations of one BIN at once make no twins.
  await db.schema
    .createIndex('platform_org_bin')
    .on(TABLE)
    .column('bin')
    .unique()
    .where(sql.ref('bin'), 'is not', null)
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create trigger ${sql.id(`${TABLE}_data_version`)}
      after insert or update or delete or truncate on ${sql.table(TABLE)}
      for each statement execute function data_version_bump()`.execute(db);
    return;
  }
  for (const event of EVENTS)
    await sql`
      create trigger ${sql.id(`${TABLE}_data_version_${event}`)}
      after ${sql.raw(event)} on ${sql.table(TABLE)}
      begin update data_version set n = n + 1; end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The table's triggers go with it.
  await db.schema.dropTable(TABLE).execute();
}
