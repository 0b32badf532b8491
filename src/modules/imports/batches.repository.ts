// The import_batch table: one row for each file imported, with what it changed.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface ImportBatch {
  id: number;
  rows: number;
  userId: number | null;
}

/** The latest import of the same bytes as the same kind, if any. */
export async function findLastBatch(db: Db, kind: string, sha256: string): Promise<ImportBatch | undefined> {
  const b = await db
    .selectFrom('import_batch')
    .select(['id', 'rows', 'user_id'])
    .where('kind', '=', kind)
    .where('file_sha256', '=', sha256)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return (
    b && { id: Number(b.id), rows: Number(b.rows), userId: b.user_id === null ? null : Number(b.user_id) }
  );
}

/** A new batch with no counts yet; its id. */
export async function insertBatch(
  db: Db,
  b: { kind: string; sha256: string; filename: string | null; userId: number | null },
): Promise<number> {
  const { id } = await db
    .insertInto('import_batch')
    .values({
      kind: b.kind,
      file_sha256: b.sha256,
      filename: b.filename,
      rows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      user_id: b.userId,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateBatchCounts(
  db: Db,
  id: number,
  c: { rows: number; inserted: number; updated: number; unchanged: number },
): Promise<void> {
  await db
    .updateTable('import_batch')
    .set({ rows: c.rows, inserted: c.inserted, updated: c.updated, unchanged: c.unchanged })
    .where('id', '=', id)
    .execute();
}
