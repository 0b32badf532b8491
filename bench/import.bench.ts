// npm run bench:import — a synthetic activities file of 1,000,000 rows (20 regions × 12 months of
// 2023) is generated into bench/out/ (streamed), then imported by the command line itself
// (`birgemiz import activities FILE`, i.e. runImport) into a fresh, migrated SQLite database. Beside
// it: raw better-sqlite3 prepared INSERTs of the same rows, with the same row keys, into the same
// table of another fresh database in one transaction (the ceiling: no parsing, no validation, no
// upsert, no aggregates). Prints rows/s of both, their ratio, and each phase's peak RSS (each runs in
// a process of its own). Goal: ≥ 200,000 rows/s, ratio ≥ 0.15, peak RSS < 500 MB.
// With BENCH_DATABASE_URL (or TEST_DATABASE_URL) it does the same on PostgreSQL, each in a schema of
// its own, where the import loads through COPY and the raw baseline is COPY of the same rows.
// Then, on SQLite, the round trip at full size: the year exported by `birgemiz export` and imported
// again (every row unchanged). Last, on both databases, the audited update path: the same rows with
// their keys as external ids, every row's hours changed and every tenth row moved to another
// month, imported again (each record gets its field-by-field audit entries, as through the API).
// BENCH_ROWS=n changes the size. Not a test: it prints the figures.
// Each rate is also given by CPU time, which a machine busy with other work distorts far less than
// wall time. The raw baseline runs with the application's own connection settings (WAL,
// synchronous=NORMAL, the default 2 MB page cache); a 256 MB cache made it no faster. Its ceiling,
// about 100,000 rows per CPU-second on a 2-core VM, is the row itself (27 columns, ~210 bytes) and
// the table's two indexes (a unique one on a hash key, so inserted in random order): without the
// indexes it is about 1.5× faster. The import cannot beat the raw inserts it contains, so 200,000
// rows/s on SQLite needs a core about twice as fast as this one.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyValue } from '../src/db/bulk.ts';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ACTIVITY_COLUMNS, type ActivityInput } from '../src/domain/activity-rules.ts';
import { activityContent, RowKeys } from '../src/modules/imports/row-keys.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const YEAR = 2023; // all 20 units exist for the whole year
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const GOAL = { rowsPerSec: 200_000, ratio: 0.15, rssMb: 500 };

const REGIONS = [
  'KZ-10',
  'KZ-11',
  'KZ-15',
  'KZ-19',
  'KZ-23',
  'KZ-27',
  'KZ-31',
  'KZ-33',
  'KZ-35',
  'KZ-39',
  'KZ-43',
  'KZ-47',
  'KZ-55',
  'KZ-59',
  'KZ-61',
  'KZ-62',
  'KZ-63',
  'KZ-71',
  'KZ-75',
  'KZ-79',
];
const AREAS = ['other_social', 'umit', 'qamqor', 'taza_alem', 'culture_art', 'ayala', 'saulyq', 'bilim'];
const FORMATS = ['offline', 'offline', 'offline', 'online', 'auto'];
const KINDS = ['event', 'event', 'event', 'ongoing', 'development'];
const TYPES = ['npo', 'initiative_group', 'company', 'state_institution', 'front_office'];
const SUPPORT = ['recruiting', 'coverage', 'printing|vehicles'];
const ORGS_PER_REGION = 40;

// ---------------------------------------------------------------------------------------------
// The rows: deterministic, one region's month after another (as a national file is laid out).

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Cell = string | number | null;

