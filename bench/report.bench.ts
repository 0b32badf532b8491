// npm run bench:report — the annual report JSON on synthetic national data of 200,000 and 2,000,000
// activity records (20 regions × 12 months, SQLite), median of 10 computations at each size, beside
// DuckDB computing the same main sections (hours by area, region, format, kind; cohorts; region ×
// area events) from the raw records. Goal: < 100 ms at 2M, ≤ 1.5× the time at 200k (flat), and not
// slower than DuckDB's full scan. Not a test: it prints the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { rebuildAllAggregates } from '../src/modules/aggregates/aggregates.service.ts';
import { buildAnnualReport } from '../src/modules/reports/annual.service.ts';

const YEAR = 2023; // all 20 units exist for the whole year
const RUNS = 10;
const SIZES = (process.env.BENCH_SIZES ?? '200000,2000000').split(',').map(Number);

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
const AREAS = [
  'other_social',
  'umit',
  'qamqor',
  'taza_alem',
  'culture_art',
  'ayala',
  'sabaqtastyq',
  'saulyq',
  'bilim',
  'asyl_mura',
  'media',
];
const AREA_W = [38, 29, 14, 10, 4.5, 2.6, 0.6, 0.5, 0.4, 0.3, 0.1];
const FORMATS = ['offline', 'online', 'auto'];
const FORMAT_W = [85, 12, 3];
const KINDS = ['event', 'ongoing', 'development'];
const KIND_W = [80, 15, 5];
const TYPES = ['npo', 'initiative_group', 'company', 'state_institution', 'front_office'];
const SUPPORT = [
  'recruiting',
  'coverage',
  'organizational',
  'fundraising',
  'vehicles',
  'inventory',
  'printing',
];
const REASONS = ['compulsory', 'paid', 'political', 'religious', 'spectators', 'charity_only', 'commercial'];
const ORGS_PER_REGION = 25;

