// npm run bench:documents — the public dashboard while anonymous clients ask for the annual report
// as a .docx, the heaviest document (issue 9, defect 5: ten such clients took the dashboard from
// ~9,700 to 61 requests/s when every request rebuilt the document). The server runs in this process
// on a temporary SQLite database with the demo data (2022); autocannon runs in child processes.
// In one run, each phase BENCH_SECONDS (default 10) long:
//  1. the time of one .docx build (the cost every request paid before documents were cached);
//  2. GET /api/dashboard?year=2022 alone, 50 connections: the reference;
//  3. the same while 10 more connections ask for the same .docx over and over: built once for the
//     data version, then served from the cache;
//  4. the same while 10 connections ask for a new .docx each time (another FTE norm per request):
//     the builds beyond the anonymous allowance per address are refused with 429, those beyond a
//     short queue with 503.
// It prints the dashboard's throughput in 3 and 4 beside 2. Not a test: it prints figures.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { DOCUMENT_BUILDS } from '../src/modules/reports/build-limit.ts';
import { buildApp } from '../src/server/app.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const DASHBOARD = '/api/dashboard?year=2022';
const DOCX = '/api/reports/annual/2022.docx?lang=ru';

interface Load {
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** The child: autocannon against `url`; with `vary`, each request asks for another .docx. */
async function child(url: string, connections: number, vary: boolean): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as (opts: object) => Promise<any>;
  let n = 0; // a distinct FTE norm per request (thousandths of an hour): never a cached document
  const r = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: [
      {
        setupRequest: (req: { path: string }) =>
          vary
            ? {
                ...req,
                path: `/api/reports/annual/2022.docx?lang=ru&fteHours=${1000 + (n++ % 7_000_000) / 1000}`,
              }
            : req,
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statuses[k] = (v as { count: number }).count;
  const out: Load = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, statuses };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function load(url: string, connections: number, vary = false): Promise<Load> {
  const script = fileURLToPath(import.meta.url);
  const c = spawn(
    process.execPath,
    ['--import', 'tsx', script, '--load', url, String(connections), vary ? 'vary' : 'same'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  c.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) =>
    c.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() as string))
        : reject(new Error(`load ${code}`)),
    ),
  );
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const line = (what: string, l: Load) =>
  `  ${what.padEnd(44)} ${fmt(l.rps).padStart(7)} req/s  median ${l.p50} ms  p99 ${l.p99} ms  ${Object.entries(
    l.statuses,
  )
    .map(([s, c]) => `${s}×${fmt(c)}`)
    .join(' ')}`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-documents-'));
  const database = openDatabase(path.join(dir, 'bench.db'));
  await migrateToLatest(database);
  await loadDemo(database);
  const app = await buildApp({ database });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(
    `Node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), shared by server and clients`,
  );
  console.log(`Server ${base}, demo data (2022); ${DURATION_S} s per phase\n`);

  // 1. One build, in the server's process, of documents no one asked for yet (signed-in builds
  //    would be counted the same way; these come from other addresses than the load's).
  const builds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = await app.inject({ url: `${DOCX}&fteHours=${900 + i}`, remoteAddress: `192.0.2.${i + 1}` });
    if (r.statusCode !== 200 || r.headers['x-cache'] !== 'miss') throw new Error(`build ${r.statusCode}`);
    builds.push(performance.now() - t0);
  }
  const sorted = [...builds].sort((a, b) => a - b);
  console.log(
    `One .docx build (annual 2022, ru): median ${sorted[2]?.toFixed(0)} ms of 5 (first ${builds[0]?.toFixed(0)} ms, modules loading)`,
  );
  console.log(
    `  i.e. at most ~${fmt(1000 / (sorted[2] ?? 1))} documents/s for the whole server when each request builds one\n`,
  );

  await fetch(`${base}${DASHBOARD}`);
  await fetch(`${base}${DOCX}`);
  console.log('GET /api/dashboard?year=2022 with 50 connections:');
  const alone = await load(`${base}${DASHBOARD}`, 50);
  console.log(line('alone (reference)', alone));

  const [withSame, same] = await Promise.all([load(`${base}${DASHBOARD}`, 50), load(`${base}${DOCX}`, 10)]);
  console.log(line('beside 10 clients on the same .docx', withSame));
  console.log(line('  the .docx (cached per data version)', same));

  const [withNew, fresh] = await Promise.all([
    load(`${base}${DASHBOARD}`, 50),
    load(`${base}${DOCX}`, 10, true),
  ]);
  console.log(line('beside 10 clients on a new .docx each time', withNew));
  console.log(line(`  the .docx (${DOCUMENT_BUILDS.anonymous} units per address, a build 4)`, fresh));

  console.log(
    `\nDashboard throughput kept under document load: ${(withSame.rps / alone.rps).toFixed(2)} (same .docx), ${(withNew.rps / alone.rps).toFixed(2)} (new .docx each time); when every request rebuilt the .docx: 61 of ~9,700 req/s (0.006, issue 9). The load generators share the cores with the server: a busy machine lowers these ratios.`,
  );
  await app.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const at = process.argv.indexOf('--load');
if (at >= 0) {
  const [url, connections, mode] = process.argv.slice(at + 1);
  await child(url as string, Number(connections), mode === 'vary');
} else {
  await main();
}
