// Opens the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL when the URL says postgres://.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type Compilable,
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type QueryResult,
  SqliteDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The raw driver handle, for the few bulk paths that need it (see db/bulk.ts). */
  sqlite?: SQLite.Database;
  pool?: pg.Pool;
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_FILE = './data/birgemiz.db';

// PostgreSQL returns bigint and numeric as strings; every figure here fits a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(
  url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_FILE,
  opts: { schema?: string } = {},
): Database {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // An idle client's error must not crash the server; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pool, url, close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL: readers never wait for the writer; synchronous=NORMAL: a commit does not wait for fsync
  // (WAL stays consistent; a power cut may lose the last commits, not corrupt the file); another
  // process holding the write lock (the CLI's import) is waited for up to 5 s. Measured with
  // bench:write: a 64 MB page cache, mmap or checkpoints every 10,000 pages instead of 1,000 made
  // no difference beyond the noise. Checkpoints (their fsync) cost up to a third of a write's wall
  // time on a busy disk, but moved to a worker thread's connection they race the writes, the WAL
  // never restarts under steady writes and grew to 1.1 GB in 20 s: they stay here.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, url: file, close: () => db.destroy() };
}

/**
 * The connection as Kysely sees it, with its prepared statements kept by SQL text: Kysely prepares
 * every query afresh, and preparing a statement costs more than running a small one (it was a fifth
 * of a signed-in write's CPU time, bench:write). The most recently used STATEMENT_CACHE statements
 * are kept; SQLite re-prepares a kept one by itself when the schema changes. Reusing one is safe
 * here: Kysely runs one query at a time on this single connection, streaming included.
 */
const STATEMENT_CACHE = 500;
function keepingStatements(sqlite: SQLite.Database) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = kept.get(sql);
      if (stmt) {
        kept.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (kept.size >= STATEMENT_CACHE) kept.delete(kept.keys().next().value as string);
      }
      kept.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * Runs a query of the hot write path without building it each time: `build()` (the Kysely query)
 * is compiled once per `shape` and dialect, and later calls run that SQL with `params`, which must
 * be the query's parameters in order (checked on the first call; a shape whose compiled parameters
 * differ is never reused). Building and compiling a query with Kysely costs several times what
 * SQLite takes to run a single-row statement (a quarter of a write's CPU in bench:write). `shape`
 * must name everything the SQL text depends on (the columns, the length of an `in` list).
 */
const compiledSql = new Map<string, string | null>();
export async function executeCompiled<R>(
  db: Kysely<DB> | Transaction<DB>,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<R>,
): Promise<QueryResult<R>> {
  const key = `${db.getExecutor().adapter.constructor.name}\u0000${shape}`;
  const text = compiledSql.get(key);
  if (text) return db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
  const compiled = build().compile();
  if (text === undefined) {
    const same =
      compiled.parameters.length === params.length &&
      compiled.parameters.every((p, i) => Object.is(p, params[i]));
    if (compiledSql.size < 2000) compiledSql.set(key, same ? compiled.sql : null);
  }
  return db.executeQuery(compiled);
}
