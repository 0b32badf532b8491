// The data version: a token, read cheaply on every request, that differs whenever the data may
// have changed since it was last read. Cached responses are keyed by it (modules/reports/cache.ts),
// so that no answer computed before a write is served after it. Three sources, any of which moves it:
//  - a counter of this process, bumped when a state-changing request (not GET/HEAD/OPTIONS) arrives
//    and when it succeeds;
//  - SQLite: `total_changes()` of the server's connection (rows written by this process, through
//    HTTP or not) and `PRAGMA data_version` (changes when another connection — the CLI's
//    `birgemiz import`, `submissions accept` — commits to the same file);
//  - PostgreSQL: `pg_current_snapshot()`, whose text changes whenever a transaction that wrote
//    anything (in any session, this server's or another process's) ends. Unlike the WAL position,
//    which moves when a commit record is written, before the commit becomes visible to readers, a
//    snapshot still lists a committing transaction as running until its changes are visible.
// Conservative by design: writes to tables no response reads, or to other databases of the same
// PostgreSQL cluster, also move it; they only cost a recomputation.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connection.ts';

/** Reads the current data version; null when it cannot be known (nothing may then be cached). */
export type DataVersionReader = () => Promise<string | null>;

declare module 'fastify' {
  interface FastifyInstance {
    dataVersion: DataVersionReader;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The database's own part of the version (see above). */
export function databaseVersionReader(database: Database): DataVersionReader {
  const { sqlite, pool } = database;
  if (sqlite) {
    const changes = sqlite.prepare('select total_changes()').pluck();
    const external = sqlite.prepare('pragma data_version').pluck();
    return async () => {
      try {
        return `${changes.get()}.${external.get()}`;
      } catch {
        return null;
      }
    };
  }
  if (pool) {
    return async () => {
      try {
        const r = await pool.query<{ v: string }>('select pg_current_snapshot()::text as v');
        return r.rows[0]?.v ?? null;
      } catch {
        return null;
      }
    };
  }
  return async () => null;
}

/** Decorates the app with `dataVersion()` and bumps its counter after every state-changing request. */
export function registerDataVersion(app: FastifyInstance): void {
  let writes = 0;
  const fromDatabase = databaseVersionReader(app.database);
  app.decorate('dataVersion', async () => {
    const before = writes;
    const db = await fromDatabase();
    return db === null ? null : `${before}:${db}`;
  });
  // Bumped when a signed-in user's state-changing request arrives (anonymous ones are refused, or
  // sign in or out) and again when a state-changing request succeeds, before its answer leaves:
  // the counter alone then separates what was read before, during and after a write made through
  // HTTP, while failed anonymous requests cannot empty the cache.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!SAFE.has(request.method) && request.user) writes++;
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!SAFE.has(request.method) && reply.statusCode < 400) writes++;
    done(null, payload);
  });
}
