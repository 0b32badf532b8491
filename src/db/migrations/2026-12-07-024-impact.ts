// Frozen in time: later changes go in new migrations.
// Measuring impact (issue 12 item 5, DOMAIN.md §7 "Measuring impact"):
// - the code list `beneficiary_type` (who or what an opportunity reached), reference data the
//   national office may extend like any other list;
// - `impact_report`: a closed opportunity's report by its organisation, one per opportunity: an
//   outcome line, and `impact_beneficiary`: how many it reached of each type;
// - `impact_survey`: the volunteer's short optional survey after a confirmed participation, once
//   (satisfaction, skills gained, would volunteer again, sense of trust and belonging, each 1–5).
// The annual report and the public dashboard read all three: they carry the data-version triggers.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = ['impact_report', 'impact_beneficiary', 'impact_survey'];
const EVENTS = ['insert', 'update', 'delete'] as const;

// code, en, ru, kk: counted one each, whatever the type (a family, an animal, a site).
const BENEFICIARY_TYPES: [string, string, string, string][] = [
  ['children', 'Children', 'Дети', 'Балалар'],
  ['youth', 'Young people', 'Молодёжь', 'Жастар'],
  ['elderly', 'Elderly people', 'Пожилые люди', 'Қарт адамдар'],
  [
    'people_with_disabilities',
    'People with disabilities',
    'Люди с инвалидностью',
    'Мүмкіндігі шектеулі адамдар',
  ],
  [
    'people_in_hardship',
    'People in a difficult life situation',
    'Люди в трудной жизненной ситуации',
    'Қиын өмірлік жағдайдағы адамдар',
  ],
  ['families', 'Families (each counted once)', 'Семьи (каждая один раз)', 'Отбасылар (әрқайсысы бір рет)'],
  ['patients', 'Patients', 'Пациенты', 'Науқастар'],
  ['general_public', 'Residents and visitors', 'Жители и посетители', 'Тұрғындар мен келушілер'],
  ['animals', 'Animals', 'Животные', 'Жануарлар'],
  [
    'environment_sites',
    'Sites cleaned or improved (parks, shores, yards)',
    'Благоустроенные места (парки, берега, дворы)',
    'Абаттандырылған орындар (саябақтар, жағалаулар, аулалар)',
  ],
  ['other', 'Other', 'Другие', 'Басқалар'],
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db
    .insertInto('code_list_item')
    .values(
      BENEFICIARY_TYPES.map(([code, en, ru, kk], i) => ({
        list: 'beneficiary_type',
        code,
        name_en: en,
        name_ru: ru,
        name_kk: kk,
        sort: i + 1,
        active: 1,
        attrs: null,
      })),
    )
    .execute();
  await db.schema
    .createTable('impact_report')
    .addColumn('opportunity_id', 'integer', (c) => c.primaryKey().references('opportunity.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'integer', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('impact_beneficiary')
    .addColumn('opportunity_id', 'integer', (c) =>
      c.notNull().references('impact_report.opportunity_id').onDelete('cascade'),
    )
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('impact_beneficiary_pk', ['opportunity_id', 'type'])
    .execute();
  await db.schema
    .createTable('impact_survey')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('application.id'))
    .addColumn('volunteer_id', 'integer', (c) => c.notNull())
    .addColumn('opportunity_id', 'integer', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) => c.notNull())
    .addColumn('skills_gained', 'integer', (c) => c.notNull())
    .addColumn('would_return', 'integer', (c) => c.notNull())
    .addColumn('belonging', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('impact_survey_volunteer').on('impact_survey').column('volunteer_id').execute();
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
  await db.schema.dropTable('impact_survey').execute();
  await db.schema.dropTable('impact_beneficiary').execute();
  await db.schema.dropTable('impact_report').execute();
  await db.deleteFrom('code_list_item').where('list', '=', 'beneficiary_type').execute();
}
