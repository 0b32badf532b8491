// `birgemiz db backup` while writers keep writing, then `birgemiz db restore` into an empty
// database: the restored database answers what the source did at the backup's instant. The annual
// reports and the 2022 export come out byte for byte the same (the concurrent writers write 2023
// drafts, which neither touches); the 2023 export equals the source's without the drafts the backup
// did not capture, and those it captured are, per writer, the first ones it wrote: every draft
// answered before the backup began, none begun after it ended. Then the exit codes of the refusals.
// Both databases: on PostgreSQL the restore goes into a new database (pg_dump keeps the schema name).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { buildApp } from '../src/server/app.ts';
import { runCli } from './helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { type Account, makeAccount } from './helpers/server.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-backup-'));
const pgUrl = process.env.TEST_DATABASE_URL;
const restoreDbName = `bk_${randomBytes(5).toString('hex')}`;

let source: TestDatabase;
let sourceApp: FastifyInstance;
let admin: Account;
let target: Database | undefined;
let targetApp: FastifyInstance | undefined;

/** The environment of a CLI run on the restore target: a new SQLite file, or a new PostgreSQL database. */
function targetEnv(): Record<string, string> {
  if (!pgUrl) return { DATABASE_URL: path.join(dir, 'restored.db') };
  const url = new URL(pgUrl);
  url.pathname = `/${restoreDbName}`;
  return { DATABASE_URL: url.toString(), PGOPTIONS: source.cliEnv.PGOPTIONS as string };
}

async function pgAdmin(query: string) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  source = await createTestDatabase();
  const demo = await runCli(['demo', 'load'], { env: source.cliEnv });
  expect(demo.code, demo.stderr).toBe(0);
  sourceApp = await buildApp({ database: source });
  await sourceApp.ready();
  admin = await makeAccount(source.db, 'national_admin');
  if (pgUrl) await pgAdmin(`create database ${restoreDbName}`);
});

