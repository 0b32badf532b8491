// Sign-in limits kept in the database (table login_attempts), so that every server on it shares
// them: failed attempts per account (the email as typed, normalised: known or not, so the limit
// tells nothing about which accounts exist) and per client address (an IPv6 client counts as its
// /64, which one host usually has whole). Each limit is a sliding window, estimated from two fixed
// windows as `previous × (share of the window still ahead) + current`, so that a burst at the
// edge of a window gets no double allowance.
//
// An attempt is counted before the password is checked (an atomic upsert, so that parallel attempts
// cannot all pass one check) and taken back when it is refused or succeeds: only failures remain.
// A success clears its account's failures (its owner knows the password) but not its address's,
// so that signing into one's own account does not buy guesses at another.

import { createHash } from 'node:crypto';
import { addressKey } from '../../lib/client-address.ts';
import {
  type AttemptCounter,
  type AttemptScope,
  addLoginAttempt,
  clearLoginAttempts,
  type Db,
  deleteLoginAttemptsBefore,
  findLoginAttempts,
  type UserRecord,
  withdrawLoginAttempt,
} from './users.repository.ts';
import { authenticate, normalizeEmail } from './users.service.ts';

export interface LoginLimit {
  /** Failed attempts allowed within any window of windowMs. */
  max: number;
  windowMs: number;
}

export interface LoginLimits {
  account: LoginLimit;
  address: LoginLimit;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  account: { max: 10, windowMs: 15 * 60_000 },
  address: { max: 10, windowMs: 60_000 },
};

/** How long rows are kept: a window and the one before it, of the longest window. */
const keepMs = (limits: LoginLimits) => 2 * Math.max(limits.account.windowMs, limits.address.windowMs);

export type LoginResult = { user: UserRecord | null } | { retryAfterSeconds: number; scope: AttemptScope };

interface Counted {
  scope: AttemptScope;
  limit: LoginLimit;
  current: AttemptCounter;
  previous: AttemptCounter;
  start: number;
}

/**
 * Checks the password of an email under the limits: the user (or null for a wrong email or
 * password, as authenticate), or how long to wait when the account or the address is over its limit.
 */
export async function authenticateWithLimits(
  db: Db,
  limits: LoginLimits,
  email: string,
  password: string,
  clientAddress: string,
  now = Date.now(),
): Promise<LoginResult> {
  const account = counter('account', accountKey(email), limits.account, now);
  const address = counter('address', addressKey(clientAddress), limits.address, now);
  const refusal = await take(db, [account, address], now, () =>
    purgeLoginAttempts(db, new Date(now), limits),
  );
  if (refusal) return refusal;

  const user = await authenticate(db, email, password);
  if (user) {
    await clearLoginAttempts(db, 'account', account.current.key);
    await withdrawLoginAttempt(db, address.current);
  }
  return { user };
}

/**
 * "Forgot password" requests allowed per e-mail address typed (known or not, so the limit tells
 * nothing about which accounts exist) and per client address. Every request counts.
 */
export const DEFAULT_RESET_LIMITS: LoginLimits = {
  account: { max: 3, windowMs: 60 * 60_000 },
  address: { max: 10, windowMs: 15 * 60_000 },
};

/**
 * Counts a "forgot password" request under its limits: null when it may go ahead, else how long to
 * wait (the request is then not counted).
 */
export async function countResetRequest(
  db: Db,
  limits: LoginLimits,
  email: string,
  clientAddress: string,
  now = Date.now(),
): Promise<{ retryAfterSeconds: number; scope: AttemptScope } | null> {
  const account = counter('reset_account', accountKey(email), limits.account, now);
  const address = counter('reset_address', addressKey(clientAddress), limits.address, now);
  // A new window purges the reset counts only: the sign-in counts keep to their own (settable) windows.
  return take(db, [account, address], now, () =>
    deleteLoginAttemptsBefore(db, now - keepMs(limits), ['reset_account', 'reset_address']),
  );
}

/**
 * Sign-ups of the platform (volunteers, organisations) allowed per client address: every request
 * counts, successful or not, so that one address cannot open accounts by the thousand.
 */
export const DEFAULT_SIGNUP_LIMIT: LoginLimit = { max: 10, windowMs: 60 * 60_000 };

/** Counts a volunteer's sign-up request of a client: null when it may go ahead, else how long to wait. */
export const countSignupRequest = (db: Db, limit: LoginLimit, clientAddress: string, now = Date.now()) =>
  countAddressRequest(db, 'signup_address', limit, clientAddress, now);

