// Frozen in time: later changes go in new migrations.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const real = pg ? 'double precision' : 'real';
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('territory_unit')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kato', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_kk', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('tile_x', 'integer', (c) => c.notNull())
    .addColumn('tile_y', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('territory_lineage')
    .addColumn('id', id, idCol)
    .addColumn('predecessor', 'text', (c) => c.notNull().references('territory_unit.code'))
    .addColumn('successor', 'text', (c) => c.notNull().references('territory_unit.code'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createTable('territory_alias')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().references('territory_unit.code'))
    .execute();
  await db.schema
    .createTable('code_list_item')
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_kk', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('attrs', 'text')
    .addPrimaryKeyConstraint('code_list_item_pk', ['list', 'code'])
    .execute();
  await db.schema
    .createTable('population')
    .addColumn('region', 'text', (c) => c.notNull().references('territory_unit.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('population_pk', ['region', 'year'])
    .execute();
  await db.schema
    .createTable('wage')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('monthly_wage_kzt', real, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wage_pk', ['region', 'activity', 'year'])
    .execute();
  await db.schema
    .createTable('working_time')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('monthly_hours', real, (c) => c.notNull())
    .addColumn('annual_hours', real, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fte_hours', real)
    .addColumn('fte_source', 'text')
    .execute();
  await db.schema
    .createTable('organization')
    .addColumn('id', id, idCol)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('bin', 'text')
    .addColumn('region', 'text', (c) => c.notNull().references('territory_unit.code'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organization_key')
    .on('organization')
    .columns(['region', 'type', 'name_key'])
    .unique()
    .execute();
  await db.schema
    .createTable('submission')
    .addColumn('id', id, idCol)
    .addColumn('region', 'text', (c) => c.notNull().references('territory_unit.code'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'integer')
    .addColumn('return_comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('submission_key')
    .on('submission')
    .columns(['region', 'period'])
    .unique()
    .execute();
  await db.schema
    .createTable('activity')
    .addColumn('id', id, idCol)
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('volunteers', 'integer', (c) => c.notNull())
    .addColumn('hours', real, (c) => c.notNull())
    .addColumn('child', 'integer')
    .addColumn('inclusive', 'integer')
    .addColumn('corporate', 'integer')
    .addColumn('international', 'integer')
    .addColumn('silver', 'integer')
    .addColumn('probono', 'integer')
    .addColumn('general', 'integer')
    .addColumn('rfo_support', 'text')
    .addColumn('beneficiaries', 'integer')
    .addColumn('excluded', 'text')
    .addColumn('external_id', 'text')
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('import_id', 'integer')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activity_key')
    .on('activity')
    .columns(['region', 'row_key'])
    .unique()
    .execute();
  await db.schema.createIndex('activity_partition').on('activity').columns(['region', 'period']).execute();
  await db.schema
    .createTable('volunteer_stat')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('volunteers', 'integer')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('volunteer_stat_pk', ['region', 'period', 'dimension', 'category'])
    .execute();
  await db.schema
    .createTable('org_count')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('npo', 'integer')
    .addColumn('initiative_groups', 'integer')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_count_pk', ['region', 'period'])
    .execute();
  await db.schema
    .createTable('appeal')
    .addColumn('id', id, idCol)
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('region', 'text')
    .addColumn('country', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('related', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('external_id', 'text')
    .addColumn('row_key', 'text', (c) => c.notNull().unique())
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('unaccounted_hours')
    .addColumn('id', id, idCol)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('area', 'text')
    .addColumn('volunteers', 'integer')
    .addColumn('hours', real, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('row_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('import_batch')
    .addColumn('id', id, idCol)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('import_batch_file')
    .on('import_batch')
    .columns(['kind', 'file_sha256'])
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, idCol)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema
    .createTable('app_user')
    .addColumn('id', id, idCol)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('organization_id', 'integer')
    .addColumn('display_name', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  const counts = [
    'events',
    'volunteers',
    'child',
    'inclusive',
    'corporate',
    'international',
    'silver',
    'probono',
    'general',
    'beneficiaries',
  ];
  let agg = db.schema
    .createTable('agg_activity')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('hours', real, (c) => c.notNull());
  for (const c of counts) agg = agg.addColumn(c, 'integer', (col) => col.notNull());
  await agg
    .addPrimaryKeyConstraint('agg_activity_pk', ['region', 'period', 'area', 'format', 'kind', 'org_type'])
    .execute();
  await db.schema
    .createTable('agg_rfo_support')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('support', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('agg_rfo_support_pk', ['region', 'period', 'support'])
    .execute();
  await db.schema
    .createTable('agg_excluded')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('volunteers', 'integer', (c) => c.notNull())
    .addColumn('hours', real, (c) => c.notNull())
    .addPrimaryKeyConstraint('agg_excluded_pk', ['region', 'period', 'reason'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'agg_excluded',
    'agg_rfo_support',
    'agg_activity',
    'session',
    'app_user',
    'audit_log',
    'import_batch',
    'unaccounted_hours',
    'appeal',
    'org_count',
    'volunteer_stat',
    'activity',
    'submission',
    'organization',
    'working_time',
    'wage',
    'population',
    'code_list_item',
    'territory_alias',
    'territory_lineage',
    'territory_unit',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
