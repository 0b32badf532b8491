// Sign-in, cookies, CSRF, rate limit, sign-out and revocation, through HTTP on the database under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/users/passwords.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
});
afterAll(async () => t.close());

const login = (email: string, password: string, app = t) =>
  app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

function sessionCookie(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === 'bgz_session');
  if (!c) throw new Error('no session cookie');
  return `bgz_session=${c.value}`;
}

describe('login', () => {
  it('signs in with the right password, sets a HttpOnly SameSite=Strict cookie and returns the CSRF token', async () => {
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const res = await login(u.email.toUpperCase(), u.password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: u.userId, email: u.email, role: 'rfo', region: 'KZ-75' });
    expect(body.user.password_hash).toBeUndefined();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^bgz_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // only in production

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: sessionCookie(res) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: body.user, csrfToken: body.csrfToken });
  });

  it('answers a wrong password and an unknown email alike with 401', async () => {
    const u = await signIn(t, 'viewer');
    const wrong = await login(u.email, `${u.password}x`);
    const unknown = await login('nobody@test.kz', u.password);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({
      error: 'invalid_credentials',
      message: 'Wrong email or password',
      details: [],
    });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('takes about as long for an unknown email as for a wrong password (no enumeration by timing)', async () => {
    const u = await signIn(t, 'viewer');
    // The production hashing cost (the test runner's is cheap: passwords.ts), for the account's hash
    // and for the dummy hash an unknown email is checked against.
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await t.database.db
        .updateTable('app_user')
        .set({ password_hash: await hashPassword(u.password) })
        .where('id', '=', u.userId)
        .execute();
      const once = async (email: string) => {
        const start = performance.now();
        expect((await login(email, 'not-the-password')).statusCode).toBe(401);
        return performance.now() - start;
      };
      // Warmed up (the dummy hash is made on first use), then interleaved, so that the load of a
      // shared machine weighs on both alike; the medians are compared.
      await once(u.email);
      await once('nobody-at-all@test.kz');
      const runs = { known: [] as number[], unknown: [] as number[] };
      for (let i = 0; i < 7; i++) {
        runs.known.push(await once(u.email));
        runs.unknown.push(await once('nobody-at-all@test.kz'));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] as number;
      const known = median(runs.known);
      const unknown = median(runs.unknown);
      // Both pay one argon2id verification; without the dummy hash the unknown email would answer in ~1 ms.
      expect(unknown).toBeGreaterThan(known * 0.3);
      expect(known).toBeGreaterThan(unknown * 0.3);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('marks the cookie, and the one that clears it, Secure in production', async () => {
    const u = await signIn(t, 'viewer');
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const res = await login(u.email, u.password);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: sessionCookie(res), 'x-csrf-token': res.json().csrfToken },
      });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/^bgz_session=;.*; Secure/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('refuses a disabled user', async () => {
    const u = await signIn(t, 'viewer');
    await t.database.db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', u.userId).execute();
    const res = await login(u.email, u.password);
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('Wrong email or password');
  });

  it('rejects a malformed body with 400, not 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_request');
  });

  it('GET /api/auth/me without a session is 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('unauthorized');
  });

  it('GET /api/auth/session answers a visitor 200 with nulls, a signed-in user with the user and token', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ user: null, csrfToken: null });
    // A stale or revoked cookie is a visitor too.
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: 'bgz_session=not-a-session' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual({ user: null, csrfToken: null });
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const res = await login(u.email, u.password);
    const signedIn = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: sessionCookie(res) },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toEqual({ user: res.json().user, csrfToken: res.json().csrfToken });
  });
});

describe('CSRF', () => {
  it('requires the X-CSRF-Token header on a POST with a session cookie', async () => {
    const admin = await signIn(t, 'national_admin');
    const body = { email: 'csrf-check@test.kz', password: 'long-enough-pw', role: 'viewer' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.headers.cookie as string },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toMatch(/CSRF/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...admin.headers, 'x-csrf-token': 'nope' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('logout and revocation', () => {
  it('logout revokes the session and clears the cookie', async () => {
    const u = await signIn(t, 'national_analyst');
    const res = await login(u.email, u.password);
    const cookie = sessionCookie(res);
    const headers = { cookie, 'x-csrf-token': res.json().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    const cleared = String(out.headers['set-cookie']);
    expect(cleared).toMatch(/^bgz_session=;/);
    // The clearing cookie has the attributes of the one it replaces (Secure only in production).
    expect(cleared).toMatch(/; HttpOnly/);
    expect(cleared).toMatch(/; SameSite=Strict/);
    expect(cleared).toMatch(/; Path=\//);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared).not.toMatch(/Secure/);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(after.statusCode).toBe(401);
    const row = await t.database.db
      .selectFrom('session')
      .select('revoked')
      .where('user_id', '=', u.userId)
      .execute();
    // The helper's own session stays; the one signed out is revoked.
    expect(row.map((r) => r.revoked).sort()).toEqual([0, 1]);
  });

  it('disabling a user ends its active session at once', async () => {
    const admin = await signIn(t, 'national_admin');
    const victim = await signIn(t, 'rfo', { region: 'KZ-11' });
    const res = await login(victim.email, victim.password);
    const headers = { cookie: sessionCookie(res), 'x-csrf-token': res.json().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: victim.headers })).statusCode,
    ).toBe(200);

    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${victim.userId}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().disabled).toBe(true);

    for (const h of [headers, victim.headers]) {
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: h });
      expect(me.statusCode).toBe(401);
    }
    expect((await login(victim.email, victim.password)).statusCode).toBe(401);
  });
});

describe('session housekeeping', () => {
  it('a sign-in deletes sessions that ended more than a day ago, keeps the others', async () => {
    const u = await signIn(t, 'viewer');
    const old = '2020-01-01T00:00:00.000Z';
    await t.database.db
      .insertInto('session')
      .values([
        {
          id: 'old-expired',
          user_id: u.userId,
          csrf_token: 'x',
          created_at: old,
          expires_at: old,
          revoked: 0,
        },
        {
          id: 'old-revoked',
          user_id: u.userId,
          csrf_token: 'x',
          created_at: old,
          expires_at: '2999-01-01T00:00:00.000Z',
          revoked: 1,
        },
      ])
      .execute();
    expect((await login(u.email, u.password)).statusCode).toBe(200);
    const left = await t.database.db
      .selectFrom('session')
      .select('id')
      .where('user_id', '=', u.userId)
      .execute();
    expect(left.map((r) => r.id)).not.toContain('old-expired');
    expect(left.map((r) => r.id)).not.toContain('old-revoked');
    expect(left).toHaveLength(2); // the helper's session and the new one
  });
});

describe('rate limit', () => {
  it('answers 429 in the error shape after N attempts a minute', async () => {
    const small = await createTestApp({ loginRateLimit: 3 });
    try {
      const codes: number[] = [];
      let last: Awaited<ReturnType<typeof login>> | null = null;
      for (let i = 0; i < 5; i++) {
        last = await login('someone@test.kz', 'wrong-password', small);
        codes.push(last.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const body = last?.json();
      expect(body.error).toBe('rate_limited');
      expect(body.message).toMatch(/Too many/);
      expect(body.details).toEqual([]);
      expect(last?.headers['retry-after']).toBeDefined();
      // Other routes are not limited.
      expect((await small.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });
});
