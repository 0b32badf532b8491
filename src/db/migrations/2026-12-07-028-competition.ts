// Frozen in time: later changes go in new migrations.
// The "Zhana Bastama" competition (issue 13 item 5, DOMAIN.md §8; seed 004: about 10 initiatives per
// region at about 1 million KZT each):
// - `competition_call`: one call per year, its cap per application, status open (applications
//   taken) → scoring (the regional commissions score) → selected (scores closed, winners chosen),
//   and the date the winners' follow-up reports are due.
// - `competition_quota`: each region's quota (number of winners) and budget in the call.
// - `competition_application`: an organisation's application (one per call), its status
//   submitted → winner | not_selected | ineligible, and the mean score and rank it was selected by.
// - `competition_score`: one score per commission member (a front-office account of the region)
//   and application, changeable only while the call is scoring.
// Winners become grant projects (grant_project.application_id, migration 027): their follow-up
// reports are grantee reports, activity records of the region like any other.
// Data tables: the data-version triggers of migration 2026-12-06-005, copied.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = [
  'competition_call',
  'competition_quota',
  'competition_application',
  'competition_score',
] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const real = pg ? 'double precision' : 'real';
  await db.schema
    .createTable('competition_call')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('grantor', 'text', (c) => c.notNull())
    .addColumn('budget_cap_kzt', real, (c) => c.notNull())
    .addColumn('report_due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('scoring_at', 'text')
    .addColumn('selected_at', 'text')
    .execute();
  await db.schema
    .createTable('competition_quota')
    .addColumn('call_id', 'integer', (c) => c.notNull().references('competition_call.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addColumn('budget_kzt', real, (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_quota_pk', ['call_id', 'region'])
    .execute();
  await db.schema
    .createTable('competition_application')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('call_id', 'integer', (c) => c.notNull().references('competition_call.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('budget_kzt', real, (c) => c.notNull())
    .addColumn('expected_volunteers', 'integer', (c) => c.notNull())
    .addColumn('expected_beneficiaries', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Why it was not selected (quota_full, budget_exhausted, unscored, on_register), or null.
    .addColumn('outcome', 'text')
    .addColumn('score', real)
    .addColumn('scores', 'integer')
    .addColumn('rank', 'integer')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One application per organisation and call: two submitted at once make no twins.
  await db.schema
    .createIndex('competition_application_once')
    .on('competition_application')
    .columns(['call_id', 'organization_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('competition_application_region')
    .on('competition_application')
    .columns(['call_id', 'region'])
    .execute();
  await db.schema
    .createTable('competition_score')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('competition_application.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_score_pk', ['application_id', 'member_id'])
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
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).execute();
}
