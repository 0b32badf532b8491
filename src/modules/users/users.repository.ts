// Queries of the app_user table and the audit trail of account changes (one set for both databases).
import type { Kysely, Selectable, Transaction } from 'kysely';
import { executeCompiled } from '../../db/connection.ts';
import type { AccountTokenTable, AppUserTable, DB, SessionTable } from '../../db/schema.ts';
import type { UserRow } from './users.schemas.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type UserRecord = Selectable<AppUserTable>;

/** An account as the API shows it (users.schemas.ts). */
export type UserView = UserRow;

export const toUserView = (u: UserRecord): UserView => ({
  id: u.id,
  email: u.email,
  role: u.role,
  region: u.region,
  organizationId: u.organization_id,
  displayName: u.display_name,
  isDemo: u.is_demo === 1,
  disabled: u.disabled === 1,
  // Invited, no password set yet (users.service.ts pendingPasswordHash).
  pending: u.password_hash.startsWith('!invited$'),
  lang: u.lang,
  createdAt: u.created_at,
});

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserById = (db: Db, id: number) =>
  db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

export const listUsers = (db: Db) => db.selectFrom('app_user').selectAll().orderBy('email').execute();

/** A new account; its message preferences (lang, notify_optional) default when not given. */
export async function insertUser(
  db: Db,
  values: Omit<UserRecord, 'id' | 'lang' | 'notify_optional'> &
    Partial<Pick<UserRecord, 'lang' | 'notify_optional'>>,
): Promise<UserRecord> {
  return db.insertInto('app_user').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(
  db: Db,
  id: number,
  values: Partial<Omit<UserRecord, 'id'>>,
): Promise<void> {
  await db.updateTable('app_user').set(values).where('id', '=', id).execute();
}

/** Replaces a password hash, unless it changed since it was read (compare and set). */
export async function replacePasswordHash(db: Db, id: number, old: string, next: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: next })
    .where('id', '=', id)
    .where('password_hash', '=', old)
    .execute();
}

/** The coordinators of an organisation (they follow it when it moves). */
export const findCoordinators = (db: Db, organizationId: number) =>
  db.selectFrom('app_user').select(['id', 'region']).where('organization_id', '=', organizationId).execute();

// --- sessions (sessions.ts holds the tokens; the table holds their hashes) ---------------------

export async function insertSession(db: Db, values: Selectable<SessionTable>): Promise<void> {
  await db.insertInto('session').values(values).execute();
}

/**
 * A session by the hash of its token, with the user it belongs to: one read by both primary keys,
 * run on every request, so its SQL is compiled once (executeCompiled).
 */
export async function findSessionWithUser(db: Db, tokenHash: string) {
  const query = () =>
    db
      .selectFrom('session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select([
        's.id as sid',
        's.csrf_token',
        's.expires_at',
        's.revoked',
        'u.id',
        'u.email',
        'u.role',
        'u.region',
        'u.organization_id',
        'u.display_name',
        'u.disabled',
        'u.is_demo',
      ])
      .where('s.id', '=', tokenHash);
  return (await executeCompiled(db, 'findSessionWithUser', [tokenHash], query)).rows[0];
}

export async function revokeSessionRow(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('session').set({ revoked: 1 }).where('id', '=', sessionId).execute();
}

export async function revokeSessionsOfUser(db: Db, userId: number, except?: string): Promise<void> {
  let q = db.updateTable('session').set({ revoked: 1 }).where('user_id', '=', userId);
  if (except !== undefined) q = q.where('id', '!=', except);
  await q.execute();
}

/** Deletes sessions that expired before `before`, and revoked ones created before it. */
export async function deleteEndedSessions(db: Db, before: string): Promise<void> {
  await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([eb('expires_at', '<', before), eb.and([eb('revoked', '=', 1), eb('created_at', '<', before)])]),
    )
    .execute();
}

// --- sign-in attempts (login-limits.ts decides; these count) --------------------------------------

export type AttemptScope =
  | 'account'
  | 'address'
  | 'reset_account'
  | 'reset_address'
  /** Volunteers' sign-ups on the platform, per client address (volunteers). */
  | 'signup_address'
  /** Organisations registered on the platform, per client address (platform-organizations). */
  | 'org_register_address'
  /** Checks of certificate codes, per client address (record book). */
  | 'verify_address'
  /** Appeals sent through the public form, per client address (appeals). */
  | 'appeal_address';

export interface AttemptCounter {
  scope: AttemptScope;
  key: string;
  windowStart: number;
}

/** The attempts counted in the given windows (absent ones are 0). */
export async function findLoginAttempts(db: Db, counters: AttemptCounter[]): Promise<number[]> {
  if (counters.length === 0) return [];
  const rows = await db
    .selectFrom('login_attempts')
    .select(['scope', 'key', 'window_start', 'attempts'])
    .where((eb) =>
      eb.or(
        counters.map((c) =>
          eb.and([eb('scope', '=', c.scope), eb('key', '=', c.key), eb('window_start', '=', c.windowStart)]),
        ),
      ),
    )
    .execute();
  return counters.map(
    (c) =>
      rows.find((r) => r.scope === c.scope && r.key === c.key && Number(r.window_start) === c.windowStart)
        ?.attempts ?? 0,
  );
}

/** Adds one attempt to a window's counter, atomically (an upsert), and returns the new count. */
export async function addLoginAttempt(db: Db, c: AttemptCounter): Promise<number> {
  const row = await db
    .insertInto('login_attempts')
    .values({ scope: c.scope, key: c.key, window_start: c.windowStart, attempts: 1 })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'key', 'window_start'])
        .doUpdateSet((eb) => ({ attempts: eb('login_attempts.attempts', '+', 1) })),
    )
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

/** Takes back one attempt counted by addLoginAttempt (one that was refused, or succeeded). */
export async function withdrawLoginAttempt(db: Db, c: AttemptCounter): Promise<void> {
  await db
    .updateTable('login_attempts')
    .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
    .where('scope', '=', c.scope)
    .where('key', '=', c.key)
    .where('window_start', '=', c.windowStart)
    .where('attempts', '>', 0)
    .execute();
}

/** Forgets every window of one counter (an account after its owner signed in). */
export async function clearLoginAttempts(db: Db, scope: AttemptScope, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('scope', '=', scope).where('key', '=', key).execute();
}

export async function deleteLoginAttemptsBefore(
  db: Db,
  windowStart: number,
  scopes: AttemptScope[],
): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where('window_start', '<', windowStart)
    .where('scope', 'in', scopes)
    .execute();
}

// --- one-time links (account-tokens.ts makes the tokens; the table holds their hashes) -----------

export type AccountToken = Selectable<AccountTokenTable>;

export async function insertAccountToken(db: Db, values: AccountToken): Promise<void> {
  await db.insertInto('account_token').values(values).execute();
}

export const findAccountToken = (db: Db, tokenHash: string) =>
  db.selectFrom('account_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

/**
 * Marks a token used, if it is still unused and unexpired at `now` (compare and set: of two uses at
 * once, one wins). Whether it was this call that used it.
 */
export async function useAccountToken(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('account_token')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Forgets a user's links not used yet (a newer one replaces them, or a password was just set). */
export async function deleteUnusedAccountTokens(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('account_token').where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** Deletes the links that expired before `before` (used or not): the table stays small. */
export async function deleteAccountTokensBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('account_token').where('expires_at', '<', before).execute();
}
