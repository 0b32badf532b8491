// npm run bench:stall — does an import stall the server? A real server (a child process, fresh
// migrated SQLite database, or PostgreSQL with BENCH_DATABASE_URL / TEST_DATABASE_URL) answers
// GET /api/health while a ~49 MB activities CSV and a ~48 MB .xlsx are imported through
// POST /api/imports/activities?dryRun=true. A client in this process asks for /api/health one
// request after another (20 ms apart) and prints the latency's p50 / p99 / max: first with no
// import (the reference, same run), then during each import, with how long the import took.
// Goal (issue 9): health under 100 ms during the import. /api/health is liveness (the event loop
// answers); /api/ready, a database round trip, is measured beside it, with the answers that were
// not 200 (on SQLite it waits for the import's transaction, which holds the one connection). The
// files are generated into bench/out/ once (BENCH_CSV_ROWS, BENCH_XLSX_ROWS change their size).
// Not a test: it prints the figures.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { ACTIVITY_COLUMNS } from '../src/domain/activity-rules.ts';

const self = fileURLToPath(import.meta.url);
const OUT = path.join(path.dirname(self), 'out');
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 335_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 640_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
const GAP_MS = 20;
const GOAL_MS = 100;

// ---------------------------------------------------------------------------------------------
// The server: this file run with `serve`, in a process of its own, so that a stalled event loop
// there does not also stall the client measuring it.

