// Sessions live in the database so that revoking one (or disabling a user) takes effect at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../domain/policy.ts';
import {
  deleteEndedSessions,
  findSessionWithUser,
  insertSession,
  revokeSessionRow,
} from './users.repository.ts';

export const SESSION_COOKIE = 'bgz_session';
export const SESSION_HOURS = 12;

export interface SessionUser {
  id: number;
  email: string;
  role: Role;
  region: string | null;
  organizationId: number | null;
  displayName: string | null;
  isDemo: boolean;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Kysely<DB> | Transaction<DB>, userId: number, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    revoked: 0,
  });
  return { token, csrfToken, expiresAt: expires };
}

export async function resolveSession(
  db: Kysely<DB>,
  token: string,
  now = new Date(),
): Promise<ResolvedSession | null> {
  const row = await findSessionWithUser(db, hashToken(token));
  if (!row || row.revoked || row.disabled || row.expires_at <= now.toISOString()) return null;
  return {
    sessionId: row.sid,
    csrfToken: row.csrf_token,
    user: {
      id: row.id,
      email: row.email,
      role: row.role,
      region: row.region,
      organizationId: row.organization_id,
      displayName: row.display_name,
      isDemo: row.is_demo === 1,
    },
  };
}

export async function revokeSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await revokeSessionRow(db, sessionId);
}

/** Deletes sessions that ended (expired or revoked) more than a day ago: the table stays small. */
export async function purgeOldSessions(db: Kysely<DB> | Transaction<DB>, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString();
  await deleteEndedSessions(db, dayAgo);
}

/** The session cookie: HTTP-only, same-site strict, secure in production. */
export function sessionCookieOptions(expires: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: process.env.NODE_ENV === 'production',
    expires,
  };
}