/** Row i of the file, in ACTIVITY_COLUMNS order (null = blank cell). */
function* syntheticRows(n: number): Generator<Cell[]> {
  const r = rng(20231);
  const partitions = REGIONS.length * 12;
  let i = 0;
  for (let p = 0; p < partitions; p++) {
    const region = REGIONS[Math.floor(p / 12)] as string;
    const month = String((p % 12) + 1).padStart(2, '0');
    const period = `${YEAR}-${month}`;
    const count = Math.floor((n * (p + 1)) / partitions) - Math.floor((n * p) / partitions);
    for (let k = 0; k < count; k++, i++) {
      const org = Math.floor(r() * ORGS_PER_REGION);
      const volunteers = 1 + Math.floor(r() * 40);
      const decimal = r() < 0.2;
      const hours = decimal ? volunteers * 2 + 0.5 : volunteers * (1 + Math.floor(r() * 8));
      const child = r() < 0.3 ? Math.floor(volunteers / 3) : null;
      const silver = r() < 0.1 ? 1 : null;
      const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
      yield [
        region,
        period,
        `Организация ${org} (${region})`,
        TYPES[org % TYPES.length] as string,
        null,
        `Мероприятие № ${i}`,
        AREAS[Math.floor(r() * AREAS.length)] as string,
        FORMATS[Math.floor(r() * FORMATS.length)] as string,
        KINDS[Math.floor(r() * KINDS.length)] as string,
        `${period}-${day}`,
        `${period}-${day}`,
        volunteers,
        hours,
        child,
        null,
        null,
        null,
        silver,
        null,
        null,
        r() < 0.05 ? (SUPPORT[Math.floor(r() * SUPPORT.length)] as string) : null,
        Math.floor(r() * 100),
        r() < 0.01 ? 'paid' : null,
        r() < 0.1 ? `EXT-${i}` : null,
        null,
      ];
    }
  }
}

const col = (c: (typeof ACTIVITY_COLUMNS)[number]) => ACTIVITY_COLUMNS.indexOf(c);
const AT = {
  period: col('period'),
  start: col('start_date'),
  end: col('end_date'),
  hours: col('hours'),
  ext: col('external_id'),
};
const asInput = (r: Cell[]) =>
  Object.fromEntries(ACTIVITY_COLUMNS.map((c, i) => [c, r[i]])) as unknown as ActivityInput;

/**
 * The same rows changed, as a later file of corrections: each keyed by the key the import gave it
 * (its external id, or its content key sent back as external_id, as an export does), its hours one
 * more, and every tenth moved to the next month (the previous one for December) with its dates.
 */
function* changedRows(n: number): Generator<Cell[]> {
  const keys = new RowKeys();
  let i = 0;
  for (const r of syntheticRows(n)) {
    const v = asInput(r);
    const out = [...r];
    out[AT.ext] = v.external_id ?? keys.key(activityContent(v));
    out[AT.hours] = Number(r[AT.hours]) + 1;
    if (i++ % 10 === 0) {
      const month = Number(String(r[AT.period]).slice(5));
      const period = `${YEAR}-${String(month === 12 ? 11 : month + 1).padStart(2, '0')}`;
      out[AT.period] = period;
      out[AT.start] = `${period}${String(r[AT.start]).slice(7)}`;
      out[AT.end] = `${period}${String(r[AT.end]).slice(7)}`;
    }
    yield out;
  }
}

/** The file as an RFO would send it: `,`, UTF-8 with BOM, English codes as headers. */
async function writeCsv(file: string, n: number, rows: Iterable<Cell[]> = syntheticRows(n)): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write(`\uFEFF${ACTIVITY_COLUMNS.join(',')}\r\n`);
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(row.map((c) => (c === null ? '' : String(c))).join(','));
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\r\n')}\r\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  if (lines.length) out.write(`${lines.join('\r\n')}\r\n`);
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}

// ---------------------------------------------------------------------------------------------
// Each measured phase runs in a process of its own, so that its peak RSS is its own: the import is
// the real command line (`node bin/birgemiz.mjs import activities FILE`), the raw baseline a child
// of this script. The peak is the kernel's high-water mark of the process (VmHWM), read from /proc
// until it exits.

interface Measured {
  seconds: number;
  /** CPU seconds (user + system) of the process: on a machine busy with other work, the rate that
   * wall time gives is that of the share of the CPU the process got; CPU time is closer to what an
   * idle machine gives. */
  cpuSeconds: number;
  rssMb: number;
  stdout: string;
}

const CLK_TCK = 100; // Linux USER_HZ

/** utime + stime of a running process, in seconds (fields 14 and 15 of /proc/PID/stat). */
function cpuOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}