// A small deterministic generator, so both engines see the same records.
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
function weighted(r: () => number, items: string[], w: number[]): string {
  const total = w.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= w[i] as number;
    if (x <= 0) return items[i] as string;
  }
  return items[items.length - 1] as string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function runSize(n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-bench-report-'));
  const file = path.join(dir, 'bench.db');
  const csv = path.join(dir, 'activity.csv');
  const database = openDatabase(file);
  await migrateToLatest(database);
  const sqlite = database.sqlite;
  if (!sqlite) throw new Error('SQLite expected');
  const now = new Date().toISOString();

  // Reference data of the bench year: wages copied from 2022 (the only year the migration ships).
  sqlite.exec(`insert into wage (region, activity, year, monthly_wage_kzt, source)
               select region, activity, ${YEAR}, monthly_wage_kzt, source || ' (bench: 2022 copied)' from wage where year = 2022`);

  const orgIds: { id: number; type: string }[][] = [];
  const insOrg = sqlite.prepare(
    'insert into organization (name, name_key, type, bin, region, created_at) values (?, ?, ?, null, ?, ?)',
  );
  const insSub = sqlite.prepare(
    `insert into submission (region, period, status, version, deadline, submitted_at, created_at, updated_at)
     values (?, ?, 'accepted', 1, ?, ?, ?, ?)`,
  );
  const insStat = sqlite.prepare(
    'insert into volunteer_stat (region, period, dimension, category, volunteers, illustrative, updated_at) values (?, ?, ?, ?, ?, 1, ?)',
  );
  const insOrgCount = sqlite.prepare(
    'insert into org_count (region, period, npo, initiative_groups, illustrative, updated_at) values (?, ?, ?, ?, 1, ?)',
  );
  const insAct = sqlite.prepare(
    `insert into activity (region, period, organization_id, title, area, format, kind, start_date, end_date,
       volunteers, hours, child, inclusive, corporate, international, silver, probono, general,
       rfo_support, beneficiaries, excluded, external_id, row_key, notes, import_id, illustrative, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, ?, null, null, ?, ?, ?, null, ?, null, null, 1, 1, ?, ?)`,
  );
  const r = rng(n);
  const out = fs.openSync(csv, 'w');
  fs.writeSync(
    out,
    'region,period,org_type,area,format,kind,volunteers,hours,child,silver,beneficiaries,excluded\n',
  );
  const t0 = performance.now();
  sqlite.transaction(() => {
    for (const region of REGIONS) {
      const list: { id: number; type: string }[] = [];
      for (let i = 0; i < ORGS_PER_REGION; i++) {
        const type = TYPES[i % TYPES.length] as string;
        const name = `${region} organisation ${i}`;
        list.push({
          id: Number(insOrg.run(name, name.toLowerCase(), type, region, now).lastInsertRowid),
          type,
        });
      }
      orgIds.push(list);
      for (let m = 1; m <= 12; m++) {
        const period = `${YEAR}-${String(m).padStart(2, '0')}`;
        insSub.run(region, period, `${period}-28`, `${period}-27T10:00:00Z`, now, now);
      }
      insSub.run(region, String(YEAR), `${YEAR + 1}-01-10`, `${YEAR + 1}-01-05T10:00:00Z`, now, now);
      const total = 1000 + Math.floor(r() * 20000);
      const male = Math.floor(total * (0.4 + r() * 0.2));
      insStat.run(region, String(YEAR), 'total', '', total, now);
      insStat.run(region, String(YEAR), 'gender', 'male', male, now);
      insStat.run(region, String(YEAR), 'gender', 'female', total - male, now);
      insOrgCount.run(region, String(YEAR), 10 + Math.floor(r() * 50), 20 + Math.floor(r() * 150), now);
    }
    let buf = '';
    for (let i = 0; i < n; i++) {
      const ri = Math.floor(r() * REGIONS.length);
      const region = REGIONS[ri] as string;
      const m = 1 + Math.floor(r() * 12);
      const period = `${YEAR}-${String(m).padStart(2, '0')}`;
      const org = (orgIds[ri] as { id: number; type: string }[])[Math.floor(r() * ORGS_PER_REGION)] as {
        id: number;
        type: string;
      };
      const area = weighted(r, AREAS, AREA_W);
      const format = weighted(r, FORMATS, FORMAT_W);
      const kind = weighted(r, KINDS, KIND_W);
      const volunteers = 1 + Math.floor(r() * 40);
      const hours = volunteers * (1 + Math.floor(r() * 8));
      const child = r() < 0.3 ? Math.floor(volunteers / 3) : null;
      const silver = r() < 0.1 ? 1 : null;
      const support = r() < 0.05 ? `${SUPPORT[Math.floor(r() * SUPPORT.length)]}` : null;
      const excluded = r() < 0.01 ? (REASONS[Math.floor(r() * REASONS.length)] as string) : null;
      const beneficiaries = Math.floor(r() * 100);
      const day = `${period}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      insAct.run(
        region,
        period,
        org.id,
        `Event ${i}`,
        area,
        format,
        kind,
        day,
        day,
        volunteers,
        hours,
        child,
        silver,
        support,
        beneficiaries,
        excluded,
        `r${i}`,
        now,
        now,
      );
      buf += `${region},${period},${org.type},${area},${format},${kind},${volunteers},${hours},${child ?? ''},${silver ?? ''},${beneficiaries},${excluded ?? ''}\n`;
      if (buf.length > 1 << 20) {
        fs.writeSync(out, buf);
        buf = '';
      }
    }
    fs.writeSync(out, buf);
  })();
  fs.closeSync(out);
  const tInsert = performance.now() - t0;
  const t1 = performance.now();
  await database.db.transaction().execute((trx) => rebuildAllAggregates(trx));
  const tAgg = performance.now() - t1;
  sqlite.exec('analyze');
  const aggRows = (sqlite.prepare('select count(*) as n from agg_activity').get() as { n: number }).n;
  const areaRows = (sqlite.prepare('select count(*) as n from agg_area').get() as { n: number }).n;

  const report = await buildAnnualReport(database.db, YEAR, { lang: 'en', provisional: false, map: 'year' });
  const sqliteMs = await timeIt(() =>
    buildAnnualReport(database.db, YEAR, { lang: 'en', provisional: false, map: 'year' }),
  );

  // The HTML page with all its charts (ECharts SSR to inline SVG), from the data to the bytes.
  const { renderAnnualHtml } = await import('../src/modules/reports/render/index.ts');
  const htmlMs = await timeIt(async () =>
    renderAnnualHtml(
      await buildAnnualReport(database.db, YEAR, { lang: 'ru', provisional: false, map: 'year' }),
    ),
  );

  // DuckDB: the same records, the same main sections computed by full scans of the raw records.
  const duck = await DuckDBInstance.create(':memory:');
  const con = await duck.connect();
  await con.run(
    `create table activity as select * from read_csv('${csv}', header = true, columns = {
       'region': 'VARCHAR', 'period': 'VARCHAR', 'org_type': 'VARCHAR', 'area': 'VARCHAR', 'format': 'VARCHAR',
       'kind': 'VARCHAR', 'volunteers': 'INTEGER', 'hours': 'DOUBLE', 'child': 'INTEGER', 'silver': 'INTEGER',
       'beneficiaries': 'INTEGER', 'excluded': 'VARCHAR'})`,
  );
  await con.run(
    `create table submission as select * from (values ${REGIONS.flatMap((rg) =>
      Array.from(
        { length: 12 },
        (_, i) => `('${rg}', '${YEAR}-${String(i + 1).padStart(2, '0')}', 'accepted')`,
      ),
    ).join(',')}) t(region, period, status)`,
  );
  const base = `from activity a join submission s on s.region = a.region and s.period = a.period
                where s.status = 'accepted' and a.excluded is null and a.period between '${YEAR}-01' and '${YEAR}-12'`;
  const duckQueries = [
    `select area, sum(hours) h, count(*) e ${base} group by area`,
    `select a.region, sum(hours) h, count(*) e, sum(volunteers) v, sum(beneficiaries) b ${base} group by a.region`,
    `select format, count(*) e, sum(hours) h ${base} group by format`,
    `select kind, count(*) e, sum(hours) h ${base} group by kind`,
    `select sum(coalesce(child, 0)) c, sum(coalesce(silver, 0)) s, sum(volunteers) v ${base}`,
    `select a.region, area, count(*) e, sum(hours) h ${base} group by a.region, area`,
    `select a.region, a.period, sum(hours) h, sum(volunteers) v ${base} group by a.region, a.period`,
  ];
  const duckMs = await timeIt(async () => {
    for (const q of duckQueries) await con.runAndReadAll(q);
  });
  const check = await con.runAndReadAll(`select sum(hours) h ${base}`);
  const duckHours = Number(check.getRowObjects()[0]?.h);
  con.closeSync();
  await database.close();
  if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  return {
    n,
    tInsert,
    tAgg,
    aggRows,
    areaRows,
    sqliteMs,
    htmlMs,
    duckMs,
    hoursMatch: duckHours === report.totals.hours,
  };
}

const results = [];
for (const n of SIZES) {
  const res = await runSize(n);
  results.push(res);
  console.log(
    `${n.toLocaleString('en-US').padStart(10)} records: load ${(res.tInsert / 1000).toFixed(1)} s, aggregates rebuilt in ${(res.tAgg / 1000).toFixed(1)} s (${res.aggRows.toLocaleString('en-US')} agg_activity rows; the reports read ${res.areaRows.toLocaleString('en-US')} agg_area rows)`,
  );
  console.log(
    `            annual report JSON (SQLite, aggregates): median ${res.sqliteMs.toFixed(1)} ms | DuckDB full scan of the same sections: median ${res.duckMs.toFixed(1)} ms | ratio SQLite/DuckDB ${(res.sqliteMs / res.duckMs).toFixed(2)} | same total hours: ${res.hoursMatch}`,
  );
  console.log(
    `            annual report HTML with all charts (ru): median ${res.htmlMs.toFixed(1)} ms (goal < 1000 ms: ${res.htmlMs < 1000 ? 'met' : 'not met'})`,
  );
}
if (results.length >= 2) {
  const [a, b] = [results[0], results[results.length - 1]] as [(typeof results)[0], (typeof results)[0]];
  const flat = b.sqliteMs / a.sqliteMs;
  console.log(
    `\nFlatness: ${b.n.toLocaleString('en-US')} / ${a.n.toLocaleString('en-US')} records = ${flat.toFixed(2)}× (goal ≤ 1.5×); at ${b.n.toLocaleString('en-US')}: ${b.sqliteMs.toFixed(1)} ms (goal < 100 ms); DuckDB ${b.duckMs.toFixed(1)} ms (goal: SQLite not slower: ${b.sqliteMs <= b.duckMs ? 'met' : 'not met'})`,
  );
}
