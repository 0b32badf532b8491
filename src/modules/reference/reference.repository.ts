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

/** The active codes of a list, in its order (the roles, the organisation types). */
export async function activeCodes(db: Db, list: string): Promise<string[]> {
  const rows = await db
    .selectFrom('code_list_item')
    .select('code')
    .where('list', '=', list)
    .where('active', '=', 1)
    .orderBy('sort')
    .execute();
  return rows.map((r) => r.code);
}

export async function updateUnit(db: Db, code: string, values: Partial<UnitRecord>): Promise<void> {
  await db.updateTable('territory_unit').set(values).where('code', '=', code).execute();
}

/** The unit a normalised name or code stands for in imports, if any. */
export const findAlias = (db: Db, alias: string) =>
  db.selectFrom('territory_alias').select('code').where('alias', '=', alias).executeTakeFirst();

export async function insertAlias(db: Db, alias: string, code: string): Promise<void> {
  await db.insertInto('territory_alias').values({ alias, code }).execute();
}

export async function insertCodeItem(db: Db, row: CodeItemRecord): Promise<void> {
  await db.insertInto('code_list_item').values(row).execute();
}

export async function updateCodeItem(
  db: Db,
  list: string,
  code: string,
  values: Partial<CodeItemRecord>,
): Promise<void> {
  await db
    .updateTable('code_list_item')
    .set(values)
    .where('list', '=', list)
    .where('code', '=', code)
    .execute();
}

// The three statistics tables share one upsert (reference.service.ts): addressed by table name and
// key columns, typed by the service's specs rather than by Kysely.
export type StatTable = 'population' | 'wage' | 'working_time';
type Cells = Record<string, string | number | null>;
const untyped = (db: Db) => db as unknown as Kysely<any>;

export async function findStatRow(
  db: Db,
  table: StatTable,
  key: Cells,
): Promise<Record<string, unknown> | undefined> {
  let q = untyped(db).selectFrom(table).selectAll();
  for (const [k, v] of Object.entries(key)) q = q.where(k, '=', v);
  return (await q.executeTakeFirst()) as Record<string, unknown> | undefined;
}

export async function insertStatRow(db: Db, table: StatTable, cells: Cells): Promise<void> {
  await untyped(db).insertInto(table).values(cells).execute();
}

export async function updateStatRow(db: Db, table: StatTable, key: Cells, changed: Cells): Promise<void> {
  let u = untyped(db).updateTable(table).set(changed);
  for (const [k, v] of Object.entries(key)) u = u.where(k, '=', v);
  await u.execute();
}
