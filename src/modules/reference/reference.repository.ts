// Queries of the reference tables (territory, code lists, population, wages, working time).
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CodeListItemTable, DB, TerritoryUnitTable } from '../../db/schema.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type UnitRecord = Selectable<TerritoryUnitTable>;
export type CodeItemRecord = Selectable<CodeListItemTable>;

export const listUnits = (db: Db) => db.selectFrom('territory_unit').selectAll().orderBy('sort').execute();

export const findUnit = (db: Db, code: string) =>
  db.selectFrom('territory_unit').selectAll().where('code', '=', code).executeTakeFirst();

export const listLineage = (db: Db) =>
  db.selectFrom('territory_lineage').select(['predecessor', 'successor', 'date']).orderBy('date').execute();

export const unitCodes = async (db: Db) =>
  new Set((await db.selectFrom('territory_unit').select('code').execute()).map((r) => r.code));

export const listCodeItems = (db: Db, list?: string) => {
  let q = db.selectFrom('code_list_item').selectAll();
  if (list) q = q.where('list', '=', list);
  return q.orderBy('list').orderBy('sort').orderBy('code').execute();
};

export const listExists = async (db: Db, list: string) =>
  !!(await db
    .selectFrom('code_list_item')
    .select('code')
    .where('list', '=', list)
    .limit(1)
    .executeTakeFirst());

export const findCodeItem = (db: Db, list: string, code: string) =>
  db
    .selectFrom('code_list_item')
    .selectAll()
    .where('list', '=', list)
    .where('code', '=', code)
    .executeTakeFirst();

export async function nextSort(db: Db, list: string): Promise<number> {
  const r = await db
    .selectFrom('code_list_item')
    .select((eb) => eb.fn.max('sort').as('m'))
    .where('list', '=', list)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export function listPopulation(db: Db, f: { year?: number; region?: string }) {
  let q = db.selectFrom('population').selectAll();
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.region !== undefined) q = q.where('region', '=', f.region);
  return q.orderBy('year').orderBy('region').execute();
}

export function listWages(db: Db, f: { year?: number; region?: string }) {
  let q = db.selectFrom('wage').selectAll();
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.region !== undefined) q = q.where('region', '=', f.region);
  return q.orderBy('year').orderBy('region').orderBy('activity').execute();
}

export function listWorkingTime(db: Db, f: { year?: number }) {
  let q = db.selectFrom('working_time').selectAll();
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  return q.orderBy('year').execute();
}
