// The queries of the system routes: a round trip to the database, and the migrations it has run.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/connection.ts';
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

/**
 * The migrations run, read so that a long write does not make the server look down. SQLite: on
 * the raw connection, beside Kysely's queue, which an import's transaction holds for its whole
 * length (the connection is this process's own, so it answering is what "reachable" means);
 * PostgreSQL: through the pool, a round trip on a free connection.
 */
export async function migrationsRun(database: Database): Promise<string[]> {
  const { sqlite } = database;
  if (!sqlite) {
    await ping(database.db);
    return appliedMigrations(database.db);
  }
  try {
    return sqlite.prepare('select name from kysely_migration').pluck().all() as string[];
  } catch (err) {
    if (/no such table: kysely_migration/.test(String((err as Error).message))) return [];
    throw err;
  }
}
