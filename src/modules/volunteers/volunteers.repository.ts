// Every query of the volunteers module: the profile and the one-time links.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, VolunteerProfileTable, VolunteerTokenTable } from '../../db/schema.ts';
import { moveExperience } from '../finding/experience.repository.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type ProfileRow = Selectable<VolunteerProfileTable>;
export type TokenRow = Selectable<VolunteerTokenTable>;

/** A new profile: what the registration gives (findability and its settings start off). */
export type NewProfile = Omit<ProfileRow, 'findable' | 'findable_show' | 'availability'>;

export async function insertProfile(db: Db, row: NewProfile): Promise<void> {
  await db.insertInto('volunteer_profile').values(row).execute();
}

export async function findProfile(db: Db, userId: number): Promise<ProfileRow | undefined> {
  return db.selectFrom('volunteer_profile').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function findProfileByIinHash(db: Db, iinHash: string): Promise<ProfileRow | undefined> {
  return db.selectFrom('volunteer_profile').selectAll().where('iin_hash', '=', iinHash).executeTakeFirst();
}

export async function updateProfile(db: Db, userId: number, values: Partial<ProfileRow>): Promise<void> {
  await db.updateTable('volunteer_profile').set(values).where('user_id', '=', userId).execute();
  // The search of findable volunteers reads the region beside the hours by area.
  if (values.region !== undefined) await moveExperience(db, userId, values.region);
}

export async function insertToken(db: Db, row: TokenRow): Promise<void> {
  await db.insertInto('volunteer_token').values(row).execute();
}

export async function findToken(db: Db, tokenHash: string): Promise<TokenRow | undefined> {
  return db.selectFrom('volunteer_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks a token used if nobody did yet; whether this call did. */
export async function spendTokenRow(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('volunteer_token')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listTokensOfUser(db: Db, userId: number): Promise<TokenRow[]> {
  return db
    .selectFrom('volunteer_token')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function deleteTokensOfUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('volunteer_token').where('user_id', '=', userId).execute();
}

/** Volunteers not erased whose address is unconfirmed and who registered before `before`. */
export async function listUnconfirmedBefore(db: Db, before: string): Promise<number[]> {
  const rows = await db
    .selectFrom('volunteer_profile')
    .select('user_id')
    .where('email_confirmed_at', 'is', null)
    .where('erased_at', 'is', null)
    .where('created_at', '<', before)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Volunteers not erased, not reminded yet, whose address is unconfirmed since before `before`. */
export async function listToRemind(db: Db, before: string): Promise<ProfileRow[]> {
  return db
    .selectFrom('volunteer_profile')
    .selectAll()
    .where('email_confirmed_at', 'is', null)
    .where('confirm_reminded_at', 'is', null)
    .where('erased_at', 'is', null)
    .where('created_at', '<', before)
    .orderBy('user_id')
    .execute();
}

/** Marks the reminder queued if nobody did yet; whether this call did. */
export async function markReminded(db: Db, userId: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('volunteer_profile')
    .set({ confirm_reminded_at: at })
    .where('user_id', '=', userId)
    .where('confirm_reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Drops the unused links of one purpose of a volunteer (a guardian replaced: the old link ends). */
export async function deleteUnusedTokens(
  db: Db,
  userId: number,
  purpose: TokenRow['purpose'],
): Promise<void> {
  await db
    .deleteFrom('volunteer_token')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** The trail's entries about a volunteer's account, oldest first (for the volunteer's export). */
export async function listTrailOfVolunteer(db: Db, userId: number) {
  return db
    .selectFrom('audit_log')
    .select(['at', 'action', 'field', 'note'])
    .where('entity', '=', 'volunteer')
    .where('entity_id', '=', String(userId))
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The e-mails queued for an address (without their bodies, which carry one-time links). */
export async function listMessagesTo(db: Db, address: string) {
  return db
    .selectFrom('outbox')
    .select(['kind', 'subject', 'status', 'created_at', 'sent_at'])
    .where('recipient', '=', address)
    .orderBy('id')
    .execute();
}