/**
 * Counts one request of a kind limited per client address only (a registration): null when it may
 * go ahead, else how long to wait (the request is then not counted). A new window purges the
 * kind's windows past.
 */
export async function countAddressRequest(
  db: Db,
  scope: AttemptScope,
  limit: LoginLimit,
  clientAddress: string,
  now = Date.now(),
): Promise<{ retryAfterSeconds: number; scope: AttemptScope } | null> {
  const address = counter(scope, addressKey(clientAddress), limit, now);
  return take(db, [address], now, () => deleteLoginAttemptsBefore(db, now - 2 * limit.windowMs, [scope]));
}

/**
 * Counts one attempt on every counter, unless one is over its limit already (then a refusal and no
 * write); `purge` runs when a new window starts.
 */
async function take(
  db: Db,
  counters: Counted[],
  now: number,
  purge: () => Promise<void>,
): Promise<{ retryAfterSeconds: number; scope: AttemptScope } | null> {
  const found = await findLoginAttempts(
    db,
    counters.flatMap((c) => [c.previous, c.current]),
  );
  const before = counters.map((_, i) => [found[2 * i] ?? 0, found[2 * i + 1] ?? 0] as const);
  // Over the limit already: refused without a write (a flood costs one read per request).
  const refusal = refuse(counters, before, now);
  if (refusal) return refusal;

  const after = await Promise.all(counters.map((c) => addLoginAttempt(db, c.current)));
  // Parallel attempts may all have passed the read; the upserts number them, and those past the
  // limit take theirs back.
  const raced = refuse(
    counters,
    counters.map((_, i) => [before[i]?.[0] ?? 0, (after[i] ?? 1) - 1] as const),
    now,
  );
  if (raced) {
    await Promise.all(counters.map((c) => withdrawLoginAttempt(db, c.current)));
    return raced;
  }
  // A new window's first row: time to drop the windows long past.
  if (after.some((n) => n === 1)) await purge();
  return null;
}

/** Deletes the counts of windows that no limit looks at any more. For a periodic job, too. */
export async function purgeLoginAttempts(
  db: Db,
  now: Date = new Date(),
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): Promise<void> {
  await deleteLoginAttemptsBefore(db, now.getTime() - keepMs(limits), ['account', 'address']);
  await deleteLoginAttemptsBefore(db, now.getTime() - keepMs(DEFAULT_RESET_LIMITS), [
    'reset_account',
    'reset_address',
  ]);
}

function counter(scope: AttemptScope, key: string, limit: LoginLimit, now: number): Counted {
  const start = Math.floor(now / limit.windowMs) * limit.windowMs;
  return {
    scope,
    limit,
    start,
    current: { scope, key, windowStart: start },
    previous: { scope, key, windowStart: start - limit.windowMs },
  };
}

/** The refusal, if one more attempt on top of `counts` ([previous, current] each) is over a limit. */
function refuse(
  counted: Counted[],
  counts: readonly (readonly [number, number])[],
  now: number,
): { retryAfterSeconds: number; scope: AttemptScope } | null {
  let worst: { retryAfterSeconds: number; scope: AttemptScope } | null = null;
  let longest = 0;
  for (const [i, c] of counted.entries()) {
    const [previous, current] = counts[i] ?? [0, 0];
    const wait = waitMs(c.limit, c.start, previous, current, now);
    if (wait > longest) {
      longest = wait;
      worst = { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)), scope: c.scope };
    }
  }
  return worst;
}

/**
 * How long until one more attempt fits the limit, if nobody tries meanwhile (0: it fits now). The
 * estimate at a time t of the window that starts at `start` is previous × (1 − f) + current, with
 * f the share of the window gone; the attempt fits when the estimate plus one is at most max.
 */
export function waitMs(
  limit: LoginLimit,
  start: number,
  previous: number,
  current: number,
  now: number,
): number {
  const { max, windowMs: w } = limit;
  const fits = (f: number) => previous * (1 - f) + current + 1 <= max + 1e-9;
  if (fits((now - start) / w)) return 0;
  // Within this window, once enough of the previous one has slid out.
  if (current + 1 <= max && previous > 0)
    return Math.max(0, start + w * (1 - (max - current - 1) / previous) - now);
  // In the next window this one is the previous: current × (1 − g) + 1 ≤ max.
  const g = current > 0 ? Math.max(0, 1 - (max - 1) / current) : 0;
  return start + w + w * g - now;
}

/** The account's key: a hash of the normalised email (the table keeps no typed text). */
export const accountKey = (email: string) => createHash('sha256').update(normalizeEmail(email)).digest('hex');