function measure(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    let peakKb = 0;
    let cpu = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        cpu = cpuOf(child.pid as number);
      } catch {
        // exited between two polls
      }
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited with ${code}: ${stdout}`));
      // A child that reports its own maxRSS (the raw phase) is more exact than polling.
      const own = /"maxRssMb":\s*([\d.]+)/.exec(stdout);
      // The last poll is at most 20 ms before the exit.
      resolve({ seconds, cpuSeconds: cpu, rssMb: own ? Number(own[1]) : peakKb / 1024, stdout });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Raw baselines (run as `--raw sqlite FILE` / `--raw postgres SCHEMA`): the same rows with the same
// row keys the import computes, straight into the activity table of a fresh database in one
// transaction. Only the database calls are timed; producing the values and keys is not.

const INSERT_COLUMNS = [
  'region',
  'row_key',
  'period',
  'organization_id',
  'title',
  'area',
  'format',
  'kind',
  'start_date',
  'end_date',
  'volunteers',
  'hours',
  'child',
  'inclusive',
  'corporate',
  'international',
  'silver',
  'probono',
  'general',
  'rfo_support',
  'beneficiaries',
  'excluded',
  'external_id',
  'notes',
  'import_id',
  'created_at',
  'updated_at',
];

async function* rawBatches(
  n: number,
  orgId: (region: string, name: string, type: string) => Promise<number> | number,
): AsyncGenerator<Cell[][]> {
  const now = new Date().toISOString();
  const ids = new Map<string, number>();
  const keys = new RowKeys();
  let batch: Cell[][] = [];
  for (const r of syntheticRows(n)) {
    const v = asInput(r);
    const orgKey = `${v.region}|${v.organization}`;
    let id = ids.get(orgKey);
    if (id === undefined) {
      id = await orgId(v.region, v.organization, v.organization_type);
      ids.set(orgKey, id);
    }
    const key = v.external_id ?? keys.key(activityContent(v));
    batch.push([
      v.region,
      key,
      v.period,
      id,
      v.title,
      v.area,
      v.format,
      v.kind,
      v.start_date,
      v.end_date,
      v.volunteers,
      v.hours,
      v.child,
      v.inclusive,
      v.corporate,
      v.international,
      v.silver,
      v.probono,
      v.general,
      v.rfo_support,
      v.beneficiaries,
      v.excluded,
      v.external_id,
      v.notes,
      null,
      now,
      now,
    ]);
    if (batch.length === 10_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function rawSqlite(file: string, n: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const database = openDatabase(file);
  const sqlite = database.sqlite as NonNullable<Database['sqlite']>;
  const now = new Date().toISOString();
  const insOrg = sqlite.prepare(
    'insert into organization (name, name_key, type, bin, region, created_at) values (?, ?, ?, null, ?, ?)',
  );
  const ins = sqlite.prepare(
    `insert into activity (${INSERT_COLUMNS.join(', ')}) values (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  let seconds = 0;
  let cpu = 0;
  const cpuSince = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  sqlite.exec('BEGIN');
  for await (const batch of rawBatches(n, (region, name, type) =>
    Number(insOrg.run(name, name.toLowerCase(), type, region, now).lastInsertRowid),
  )) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const row of batch) ins.run(row);
    cpu += cpuSince(c0);
    seconds += (performance.now() - t0) / 1000;
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  sqlite.exec('COMMIT');
  cpu += cpuSince(c0);
  seconds += (performance.now() - t0) / 1000;
  await database.close();
  return { seconds, cpuSeconds: cpu };
}

async function rawPostgres(
  url: string,
  schema: string,
  n: number,
): Promise<{ seconds: number; cpuSeconds: number | null }> {
  const database = openDatabase(url, { schema });
  const client = await (database.pool as pg.Pool).connect();
  const now = new Date().toISOString();
  let seconds = 0;
  try {
    await client.query('BEGIN');
    for await (const batch of rawBatches(n, async (region, name, type) => {
      const r = await client.query<{ id: number }>(
        'insert into organization (name, name_key, type, bin, region, created_at) values ($1, $2, $3, null, $4, $5) returning id',
        [name, name.toLowerCase(), type, region, now],
      );
      return (r.rows[0] as { id: number }).id;
    })) {
      const text = batch.map((row) => `${row.map(copyValue).join('\t')}\n`).join('');
      const t0 = performance.now();
      await pipeline(
        Readable.from([text]),
        client.query(copyFrom(`COPY activity (${INSERT_COLUMNS.join(', ')}) FROM STDIN`)),
      );
      seconds += (performance.now() - t0) / 1000;
    }
    const t0 = performance.now();
    await client.query('COMMIT');
    seconds += (performance.now() - t0) / 1000;
  } finally {
    client.release();
    await database.close();
  }
  // The work is the server's, in other processes: no CPU figure of this one says what it cost.
  return { seconds, cpuSeconds: null };
}

// ---------------------------------------------------------------------------------------------

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const ROOT = path.join(OUT, '..', '..');

async function freshSqlite(file: string) {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  const database = openDatabase(file);
  await migrateToLatest(database);
  await database.close();
}

