// Transactions for bulk loads. On SQLite the Kysely transaction holds the one connection, so raw
// better-sqlite3 prepared statements on `database.sqlite` run inside it (Kysely per row is far too
// slow for a million rows). On PostgreSQL a pooled client is checked out and wrapped as a
// one-connection Kysely, so the same transaction can run Kysely queries and COPY (pg-copy-streams).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './connection.ts';
import type { DB } from './schema.ts';

export interface BulkTx {
  db: Kysely<DB> | Transaction<DB>;
  sqlite?: SQLite.Database;
  pg?: pg.PoolClient;
}

export async function bulkTransaction<T>(database: Database, fn: (tx: BulkTx) => Promise<T>): Promise<T> {
  if (database.dialect === 'sqlite') {
    return database.db.transaction().execute((trx) => fn({ db: trx, sqlite: database.sqlite }));
  }
  const pool = database.pool as pg.Pool;
  const client = await pool.connect();
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({
          query: client.query.bind(client) as pg.PoolClient['query'],
          release() {},
        }),
        end: async () => {},
      } as unknown as pg.Pool,
    }),
  });
  try {
    await client.query('BEGIN');
    const result = await fn({ db, pg: client });
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** COPY text format value: \N for null, backslash escapes for the separators. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (m) => (m === '\\' ? '\\\\' : m === '\t' ? '\\t' : m === '\n' ? '\\n' : '\\r'))
    : s;
}

/** Streams rows into a table with COPY … FROM STDIN. */
export async function copyRows(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]) {
  if (rows.length === 0) return;
  const lines: string[] = [];
  for (const r of rows) lines.push(`${r.map(copyValue).join('\t')}\n`);
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([lines.join('')]), stream);
}
