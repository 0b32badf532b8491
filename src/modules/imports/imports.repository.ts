// The rows of the smaller kinds (volunteer and organisation stocks, appeals, reference statistics),
// found and written one at a time by their key: files of a few thousand rows. Activities go through
// the bulk writer (db/activity-bulk.ts); the batches through batches.repository.ts.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
/** The kinds' tables, addressed by name: their columns are the kind's own (kinds/*.ts). */
type AnyTable = Kysely<Record<string, Record<string, unknown>>>;
type Values = Record<string, unknown>;

const loose = (db: Db) => db as unknown as AnyTable;

export async function findStoredRow(db: Db, table: keyof DB, key: Values): Promise<Values | undefined> {
  let q = loose(db).selectFrom(table).selectAll();
  for (const [c, v] of Object.entries(key)) q = q.where(c, '=', v);
  return q.executeTakeFirst();
}

export async function insertStoredRow(db: Db, table: keyof DB, values: Values): Promise<void> {
  await loose(db).insertInto(table).values(values).execute();
}

export async function updateStoredRow(db: Db, table: keyof DB, key: Values, values: Values): Promise<void> {
  let u = loose(db).updateTable(table).set(values);
  for (const [c, v] of Object.entries(key)) u = u.where(c, '=', v);
  await u.execute();
}
