// A fresh, migrated database per test file: a temporary SQLite file, or, when TEST_DATABASE_URL
// is set, a schema of its own in that PostgreSQL database (dropped when the whole run ends:
// helpers/pg-schemas.ts says why).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export interface TestDatabase extends Database {
  /** The URL another process (the CLI) can open this same database with. */
  cliUrl: string;
  cliEnv: Record<string, string>;
}

export const dialectUnderTest = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function createTestDatabase(): Promise<TestDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    // The run's prefix lets the global teardown find its schemas (and only its own).
    const schema = `t_${inject('pgRun') ?? 'x'}_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const database = openDatabase(pgUrl, { schema });
    await migrateToLatest(database);
    const close = database.close;
    return {
      ...database,
      cliUrl: pgUrl,
      cliEnv: { DATABASE_URL: pgUrl, PGOPTIONS: `-c search_path=${schema}` },
      // The schema stays until the run ends (helpers/pg-schemas.ts drops it).
      close,
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-test-'));
  const file = path.join(dir, 'test.db');
  const database = openDatabase(file);
  await migrateToLatest(database);
  const close = database.close;
  return {
    ...database,
    cliUrl: file,
    cliEnv: { DATABASE_URL: file },
    close: async () => {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
