// Starts the server: opens (and creates) the database, migrates it, loads the demo data into an
// empty database, builds the web application if needed, listens, and runs the scheduled jobs.
// On SIGTERM or SIGINT it stops gracefully: no new connections, the requests in flight and the job
// running now finish, the database closes, exit 0 — or exit 1 when that takes longer than
// SHUTDOWN_TIMEOUT_MS (10 s by default), so that a stuck request cannot hold a deployment.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { assertNoDemoAccountsInProduction, loadDemoIfEmpty } from '../modules/demo/demo.service.ts';
import { removeUploadLeftovers } from '../modules/imports/uploads.ts';
import { JobRunner } from '../modules/jobs/jobs.service.ts';
import { SCHEDULED_JOBS } from '../modules/jobs/scheduled.ts';
import { smtpSettings } from '../modules/outbox/outbox.service.ts';
import { iinHashKey } from '../modules/volunteers/volunteers.service.ts';
import { ensureWebBuild } from '../web-build.ts';
import { buildApp } from './app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function millis(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of milliseconds (got ${raw})`);
  return n;
}

const shutdownTimeoutMs = millis('SHUTDOWN_TIMEOUT_MS', 10_000);
const jobsPollMs = millis('JOBS_POLL_MS', 60_000);
// A malformed SMTP_URL stops the start with its message, rather than failing every delivery later.
smtpSettings();
// In production IIN_HASH_KEY must be set (not the development default): without it, registrations
// giving an IIN are refused (503 iin_key_missing); said once at start.
try {
  iinHashKey();
} catch (err) {
  console.warn(`${(err as Error).message}: volunteer registrations with an IIN are refused until it is set`);
}

await removeUploadLeftovers();
const database = openDatabase();
await migrateToLatest(database);
if (process.env.NODE_ENV !== 'production' && (await loadDemoIfEmpty(database))) {
  console.log('Empty database: loaded the 2022 demo dataset (demo accounts are listed in the README).');
}
await assertNoDemoAccountsInProduction(database);
const webRoot = await ensureWebBuild(root);
const app = await buildApp({ database, logger: { level: process.env.LOG_LEVEL ?? 'info' }, webRoot });
const jobs = new JobRunner(database, SCHEDULED_JOBS, { pollMs: jobsPollMs, log: app.log });
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const address = await app.listen({ port, host });
// One plain line whatever LOG_LEVEL says (PORT=0 picks a free port: this tells which).
console.log(`Birgemiz listening on ${address}`);
// Once: a second signal during the shutdown ends the process at once (the default action).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));
// Started after the handlers: a shutdown before the first poll stops it before it runs anything.
void jobs.start();

async function shutdown(signal: string): Promise<void> {
  app.log.info({ signal }, 'shutting down: finishing the requests in flight and the running job');
  const timer = setTimeout(() => {
    app.log.error({ timeoutMs: shutdownTimeoutMs }, 'shutdown timed out: exiting with work unfinished');
    process.exit(1);
  }, shutdownTimeoutMs);
  try {
    // app.close() stops accepting at once, answers 503 to new requests on open connections, and
    // resolves when the requests in flight have been answered.
    await Promise.all([app.close(), jobs.stop()]);
    await database.close();
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
  clearTimeout(timer);
  app.log.info('shut down');
  process.exit(0);
}
