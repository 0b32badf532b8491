// Frozen in time: later changes go in new migrations.
// Appeals followed to a result (issue 13 item 1, DOMAIN.md §8): the `appeal` rows the import has
// written since migration 001 become the information centre's register. Imported and registered
// appeals are the same records: registered ones get the columns the workflow needs, imported ones
// keep them empty (`source` = import).
// - `appeal`: how it came (`source` import | staff | web), its text and language, the applicant's
//   name and contact (private to staff: never exported, reported or audited), the staff member it
//   is assigned to, the answer and result, the reason of a closing, the public form's token nonce
//   (unique: a form is posted once), and when the overdue reminders were queued (each once).
// - `appeal_event`: every step (registered, assigned, answered, resolved, closed, reopened), shown
//   on the appeal's page. Staff only: no data-version triggers (test/data-version.test.ts).
// - code lists: the status `closed`; the reasons of closing (`appeal_close_reason`); the targets
//   of the first answer and of the result (`appeal_target`, hours in attrs: 24 h and 15 days).
import { type Kysely, PostgresAdapter } from 'kysely';

const COLUMNS: [name: string, type: 'text' | 'integer'][] = [
  ['text', 'text'],
  ['lang', 'text'],
  ['applicant_name', 'text'],
  ['applicant_email', 'text'],
  ['applicant_phone', 'text'],
  ['assignee_id', 'integer'],
  ['registered_by', 'integer'],
  ['answer', 'text'],
  ['result', 'text'],
  ['close_reason', 'text'],
  ['closed_at', 'text'],
  ['form_nonce', 'text'],
  ['reminded_response_at', 'text'],
  ['reminded_resolution_at', 'text'],
  ['updated_at', 'text'],
];

const ITEMS: { list: string; code: string; en: string; ru: string; kk: string; attrs?: object }[] = [
  { list: 'appeal_status', code: 'closed', en: 'Closed', ru: 'Закрыто', kk: 'Жабылды' },
  { list: 'appeal_close_reason', code: 'duplicate', en: 'Duplicate', ru: 'Дубликат', kk: 'Қайталама' },
  { list: 'appeal_close_reason', code: 'spam', en: 'Spam', ru: 'Спам', kk: 'Спам' },
  {
    list: 'appeal_close_reason',
    code: 'no_contact',
    en: 'No way to contact the applicant',
    ru: 'Нет связи с заявителем',
    kk: 'Өтініш берушімен байланыс жоқ',
  },
  {
    list: 'appeal_target',
    code: 'first_response',
    en: 'First answer',
    ru: 'Первый ответ',
    kk: 'Алғашқы жауап',
    attrs: { hours: 24 },
  },
  {
    list: 'appeal_target',
    code: 'resolution',
    en: 'Result',
    ru: 'Результат',
    kk: 'Нәтиже',
    attrs: { hours: 360 },
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .alterTable('appeal')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('import'))
    .execute();
  for (const [name, type] of COLUMNS) await db.schema.alterTable('appeal').addColumn(name, type).execute();
  // SQLite adds no UNIQUE column: the uniqueness is an index (several NULLs allowed on both).
  await db.schema.createIndex('appeal_form_nonce').on('appeal').column('form_nonce').unique().execute();
  await db.schema.createIndex('appeal_status_region').on('appeal').columns(['status', 'region']).execute();
  await db.schema.createIndex('appeal_received').on('appeal').column('received_at').execute();
  await db.schema
    .createTable('appeal_event')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeal.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user', 'integer')
    // registered | assigned | answered | resolved | closed | reopened
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('assignee_id', 'integer')
    .addColumn('reason', 'text')
    .addColumn('text', 'text')
    // 1: the answer went to the applicant's e-mail address.
    .addColumn('mailed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('appeal_event_appeal').on('appeal_event').column('appeal_id').execute();

  const lists = [...new Set(ITEMS.map((i) => i.list))];
  const last = await db
    .selectFrom('code_list_item')
    .select(['list', (eb) => eb.fn.max('sort').as('sort')])
    .where('list', 'in', lists)
    .groupBy('list')
    .execute();
  const sort = new Map(last.map((r) => [r.list as string, Number(r.sort)]));
  await db
    .insertInto('code_list_item')
    .values(
      ITEMS.map((i) => {
        const n = (sort.get(i.list) ?? 0) + 1;
        sort.set(i.list, n);
        return {
          list: i.list,
          code: i.code,
          name_en: i.en,
          name_ru: i.ru,
          name_kk: i.kk,
          sort: n,
          active: 1,
          attrs: i.attrs ? JSON.stringify(i.attrs) : null,
        };
      }),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ITEMS)
    await db.deleteFrom('code_list_item').where('list', '=', i.list).where('code', '=', i.code).execute();
  await db.schema.dropTable('appeal_event').ifExists().execute();
  await db.schema.dropIndex('appeal_received').ifExists().execute();
  await db.schema.dropIndex('appeal_status_region').ifExists().execute();
  await db.schema.dropIndex('appeal_form_nonce').ifExists().execute();
  for (const [name] of [...COLUMNS].reverse())
    await db.schema.alterTable('appeal').dropColumn(name).execute();
  await db.schema.alterTable('appeal').dropColumn('source').execute();
}
