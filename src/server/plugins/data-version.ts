// The data version: a token, read cheaply on every request, that differs whenever the data may
// have changed since it was last read. Cached responses are keyed by it (modules/reports/cache.ts),
// so that no answer computed before a write is served after it.
// It is the counter of the table `data_version`, which triggers on every data table move in the
// same transaction as the write (migration 2026-12-06-005): it changes exactly when a committed
// write becomes visible, whoever made it — this server, another server on the same PostgreSQL
// database, the CLI on the same SQLite file — and never for what changes no data: a request refused
// before it wrote, a rolled-back transaction, a sign-in (sessions), a failed login (login attempts),
// the audit trail. On PostgreSQL the counter is a few rows, summed (the migration says why).
// Read it before anything the answer is computed from: an answer computed later may then be newer
// than its version (it is recomputed once more), never older.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connection.ts';

/** Reads the current data version; null when it cannot be known (nothing may then be cached). */
export type DataVersionReader = () => Promise<string | null>;

declare module 'fastify' {
  interface FastifyInstance {
    dataVersion: DataVersionReader;
  }
}

/** The database's data version (see above). */
export function databaseVersionReader(database: Database): DataVersionReader {
  const { sqlite, pool } = database;
  if (sqlite) {
    const read = sqlite.prepare('select n from data_version').pluck();
    return async () => {
      // The server's one connection may be inside a transaction another request opened (Kysely
      // holds it across awaits); read there, the counter could count a write that then rolls back,
      // and the same number come back with other data.
      if (sqlite.inTransaction) return null;
      try {
        return String(read.get());
      } catch {
        return null;
      }
    };
  }
  if (pool) {
    return async () => {
      try {
        const r = await pool.query<{ v: string }>('select sum(n)::text as v from data_version');
        return r.rows[0]?.v ?? null;
      } catch {
        return null;
      }
    };
  }
  return async () => null;
}

/** Decorates the app with `dataVersion()`. */
export function registerDataVersion(app: FastifyInstance): void {
  app.decorate('dataVersion', databaseVersionReader(app.database));
}
