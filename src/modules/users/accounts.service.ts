// Accounts without the admin typing passwords: the national admin invites a user by e-mail (a
// one-time link to set a first password), anyone asks for a reset link ("forgot password", the same
// answer whether or not the address exists), and a signed-in user changes their own password.
//
// A link carries a random token (256 bits); the database keeps only its sha256 (account_token), so
// a copy of the database opens no account. A token works once, until it expires; a newer link for
// the same account replaces the older ones, and setting a password ends every session of the user.
// Messages are queued in the outbox in the transaction of the change, in the language the request
// names (the account has no language of its own).

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { type Actor, authorize } from '../../domain/policy.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { inviteMail, resetMail } from './accounts.mail.ts';
import { accountKey, authenticateWithLimits, countResetRequest, type LoginLimits } from './login-limits.ts';
import { hashPassword } from './passwords.ts';
import {
  clearLoginAttempts,
  type Db,
  deleteAccountTokensBefore,
  deleteUnusedAccountTokens,
  findAccountToken,
  findUserByEmail,
  findUserById,
  insertAccountToken,
  revokeSessionsOfUser,
  toUserView,
  type UserRecord,
  type UserView,
  updateUserRow,
  useAccountToken,
} from './users.repository.ts';
import {
  type CreateUserInput,
  checkPassword,
  insertNewUser,
  isPending,
  normalizeEmail,
  pendingPasswordHash,
} from './users.service.ts';

/** How long an invitation link works. */
export const INVITE_DAYS = 7;
/** How long a reset link works. */
export const RESET_MINUTES = 60;
/** Links expired longer ago than this are deleted (until then a late click says "expired"). */
const KEEP_EXPIRED_MS = 30 * 24 * 3600_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The page of the web application that takes the token. */
export const setPasswordLink = (baseUrl: string, token: string) =>
  `${baseUrl.replace(/\/+$/, '')}/account/set-password?token=${encodeURIComponent(token)}`;

/**
 * A new link for the user: its token (to put in the e-mail, never stored). Older unused links of
 * the user stop working; links long expired are purged.
 */
async function issueToken(
  trx: Transaction<DB>,
  userId: number,
  purpose: 'invite' | 'reset',
  ttlMs: number,
  now: Date,
): Promise<string> {
  await deleteAccountTokensBefore(trx, new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString());
  await deleteUnusedAccountTokens(trx, userId);
  const token = randomBytes(32).toString('base64url');
  await insertAccountToken(trx, {
    token_hash: hashToken(token),
    user_id: userId,
    purpose,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ttlMs).toISOString(),
    used_at: null,
  });
  return token;
}

export interface MailContext {
  /** The language of the message. */
  lang: Lang;
  /** Where the web application is reached (PUBLIC_URL, else the request's own origin). */
  baseUrl: string;
}

async function queueInvitation(
  trx: Transaction<DB>,
  user: UserRecord,
  inviter: Actor,
  mail: MailContext,
  now: Date,
): Promise<void> {
  const token = await issueToken(trx, user.id, 'invite', INVITE_DAYS * 24 * 3600_000, now);
  const inviterRow = inviter.id ? await findUserById(trx, inviter.id) : undefined;
  const m = inviteMail(mail.lang, {
    name: user.display_name,
    invitedBy: inviterRow ? (inviterRow.display_name ?? inviterRow.email) : null,
    link: setPasswordLink(mail.baseUrl, token),
    days: INVITE_DAYS,
  });
  await queueMessage(trx, { kind: 'account.invite', to: user.email, lang: mail.lang, ...m }, now);
}

/**
 * Invites a user (national admin): the account is created without a usable password, and an
 * e-mail with a link to set one is queued in the same transaction. An address taken: 409 email_taken.
 */
export async function inviteUser(
  db: Kysely<DB>,
  actor: Actor,
  input: Omit<CreateUserInput, 'password'>,
  mail: MailContext,
  now = new Date(),
): Promise<UserView> {
  // The invitation's language is the account's language for the e-mails that follow.
  const account = { ...input, lang: mail.lang };
  const { user } = await insertNewUser(db, actor, account, pendingPasswordHash, async (trx, row) => {
    await queueInvitation(trx, row, actor, mail, now);
    await writeAudit(trx, [invitationAudit(actor, row.id)]);
  });
  return user;
}

const invitationAudit = (actor: Actor, userId: number) => ({
  userId: actor.id || null,
  action: 'update',
  entity: 'app_user',
  entityId: String(userId),
  field: 'invitation',
  note: 'invitation sent',
});

/**
 * Sends an invited user a new invitation (national admin): a new link, the older one no longer
 * works. An account whose password is set already: 409 already_active (its owner uses "forgot").
 */
export async function resendInvitation(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  mail: MailContext,
  now = new Date(),
): Promise<UserView> {
  authorize(actor, 'users.manage');
  const user = await findUserById(db, id);
  if (!user) throw notFound(`No user ${id}`);
  if (!isPending(user))
    throw conflict(
      `${user.email} has set a password already: no invitation is needed (a forgotten password is reset from the sign-in page)`,
      [{ rule: 'already_active', email: user.email }],
      'already_active',
    );
  if (user.disabled === 1)
    throw conflict(`${user.email} is disabled: enable the account first`, [], 'account_disabled');
  await db.transaction().execute(async (trx) => {
    await queueInvitation(trx, user, actor, mail, now);
    await writeAudit(trx, [invitationAudit(actor, user.id)]);
  });
  return toUserView(user);
}

export type ResetRequestResult = { accepted: true } | { retryAfterSeconds: number };

