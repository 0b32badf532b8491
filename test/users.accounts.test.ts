// Accounts without the admin typing passwords (issue 10, item 10, and the account parts of item 7):
// the national admin invites a user by e-mail (a one-time link, expiring, re-sent on demand), anyone
// asks for a reset link (the same answer whether or not the address exists; limited), a link sets
// the password once and ends the user's sessions, a signed-in user changes their password (other
// sessions end, this one stays); the errors say what happened, with stable codes. The links are
// read from the outbox table, as the mail would carry them; one invitation goes through a real SMTP
// server to show that markup in a name arrives escaped. Both databases.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicUrl } from '../src/lib/public-url.ts';
import { deliverOutbox, smtpSettings } from '../src/modules/outbox/outbox.service.ts';
import { purgeLoginAttempts } from '../src/modules/users/login-limits.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';
import { startSmtp } from './helpers/smtp.ts';

/** The decoded body of the MIME part of `type` (quoted-printable or base64, UTF-8). */
function part(raw: string, type: 'text/plain' | 'text/html'): string {
  const start = raw.indexOf(`Content-Type: ${type}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = raw.slice(start);
  const headerEnd = rest.indexOf('\r\n\r\n');
  const headers = rest.slice(0, headerEnd);
  const body = rest.slice(headerEnd + 4).split(/\r\n--/)[0] ?? '';
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

const BASE = 'https://birgemiz.example.kz';
const PASSWORD = 'a long enough password';

let t: TestApp;
let admin: SignedIn;
let n = 0;
const fresh = (what: string) => `${what}-${++n}@test.kz`;
/** A client address of its own per test, so that the per-client limits of one do not touch another. */
const client = () => `192.0.2.${++n % 250}`;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: BASE });
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => t?.close());

async function call(
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}), remoteAddress: client() });
}
const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
  call(method, url, payload, admin.headers);

/** The messages queued for an address, oldest first. */
const mailTo = (to: string) =>
  t.database.db.selectFrom('outbox').selectAll().where('recipient', '=', to).orderBy('id').execute();

/** The token of the link in the latest message to the address. */
async function linkToken(to: string): Promise<string> {
  const messages = await mailTo(to);
  const body = messages.at(-1)?.body ?? '';
  const m = new RegExp(`${BASE}/account/set-password\\?token=([A-Za-z0-9_-]+)`).exec(body);
  expect(m, body).not.toBeNull();
  return m?.[1] as string;
}

async function login(email: string, password: string) {
  const res = await call('POST', '/api/auth/login', { email, password });
  if (res.statusCode !== 200) return { res, headers: null };
  const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
  return { res, headers: { cookie, 'x-csrf-token': res.json().csrfToken as string } };
}

const me = (headers: Record<string, string>) => call('GET', '/api/auth/me', undefined, headers);

const setPassword = (token: string, password = PASSWORD) =>
  call('POST', '/api/auth/set-password', { token, password });

async function invite(extra: Record<string, unknown> = {}) {
  const email = fresh('invited');
  const res = await asAdmin('POST', '/api/users/invite', {
    email,
    role: 'rfo',
    region: 'KZ-75',
    lang: 'en',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { email, user: res.json() as { id: number; pending: boolean } };
}

describe('invitations', () => {
  it('creates the account without a usable password and queues a one-time link in the language asked', async () => {
    const { email, user } = await invite({ displayName: 'Aigerim', lang: 'kk' });
    // The invitation's language is the account's: the cycle's e-mails follow it.
    expect(user).toMatchObject({
      email,
      role: 'rfo',
      region: 'KZ-75',
      pending: true,
      disabled: false,
      lang: 'kk',
    });
    const [message, ...more] = await mailTo(email);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ kind: 'account.invite', lang: 'kk', status: 'queued' });
    expect(message?.subject).toMatch(/шақыру/);
    expect(message?.body).toContain('Aigerim');
    expect(message?.body).toContain(`${BASE}/account/set-password?token=`);

    // Only the token's sha256 is stored; the token itself nowhere.
    const token = await linkToken(email);
    const rows = await t.database.db
      .selectFrom('account_token')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    // The admin reading the outbox sees the link without its token (only the delivery carries it).
    const shown = await asAdmin('GET', `/api/outbox/${message?.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().body).not.toContain(token);
    expect(shown.json().body).toContain('/account/set-password?token=…');
    const expires = Date.parse(rows[0]?.expires_at as string) - Date.now();
    expect(expires).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(expires).toBeLessThanOrEqual(7 * 24 * 3600_000);

    // No password signs in yet, not even the pending marker.
    const hash = (
      await t.database.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).password_hash;
    for (const guess of ['', hash, PASSWORD]) {
      const r = await call('POST', '/api/auth/login', { email, password: guess || 'x' });
      expect(r.statusCode).toBe(401);
    }

    // The link sets the password once; the user then signs in; the list shows the account active.
    const set = await setPassword(token);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ email });
    expect((await login(email, PASSWORD)).res.statusCode).toBe(200);
    const list = (await asAdmin('GET', '/api/users')).json() as { email: string; pending: boolean }[];
    expect(list.find((u) => u.email === email)?.pending).toBe(false);

    const again = await setPassword(token, 'another long password');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({
      error: 'token_used',
      message: expect.stringMatching(/used already/),
    });
    expect((await login(email, 'another long password')).res.statusCode).toBe(401);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['field', 'note'])
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', String(user.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.field)).toEqual([null, 'invitation', 'password']);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("the admin sees and sets the language of a user's e-mails", async () => {
    const email = fresh('lang');
    const created = await asAdmin('POST', '/api/users', {
      email,
      password: PASSWORD,
      role: 'viewer',
      lang: 'en',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user ?? created.json()).toMatchObject({ lang: 'en' });
    const id = (created.json().user ?? created.json()).id as number;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin.headers,
      payload: { lang: 'kk' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const list = (await asAdmin('GET', '/api/users')).json() as { id: number; lang: string }[];
    expect(list.find((u) => u.id === id)?.lang).toBe('kk');
    const bad = await asAdmin('POST', '/api/users', {
      email: fresh('lang'),
      password: PASSWORD,
      role: 'viewer',
      lang: 'de',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('re-sends an invitation: a new link, the old one no longer works', async () => {
    const { email, user } = await invite({ lang: 'ru' });
    const first = await linkToken(email);
    const resent = await asAdmin('POST', `/api/users/${user.id}/invite`, { lang: 'en' });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ id: user.id, pending: true });
    const messages = await mailTo(email);
    expect(messages.map((m) => m.lang)).toEqual(['ru', 'en']);
    const second = await linkToken(email);
    expect(second).not.toBe(first);

    const old = await setPassword(first);
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ error: 'token_invalid', details: [{ rule: 'token_invalid' }] });
    expect((await setPassword(second)).statusCode).toBe(200);

    // Once the password is set, an invitation is refused: the user resets a forgotten one.
    const late = await asAdmin('POST', `/api/users/${user.id}/invite`, { lang: 'en' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('already_active');
    expect((await asAdmin('POST', '/api/users/999999/invite', { lang: 'en' })).statusCode).toBe(404);
  });

  it('an admin who sets a password or disables the account voids the links still unused', async () => {
    const { email, user } = await invite({ lang: 'ru' });
    const invitation = await linkToken(email);
    const reset = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: admin.headers,
      payload: { password: PASSWORD },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await setPassword(invitation)).json().error).toBe('token_invalid');

    const other = await invite({ lang: 'ru' });
    const link = await linkToken(other.email);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${other.user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(off.statusCode, off.body).toBe(200);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${other.user.id}`,
      headers: admin.headers,
      payload: { disabled: false },
    });
    expect((await setPassword(link)).json().error).toBe('token_invalid');
  });

  it('an address taken already: 409 email_taken, for an invitation and for a new account alike', async () => {
    const { email } = await invite();
    const before = (await mailTo(email)).length;
    for (const typed of [email, `  ${email.toUpperCase()} `]) {
      const again = await asAdmin('POST', '/api/users/invite', { email: typed, role: 'viewer', lang: 'en' });
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json()).toMatchObject({
        error: 'email_taken',
        message: expect.stringContaining(email),
        details: [{ rule: 'email_taken', email }],
      });
    }
    const created = await asAdmin('POST', '/api/users', { email, password: PASSWORD, role: 'viewer' });
    expect(created.statusCode).toBe(409);
    expect(created.json().error).toBe('email_taken');
    expect(await mailTo(email)).toHaveLength(before);
  });

  it('checks the role and scope as creating an account does, and queues nothing when refused', async () => {
    const email = fresh('noregion');
    const res = await asAdmin('POST', '/api/users/invite', { email, role: 'rfo', lang: 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0]).toMatchObject({ column: 'region', rule: 'required' });
    const badLang = await asAdmin('POST', '/api/users/invite', { email, role: 'viewer', lang: 'de' });
    expect(badLang.statusCode).toBe(400);
    expect(await mailTo(email)).toEqual([]);
  });
});

describe('forgot password', () => {
  it('answers the same whether or not the address exists, and mails only an existing one', async () => {
    const known = await signIn(t, 'rfo');
    const ask = (email: string) => call('POST', '/api/auth/forgot', { email, lang: 'ru' });
    const a = await ask(known.email);
    const b = await ask(fresh('nobody'));
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(202);
    expect(a.body).toBe(b.body);
    const [message] = await mailTo(known.email);
    expect(message).toMatchObject({ kind: 'account.reset', lang: 'ru' });
    expect(message?.subject).toMatch(/пароля/);

    // The link sets a new password once, and expires in an hour.
    const token = await linkToken(known.email);
    const row = await t.database.db
      .selectFrom('account_token')
      .selectAll()
      .where('token_hash', '=', createHash('sha256').update(token).digest('hex'))
      .executeTakeFirstOrThrow();
    expect(row.purpose).toBe('reset');
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(3600_000);
    expect((await setPassword(token)).statusCode).toBe(200);
    expect((await login(known.email, known.password)).res.statusCode).toBe(401);
    expect((await login(known.email, PASSWORD)).res.statusCode).toBe(200);
  });

  it('mails no disabled account (and still answers the same)', async () => {
    const u = await signIn(t, 'viewer');
    await t.database.db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', u.userId).execute();
    const res = await call('POST', '/api/auth/forgot', { email: u.email, lang: 'en' });
    expect(res.statusCode).toBe(202);
    expect(await mailTo(u.email)).toEqual([]);
  });

  it('is limited per address typed (known or not) and per client: 429 with Retry-After', async () => {
    const u = await signIn(t, 'viewer');
    for (const email of [u.email, fresh('unknown')]) {
      for (let i = 0; i < 3; i++)
        expect((await call('POST', '/api/auth/forgot', { email, lang: 'en' })).statusCode).toBe(202);
      const over = await call('POST', '/api/auth/forgot', { email, lang: 'en' });
      expect(over.statusCode).toBe(429);
      expect(over.json().error).toBe('rate_limited');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(await mailTo(u.email)).toHaveLength(3);

    // One client asking for many addresses: the 11th in a quarter of an hour is refused.
    const from = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot',
        payload: { email, lang: 'en' },
        remoteAddress: '198.51.100.7',
      });
    for (let i = 0; i < 10; i++) expect((await from(fresh('many'))).statusCode).toBe(202);
    expect((await from(fresh('many'))).statusCode).toBe(429);
  });
});

describe('the counts of requests', () => {
  it('are kept as long as their own windows need (an hour per address: two), then purged', async () => {
    const now = Date.now();
    const db = t.database.db;
    await db
      .insertInto('login_attempts')
      .values([
        { scope: 'reset_account', key: 'purge-old', window_start: now - 3 * 3600_000, attempts: 3 },
        { scope: 'reset_account', key: 'purge-recent', window_start: now - 45 * 60_000, attempts: 3 },
        { scope: 'account', key: 'purge-login', window_start: now - 45 * 60_000, attempts: 3 },
      ])
      .execute();
    await purgeLoginAttempts(db, new Date(now));
    const keys = (
      await db.selectFrom('login_attempts').select('key').where('key', 'like', 'purge-%').execute()
    ).map((r) => r.key);
    expect(keys).toEqual(['purge-recent']);
    await purgeLoginAttempts(db, new Date(now + 3 * 3600_000));
    expect(
      await db.selectFrom('login_attempts').select('key').where('key', 'like', 'purge-%').execute(),
    ).toEqual([]);
  });
});

describe('setting a password with a link', () => {
  it('an expired link: 410 token_expired; an unknown one: 400 token_invalid', async () => {
    const { email, user } = await invite();
    const token = await linkToken(email);
    await t.database.db
      .updateTable('account_token')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await setPassword(token);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({
      error: 'token_expired',
      message: expect.stringMatching(/expired/),
    });
    for (const bad of ['nonsense', `${token}x`]) {
      const r = await setPassword(bad);
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toBe('token_invalid');
    }
    const empty = await call('POST', '/api/auth/set-password', { token: '', password: PASSWORD });
    expect(empty.statusCode).toBe(400);
  });

  it('applies the password rule (422 weak_password, the rule named) and keeps the link for another try', async () => {
    const { email } = await invite();
    const token = await linkToken(email);
    const weak = await setPassword(token, 'short');
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({
      error: 'weak_password',
      message: expect.stringContaining('at least 10 characters'),
      details: [{ column: 'password', rule: 'password_rules', min: 10, max: 200 }],
    });
    expect((await setPassword(token)).statusCode).toBe(200);
  });

  it('ends every session of the user', async () => {
    const u = await signIn(t, 'rfo');
    const second = await login(u.email, u.password);
    expect((await me(u.headers)).statusCode).toBe(200);
    expect((await call('POST', '/api/auth/forgot', { email: u.email, lang: 'en' })).statusCode).toBe(202);
    expect((await setPassword(await linkToken(u.email))).statusCode).toBe(200);
    expect((await me(u.headers)).statusCode).toBe(401);
    expect((await me(second.headers as Record<string, string>)).statusCode).toBe(401);
  });

  it('two uses at once: one sets the password, the other is told the link was used', async () => {
    const { email } = await invite();
    const token = await linkToken(email);
    const [a, b] = await Promise.all([
      setPassword(token, 'first password!'),
      setPassword(token, 'second password'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 410]);
    expect([a, b].find((r) => r.statusCode === 410)?.json().error).toBe('token_used');
  });
});

describe('changing one’s own password', () => {
  it('needs the current password; ends the other sessions and keeps this one', async () => {
    const u = await signIn(t, 'org_coordinator');
    const other = await login(u.email, u.password);
    const change = (current: string, next: string) =>
      call('POST', '/api/auth/password', { current, next }, u.headers);

    const wrong = await change('not my password', 'my new password');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'wrong_password', details: [{ column: 'current' }] });
    const weak = await change(u.password, 'short');
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({ error: 'weak_password', details: [{ column: 'next' }] });
    expect((await me(other.headers as Record<string, string>)).statusCode).toBe(200);

    const ok = await change(u.password, 'my new password');
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await me(u.headers)).statusCode).toBe(200);
    expect((await me(other.headers as Record<string, string>)).statusCode).toBe(401);
    expect((await login(u.email, u.password)).res.statusCode).toBe(401);
    expect((await login(u.email, 'my new password')).res.statusCode).toBe(200);

    const anonymous = await call('POST', '/api/auth/password', { current: 'x', next: 'my new password' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('sign-in errors say what happened', () => {
  it('a wrong password and an unknown e-mail: 401 invalid_credentials', async () => {
    const u = await signIn(t, 'viewer');
    const wrong = await call('POST', '/api/auth/login', { email: u.email, password: 'wrong password' });
    const unknown = await call('POST', '/api/auth/login', {
      email: fresh('ghost'),
      password: 'wrong password',
    });
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toBe('invalid_credentials');
  });
});

describe('the e-mail as delivered', () => {
  it('carries markup in a name escaped in the HTML part, as typed in the text part', async () => {
    const smtp = await startSmtp();
    try {
      const name = '<img src=x onerror=alert(1)> & <b>Aigerim</b>';
      const { email } = await invite({ displayName: name, lang: 'ru' });
      await deliverOutbox(t.database, new Date(Date.now() + 1000), {
        smtp: smtpSettings({ SMTP_URL: smtp.url }),
      });
      const got = smtp.received.find((m) => m.to.includes(email));
      expect(got).toBeDefined();
      const html = part(got?.raw ?? '', 'text/html');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;Aigerim&lt;/b&gt;');
      expect(part(got?.raw ?? '', 'text/plain')).toContain(name);
      const [row] = await mailTo(email);
      expect(row?.status).toBe('sent');
      expect(row?.body).toContain(name);
    } finally {
      await smtp.close();
    }
  });
});

describe('the link and the command line', () => {
  it('without PUBLIC_URL the link never follows the Host a request names (localhost instead); a bad PUBLIC_URL is refused', async () => {
    const other = await createTestApp();
    try {
      const u = await signIn(other, 'viewer');
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/auth/forgot',
        // Anyone can send any Host (or X-Forwarded-Host through a proxy): a reset link pointing at
        // their site would hand them the token.
        headers: { host: 'evil.example:8080', 'x-forwarded-host': 'evil.example' },
        payload: { email: u.email, lang: 'kk' },
      });
      expect(res.statusCode).toBe(202);
      const [m] = await other.database.db.selectFrom('outbox').select('body').execute();
      expect(m?.body).not.toContain('evil.example');
      expect(m?.body).toMatch(/http:\/\/localhost:\d+\/account\/set-password\?token=[\w-]+/);
    } finally {
      await other.close();
    }
    expect(parsePublicUrl(' https://birgemiz.example.kz/app/ ')).toBe('https://birgemiz.example.kz/app');
    expect(parsePublicUrl('')).toBeUndefined();
    expect(() => parsePublicUrl('ftp://x.kz')).toThrow(/http/);
    expect(() => parsePublicUrl('birgemiz')).toThrow(/not a URL/);
  });

  it('`birgemiz users invite` invites, invites again, and says what is wrong', async () => {
    const cli = (...args: string[]) =>
      runCli(['users', 'invite', ...args], { env: { ...t.database.cliEnv, PUBLIC_URL: BASE } });
    const email = fresh('cli');
    const first = await cli('--email', email, '--role', 'viewer', '--lang', 'ru', '--name', 'Асель');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Invited user \d+/);
    const token = await linkToken(email);
    const again = await cli('--email', email, '--lang', 'en');
    expect(again.code, again.stderr).toBe(0);
    expect((await mailTo(email)).map((m) => m.lang)).toEqual(['ru', 'en']);
    expect((await setPassword(token)).json().error).toBe('token_invalid');
    expect((await setPassword(await linkToken(email))).statusCode).toBe(200);

    const taken = await cli('--email', email, '--role', 'viewer');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/exists already/);
    const noUrl = await runCli(['users', 'invite', '--email', fresh('cli'), '--role', 'viewer'], {
      env: { ...t.database.cliEnv, PUBLIC_URL: '' },
    });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/PUBLIC_URL/);
    const list = await runCli(['users', 'list'], { env: t.database.cliEnv });
    expect(list.stdout).toMatch(/invited/);
  });
});
