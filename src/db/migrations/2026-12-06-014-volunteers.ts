// Frozen in time: later changes go in new migrations.
// Volunteers of the platform (issue 11 item 2, DOMAIN.md §7): a volunteer is an account (app_user)
// of the new role `volunteer`, added to the role code list, with a profile (volunteer_profile) and
// one-time links (volunteer_token: the e-mail confirmation and the guardian's consent, sha256 of
// the token only). The IIN is never stored: only its HMAC-SHA256 under a server key (unique, for
// de-duplication) and its last 4 digits. No public answer reads these tables yet: no data-version
// triggers (test/data-version.test.ts lists them), so that registrations leave the public cache.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const last = await db
    .selectFrom('code_list_item')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .where('list', '=', 'role')
    .executeTakeFirst();
  await db
    .insertInto('code_list_item')
    .values({
      list: 'role',
      code: 'volunteer',
      name_en: 'Volunteer',
      name_ru: 'Волонтер',
      name_kk: 'Волонтер',
      sort: Number(last?.sort ?? 0) + 1,
      active: 1,
      attrs: null,
    })
    .execute();
  await db.schema
    .createTable('volunteer_profile')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('gender', 'text')
    .addColumn('region', 'text')
    .addColumn('employment', 'text')
    .addColumn('resident', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disability', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('iin_hash', 'text', (c) => c.unique())
    .addColumn('iin_last4', 'text')
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('email_confirmed_at', 'text')
    .addColumn('confirm_reminded_at', 'text')
    .addColumn('guardian_name', 'text')
    .addColumn('guardian_email', 'text')
    .addColumn('guardian_status', 'text', (c) => c.notNull())
    .addColumn('guardian_confirmed_at', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema
    .createTable('volunteer_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('volunteer_token_user').on('volunteer_token').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('volunteer_token').ifExists().execute();
  await db.schema.dropTable('volunteer_profile').ifExists().execute();
  await db.deleteFrom('code_list_item').where('list', '=', 'role').where('code', '=', 'volunteer').execute();
}
