// Work that one server at a time may do on a database, however many start at once (N servers
// behind a proxy, started together on a new database): on PostgreSQL under a session-level
// advisory lock keyed by the purpose and the connection's schema (servers of other schemas, such
// as parallel test runs, do not wait for each other); on SQLite, one server per file, directly.
import { sql } from 'kysely';
import type { Database } from './connection.ts';

/** Keys of the advisory locks (the first half of the two-int key; the schema gives the second). */
export const LOCKS = { demo: 2026_12_06 } as const;

export async function withSchemaLock<T>(database: Database, key: number, work: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return work();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${key}, hashtext(current_schema()))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key}, hashtext(current_schema()))`.execute(conn);
    }
  });
}
