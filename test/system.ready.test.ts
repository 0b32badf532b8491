// GET /api/ready for a load balancer: 200 when the database answers and has run every migration of
// this server; 503 with a problem naming what is missing when migrations are behind, or when the
// database does not answer (while /api/health, liveness, still answers 200). Both databases.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { MIGRATIONS, migrateTo } from '../src/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { dialectUnderTest } from './helpers/db.ts';

/** A database of its own, migrated up to `target` only (a PostgreSQL schema dropped with the run's). */
async function databaseAt(target: string): Promise<{ database: Database; cleanup(): void }> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const schema = `t_${inject('pgRun') ?? 'x'}_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const database = openDatabase(pgUrl, { schema });
    await migrateTo(database, target);
    return { database, cleanup: () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-ready-'));
  const database = openDatabase(path.join(dir, 'test.db'));
  await migrateTo(database, target);
  return { database, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

// In the order Kysely runs them (by name), whatever the order of the list.
const names = Object.keys(MIGRATIONS).sort();

describe('GET /api/ready', () => {
  it('is 200 on a migrated database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: dialectUnderTest, migrations: names.length });
  });

  it('is 503 naming the pending migrations when the database is behind this server', async () => {
    const behind = await databaseAt(names.at(-2) as string);
    const app = await buildApp({ database: behind.database });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toEqual({
        error: 'not_ready',
        message: 'The database lacks 1 migration(s) of this server',
        details: [{ rule: 'migration_pending', value: names.at(-1) }],
      });
      // Alive all the same.
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await behind.database.close();
      behind.cleanup();
    }
  });

  it('is 200 while a long write holds the connection (an import on SQLite holds it throughout)', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const inside = new Promise<void>((resolve) => {
      started = resolve;
    });
    const writing = t.database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('territory_unit').select('code').limit(1).execute();
      started();
      await held;
    });
    await inside;
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      release();
      await writing;
    }
  });

  it('is 503 when the database does not answer; /api/health still 200', async () => {
    const { database, cleanup } = await databaseAt(names.at(-1) as string);
    const app = await buildApp({ database });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
      await database.close();
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({
        error: 'not_ready',
        message: 'The database does not answer',
        details: [{ rule: 'database', message: expect.any(String) }],
      });
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      cleanup();
    }
  });
});
