// Password hashes: argon2id at OWASP's cost in production, a salt per hash, and the hashes of the
// earlier scheme (scrypt) or of a lower cost replaced at the next successful sign-in. Through HTTP.
import { randomBytes, scryptSync } from 'node:crypto';
import { parseOptions } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../src/modules/users/passwords.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
});
afterAll(async () => t.close());

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

const storedHash = async (id: number) =>
  (
    await t.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).password_hash;

async function underProduction<T>(run: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await run();
  } finally {
    process.env.NODE_ENV = before;
  }
}

/** A hash in the earlier format, `scrypt$N$r$p$salt$key` (a small N, for speed: N is read from it). */
function scryptHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

describe('new hashes', () => {
  it('are argon2id at m=19 MiB, t=2, p=1 in production, with a salt of their own', async () => {
    const [a, b] = await underProduction(() =>
      Promise.all([hashPassword('the same password'), hashPassword('the same password')]),
    );
    for (const h of [a, b] as string[]) {
      expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(parseOptions(h).saltLen).toBe(16);
      expect(await verifyPassword('the same password', h)).toBe(true);
      expect(await verifyPassword('another password', h)).toBe(false);
    }
    expect(a).not.toBe(b);
  });

  it('a user created through the API gets an argon2id hash with its own salt', async () => {
    const admin = await signIn(t, 'national_admin');
    const ids: number[] = [];
    for (const email of ['same-pw-1@test.kz', 'same-pw-2@test.kz']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email, password: 'shared-password-1', role: 'viewer' },
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const [h1, h2] = await Promise.all(ids.map(storedHash));
    expect(h1).toMatch(/^\$argon2id\$/);
    expect(h2).toMatch(/^\$argon2id\$/);
    expect(h1?.split('$')[4]).not.toBe(h2?.split('$')[4]); // the salts
    expect((await login('same-pw-2@test.kz', 'shared-password-1')).statusCode).toBe(200);
  });

  it('a malformed or unknown stored hash matches nothing', async () => {
    for (const h of ['', 'plain', '$argon2id$v=19$m=19456', 'scrypt$x$8$1$abc$def', 'bcrypt$xyz']) {
      expect(await verifyPassword('anything-at-all', h)).toBe(false);
    }
  });
});

describe('old hashes are upgraded at the next successful sign-in', () => {
  it('a scrypt hash signs in, and is replaced by argon2id; a wrong password changes nothing', async () => {
    const u = await signIn(t, 'rfo', { region: 'KZ-75' });
    const old = scryptHash(u.password);
    await t.database.db
      .updateTable('app_user')
      .set({ password_hash: old })
      .where('id', '=', u.userId)
      .execute();
    expect(needsRehash(old)).toBe(true);

    expect((await login(u.email, 'not-the-password')).statusCode).toBe(401);
    expect(await storedHash(u.userId)).toBe(old);

    expect((await login(u.email, u.password)).statusCode).toBe(200);
    const upgraded = await storedHash(u.userId);
    expect(upgraded).toMatch(/^\$argon2id\$/);
    expect(needsRehash(upgraded)).toBe(false);
    expect((await login(u.email, u.password)).statusCode).toBe(200);
    expect(await storedHash(u.userId)).toBe(upgraded); // nothing more to upgrade
  });

  it('an argon2 hash below the production cost is replaced in production, not downgraded elsewhere', async () => {
    const u = await signIn(t, 'viewer');
    const cheap = await storedHash(u.userId); // the test runner's cost
    expect(parseOptions(cheap).memoryCost).toBeLessThan(19_456);
    const strong = await underProduction(async () => {
      expect((await login(u.email, u.password)).statusCode).toBe(200);
      return storedHash(u.userId);
    });
    expect(strong).not.toBe(cheap);
    expect(parseOptions(strong)).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect((await login(u.email, u.password)).statusCode).toBe(200);
    expect(await storedHash(u.userId)).toBe(strong);
  });

  it('a disabled account is not upgraded (nor signed in)', async () => {
    const u = await signIn(t, 'viewer');
    const old = scryptHash(u.password);
    await t.database.db
      .updateTable('app_user')
      .set({ password_hash: old, disabled: 1 })
      .where('id', '=', u.userId)
      .execute();
    expect((await login(u.email, u.password)).statusCode).toBe(401);
    expect(await storedHash(u.userId)).toBe(old);
  });
});
