// Frozen in time: later changes go in new migrations.
// Awards (issue 13 items 2–3, DOMAIN.md §8 "Awards"):
// - `award_letter`: letters of thanks (per region and half-year, to a volunteer or an organisation)
//   and the region's Best Volunteer (per region and year): chosen by the front office from the
//   proposed candidates with the reasons as they stood, approved or returned by the national office,
//   issued under a verification code like the record book's certificates. `unique_key` holds one
//   letter per person and half-year (thanks|2026-H1|volunteer|12) and one Best Volunteer per region
//   and year (best|2026|KZ-75).
// - `award_round` (Volunteer of the Year, national) with its nominations (domestic and international
//   apart, each with its criteria as JSON), nominees (entered by a front office for its region or by
//   the national office, with a justification), jurors (accounts of the new role `juror`, added to
//   the role code list), conflicts of interest they declared and their scores per criterion.
// No public answer is cached from these tables (the public results are read uncached): no data-version
// triggers; test/data-version.test.ts lists them.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const last = await db
    .selectFrom('code_list_item')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .where('list', '=', 'role')
    .executeTakeFirst();
  await db
    .insertInto('code_list_item')
    .values({
      list: 'role',
      code: 'juror',
      name_en: 'Award juror',
      name_ru: 'Член жюри премии',
      name_kk: 'Сыйлық қазылар алқасының мүшесі',
      sort: Number(last?.sort ?? 0) + 1,
      active: 1,
      attrs: null,
    })
    .execute();

  await db.schema
    .createTable('award_letter')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    // thanks | best_volunteer
    .addColumn('kind', 'text', (c) => c.notNull())
    // YYYY-H1 / YYYY-H2 (thanks) or YYYY (best_volunteer)
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    // volunteer | organization
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('volunteer_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('organization_id', 'integer', (c) => c.references('organization.id'))
    // The name as staff see it, and as the letter and its public check show it (initials of a person).
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    // The figures behind the choice as they stood (JSON), and the front office's own words.
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('justification', 'text')
    // chosen | approved | returned | issued
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('unique_key', 'text', (c) => c.notNull().unique())
    .addColumn('chosen_by', 'integer')
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('issued_by', 'integer')
    .addColumn('issued_at', 'text')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('award_letter_region')
    .on('award_letter')
    .columns(['region', 'period', 'kind'])
    .execute();
  await db.schema.createIndex('award_letter_volunteer').on('award_letter').column('volunteer_id').execute();

  await db.schema
    .createTable('award_round')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    // volunteer_of_year
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Every criterion is scored 1..scale_max.
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    // nominating | scoring | closed | published
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('award_round_kind_year', ['kind', 'year'])
    .execute();
  await db.schema
    .createTable('award_nomination')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('award_round.id'))
    // domestic | international
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON array of the criteria's names, in their order (the first decides ties first).
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_nomination_round').on('award_nomination').column('round_id').execute();
  await db.schema
    .createTable('award_nominee')
    .addColumn('id', pg ? 'serial' : 'integer', idCol)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('award_round.id'))
    .addColumn('nomination_id', 'integer', (c) => c.notNull().references('award_nomination.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('volunteer_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'integer')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_nominee_round').on('award_nominee').column('round_id').execute();
  await db.schema
    .createTable('award_juror')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('award_round.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    // The name the results publish, as it was when the juror was seated.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_juror_pk', ['round_id', 'user_id'])
    .execute();
  await db.schema.createIndex('award_juror_user').on('award_juror').column('user_id').execute();
  await db.schema
    .createTable('award_conflict')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('award_round.id'))
    .addColumn('juror_id', 'integer', (c) => c.notNull())
    .addColumn('nominee_id', 'integer', (c) => c.notNull().references('award_nominee.id'))
    .addColumn('note', 'text')
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_conflict_pk', ['juror_id', 'nominee_id'])
    .execute();
  await db.schema.createIndex('award_conflict_round').on('award_conflict').column('round_id').execute();
  await db.schema
    .createTable('award_score')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('award_round.id'))
    .addColumn('nominee_id', 'integer', (c) => c.notNull().references('award_nominee.id'))
    .addColumn('juror_id', 'integer', (c) => c.notNull())
    // The criterion's position in its nomination's list (0 first).
    .addColumn('criterion', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_score_pk', ['nominee_id', 'juror_id', 'criterion'])
    .execute();
  await db.schema.createIndex('award_score_round').on('award_score').column('round_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'award_score',
    'award_conflict',
    'award_juror',
    'award_nominee',
    'award_nomination',
    'award_round',
    'award_letter',
  ])
    await db.schema.dropTable(table).execute();
  await db.deleteFrom('code_list_item').where('list', '=', 'role').where('code', '=', 'juror').execute();
}