async function freshSchema(url: string): Promise<string> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase(url, { schema });
  await migrateToLatest(database);
  await database.close();
  return schema;
}

async function dropSchemas(url: string, schemas: string[]) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const s of schemas) await admin.query(`drop schema if exists ${s} cascade`);
  await admin.end();
}

/** `birgemiz import activities FILE --json`, as an operator runs it. */
async function cliImport(csv: string, env: Record<string, string>): Promise<Measured> {
  const m = await measure(
    [path.join(ROOT, 'bin', 'birgemiz.mjs'), 'import', 'activities', csv, '--json'],
    env,
  );
  const result = JSON.parse(m.stdout) as { inserted: number };
  if (result.inserted !== ROWS) throw new Error(`expected ${ROWS} inserted rows, got ${m.stdout}`);
  return m;
}

async function rawChild(engine: 'sqlite' | 'postgres', target: string, env: Record<string, string> = {}) {
  const m = await measure(['--import', 'tsx', fileURLToPath(import.meta.url), '--raw', engine, target], env);
  const { seconds, cpuSeconds } = JSON.parse(m.stdout) as { seconds: number; cpuSeconds: number | null };
  return { seconds, cpuSeconds, rssMb: m.rssMb };
}

function report(
  engine: string,
  imp: Measured,
  raw: { seconds: number; cpuSeconds: number | null; rssMb: number },
  rawWhat: string,
) {
  const importRate = ROWS / imp.seconds;
  const rawRate = ROWS / raw.seconds;
  const ratio = importRate / rawRate;
  const mark = (ok: boolean) => (ok ? 'ok' : 'BELOW GOAL');
  console.log(`\n${engine}: ${fmt(ROWS)} rows`);
  console.log(
    `  import (birgemiz import, whole command): ${imp.seconds.toFixed(1)} s  ${fmt(importRate)} rows/s  [goal ≥ ${fmt(GOAL.rowsPerSec)}: ${mark(importRate >= GOAL.rowsPerSec)}]`,
  );
  console.log(`  ${rawWhat}: ${raw.seconds.toFixed(1)} s  ${fmt(rawRate)} rows/s`);
  console.log(
    `  ratio import / raw: ${ratio.toFixed(3)}  [goal ≥ ${GOAL.ratio}: ${mark(ratio >= GOAL.ratio)}]`,
  );
  if (engine === 'SQLite' && raw.cpuSeconds) {
    // Both in CPU time (the import's whole process, start-up included; the raw inserts' own):
    // what the rates would be with a core to each, whatever else the machine is running.
    const cpuImport = ROWS / imp.cpuSeconds;
    const cpuRaw = ROWS / raw.cpuSeconds;
    console.log(
      `  by CPU time: import ${imp.cpuSeconds.toFixed(1)} s = ${fmt(cpuImport)} rows per CPU-second, raw ${raw.cpuSeconds.toFixed(1)} s = ${fmt(cpuRaw)}; ratio ${(cpuImport / cpuRaw).toFixed(3)}`,
    );
  } else
    console.log(
      `  import CPU time (this process; the database server's not counted): ${imp.cpuSeconds.toFixed(1)} s`,
    );
  console.log(
    `  peak RSS: import ${fmt(imp.rssMb)} MB [goal < ${GOAL.rssMb}: ${mark(imp.rssMb < GOAL.rssMb)}], raw ${fmt(raw.rssMb)} MB`,
  );
}

/**
 * The round trip at full size: `birgemiz export` of the imported year (streamed), then the export
 * imported again into the same database, where every row comes back by its key (0 inserted, 0
 * updated): the update path of the import, with an external id on every row.
 */
async function roundTrip(db: string) {
  const file = path.join(OUT, `export-${ROWS}.csv`);
  const cli = path.join(ROOT, 'bin', 'birgemiz.mjs');
  const exp = await measure([cli, 'export', 'activities', '--year', String(YEAR), '--out', file], {
    DATABASE_URL: db,
  });
  const again = await measure([cli, 'import', 'activities', file, '--json'], { DATABASE_URL: db });
  const r = JSON.parse(again.stdout) as { inserted: number; updated: number; unchanged: number };
  if (r.inserted !== 0 || r.updated !== 0 || r.unchanged !== ROWS)
    throw new Error(`the re-imported export changed rows: ${again.stdout}`);
  console.log(
    `  export (birgemiz export, CSV): ${exp.seconds.toFixed(1)} s  ${fmt(ROWS / exp.seconds)} rows/s, peak RSS ${fmt(exp.rssMb)} MB`,
  );
  console.log(
    `  re-import of the export (all unchanged): ${again.seconds.toFixed(1)} s  ${fmt(ROWS / again.seconds)} rows/s, peak RSS ${fmt(again.rssMb)} MB`,
  );
  fs.rmSync(file, { force: true });
}

