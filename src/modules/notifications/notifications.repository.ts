// Every query of the cycle's messages: who receives them (with their language and switch), the
// region names, the months a reminder or the digest is about, and the record of what was queued.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface Recipient {
  id: number;
  email: string;
  lang: string;
  notifyOptional: boolean;
}

const recipients = (db: Db) =>
  db.selectFrom('app_user').select(['id', 'email', 'lang', 'notify_optional']).where('disabled', '=', 0);

const toRecipient = (r: { id: number; email: string; lang: string; notify_optional: number }): Recipient => ({
  id: Number(r.id),
  email: r.email,
  lang: r.lang,
  notifyOptional: Number(r.notify_optional) === 1,
});

/** The active front-office (RFO) accounts of a region. */
export async function rfoOf(db: Db, region: string): Promise<Recipient[]> {
  const rows = await recipients(db)
    .where('role', '=', 'rfo')
    .where('region', '=', region)
    .orderBy('id')
    .execute();
  return rows.map(toRecipient);
}

/** The active RFO accounts of every region, by region. */
export async function rfoByRegion(db: Db): Promise<Map<string, Recipient[]>> {
  const rows = await recipients(db)
    .select('region')
    .where('role', '=', 'rfo')
    .where('region', 'is not', null)
    .orderBy('id')
    .execute();
  const by = new Map<string, Recipient[]>();
  for (const r of rows) {
    const list = by.get(r.region as string) ?? [];
    list.push(toRecipient(r));
    by.set(r.region as string, list);
  }
  return by;
}

/** The reviewer of the period's last decision, when that account is still active. */
export async function lastReviewerOf(db: Db, region: string, period: string): Promise<Recipient | null> {
  const sub = await db
    .selectFrom('submission')
    .select('reviewed_by')
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();
  if (!sub?.reviewed_by) return null;
  const row = await recipients(db).where('id', '=', sub.reviewed_by).executeTakeFirst();
  return row ? toRecipient(row) : null;
}

/** The active accounts of the national office (admin and analyst). */
export async function nationalOffice(db: Db): Promise<Recipient[]> {
  const rows = await recipients(db)
    .where('role', 'in', ['national_admin', 'national_analyst'])
    .orderBy('id')
    .execute();
  return rows.map(toRecipient);
}

export interface RegionNames {
  kk: string;
  ru: string;
  en: string;
}

/** Each region's name in the three languages, by code. */
export async function regionNames(db: Db, codes?: string[]): Promise<Map<string, RegionNames>> {
  let q = db.selectFrom('territory_unit').select(['code', 'name_kk', 'name_ru', 'name_en']);
  if (codes) {
    if (codes.length === 0) return new Map();
    q = q.where('code', 'in', codes);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.code, { kk: r.name_kk, ru: r.name_ru, en: r.name_en }]));
}

/** Submissions waiting for review, the longest waiting first. */
export function waitingForReview(db: Db) {
  return (
    db
      .selectFrom('submission')
      .select(['region', 'period', 'submitted_at', 'updated_at', 'last_submitted_at'])
      .where('status', '=', 'submitted')
      // The latest hand-in: what the reviewer waits on since (the first stays for timeliness).
      .orderBy((eb) => eb.fn.coalesce('last_submitted_at', 'submitted_at', 'updated_at'))
      .orderBy('region')
      .orderBy('period')
      .execute()
  );
}

/** The submission rows of the periods named (a period with no row has not been started). */
export function submissionsOf(db: Db, periods: string[]) {
  if (periods.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('submission')
    .select(['region', 'period', 'status', 'submitted_at'])
    .where('period', 'in', periods)
    .execute();
}

export interface SentKey {
  kind: string;
  region: string;
  period: string;
  userId: number;
  day: string;
}

/**
 * Records a reminder or digest as queued; false when it was already (by an earlier run, or by
 * another server's run committing first: the primary key decides).
 */
export async function recordSent(db: Db, key: SentKey, now: string): Promise<boolean> {
  const rows = await db
    .insertInto('notification_sent')
    .values({
      kind: key.kind,
      region: key.region,
      period: key.period,
      user_id: key.userId,
      day: key.day,
      sent_at: now,
    })
    .onConflict((oc) => oc.columns(['kind', 'region', 'period', 'user_id', 'day']).doNothing())
    .returning('kind')
    .execute();
  return rows.length > 0;
}

/** Forgets records older than `before` (a reminder's key never comes back after a few weeks). */
export async function deleteSentBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('notification_sent').where('sent_at', '<', before).execute();
}

export async function findPreferences(db: Db, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['lang', 'notify_optional'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function updatePreferences(
  db: Db,
  userId: number,
  values: { lang?: string; notify_optional?: number },
): Promise<void> {
  await db.updateTable('app_user').set(values).where('id', '=', userId).execute();
}

export const findUserIdByEmail = (db: Db, email: string) =>
  db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