afterAll(async () => {
  await targetApp?.close();
  await target?.close();
  await sourceApp?.close();
  await source?.close();
  if (pgUrl) await pgAdmin(`drop database if exists ${restoreDbName} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

const record = (region: string, period: string, title: string, hours = 12) => ({
  region,
  period,
  organization: 'Backup NPO',
  organization_type: 'npo',
  title,
  area: 'taza_alem',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-05`,
  end_date: `${period}-05`,
  volunteers: 4,
  hours,
});

async function post(app: FastifyInstance, url: string, payload: object) {
  const r = await app.inject({ method: 'POST', url, headers: admin.headers, payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

async function get(app: FastifyInstance, url: string) {
  const r = await app.inject({ method: 'GET', url, headers: admin.headers });
  expect(r.statusCode, r.body).toBe(200);
  return r;
}

/** The report without the instant it was computed at. */
async function annual(app: FastifyInstance, year: number) {
  const { generatedAt: _, ...report } = (await get(app, `/api/reports/annual/${year}`)).json();
  return report;
}

const exportCsv = async (app: FastifyInstance, year: number) =>
  (await get(app, `/api/exports/activities?year=${year}&format=csv`)).body;

const WRITERS = 4;
const draftTitle = (writer: number, n: number) => `Backup writer ${writer} no ${n} end`;

describe('db backup and restore', () => {
  it('backs up under concurrent writes; the restored database answers as the source did then', async () => {
    // Written before the backup: a 2023 month entered, submitted and accepted (in the annual report).
    await post(sourceApp, '/api/activities', record('KZ-75', '2023-05', 'Accepted before the backup', 40));
    const s = await post(sourceApp, '/api/submissions/KZ-75/2023-05/submit', {
      version: 1,
      confirmWarnings: true,
    });
    await post(sourceApp, '/api/submissions/KZ-75/2023-05/accept', { version: s.version });

    // Writers adding 2023 drafts one after the other, each until told to stop.
    const started: string[][] = Array.from({ length: WRITERS }, () => []);
    const answered: string[][] = Array.from({ length: WRITERS }, () => []);
    let stop = false;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let n = 0; !stop; n++) {
        const title = draftTitle(w, n);
        started[w]?.push(title);
        await post(sourceApp, '/api/activities', record('KZ-71', '2023-06', title, 1 + n));
        answered[w]?.push(title);
      }
    });
    while (answered.some((a) => a.length < 3)) await new Promise((r) => setTimeout(r, 10));

    const answeredBefore = answered.flat();
    const file = path.join(dir, 'source.backup');
    const backup = await runCli(['db', 'backup', '--out', file], { env: source.cliEnv });
    const startedBeforeEnd = new Set(started.flat());
    const answeredBeforeEnd = answered.flat().length;
    // A few more after it, then stop.
    while (answered.flat().length < answeredBeforeEnd + 2 * WRITERS)
      await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await Promise.all(writers);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up the (SQLite|PostgreSQL) database .* to .*source\.backup \(/);

    const restore = await runCli(['db', 'restore', file], { env: targetEnv() });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .* into the (SQLite|PostgreSQL) database/);
    const env = targetEnv();
    const schema = /search_path=(\S+)/.exec(env.PGOPTIONS ?? '')?.[1];
    target = openDatabase(env.DATABASE_URL as string, schema ? { schema } : {});
    targetApp = await buildApp({ database: target });
    await targetApp.ready();

    // What the backup captured of the drafts: per writer its first ones, every one answered before
    // the backup began, none begun after it ended.
    const captured = (
      await target.db
        .selectFrom('activity')
        .select('title')
        .where('title', 'like', 'Backup writer %')
        .execute()
    ).map((r) => r.title);
    const capturedSet = new Set(captured);
    for (const title of answeredBefore) expect(capturedSet.has(title), title).toBe(true);
    for (const title of captured) expect(startedBeforeEnd.has(title), title).toBe(true);
    for (let w = 0; w < WRITERS; w++) {
      const mine = started[w]?.filter((t) => capturedSet.has(t)) ?? [];
      expect(mine).toEqual(started[w]?.slice(0, mine.length));
    }
    expect(captured.length).toBeLessThan(answered.flat().length);

    // The reports and the 2022 export: the same bytes.
    expect(await annual(targetApp, 2022)).toEqual(await annual(sourceApp, 2022));
    expect(await annual(targetApp, 2023)).toEqual(await annual(sourceApp, 2023));
    expect((await annual(targetApp, 2023)).totals.hours).toBeGreaterThanOrEqual(40);
    expect(await exportCsv(targetApp, 2022)).toBe(await exportCsv(sourceApp, 2022));
    // The 2023 export: the source's without the drafts written after the backup's instant.
    const notCaptured = answered.flat().filter((t) => !capturedSet.has(t));
    expect(notCaptured.length).toBeGreaterThan(0);
    const sourceLines = (await exportCsv(sourceApp, 2023)).split('\n');
    const expected = sourceLines.filter((line) => !notCaptured.some((t) => line.includes(t))).join('\n');
    expect(await exportCsv(targetApp, 2023)).toBe(expected);

    // The restored database takes writes (its id sequences came along).
    const more = await targetApp.inject({
      method: 'POST',
      url: '/api/activities',
      headers: admin.headers,
      payload: record('KZ-71', '2023-06', 'After the restore'),
    });
    expect(more.statusCode, more.body).toBe(201);
  });

  it('refuses to overwrite a backup or restore into a database with data without --force; bad input exits 1 or 2', async () => {
    const file = path.join(dir, 'source.backup');
    const again = await runCli(['db', 'backup', '--out', file], { env: source.cliEnv });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already; give --force/);
    const forced = await runCli(['db', 'backup', '--out', file, '--force'], { env: source.cliEnv });
    expect(forced.code, forced.stderr).toBe(0);

    const busy = await runCli(['db', 'restore', file], { env: targetEnv() });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/holds data .* give --force/);
    const replaced = await runCli(['db', 'restore', file, '--force'], { env: targetEnv() });
    expect(replaced.code, replaced.stderr).toBe(0);
    const after = await target?.db
      .selectFrom('activity')
      .select('id')
      .where('title', '=', 'After the restore')
      .execute();
    expect(after).toEqual([]);

    const notABackup = path.join(dir, 'notes.txt');
    fs.writeFileSync(notABackup, 'hello');
    const wrong = await runCli(['db', 'restore', notABackup], { env: targetEnv() });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/not a backup made by birgemiz db backup/);
    expect((await runCli(['db', 'backup'], { env: source.cliEnv })).code).toBe(2);
    expect((await runCli(['db', 'restore'], { env: source.cliEnv })).code).toBe(2);
    expect((await runCli(['db', 'frobnicate'], { env: source.cliEnv })).code).toBe(2);
  });
});
