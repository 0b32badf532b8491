// Frozen in time: later changes go in new migrations.
// Grant monitoring (issue 13 items 4 and 6, DOMAIN.md §8 "Grants"):
// - `grant_register_entry`: the public register of unscrupulous grant implementers: the organisation
//   by BIN (and its registry entry when the registry knows the BIN), the decision, its date and
//   document reference; removal keeps the row (removed_at), publication and removal are audited.
// - `grant_project`: the register of grant projects: grantee (a registry organisation), grantor,
//   area, years, amount, planned volunteers / hours / events; `kind` priority (the state programme's
//   priority projects) or competition (a winner of the "Zhana Bastama" competition, migration 028);
//   `grant_project_region` its regions (what a front office reads).
// - `grant_round`, `grant_round_entry`: reporting rounds of the national office, each project's
//   data-provision status (provided, duplicated_grantor, refused, unreachable; null: not yet known),
//   the grantee's comment, and the figures it gave outside the platform.
// - `activity.grant_project_id`: the project a grantee's report through the platform belongs to
//   (its records are the platform's, row keys `platform:grant:<project>:<YYYY-MM>:<n>`).
// Every table holds data the annual report or a public page reads: the data-version triggers of
// migration 2026-12-06-005, copied.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = [
  'grant_register_entry',
  'grant_project',
  'grant_project_region',
  'grant_round',
  'grant_round_entry',
] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const real = pg ? 'double precision' : 'real';
  await db.schema
    .createTable('grant_register_entry')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('bin', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.references('organization.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('document_ref', 'text', (c) => c.notNull())
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer')
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'integer')
    .addColumn('removal_reason', 'text')
    .execute();
  await db.schema.createIndex('grant_register_bin').on('grant_register_entry').column('bin').execute();

  await db.schema
    .createTable('grant_project')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id'))
    .addColumn('grantor', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('year_from', 'integer', (c) => c.notNull())
    .addColumn('year_to', 'integer', (c) => c.notNull())
    .addColumn('amount_kzt', real)
    .addColumn('planned_volunteers', 'integer')
    .addColumn('planned_hours', real)
    .addColumn('planned_events', 'integer')
    .addColumn('planned_beneficiaries', 'integer')
    .addColumn('notes', 'text')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    // The competition application it was won with (migration 028), null for priority projects.
    .addColumn('application_id', 'integer', (c) => c.unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_project_org').on('grant_project').column('organization_id').execute();
  await db.schema
    .createTable('grant_project_region')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('grant_project.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('grant_project_region_pk', ['project_id', 'region'])
    .execute();
  await db.schema
    .createIndex('grant_project_region_region')
    .on('grant_project_region')
    .column('region')
    .execute();

  await db.schema
    .createTable('grant_round')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema
    .createTable('grant_round_entry')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('grant_round.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('grant_project.id'))
    .addColumn('status', 'text')
    .addColumn('comment', 'text')
    .addColumn('volunteers', 'integer')
    .addColumn('hours', real)
    .addColumn('events', 'integer')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addPrimaryKeyConstraint('grant_round_entry_pk', ['round_id', 'project_id'])
    .execute();

  await db.schema.alterTable('activity').addColumn('grant_project_id', 'integer').execute();
  await db.schema.createIndex('activity_grant_project').on('activity').column('grant_project_id').execute();

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
  await db.schema.dropIndex('activity_grant_project').execute();
  await db.schema.alterTable('activity').dropColumn('grant_project_id').execute();
  // The tables' triggers go with them.
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).execute();
}
