// Sign-in limits kept in the database: per account across addresses, per address across accounts,
// X-Forwarded-For believed only as far as the trusted proxies, shared by two servers on one database,
// and the table kept small. Through HTTP on the database under test.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { purgeLoginAttempts } from '../src/modules/users/login-limits.ts';
import { buildApp } from '../src/server/app.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import type { TestDatabase } from './helpers/db.ts';

const MINUTE = 60_000;

function login(
  app: FastifyInstance,
  email: string,
  password: string,
  opts: { forwardedFor?: string; remoteAddress?: string } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    headers: opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {},
  });
}

/** A second connection to the same database (another server's), as the test's own handle. */
function openAgain(d: TestDatabase): Database {
  const schema = /search_path=(\S+)/.exec(d.cliEnv.PGOPTIONS ?? '')?.[1];
  return schema ? openDatabase(d.cliUrl, { schema }) : openDatabase(d.cliUrl);
}

const rows = (t: TestApp) => t.database.db.selectFrom('login_attempts').selectAll().execute();

describe('per account, per address, behind one trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    // One proxy in front: the address it appends to X-Forwarded-For is the client's.
    t = await createTestApp({ loginRateLimit: 3, trustProxy: 1 });
  });
  afterAll(async () => t.close());

  it('an account takes 3 failures from 3 addresses, then 429 from any address, the right password too', async () => {
    const u = await signIn(t, 'viewer');
    const codes: number[] = [];
    for (let i = 1; i <= 5; i++)
      codes.push((await login(t.app, u.email, 'wrong-password', { forwardedFor: `10.1.${i}.1` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const right = await login(t.app, u.email, u.password, { forwardedFor: '10.1.99.1' });
    expect(right.statusCode).toBe(429);
    expect(right.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringMatching(
        /^Too many failed sign-in attempts for this account; try again in \d+ s$/,
      ),
      details: [],
    });
    const wait = Number(right.headers['retry-after']);
    // The window is a quarter of an hour, sliding: the wait is at most two windows.
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30 * 60);
    expect(right.json().message).toContain(`in ${wait} s`);
    // Other accounts from those addresses are not affected.
    const other = await signIn(t, 'viewer');
    expect((await login(t.app, other.email, other.password, { forwardedFor: '10.1.1.1' })).statusCode).toBe(
      200,
    );
  });

  it('an unknown email is limited exactly like a known one (the limit tells nothing)', async () => {
    const u = await signIn(t, 'viewer');
    const run = async (email: string, net: number) => {
      const out: { status: number; body: unknown }[] = [];
      for (let i = 1; i <= 4; i++) {
        const res = await login(t.app, email, 'wrong-password', { forwardedFor: `10.${net}.${i}.1` });
        out.push({ status: res.statusCode, body: res.json() });
      }
      return out;
    };
    const known = await run(u.email, 2);
    const unknown = await run('nobody-here@test.kz', 3);
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 429]);
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    const message = (r: { body: unknown } | undefined) =>
      String((r?.body as { message?: string } | undefined)?.message).replace(/\d+ s$/, '');
    expect(message(unknown[3])).toBe(message(known[3]));
  });

  it('an address takes 3 failures on different accounts, then 429; other addresses go on', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 5; i++)
      codes.push(
        (await login(t.app, `guess-${i}@test.kz`, 'wrong-password', { forwardedFor: '10.4.0.1' })).statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const refused = await login(t.app, 'guess-9@test.kz', 'x-password', { forwardedFor: '10.4.0.1' });
    expect(refused.json().message).toMatch(/from this address/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(120);
    expect(
      (await login(t.app, 'guess-1@test.kz', 'wrong-password', { forwardedFor: '10.4.0.2' })).statusCode,
    ).toBe(401);
  });

  it('addresses written left of the trusted hop are ignored: a forged X-Forwarded-For gains nothing', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 5; i++)
      codes.push(
        (
          await login(t.app, `forged-${i}@test.kz`, 'wrong-password', {
            forwardedFor: `198.51.100.${i}, 10.5.0.1`,
          })
        ).statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it('parallel attempts cannot pass one check together', async () => {
    // The burst stays inside one window of the address limit (a minute, aligned): across a window's
    // end, attempts of the new window may read the old one's count before the attempts still
    // counting there have written theirs (a known limit of the count without locks: at most one
    // limit more, once, at the boundary; noted in the issue).
    const left = MINUTE - (Date.now() % MINUTE);
    if (left < 20_000) await new Promise((r) => setTimeout(r, left + 200));
    const all = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        login(t.app, `parallel-${i}@test.kz`, 'wrong-password', { forwardedFor: '10.6.0.1' }),
      ),
    );
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(3);
    expect(codes.filter((c) => c !== 401).every((c) => c === 429)).toBe(true);
    const counted = (await rows(t)).filter((r) => r.scope === 'address' && r.key === '10.6.0.1');
    expect(counted.reduce((s, r) => s + r.attempts, 0)).toBeLessThanOrEqual(3);
  });
});

