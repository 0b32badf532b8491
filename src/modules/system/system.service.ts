// Readiness for a load balancer: the database answers (within a few seconds) and has run every
// migration this server knows. A database that has run migrations this server does not know (a
// newer server migrated it during a rolling upgrade) is still ready: migrations add, and the old
// servers keep serving until they are replaced.
import type { Database } from '../../db/connection.ts';
import { MIGRATIONS } from '../../db/migrate.ts';
import { migrationsRun } from './system.repository.ts';

export type Readiness =
  | { ready: true; applied: number }
  | { ready: false; reason: 'database'; message: string }
  | { ready: false; reason: 'migrations'; pending: string[] };

const READY_TIMEOUT_MS = 3_000;

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function readiness(database: Database): Promise<Readiness> {
  let applied: string[];
  try {
    applied = await within(READY_TIMEOUT_MS, migrationsRun(database));
  } catch (err) {
    return { ready: false, reason: 'database', message: (err as Error).message };
  }
  const done = new Set(applied);
  const pending = Object.keys(MIGRATIONS).filter((name) => !done.has(name));
  if (pending.length) return { ready: false, reason: 'migrations', pending };
  return { ready: true, applied: applied.length };
}
