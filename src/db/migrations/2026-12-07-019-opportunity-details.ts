// Frozen in time: later changes go in new migrations.
// Two details of an opportunity (DOMAIN.md §7): its locality (a town or district within the region,
// shown on its page and in the preview of a shared link) and, for risk areas, the training it
// requires (a volunteer confirms having it when applying).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('opportunity').addColumn('locality', 'text').execute();
  await db.schema.alterTable('opportunity').addColumn('training', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('opportunity').dropColumn('training').execute();
  await db.schema.alterTable('opportunity').dropColumn('locality').execute();
}
