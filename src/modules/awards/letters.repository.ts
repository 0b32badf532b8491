// The queries of letters of thanks and Best Volunteer letters (migration 029).
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { AwardLetterTable, DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type LetterRow = NonNullable<Awaited<ReturnType<typeof letterById>>>;
export type LetterStatus = AwardLetterTable['status'];

export const letterById = (db: Db, id: number) =>
  db.selectFrom('award_letter').selectAll().where('id', '=', id).executeTakeFirst();

/** The letter holding a slot: one per person and half-year, one Best Volunteer per region and year. */
export const letterByKey = (db: Db, key: string) =>
  db.selectFrom('award_letter').selectAll().where('unique_key', '=', key).executeTakeFirst();

/** A volunteer's own letter by its code. */
export const ownLetterByCode = (db: Db, code: string, volunteerId: number) =>
  db
    .selectFrom('award_letter')
    .selectAll()
    .where('code', '=', code)
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();

export async function insertLetter(db: Db, values: Insertable<AwardLetterTable>): Promise<number> {
  const row = await db.insertInto('award_letter').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export const updateLetter = (db: Db, id: number, values: Updateable<AwardLetterTable>) =>
  db.updateTable('award_letter').set(values).where('id', '=', id).execute();

/** Moves a letter on from `from` only (a concurrent move wins): whether it moved. */
export async function moveLetter(
  db: Db,
  id: number,
  from: LetterStatus,
  values: Updateable<AwardLetterTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('award_letter')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const deleteLetter = (db: Db, id: number) =>
  db.deleteFrom('award_letter').where('id', '=', id).execute();

export interface LetterFilter {
  region?: string | undefined;
  period?: string | undefined;
  kind?: AwardLetterTable['kind'] | undefined;
  status?: LetterStatus | undefined;
}

export const listLetterRows = (db: Db, f: LetterFilter) =>
  db
    .selectFrom('award_letter')
    .selectAll()
    .$if(f.region !== undefined, (w) => w.where('region', '=', f.region as string))
    .$if(f.period !== undefined, (w) => w.where('period', '=', f.period as string))
    .$if(f.kind !== undefined, (w) => w.where('kind', '=', f.kind as AwardLetterTable['kind']))
    .$if(f.status !== undefined, (w) => w.where('status', '=', f.status as LetterStatus))
    .orderBy('period', 'desc')
    .orderBy('region')
    .orderBy('kind')
    .orderBy('id')
    .limit(2000)
    .execute();

/** Whether a certificate or a letter has this code already. */
export async function codeTaken(db: Db, code: string): Promise<boolean> {
  const [c, l] = await Promise.all([
    db.selectFrom('certificate').select('id').where('code', '=', code).executeTakeFirst(),
    db.selectFrom('award_letter').select('id').where('code', '=', code).executeTakeFirst(),
  ]);
  return Boolean(c || l);
}

/** The areas' names in a language. */
export async function areaNamesIn(db: Db, lang: Lang): Promise<(code: string) => string> {
  const rows = await db
    .selectFrom('code_list_item')
    .select(['code', 'name_kk', 'name_ru', 'name_en'])
    .where('list', '=', 'area')
    .execute();
  const m = new Map(
    rows.map((r) => [r.code, lang === 'kk' ? r.name_kk : lang === 'en' ? r.name_en : r.name_ru]),
  );
  return (c) => m.get(c) ?? c;
}
