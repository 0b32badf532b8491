// Vitest global setup: on PostgreSQL each test database is a schema `t_<run>_<random>`; they are
// dropped here once every file has finished, not one by one as files end. Dropping a schema while
// another worker's migrator scans the catalogue (Kysely's introspector) fails that scan with
// `schema "t_…" does not exist`: with two workers, files end while others start.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgRun: string;
  }
}

export default function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const run = randomBytes(3).toString('hex');
  project.provide('pgRun', run);
  if (!url) return;
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const { rows } = await c.query<{ nspname: string }>(
        'select nspname from pg_namespace where nspname like $1',
        [`t\\_${run}\\_%`],
      );
      // Under the migration lock (src/db/migrate.ts): another run on the same database (a second
      // checkout's tests) may be migrating its schemas, and its catalogue scan must not meet ours
      // half-dropped.
      await c.query('select pg_advisory_lock(20261122)');
      for (const r of rows) await c.query(`drop schema if exists ${r.nspname} cascade`);
      await c.query('select pg_advisory_unlock(20261122)');
    } finally {
      await c.end();
    }
  };
}
