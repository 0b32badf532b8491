// Starts the server: opens (and creates) the database, migrates it, loads the demo data into an
// empty database, builds the web application if needed, and listens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { assertNoDemoAccountsInProduction, loadDemoIfEmpty } from '../modules/demo/demo.service.ts';
import { removeUploadLeftovers } from '../modules/imports/uploads.ts';
import { ensureWebBuild } from '../web-build.ts';
import { buildApp } from './app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

await removeUploadLeftovers();
const database = openDatabase();
await migrateToLatest(database);
if (process.env.NODE_ENV !== 'production' && (await loadDemoIfEmpty(database))) {
  console.log('Empty database: loaded the 2022 demo dataset (demo accounts are listed in the README).');
}
await assertNoDemoAccountsInProduction(database);
const webRoot = await ensureWebBuild(root);
const app = await buildApp({ database, logger: { level: process.env.LOG_LEVEL ?? 'info' }, webRoot });
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
await app.listen({ port, host });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => database.close());
  });
}