describe('a successful sign-in', () => {
  it('clears its own account’s failures but not its address’s (no guesses bought with an own account)', async () => {
    const t = await createTestApp({
      loginLimits: { account: { max: 100, windowMs: 15 * MINUTE }, address: { max: 3, windowMs: MINUTE } },
    });
    try {
      const victim = await signIn(t, 'viewer');
      const own = await signIn(t, 'viewer');
      const codes = [];
      codes.push((await login(t.app, victim.email, 'guess-1-password')).statusCode);
      codes.push((await login(t.app, victim.email, 'guess-2-password')).statusCode);
      codes.push((await login(t.app, own.email, own.password)).statusCode);
      codes.push((await login(t.app, own.email, own.password)).statusCode);
      codes.push((await login(t.app, victim.email, 'guess-3-password')).statusCode);
      codes.push((await login(t.app, victim.email, 'guess-4-password')).statusCode);
      expect(codes).toEqual([401, 401, 200, 200, 401, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  async function withTrustProxy<T>(value: string, run: () => Promise<T>): Promise<T> {
    const before = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = value;
    try {
      return await run();
    } finally {
      if (before === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = before;
    }
  }

  it('TRUST_PROXY=1 trusts one hop only: varying the forged part does not bypass the limit', async () => {
    const t = await withTrustProxy('1', () => createTestApp({ loginRateLimit: 3 }));
    try {
      const u = await signIn(t, 'viewer');
      const codes: number[] = [];
      for (let i = 1; i <= 5; i++)
        codes.push(
          (
            await login(t.app, `x${i}-${u.email}`, 'wrong-password', {
              forwardedFor: `203.0.113.${i}, 10.7.0.1`,
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const keys = (await rows(t)).filter((r) => r.scope === 'address').map((r) => r.key);
      expect([...new Set(keys)]).toEqual(['10.7.0.1']);
    } finally {
      await t.close();
    }
  });

  it('TRUST_PROXY=2 takes the address two hops back', async () => {
    const t = await withTrustProxy('2', () => createTestApp({ loginRateLimit: 3 }));
    try {
      await login(t.app, 'two-hops@test.kz', 'wrong-password', {
        forwardedFor: '198.51.100.7, 10.8.0.1, 10.9.0.1',
      });
      const keys = (await rows(t)).filter((r) => r.scope === 'address').map((r) => r.key);
      expect(keys).toEqual(['10.8.0.1']);
    } finally {
      await t.close();
    }
  });

  it('a list of proxy addresses: hops from them are believed, the first other address is the client', async () => {
    // app.inject's socket address is 127.0.0.1: the proxy.
    const t = await withTrustProxy('127.0.0.1, 10.0.0.0/8', () => createTestApp({ loginRateLimit: 3 }));
    try {
      await login(t.app, 'listed@test.kz', 'wrong-password', {
        forwardedFor: '192.0.2.1, 198.51.100.8, 10.3.3.3',
      });
      const keys = (await rows(t)).filter((r) => r.scope === 'address').map((r) => r.key);
      expect(keys).toEqual(['198.51.100.8']);
    } finally {
      await t.close();
    }
  });

  it('no TRUST_PROXY: X-Forwarded-For is ignored, the socket’s address counts', async () => {
    const t = await withTrustProxy('', () => createTestApp({ loginRateLimit: 3 }));
    try {
      await login(t.app, 'direct@test.kz', 'wrong-password', {
        forwardedFor: '198.51.100.9',
        remoteAddress: '192.0.2.44',
      });
      const keys = (await rows(t)).filter((r) => r.scope === 'address').map((r) => r.key);
      expect(keys).toEqual(['192.0.2.44']);
    } finally {
      await t.close();
    }
  });

  it('refuses TRUST_PROXY=true and values it cannot read, naming the setting', async () => {
    const t = await createTestApp();
    try {
      for (const value of ['true', '10.0.0.0/40', 'proxy.example']) {
        await expect(withTrustProxy(value, () => buildApp({ database: t.database }))).rejects.toThrow(
          /TRUST_PROXY/,
        );
      }
    } finally {
      await t.close();
    }
  });
});

describe('two servers on one database', () => {
  it('share the limits: attempts on either count for both', async () => {
    const first = await createTestApp({ loginRateLimit: 3, trustProxy: 1 });
    const database = openAgain(first.database);
    const second = await buildApp({ database, loginRateLimit: 3, trustProxy: 1 });
    try {
      const u = await signIn(first, 'viewer');
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 === 0 ? first.app : second;
        codes.push(
          (await login(app, u.email, 'wrong-password', { forwardedFor: `10.10.${i}.1` })).statusCode,
        );
      }
      // Each server saw three attempts; together they made the limit.
      expect(codes).toEqual([401, 401, 401, 429, 429, 429]);
      // The address limit too.
      const byAddress: number[] = [];
      for (let i = 0; i < 4; i++) {
        const app = i % 2 === 0 ? second : first.app;
        byAddress.push(
          (await login(app, `shared-${i}@test.kz`, 'wrong-password', { forwardedFor: '10.11.0.1' }))
            .statusCode,
        );
      }
      expect(byAddress).toEqual([401, 401, 401, 429]);
    } finally {
      await second.close();
      await database.close();
      await first.close();
    }
  });
});

describe('old counts are deleted', () => {
  it('by purgeLoginAttempts(db, now), and when a new window starts', async () => {
    const t = await createTestApp({ loginRateLimit: 3 });
    try {
      const now = Date.now();
      await t.database.db
        .insertInto('login_attempts')
        .values([
          { scope: 'address', key: '192.0.2.1', window_start: now - 2 * 3600_000, attempts: 5 },
          { scope: 'account', key: 'abc', window_start: now - 5 * MINUTE, attempts: 2 },
        ])
        .execute();
      await purgeLoginAttempts(t.database.db, new Date(now));
      expect((await rows(t)).map((r) => r.key)).toEqual(['abc']);
      // A whole day later the recent one goes too.
      await purgeLoginAttempts(t.database.db, new Date(now + 24 * 3600_000));
      expect(await rows(t)).toEqual([]);

      await t.database.db
        .insertInto('login_attempts')
        .values({ scope: 'address', key: '192.0.2.2', window_start: now - 3600_000, attempts: 5 })
        .execute();
      expect((await login(t.app, 'purge@test.kz', 'wrong-password')).statusCode).toBe(401);
      expect((await rows(t)).map((r) => r.key)).not.toContain('192.0.2.2');
    } finally {
      await t.close();
    }
  });
});
