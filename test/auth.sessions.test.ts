// Sessions end when they should, on the very next request: a disabled or demoted user, a signed-out
// session, an expired one; CSRF on every state-changing method; the sign-in rate limit holds
// whatever the client claims its address is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => t.close());

interface Session {
  headers: Record<string, string>;
}

async function login(email: string, password: string, app = t): Promise<Session> {
  const res = await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const c = res.cookies.find((x) => x.name === 'bgz_session');
  return { headers: { cookie: `bgz_session=${c?.value}`, 'x-csrf-token': res.json().csrfToken } };
}

const orgCounts = (s: Session, region = 'KZ-75', npo = 1) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/org-counts/${region}/2024-0${npo}`,
    headers: s.headers,
    payload: { npo, initiativeGroups: null, updatedAt: null },
  });
const me = (s: Session) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
const patchUser = (id: number, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin.headers, payload });

describe('revocation takes effect on the next request', () => {
  it('a disabled user is out at once, for reads and writes, and enabling does not revive the old session', async () => {
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const s = await login(u.email, u.password);
    expect((await orgCounts(s, 'KZ-75', 1)).statusCode).toBe(200);
    expect((await patchUser(u.userId, { disabled: true })).statusCode).toBe(200);
    const write = await orgCounts(s, 'KZ-75', 2);
    expect(write.statusCode).toBe(401);
    expect(write.json()).toMatchObject({ error: 'unauthorized', message: expect.any(String) });
    expect((await me(s)).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/activities', headers: s.headers })).statusCode,
    ).toBe(401);
    expect((await patchUser(u.userId, { disabled: false })).statusCode).toBe(200);
    expect((await me(s)).statusCode).toBe(401);
    expect((await me(await login(u.email, u.password))).statusCode).toBe(200);
  });

  it('disabling from the command line ends the sessions too', async () => {
    const u = await signIn(t, 'national_analyst');
    const s = await login(u.email, u.password);
    const run = await runCli(['users', 'disable', '--email', u.email], { env: t.database.cliEnv });
    expect(run.code, run.stderr).toBe(0);
    expect((await me(s)).statusCode).toBe(401);
  });

  it('a changed role or region applies on the next request', async () => {
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const s = await login(u.email, u.password);
    expect((await orgCounts(s, 'KZ-75', 3)).statusCode).toBe(200);
    expect((await patchUser(u.userId, { region: 'KZ-79' })).statusCode).toBe(200);
    expect((await orgCounts(s, 'KZ-75', 4)).statusCode).toBe(403);
    expect((await orgCounts(s, 'KZ-79', 4)).statusCode).toBe(200);
    expect((await patchUser(u.userId, { role: 'viewer' })).statusCode).toBe(200);
    expect((await orgCounts(s, 'KZ-79', 5)).statusCode).toBe(403);
  });

  it('logout revokes the session: the same cookie and token get 401 afterwards, other sessions stay', async () => {
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const a = await login(u.email, u.password);
    const b = await login(u.email, u.password);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: a.headers })).statusCode,
    ).toBe(204);
    expect((await orgCounts(a, 'KZ-75', 6)).statusCode).toBe(401);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);
    // signing out twice, or without a session, is harmless
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: a.headers })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('an expired session is out', async () => {
    const u = await signIn(t, 'viewer');
    const s = await login(u.email, u.password);
    await t.database.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', u.userId)
      .execute();
    expect((await me(s)).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('every state-changing method needs the session’s own token: missing or foreign → 403, nothing changed', async () => {
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const other = await signIn(t, 'rfo', { region: 'KZ-75' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: u.headers,
      payload: {
        region: 'KZ-75',
        period: '2024-09',
        organization: 'CSRF NPO',
        organization_type: 'npo',
        title: 'Book drive',
        area: 'bilim',
        format: 'offline',
        kind: 'event',
        start_date: '2024-09-02',
        end_date: '2024-09-02',
        volunteers: 3,
        hours: 6,
      },
    });
    expect(created.statusCode).toBe(201);
    const a = created.json();
    const requests = [
      { method: 'POST', url: '/api/submissions/KZ-75/2024-09/submit', payload: { version: 1 } },
      {
        method: 'PUT',
        url: '/api/org-counts/KZ-75/2024-09',
        payload: { npo: 1, initiativeGroups: null, updatedAt: null },
      },
      { method: 'PATCH', url: `/api/activities/${a.id}`, payload: { hours: 7, version: a.version } },
      { method: 'DELETE', url: `/api/activities/${a.id}?version=${a.version}` },
      { method: 'POST', url: '/api/auth/logout' },
    ];
    const cookie = u.headers.cookie as string;
    for (const r of requests) {
      for (const token of [undefined, '', 'forged', other.headers['x-csrf-token']]) {
        const headers: Record<string, string> = { cookie };
        if (token !== undefined) headers['x-csrf-token'] = token as string;
        const res = await t.app.inject({
          method: r.method as 'POST',
          url: r.url,
          headers,
          ...(r.payload ? { payload: r.payload } : {}),
        });
        expect([r.method, r.url, token, res.statusCode]).toEqual([r.method, r.url, token, 403]);
        expect(res.json()).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/CSRF/) });
      }
    }
    // nothing happened: the record, the submission and the session are as they were
    const back = await t.app.inject({ method: 'GET', url: `/api/activities/${a.id}`, headers: u.headers });
    expect(back.json()).toMatchObject({ version: a.version, hours: 6 });
    const sub = await t.app.inject({
      method: 'GET',
      url: '/api/submissions/KZ-75/2024-09',
      headers: u.headers,
    });
    expect(sub.json().submission.status).toBe('draft');
    // reads need no token
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
  });

  it('signing in again works with a stale cookie and no token', async () => {
    const u = await signIn(t, 'viewer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: u.headers.cookie as string },
      payload: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    // the session the cookie carried was ended and replaced
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: u.headers })).statusCode).toBe(
      401,
    );
  });
});

describe('sign-in rate limit', () => {
  it('429 after N failed attempts, whatever X-Forwarded-For says; the right password does not reset the address', async () => {
    const small = await createTestApp({ loginRateLimit: 4 });
    try {
      const u = await signIn(small, 'viewer');
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await small.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-for': `10.0.0.${i}` },
          payload: { email: u.email, password: i === 2 ? u.password : 'wrong-password' },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) {
          expect(res.json()).toMatchObject({
            error: 'rate_limited',
            message: expect.stringMatching(/from this address/),
            details: [],
          });
        }
      }
      // No proxy is trusted, so every attempt is 127.0.0.1's. The success counts as no failure and
      // clears the account's two (the account stays under its limit), but not the address's: its
      // fifth failure is refused.
      expect(codes).toEqual([401, 401, 200, 401, 401, 429]);
    } finally {
      await small.close();
    }
  });
});
