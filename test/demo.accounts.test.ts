// The demo accounts: each its own salt, and in production disabled ones are enough for the server to
// start (as the README says), while enabled ones stop it and none can be enabled again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/modules/demo/demo.data.ts';
import { assertNoDemoAccountsInProduction, loadDemo } from '../src/modules/demo/demo.service.ts';
import { verifyPassword } from '../src/modules/users/passwords.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  await loadDemo(t.database);
}, 120_000);
afterAll(async () => t?.close());

const demoRows = () =>
  t.database.db
    .selectFrom('app_user')
    .select(['id', 'email', 'password_hash', 'disabled'])
    .where('is_demo', '=', 1)
    .orderBy('email')
    .execute();

async function underProduction<T>(run: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await run();
  } finally {
    process.env.NODE_ENV = before;
  }
}

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('demo accounts', () => {
  it('each has a hash of its own (its own salt), argon2id, of the published password', async () => {
    const rows = await demoRows();
    // The staff's, the award jury's (3 jurors), the platform's (2 coordinators, 21 volunteers) and
    // the competition's applicants (2 coordinators).
    expect(rows).toHaveLength(DEMO_USERS.length + 3 + 23 + 2);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.password_hash.split('$')[4])).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(DEMO_PASSWORD, r.password_hash)).toBe(true);
    }
    expect((await login('viewer@demo.birgemiz.kz', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('in production: enabled ones stop the server, disabled ones do not, and they stay disabled', async () => {
    const admin = await signIn(t, 'national_admin');
    await expect(underProduction(() => assertNoDemoAccountsInProduction(t.database))).rejects.toThrow(
      /34 enabled demo account\(s\).*Disable them/,
    );
    const rows = await demoRows();
    for (const r of rows.slice(0, -1)) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${r.id}`,
        headers: admin.headers,
        payload: { disabled: true },
      });
      expect(res.statusCode).toBe(200);
    }
    // One left enabled is still refused, and named.
    const last = rows.at(-1) as (typeof rows)[number];
    await expect(underProduction(() => assertNoDemoAccountsInProduction(t.database))).rejects.toThrow(
      new RegExp(`1 enabled demo account\\(s\\).*${last.email.replace('.', '\\.')}`),
    );
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${last.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    await expect(
      underProduction(() => assertNoDemoAccountsInProduction(t.database)),
    ).resolves.toBeUndefined();

    // Disabled: no sign-in with the published password.
    expect((await login(last.email, DEMO_PASSWORD)).statusCode).toBe(401);

    // In production they cannot be enabled again; elsewhere they can.
    const enable = () =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/users/${last.id}`,
        headers: admin.headers,
        payload: { disabled: false },
      });
    const refused = await underProduction(enable);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: 'demo_account',
      message: expect.stringMatching(/production/),
    });
    expect((await demoRows()).every((r) => r.disabled === 1)).toBe(true);
    expect((await enable()).statusCode).toBe(200);
    expect((await login(last.email, DEMO_PASSWORD)).statusCode).toBe(200);
  });
});
