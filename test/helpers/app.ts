// Builds the real application on a fresh database, and signs users in for the tests.
import { randomBytes, scryptSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/domain/policy.ts';
import { createSession, SESSION_COOKIE } from '../../src/modules/users/sessions.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: { maxUploadBytes?: number; loginRateLimit?: number } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({ database, ...opts });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface SignedIn {
  userId: number;
  email: string;
  password: string;
  /** Headers for app.inject: the session cookie and the CSRF token. */
  headers: Record<string, string>;
}

let counter = 0;

/**
 * A stored hash in the application's own format with cheap scrypt settings (N=1024): the real
 * verifyPassword reads the settings from the hash, so signing in with it is the real path, at a
 * hundredth of the cost of hashing every test account with the production settings.
 */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Creates a user of the role (directly in the database) and a session for it. */
export async function signIn(
  t: TestApp,
  role: Role,
  scope: { region?: string; organizationId?: number } = {},
): Promise<SignedIn> {
  const db = t.database.db;
  const email = `${role}-${++counter}-${randomBytes(3).toString('hex')}@test.kz`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const { id } = await db
    .insertInto('app_user')
    .values({
      email,
      password_hash: cheapHash(password),
      role,
      region: scope.region ?? (role === 'rfo' ? 'KZ-75' : null),
      organization_id: scope.organizationId ?? null,
      display_name: null,
      disabled: 0,
      is_demo: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await createSession(db, id);
  return {
    userId: id,
    email,
    password,
    headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken },
  };
}
