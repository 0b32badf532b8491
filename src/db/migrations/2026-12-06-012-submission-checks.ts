// Frozen in time: later changes go in new migrations.
// What the region said when it submitted (checks before submitting): `nothing_to_report` 1 when
// the period was handed in empty on purpose ("nothing to report this month"); `confirmed_warnings`
// the JSON list of the warnings the region confirmed at its last submit (outliers, figures far from
// the same period last year), shown to the reviewer. Both are rewritten at every submit.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('submission')
    .addColumn('nothing_to_report', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('submission').addColumn('confirmed_warnings', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submission').dropColumn('confirmed_warnings').execute();
  await db.schema.alterTable('submission').dropColumn('nothing_to_report').execute();
}
