// Password hashes: argon2id (@node-rs/argon2, in the PHC string format `$argon2id$v=19$m=…,t=…,p=…$salt$hash`)
// at OWASP's recommended minimum, m=19 MiB, t=2, p=1, with a random salt per hash. Hashes of the
// earlier format (scrypt N=2^15, below that guidance) are still verified, and replaced at the next
// successful sign-in (users.service.ts authenticate), as are argon2 hashes weaker than the settings.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';

export interface HashCost {
  /** Memory in KiB. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const PRODUCTION_COST: HashCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// Under the test runner (Vitest sets NODE_ENV=test) hashes are cheap, so that the thousands of
// accounts the tests create and sign in with cost nothing; everywhere else, the production cost.
const TEST_COST: HashCost = { memoryCost: 256, timeCost: 1, parallelism: 1 };

/** The cost new hashes get; read on every call, so that a test can switch NODE_ENV. */
export const currentCost = (): HashCost => (process.env.NODE_ENV === 'test' ? TEST_COST : PRODUCTION_COST);

export function hashPassword(password: string, cost: HashCost = currentCost()): Promise<string> {
  // The algorithm defaults to argon2id; the salt is 16 random bytes drawn for every hash.
  return hash(password, { ...cost, outputLen: 32 });
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await verify(stored, password);
    } catch {
      return false; // a malformed hash matches nothing
    }
  }
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  return false;
}

/** Whether a stored hash is of an older scheme or weaker than the current cost (then rehash it). */
export function needsRehash(stored: string, cost: HashCost = currentCost()): boolean {
  if (!stored.startsWith('$argon2id$')) return true;
  try {
    const o = parseOptions(stored);
    return o.memoryCost < cost.memoryCost || o.timeCost < cost.timeCost || o.saltLen < 16;
  } catch {
    return true;
  }
}

// --- the earlier format: scrypt$N$r$p$salt$key -----------------------------------------------------

function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, key] = stored.split('$');
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (!salt || !key || !Number.isInteger(N) || !Number.isInteger(R) || !Number.isInteger(P)) {
    return Promise.resolve(false);
  }
  const expected = Buffer.from(key, 'base64url');
  return new Promise((resolve) =>
    scrypt(
      password,
      Buffer.from(salt, 'base64url'),
      expected.length,
      { N, r: R, p: P, maxmem: 256 * N * R },
      (err, actual) =>
        resolve(!err && actual.length === expected.length && timingSafeEqual(actual, expected)),
    ),
  );
}

/** A random password's hash: checked against when an email is unknown, so both take as long. */
export const randomPasswordHash = () => hashPassword(randomBytes(16).toString('hex'));

/** Rules for a new password: long enough to resist guessing, short enough to hash quickly. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `at most ${PASSWORD_MAX} characters`;
  return null;
}