/**
 * "Forgot password": counted under its limits (per address typed and per client), then, only if the
 * address is an enabled account's (not a demo account, whose password is published), a reset link
 * is queued. The caller answers the same either way.
 */
export async function requestPasswordReset(
  db: Kysely<DB>,
  limits: LoginLimits,
  input: { email: string; clientAddress: string } & MailContext,
  now = new Date(),
): Promise<ResetRequestResult> {
  const refused = await countResetRequest(db, limits, input.email, input.clientAddress, now.getTime());
  if (refused) return { retryAfterSeconds: refused.retryAfterSeconds };
  const user = await findUserByEmail(db, normalizeEmail(input.email));
  if (!user || user.disabled === 1 || user.is_demo === 1) return { accepted: true };
  await db.transaction().execute(async (trx) => {
    const token = await issueToken(trx, user.id, 'reset', RESET_MINUTES * 60_000, now);
    const m = resetMail(input.lang, {
      name: user.display_name,
      link: setPasswordLink(input.baseUrl, token),
      minutes: RESET_MINUTES,
    });
    await queueMessage(trx, { kind: 'account.reset', to: user.email, lang: input.lang, ...m }, now);
  });
  return { accepted: true };
}

const tokenError = (status: number, code: string, message: string) =>
  new AppError(status, code, message, [{ rule: code }]);
const TOKEN_INVALID = () =>
  tokenError(
    400,
    'token_invalid',
    'This link is not valid: it may be mistyped, or a newer link was sent since. Ask for a new one.',
  );
const TOKEN_USED = () =>
  tokenError(410, 'token_used', 'This link was used already. Sign in, or ask for a new link.');
const TOKEN_EXPIRED = () => tokenError(410, 'token_expired', 'This link has expired. Ask for a new one.');

/** Why a token cannot be used now, or null when it can. */
function tokenProblem(row: { used_at: string | null; expires_at: string } | undefined, now: Date) {
  if (!row) return TOKEN_INVALID();
  if (row.used_at) return TOKEN_USED();
  if (row.expires_at <= now.toISOString()) return TOKEN_EXPIRED();
  return null;
}

/**
 * Sets a password with a link's token (public): the password rule applies (422 weak_password, the
 * token is then kept), the token is used up, every session of the user ends and the sign-in
 * failures of the account are forgotten. The account's email, for the sign-in form.
 */
export async function setPasswordWithToken(
  db: Kysely<DB>,
  token: string,
  password: string,
  now = new Date(),
): Promise<{ email: string }> {
  const tokenHash = hashToken(token);
  const row = await findAccountToken(db, tokenHash);
  const problem = tokenProblem(row, now);
  if (problem || !row) throw problem ?? TOKEN_INVALID();
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled === 1) throw TOKEN_INVALID();
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    // Of two uses at once, one wins; the other is told what happened to the link.
    if (!(await useAccountToken(trx, tokenHash, now.toISOString())))
      throw tokenProblem(await findAccountToken(trx, tokenHash), now) ?? TOKEN_USED();
    await updateUserRow(trx, user.id, { password_hash: passwordHash });
    await deleteUnusedAccountTokens(trx, user.id);
    await revokeSessionsOfUser(trx, user.id);
    await clearLoginAttempts(trx, 'account', accountKey(user.email));
    await writeAudit(trx, [
      {
        userId: user.id,
        action: 'update',
        entity: 'app_user',
        entityId: String(user.id),
        field: 'password',
        note: row.purpose === 'invite' ? 'password set from the invitation' : 'password reset by e-mail link',
      },
    ]);
  });
  return { email: user.email };
}

export type ChangePasswordResult = { changed: true } | { retryAfterSeconds: number };

/**
 * A signed-in user changes their password: the current one must be right (checked under the
 * sign-in limits, so a session left open is no way to guess it), the new one follows the rule;
 * every other session of the user ends, this one stays.
 */
export async function changeOwnPassword(
  db: Kysely<DB>,
  limits: LoginLimits,
  actor: { id: number; email: string; isDemo: boolean },
  input: { current: string; next: string; sessionId: string; clientAddress: string },
): Promise<ChangePasswordResult> {
  if (actor.isDemo)
    throw badRequest(
      'Demo accounts share a published password: it cannot be changed',
      [{ rule: 'demo_password' }],
      'demo_password',
    );
  checkPassword(input.next, 'next');
  const checked = await authenticateWithLimits(db, limits, actor.email, input.current, input.clientAddress);
  if ('retryAfterSeconds' in checked) return { retryAfterSeconds: checked.retryAfterSeconds };
  if (!checked.user || checked.user.id !== actor.id)
    throw badRequest(
      'The current password is wrong',
      [{ column: 'current', rule: 'wrong_password', message: 'The current password is wrong' }],
      'wrong_password',
    );
  const passwordHash = await hashPassword(input.next);
  await db.transaction().execute(async (trx: Db) => {
    await updateUserRow(trx, actor.id, { password_hash: passwordHash });
    await deleteUnusedAccountTokens(trx, actor.id);
    await revokeSessionsOfUser(trx, actor.id, input.sessionId);
    await writeAudit(trx, [
      {
        userId: actor.id,
        action: 'update',
        entity: 'app_user',
        entityId: String(actor.id),
        field: 'password',
        note: 'password changed by its owner',
      },
    ]);
  });
  return { changed: true };
}

/**
 * The base of links in e-mails: the configured public URL, else PUBLIC_URL or localhost
 * (lib/public-url.ts appUrl) — never the request's Host, which the sender chooses.
 */
export const linkBase = (configured: string | undefined) => configured ?? appUrl();
