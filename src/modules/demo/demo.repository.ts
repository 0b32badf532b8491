// Queries of the demo load: bulk inserts into the tables the demo fills, the removal of an earlier
// load (recognised by the demo's row keys, its periods and its accounts), and the checks at start.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

// ~500 rows per statement keeps every insert under SQLite's bound-parameter limit.
const CHUNK = 500;

/** Inserts the rows in chunks, reporting each chunk's size to `step`. */
export async function insertChunks<T extends keyof DB & string>(
  db: Db,
  table: T,
  rows: Insertable<DB[T]>[],
  step: (n: number) => void = () => {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    // One code path for every table: Kysely cannot relate the rows to a table given as a parameter.
    await db
      .insertInto(table)
      .values(part as any)
      .execute();
    step(part.length);
  }
}

/** The organisations of the regions with their registry key (region, type, normalised name). */
export const organizationKeys = (db: Db, regions: readonly string[]) =>
  db
    .selectFrom('organization')
    .select(['id', 'region', 'type', 'name_key'])
    .where('region', 'in', regions)
    .execute();

export const demoAccounts = (db: Db) =>
  db
    .selectFrom('app_user')
    .select(['id', 'email', 'role', 'region', 'disabled'])
    .where('is_demo', '=', 1)
    .execute();

/** The months that hold records whose row key starts with the prefix. */
export const partitionsWithRowKeys = (db: Db, prefix: string) =>
  db
    .selectFrom('activity')
    .select(['region', 'period'])
    .distinct()
    .where('row_key', 'like', `${prefix}%`)
    .execute();

/** Deletes the activity, appeal and unaccounted-hours rows whose row key starts with the prefix. */
export async function deleteByRowKey(db: Db, prefix: string): Promise<void> {
  const like = `${prefix}%`;
  await db.deleteFrom('activity').where('row_key', 'like', like).execute();
  await db.deleteFrom('appeal').where('row_key', 'like', like).execute();
  await db.deleteFrom('unaccounted_hours').where('row_key', 'like', like).execute();
}

/**
 * Deletes the stocks, counts and submissions of the regions for the given periods, and every
 * submission of the months of `year`.
 */
export async function deleteRegionPeriods(
  db: Db,
  regions: readonly string[],
  periods: string[],
  year: number,
): Promise<void> {
  await db
    .deleteFrom('volunteer_stat')
    .where('region', 'in', regions)
    .where('period', 'in', periods)
    .execute();
  await db.deleteFrom('org_count').where('region', 'in', regions).where('period', 'in', periods).execute();
  await db
    .deleteFrom('submission')
    .where('region', 'in', regions)
    .where((eb) => eb.or([eb('period', 'in', periods), eb('period', 'like', `${year}-%`)]))
    .execute();
}

/** Deletes the demo accounts and their sessions. */
export async function deleteDemoAccounts(db: Db): Promise<void> {
  const demoUsers = db.selectFrom('app_user').select('id').where('is_demo', '=', 1);
  await db.deleteFrom('session').where('user_id', 'in', demoUsers).execute();
  await db.deleteFrom('app_user').where('is_demo', '=', 1).execute();
}

/** True when the database holds no activity records and no users. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [activity, users] = await Promise.all([
    db.selectFrom('activity').select(sql<number>`1`.as('x')).limit(1).execute(),
    db.selectFrom('app_user').select(sql<number>`1`.as('x')).limit(1).execute(),
  ]);
  return activity.length === 0 && users.length === 0;
}
