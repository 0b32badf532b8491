// Builds the real application on a fresh database, and signs users in for the tests.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/domain/policy.ts';
import { hashPassword } from '../../src/modules/users/passwords.ts';
import { createSession, SESSION_COOKIE } from '../../src/modules/users/sessions.ts';
import { type AppOptions, buildApp } from '../../src/server/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(opts: Omit<AppOptions, 'database'> = {}): Promise<TestApp> {
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
      // The real hash function: under the test runner its cost is low (passwords.ts).
      password_hash: await hashPassword(password),
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
