// npm run bench:write — signed-in writes under load: POST /api/activities from 50 concurrent clients
// (autocannon, in this process) against the real application in a child process, beside a bare
// insert route measured in the same run on the same server: a route registered only here that
// does one plain INSERT into a scratch table of the same database, behind the same session check,
// so that the difference is the record's own work (validation, organiser, submission lock, row-key
// check, aggregates, audit). Records go to the twelve months of 2025 of one region, on a database
// loaded with the demo data. Prints req/s and the p50 / p99 / max latency of both.
// SQLite always; PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, in a schema
// of its own. Goal (SQLite, 50 clients): ≥ 1,000 req/s and p99 < 100 ms.
// BENCH_SECONDS=n sets each measurement's length (10); BENCH_CPU_PROF=DIR writes the server's CPU
// profile there (node --cpu-prof), the way the per-write work was found.
import { spawn } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/users/sessions.ts';
import { buildApp } from '../src/server/app.ts';

const CLIENTS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
const GOAL = { rps: 1000, p99: 100 };
const REGION = 'KZ-75';

interface Served {
  url: string;
  headers: Record<string, string>;
}

// --- the server (child process) ------------------------------------------------------------------

async function serve(engine: 'sqlite' | 'postgres', target: string, schema?: string): Promise<void> {
  const database = engine === 'sqlite' ? openDatabase(target) : openDatabase(target, { schema });
  await migrateToLatest(database);
  await loadDemo(database);
  const db = database.db;
  const id = engine === 'sqlite' ? sql`integer primary key autoincrement` : sql`serial primary key`;
  await sql`create table bench_scratch (id ${id}, title text not null, hours real not null, at text not null)`.execute(
    db,
  );
  // Cheap scrypt settings: the bench signs in once, through a session made here, as the tests do.
  const salt = randomBytes(16);
  const key = scryptSync('bench', salt, 32, { N: 1024, r: 8, p: 1 });
  const user = await db
    .insertInto('app_user')
    .values({
      email: 'bench-rfo@test.kz',
      password_hash: `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`,
      role: 'rfo',
      region: REGION,
      organization_id: null,
      display_name: null,
      disabled: 0,
      is_demo: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await createSession(db, user.id);

  const app = await buildApp({ database });
  app.post('/bench/bare', async (request) => {
    const body = request.body as { title: string; hours: number };
    await sql`insert into bench_scratch (title, hours, at) values (${body.title}, ${body.hours}, ${new Date().toISOString()})`.execute(
      db,
    );
    return { ok: true };
  });
  // The server's CPU time, read around each load: per request it hardly depends on what else the
  // machine runs, where requests per second do.
  app.get('/bench/cpu', async () => process.cpuUsage());
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const served: Served = {
    url,
    headers: {
      cookie: `${SESSION_COOKIE}=${session.token}`,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    },
  };
  console.log(JSON.stringify(served));
  // Ends when the parent closes stdin: exiting normally lets --cpu-prof write its profile.
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
}

// --- the load (this process) ---------------------------------------------------------------------

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
}
type SetupRequest = (req: Record<string, unknown>) => Record<string, unknown>;
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; path: string; headers: Record<string, string>; setupRequest: SetupRequest }[];
}) => Promise<LoadResult>;

interface Figures {
  /** The server's CPU milliseconds per answered request. */
  cpuMs: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  non2xx: number;
  errors: number;
}

let seq = 0;
function record() {
  seq++;
  const month = String((seq % 12) + 1).padStart(2, '0');
  return JSON.stringify({
    region: REGION,
    period: `2025-${month}`,
    organization: `Bench NPO ${seq % 7}`,
    organization_type: 'npo',
    title: `Bench record ${seq}`,
    area: 'taza_alem',
    format: seq % 3 ? 'offline' : 'online',
    kind: 'event',
    start_date: `2025-${month}-10`,
    end_date: `2025-${month}-10`,
    volunteers: 5 + (seq % 20),
    hours: 10 + (seq % 40) / 4,
  });
}

async function cpuOf(served: Served): Promise<number> {
  const c = (await (await fetch(`${served.url}/bench/cpu`)).json()) as { user: number; system: number };
  return (c.user + c.system) / 1000;
}

async function load(served: Served, route: string, seconds: number): Promise<Figures> {
  const cpu0 = await cpuOf(served);
  const r = await autocannon({
    url: served.url,
    connections: CLIENTS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: route,
        headers: served.headers,
        setupRequest: (req) => ({ ...req, body: record() }),
      },
    ],
  });
  const cpu = (await cpuOf(served)) - cpu0;
  return {
    cpuMs: cpu / Math.max(1, r['2xx'] + r.non2xx),
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

async function startChild(args: string[]): Promise<{ served: Served; stop: () => Promise<void> }> {
  const prof = process.env.BENCH_CPU_PROF;
  const flags = prof ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(prof)] : [];
  const child = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', ...args],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
  });
  const closed = new Promise((resolve) => child.once('close', resolve));
  return {
    served: JSON.parse(first) as Served,
    stop: async () => {
      child.stdin.end();
      await closed;
    },
  };
}

const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
const line = (name: string, f: Figures) =>
  `  ${name.padEnd(22)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${ms(f.p50)}   p99 ${ms(f.p99)}   max ${ms(f.max)}   server CPU ${f.cpuMs.toFixed(2)} ms/req   (2xx ${f.ok}, non-2xx ${f.non2xx}, errors ${f.errors})`;

async function measure(label: string, args: string[]): Promise<Figures> {
  const { served, stop } = await startChild(args);
  try {
    // A short warm-up of each route: the organisers and the months' submissions exist afterwards.
    const probe = await fetch(`${served.url}/api/activities`, {
      method: 'POST',
      headers: served.headers,
      body: record(),
    });
    if (probe.status !== 201)
      throw new Error(`POST /api/activities answered ${probe.status}: ${await probe.text()}`);
    for (let i = 0; i < 24; i++)
      await fetch(`${served.url}/api/activities`, {
        method: 'POST',
        headers: served.headers,
        body: record(),
      });
    await load(served, '/bench/bare', 1);
    await load(served, '/api/activities', 1);
    const bare = await load(served, '/bench/bare', DURATION_S);
    const api = await load(served, '/api/activities', DURATION_S);
    console.log(`\n${label}: ${CLIENTS} clients, ${DURATION_S} s each`);
    console.log(line('POST /api/activities', api));
    console.log(line('bare insert route', bare));
    console.log(
      `  throughput ratio ${(api.rps / bare.rps).toFixed(2)}, ratio of p50s ${(api.p50 / Math.max(bare.p50, 0.001)).toFixed(1)}×, of CPU per request ${(api.cpuMs / bare.cpuMs).toFixed(1)}×`,
    );
    return api;
  } finally {
    await stop();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-write-'));
  try {
    const sqlite = await measure('SQLite', ['sqlite', path.join(dir, 'bench.db')]);
    console.log(
      `  goal ≥ ${GOAL.rps} req/s with p99 < ${GOAL.p99} ms: ${sqlite.rps >= GOAL.rps && sqlite.p99 < GOAL.p99 && sqlite.non2xx === 0 ? 'met' : 'MISSED'}`,
    );
    if (PG_URL) {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      try {
        await measure('PostgreSQL', ['postgres', PG_URL, schema]);
      } finally {
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.end();
      }
    } else {
      console.log('\n(PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL to measure it too)');
    }
    console.log(
      `\n(machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}; the load generator and the server share them)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  const [engine, target, schema] = process.argv.slice(3) as ['sqlite' | 'postgres', string, string?];
  await serve(engine, target, schema);
} else {
  await main();
}
