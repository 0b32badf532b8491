// Backups and restores of the whole database, safe while servers write to it.
//  - SQLite: SQLite's online backup API (better-sqlite3's db.backup), all pages in one step, so the
//    copy is one consistent snapshot taken under a read transaction (WAL: writers go on meanwhile).
//    The backup is itself a SQLite database file. Restoring copies it into the target the same way.
//  - PostgreSQL: pg_dump --format=custom of the connection's schema (the one its search_path selects,
//    `public` by default), one consistent snapshot; pg_restore restores it, in one transaction.
// Files are written beside their destination and renamed when complete: a failed backup leaves none.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { AppError, badRequest, conflict } from '../lib/errors.ts';
import type { Database } from './connection.ts';
import { underMigrationLock } from './migrate.ts';

export type BackupKind = 'sqlite' | 'postgres';

/** Tables whose rows are the service's data (reference data comes with the migrations). */
const DATA_TABLES = [
  'app_user',
  'organization',
  'activity',
  'submission',
  'volunteer_stat',
  'org_count',
  'appeal',
  'unaccounted_hours',
  'import_batch',
  'audit_log',
] as const;

const SQLITE_MAGIC = 'SQLite format 3\0';
const PGDUMP_MAGIC = 'PGDMP';

/** What a backup file holds, from its first bytes; null when it is neither kind. */
export function backupKind(file: string): BackupKind | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, n).toString('latin1');
    if (text === SQLITE_MAGIC) return 'sqlite';
    if (text.startsWith(PGDUMP_MAGIC)) return 'postgres';
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

const partialName = (file: string) => `${file}.partial-${randomBytes(4).toString('hex')}`;

export interface BackupResult {
  kind: BackupKind;
  file: string;
  bytes: number;
  /** PostgreSQL: the schema backed up. */
  schema?: string;
}