/**
 * The audited update path: the changed rows (changedRows) imported into the database the first
 * import filled. Every record is updated, a tenth of them moved: each gets its audit entries (hours;
 * period and dates for the moved ones), beside the first import's rate, measured in the same run.
 */
async function changedImport(engine: string, csv: string, env: Record<string, string>, first: Measured) {
  const m = await measure(
    [path.join(ROOT, 'bin', 'birgemiz.mjs'), 'import', 'activities', csv, '--json'],
    env,
  );
  const r = JSON.parse(m.stdout) as { inserted: number; updated: number };
  if (r.inserted !== 0 || r.updated !== ROWS)
    throw new Error(`expected ${ROWS} updated rows, got ${m.stdout}`);
  const entries = Math.round(ROWS * 1.3); // hours for each record, period and dates for a tenth
  console.log(
    `  ${engine} re-import, every row changed (a tenth moved; ~${fmt(entries)} audit entries): ${m.seconds.toFixed(1)} s  ${fmt(ROWS / m.seconds)} rows/s` +
      ` (first import ${fmt(ROWS / first.seconds)} rows/s), ${m.cpuSeconds.toFixed(1)} CPU-s, peak RSS ${fmt(m.rssMb)} MB`,
  );
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const csv = path.join(OUT, `activities-${ROWS}.csv`);
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
  const t0 = performance.now();
  const size = await writeCsv(csv, ROWS);
  console.log(
    `Generated ${path.relative(process.cwd(), csv)}: ${fmt(ROWS)} rows, ${(size / 1024 / 1024).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const changedCsv = path.join(OUT, `activities-${ROWS}-changed.csv`);
  await writeCsv(changedCsv, ROWS, changedRows(ROWS));

  const importDb = path.join(OUT, 'import.db');
  const rawDb = path.join(OUT, 'raw.db');
  await freshSqlite(importDb);
  await freshSqlite(rawDb);
  // What the command costs before it reads a row (loading its modules), for reading the figures.
  const startup = await measure([path.join(ROOT, 'bin', 'birgemiz.mjs'), '--help']);
  console.log(
    `Command start-up (birgemiz --help): ${startup.seconds.toFixed(1)} s (${startup.cpuSeconds.toFixed(1)} CPU-s), included in the import times`,
  );
  const imp = await cliImport(csv, { DATABASE_URL: importDb });
  const raw = await rawChild('sqlite', rawDb);
  report('SQLite', imp, raw, 'raw better-sqlite3 prepared INSERTs, same rows and keys');
  await roundTrip(importDb);
  await changedImport('SQLite', changedCsv, { DATABASE_URL: importDb }, imp);
  for (const f of [importDb, rawDb]) for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });

  if (PG_URL) {
    const schemas = [await freshSchema(PG_URL), await freshSchema(PG_URL)];
    const env = (schema: string) => ({ DATABASE_URL: PG_URL, PGOPTIONS: `-c search_path=${schema}` });
    try {
      const pgImp = await cliImport(csv, env(schemas[0] as string));
      const pgRaw = await rawChild('postgres', schemas[1] as string, { BENCH_DATABASE_URL: PG_URL });
      report('PostgreSQL', pgImp, pgRaw, 'raw COPY of the same rows and keys');
      await changedImport('PostgreSQL', changedCsv, env(schemas[0] as string), pgImp);
    } finally {
      await dropSchemas(PG_URL, schemas);
    }
  }
  fs.rmSync(changedCsv, { force: true });
}

const rawAt = process.argv.indexOf('--raw');
if (rawAt >= 0) {
  // A raw phase in its own process: prints its time and its own peak RSS as JSON.
  const engine = process.argv[rawAt + 1];
  const target = process.argv[rawAt + 2] as string;
  const { seconds, cpuSeconds } =
    engine === 'postgres' ? await rawPostgres(PG_URL as string, target, ROWS) : await rawSqlite(target, ROWS);
  console.log(JSON.stringify({ seconds, cpuSeconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else await main();
