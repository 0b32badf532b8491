// The one query of the system routes: a round trip to the database.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Resolves when the database answers; throws when it does not. */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