/** Backs the open database up into `out` (refused when it exists, unless `force`). */
export async function backupDatabase(
  database: Database,
  out: string,
  opts: { force?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<BackupResult> {
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) throw badRequest(`No such directory: ${dir}`, [], 'no_directory');
  if (fs.existsSync(out) && !opts.force)
    throw conflict(`${out} exists already; give --force to replace it`, [], 'file_exists');
  const partial = partialName(out);
  try {
    let schema: string | undefined;
    if (database.sqlite) {
      // Returning the largest page count makes the second step copy everything at once: one read
      // transaction, so writes by other connections cannot make the copy restart (nor mix states).
      await database.sqlite.backup(partial, { progress: () => 0x7fffffff });
      // One self-contained file (no -wal beside it), which opens read-only anywhere.
      const copy = new SQLite(partial);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
      checkSqliteFile(partial);
    } else {
      schema = await currentSchema(database.db);
      await run(
        'pg_dump',
        [
          '--format=custom',
          `--schema=${quoteIdent(schema)}`,
          `--file=${partial}`,
          `--dbname=${database.url}`,
        ],
        opts.env,
      );
      await run('pg_restore', ['--list', partial], opts.env);
    }
    fs.renameSync(partial, out);
    return { kind: database.dialect, file: out, bytes: fs.statSync(out).size, ...(schema ? { schema } : {}) };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

export interface RestoreResult {
  kind: BackupKind;
  /** PostgreSQL: the schema restored. */
  schema?: string;
  /** Rows of the main tables in the restored database. */
  counts: { users: number; activities: number; submissions: number };
}

/**
 * Restores the backup `file` into the database `target` is open on: only into an empty one (no
 * tables, or none of the service's data) unless `force`, which replaces everything it holds.
 * The target's migrations then are the backup's (the server brings them up to date at start).
 */
export async function restoreDatabase(
  target: Database,
  file: string,
  opts: { force?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw badRequest(`No such file: ${file}`, [], 'no_file');
  const kind = backupKind(file);
  if (!kind)
    throw badRequest(
      `${file} is not a backup made by birgemiz db backup (neither a SQLite database nor a pg_dump custom-format file)`,
      [],
      'not_a_backup',
    );
  if (kind !== target.dialect)
    throw badRequest(
      `${file} is a ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup; the target database is ${
        target.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'
      }: restore it into a database of the same kind`,
      [],
      'wrong_kind',
    );
  if (target.sqlite) {
    checkSqliteFile(file);
    await refuseData(target.db, opts.force);
    // The backup API again, from the file into the target's file: the copy takes the target's locks
    // like any writer, so a server that has it open sees the old contents or the new, never a mix.
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target.url, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    target.sqlite.pragma('journal_mode = WAL');
    return { kind, counts: await counts(target.db) };
  }
  const toc = await run('pg_restore', ['--list', file], opts.env);
  const schema = dumpSchema(toc);
  const wanted = await searchPathSchema(target.db);
  if (wanted !== schema)
    throw badRequest(
      `${file} holds the schema "${schema}", but the target connection's search_path selects "${wanted}": ` +
        `restore it where search_path selects "${schema}" (PGOPTIONS="-c search_path=${schema}", or the role's setting)`,
      [],
      'wrong_schema',
    );
  // Under the migration lock: dropping and re-creating a schema's objects would break the
  // catalogue scan of a server or test migrating another schema of the same database meanwhile.
  await underMigrationLock(target, async () => {
    const exists = await schemaExists(target.db, schema);
    if (exists && (await relationsIn(target.db, schema)) > 0) {
      await refuseData(target.db, opts.force);
      // Emptied whole, so that tables of a newer version do not outlive the restore.
      await sql`drop schema ${sql.id(schema)} cascade`.execute(target.db);
      await sql`create schema ${sql.id(schema)}`.execute(target.db);
    }
    // Where the schema exists (an empty one, or the one just emptied), restore what is in it, not
    // the schema itself (its CREATE SCHEMA would fail).
    const list = path.join(os.tmpdir(), `birgemiz-restore-${randomBytes(4).toString('hex')}.list`);
    const entries = toc.split('\n');
    const schemaEntry = /^\d+;\s+\d+\s+\d+\s+(SCHEMA|COMMENT) - (SCHEMA )?\S+/;
    fs.writeFileSync(list, (exists ? entries.filter((line) => !schemaEntry.test(line)) : entries).join('\n'));
    try {
      await run(
        'pg_restore',
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--single-transaction',
          `--use-list=${list}`,
          `--dbname=${target.url}`,
          file,
        ],
        opts.env,
      );
    } finally {
      fs.rmSync(list, { force: true });
    }
  });
  return { kind, schema, counts: await counts(target.db) };
}

function checkSqliteFile(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError(422, 'corrupt_backup', `${file} fails SQLite's check: ${check}`);
    const migrated = db
      .prepare("select count(*) from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .pluck()
      .get();
    if (!migrated)
      throw badRequest(`${file} is a SQLite database, but not a Birgemiz one`, [], 'not_a_backup');
  } finally {
    db.close();
  }
}

/** Refuses (409) when the target holds any of the service's data, unless forced. */
async function refuseData(db: Kysely<any>, force = false): Promise<void> {
  if (force) return;
  const held: string[] = [];
  for (const table of DATA_TABLES) {
    try {
      const row = await db.selectFrom(table).select(sql<number>`1`.as('x')).limit(1).executeTakeFirst();
      if (row) held.push(table);
    } catch {
      // No such table: nothing held there.
    }
  }
  if (held.length)
    throw conflict(
      `The target database holds data (${held.join(', ')}); a restore replaces all of it: give --force to do so`,
      [],
      'not_empty',
    );
}

async function counts(db: Kysely<any>): Promise<RestoreResult['counts']> {
  const count = async (table: string) =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
  return {
    users: await count('app_user'),
    activities: await count('activity'),
    submissions: await count('submission'),
  };
}

async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
  const s = rows[0]?.s;
  if (!s) throw badRequest('The connection selects no schema (search_path names none that exists)');
  return s;
}

/** The first schema the search_path names ("$user" only when such a schema exists). */
async function searchPathSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{
    p: string;
    u: string;
  }>`select current_setting('search_path') as p, current_user as u`.execute(db);
  const { p, u } = rows[0] as { p: string; u: string };
  for (const raw of p.split(',')) {
    const name = raw.trim().replace(/^"(.*)"$/, '$1');
    if (!name) continue;
    if (name === '$user') {
      if (await schemaExists(db, u)) return u;
      continue;
    }
    return name;
  }
  return 'public';
}

async function relationsIn(db: Kysely<any>, schema: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

async function schemaExists(db: Kysely<any>, schema: string): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
  return rows.length > 0;
}

/** The one schema a dump made by backupDatabase holds, from its table of contents. */
function dumpSchema(toc: string): string {
  const schemas = new Set<string>();
  for (const m of toc.matchAll(/^\d+;\s+\d+\s+\d+\s+TABLE\s+(?!DATA\s)(\S+)\s+/gm))
    schemas.add(m[1] as string);
  if (schemas.size !== 1)
    throw badRequest(
      `The dump holds tables of ${schemas.size} schemas; birgemiz db backup writes one`,
      [],
      'not_a_backup',
    );
  return [...schemas][0] as string;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Runs a PostgreSQL client program; its standard output, or its error message as an AppError. */
function run(program: string, args: string[], env?: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new AppError(
              500,
              'missing_program',
              `${program} is not installed: install the PostgreSQL client programs (the server's major version or newer)`,
            )
          : e,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new AppError(
            500,
            'pg_tool_failed',
            `${program} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`,
          ),
        );
    });
  });
}