async function serve(): Promise<void> {
  const { openDatabase } = await import('../src/db/connection.ts');
  const { migrateToLatest } = await import('../src/db/migrate.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const { createSession, SESSION_COOKIE } = await import('../src/modules/users/sessions.ts');
  const url = PG_URL ?? path.join(OUT, `stall-${process.pid}.db`);
  let schema: string | undefined;
  if (PG_URL) {
    const pg = (await import('pg')).default;
    schema = `stall_${process.pid}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const database = openDatabase(url, schema ? { schema } : {});
  await migrateToLatest(database);
  const { id } = await database.db
    .insertInto('app_user')
    .values({
      email: 'bench@stall.kz',
      password_hash: 'x',
      role: 'national_admin',
      region: null,
      organization_id: null,
      display_name: null,
      disabled: 0,
      is_demo: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await createSession(database.db, id);
  const app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const headers = { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken };
  console.log(JSON.stringify({ port, headers }));
  // Ends when the parent closes stdin.
  process.stdin.resume();
  await once(process.stdin, 'end');
  await app.close();
  await database.close();
  if (PG_URL) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  } else for (const f of [url, `${url}-wal`, `${url}-shm`]) fs.rmSync(f, { force: true });
}

// ---------------------------------------------------------------------------------------------
// The files: activity rows of 2023, twenty regions, a few organisations each.

const REGIONS = ['KZ-10', 'KZ-11', 'KZ-15', 'KZ-19', 'KZ-23', 'KZ-27', 'KZ-31', 'KZ-33', 'KZ-35', 'KZ-39'];
const AREAS = ['other_social', 'umit', 'qamqor', 'taza_alem', 'culture_art', 'ayala', 'saulyq', 'bilim'];

function* rows(n: number): Generator<(string | number | null)[]> {
  for (let i = 0; i < n; i++) {
    const region = REGIONS[Math.floor((i * REGIONS.length) / n)] as string;
    const period = `2023-${String((i % 12) + 1).padStart(2, '0')}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const volunteers = 1 + (i % 40);
    yield [
      region,
      period,
      `Организация ${i % 40} (${region})`,
      'npo',
      null,
      `Мероприятие № ${i}`,
      AREAS[i % AREAS.length] as string,
      'offline',
      'event',
      `${period}-${day}`,
      `${period}-${day}`,
      volunteers,
      volunteers * (1 + (i % 8)),
      i % 3 === 0 ? Math.floor(volunteers / 3) : null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      i % 100,
      null,
      i % 10 === 0 ? `EXT-${i}` : null,
      null,
    ];
  }
}

async function writeCsv(file: string, n: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`\uFEFF${ACTIVITY_COLUMNS.join(',')}\r\n`);
  let lines: string[] = [];
  for (const r of rows(n)) {
    lines.push(r.map((c) => (c === null ? '' : String(c))).join(','));
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\r\n')}\r\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length ? `${lines.join('\r\n')}\r\n` : '');
  await once(out, 'finish');
}

async function writeXlsx(file: string, n: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = book.addWorksheet('activities');
  sheet.addRow([...ACTIVITY_COLUMNS]).commit();
  for (const r of rows(n)) sheet.addRow(r).commit();
  sheet.commit();
  await book.commit();
}

/** The file, generated once per size (kept in bench/out/ for the next run). */
async function file(kind: 'csv' | 'xlsx', n: number): Promise<string> {
  const f = path.join(OUT, `stall-${n}.${kind}`);
  if (!fs.existsSync(f)) {
    fs.mkdirSync(OUT, { recursive: true });
    const tmp = `${f}.${process.pid}`;
    console.log(`generating ${path.basename(f)} (${n.toLocaleString('en')} rows)…`);
    await (kind === 'csv' ? writeCsv(tmp, n) : writeXlsx(tmp, n));
    fs.renameSync(tmp, f);
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// The client.

interface Server {
  base: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', self, 'serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const lines = createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  const { port, headers } = JSON.parse(first) as { port: number; headers: Record<string, string> };
  return {
    base: `http://127.0.0.1:${port}`,
    headers,
    stop: async () => {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}

interface Latencies {
  count: number;
  /** Answers other than 200. */
  failed: number;
  p50: number;
  p99: number;
  max: number;
}

/** Health requests one after another, GAP_MS apart, until `until` settles (or for `ms`). */
async function pollHealth(
  server: Server,
  until: Promise<unknown>,
  route = '/api/health',
): Promise<Latencies> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  let failed = 0;
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${server.base}${route}`);
    await res.arrayBuffer();
    if (res.status !== 200) failed++;
    // A request still out when the import ends counts: it waited through the import.
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return {
    count: times.length,
    failed,
    p50: at(0.5),
    p99: at(0.99),
    max: times[times.length - 1] ?? Number.NaN,
  };
}

async function importFile(server: Server, f: string): Promise<{ status: number; ms: number; body: string }> {
  const t0 = performance.now();
  const form = new FormData();
  form.set('file', await fs.openAsBlob(f), path.basename(f));
  const res = await fetch(`${server.base}/api/imports/activities?dryRun=true`, {
    method: 'POST',
    headers: server.headers,
    body: form,
  });
  const body = await res.text();
  return { status: res.status, ms: performance.now() - t0, body };
}

const fmt = (l: Latencies) =>
  `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms (${l.count} requests` +
  `${l.failed ? `, ${l.failed} not 200` : ''})`;

async function main(): Promise<void> {
  const csv = await file('csv', CSV_ROWS);
  const xlsx = await file('xlsx', XLSX_ROWS);
  const server = await startServer();
  try {
    await pollHealth(server, new Promise((r) => setTimeout(r, 500))); // warm-up
    const quiet = new Promise((r) => setTimeout(r, 3000));
    const [idle, idleReady] = await Promise.all([
      pollHealth(server, quiet),
      pollHealth(server, quiet, '/api/ready'),
    ]);
    console.log(`database: ${PG_URL ? 'PostgreSQL' : 'SQLite'}`);
    console.log(`health, no import:         ${fmt(idle)}`);
    console.log(`  ready, no import:        ${fmt(idleReady)}`);
    for (const f of [csv, xlsx]) {
      const mb = (fs.statSync(f).size / 1024 / 1024).toFixed(1);
      const run = importFile(server, f);
      const [during, ready] = await Promise.all([
        pollHealth(server, run),
        pollHealth(server, run, '/api/ready'),
      ]);
      const r = await run;
      if (r.status !== 200) throw new Error(`import of ${f} answered ${r.status}: ${r.body.slice(0, 500)}`);
      const label = `health, ${mb} MB ${path.extname(f).slice(1)} dry run:`.padEnd(26);
      console.log(`${label} ${fmt(during)}; import ${(r.ms / 1000).toFixed(1)} s`);
      console.log(`  ready (database round trip): ${fmt(ready)}`);
      console.log(
        `  goal: health under ${GOAL_MS} ms during the import: ${during.max < GOAL_MS ? 'met' : 'NOT met'} (max)` +
          `${during.p99 < GOAL_MS ? ', met at p99' : ''}`,
      );
    }
  } finally {
    await server.stop();
  }
}

if (process.argv[2] === 'serve') await serve();
else await main();
