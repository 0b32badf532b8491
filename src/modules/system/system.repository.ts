// The queries of the system routes: a round trip to the database, and the migrations it has run.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Resolves when the database answers; throws when it does not. */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * The names of the migrations the database has run (Kysely's own table, in the connection's
 * schema); none when it was never migrated.
 */
export async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return rows.map((r) => r.name);
  } catch (err) {
    if (/kysely_migration/.test(String((err as Error).message))) return [];
    throw err;
  }
}
