// npm run bench:platform — the volunteer platform at national scale (issue 11 "Benchmark"): 1,000,000
// volunteers, 20,000 verified organisations with their coordinators, 200,000 published opportunities
// with 500,000 shifts (past and future) and 3,000,000 applications in every status, generated
// straight into the database (multi-row INSERTs in big transactions on SQLite, COPY on PostgreSQL,
// the tables' secondary indexes and triggers dropped during the load and made again after it, then
// ANALYZE). Then, through the real application (buildApp, app.inject), each figure beside a reference
// measured in the same run on the same database:
//  1. public search: median and p95 of ~200 varied queries (region, area, format, dates, age, text
//     in Russian and Kazakh, a second page) of GET /api/platform/opportunities, beside GET
//     /api/platform/opportunities/{id} (one opportunity by its key) asked the same way;
//     goal median < 20 ms.
//  2. applying under 200 concurrent clients: 200 volunteers (sessions from createSession) POST
//     /api/platform/shifts/{id}/applications at once, to one shift of 20 places or to ten, over
//     several rounds; p50 / p95, and no shift with more places held (pending, accepted, attended,
//     no-show) than its capacity; beside 200 concurrent GET /api/platform/opportunities/{id};
//     goal p95 < 50 ms, 0 overbooked.
//  3. confirming 10,000 attendances in bulk: POST /api/platform/shifts/{id}/attendance with every
//     accepted application of started shifts (20 each) until 10,000 are recorded, through
//     recordShiftAttendance and its statistics hook (hoursChanged); total time beside 10,000
//     single-row UPDATEs of applications in one transaction; goal < 2 s.
// The record book's part (issue 12 "Benchmark"): half the volunteers findable, about 5,000,000
// confirmed participations in all (past shifts get more attended applications), each volunteer's
// hours by area summed into volunteer_experience as the hours hook keeps it; then
//  5. the volunteer search of a verified organisation, region + area + minimum hours, ~200 queries
//     one at a time: median and p95 (goal median < 50 ms);
//  6. a certificate of 200 entries: POST …/certificates then GET its PDF, 20 times: median of the
//     PDF (goal < 300 ms);
//  7. GET /api/verify/{code} ×200 from distinct addresses: median (goal < 5 ms);
// each beside one opportunity by its key (GET /api/platform/opportunities/{id}) measured just before.
// SQLite always; PostgreSQL too when BENCH_DATABASE_URL is set, in a schema of its own.
// BENCH_SCALE (default 1) scales the generated data (0.01: 10,000 volunteers); BENCH_KEEP=1 keeps
// the SQLite file and the PostgreSQL schema (both named); BENCH_SQL=1 prints SQLite's time by statement.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ageBandOf, cohortOf } from '../src/domain/platform-cohort.ts';
import { normalizeName } from '../src/domain/text.ts';
import { CONSENT_VERSION } from '../src/domain/volunteer-account.ts';
import { rebuildExperience } from '../src/modules/finding/experience.repository.ts';
import { searchKey } from '../src/modules/opportunities/opportunities.repository.ts';
import { activeCodes } from '../src/modules/reference/reference.repository.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/users/sessions.ts';
import { buildApp } from '../src/server/app.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PG_URL = process.env.BENCH_DATABASE_URL ?? null;
const KEEP = process.env.BENCH_KEEP === '1';

const N = {
  volunteers: Math.round(1_000_000 * SCALE),
  orgs: Math.max(10, Math.round(20_000 * SCALE)),
  opportunities: Math.max(400, Math.round(200_000 * SCALE)),
  shifts: Math.max(1000, Math.round(500_000 * SCALE)),
  applications: Math.round(3_000_000 * SCALE),
};
const ATTENDANCES = 10_000;
const PER_ATTENDANCE_SHIFT = 20;
const CLIENTS = 200;
const PLACES = 20;
/** Rounds of 200 applications: odd rounds all on one shift, even rounds over ten shifts. */
const APPLY_ROUNDS = 6;
const SEARCHES = 200;
const GOAL = {
  searchMedian: 20,
  applyP95: 50,
  attendance: 2000,
  volunteerSearchMedian: 50,
  certificatePdf: 300,
  verifyMedian: 5,
};
/** Confirmed participations in all (issue 12): the past shifts get more attended applications. */
const PARTICIPATIONS = Math.round(5_000_000 * SCALE);
/** Places added to every past shift, so that the added participations fit. */
const HISTORY_CAPACITY = 25;
const CERTIFICATE_ENTRIES = 200;
const CERTIFICATES = 20;
const VERIFIES = 200;
const SKILLS = [
  'Первая помощь',
  'SMM',
  'Фото',
  'Вождение',
  'Английский',
  'Дизайн',
  'Психология',
  'Кулинария',
];

const NOW = Date.now();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

// --- deterministic randomness ------------------------------------------------------------------------

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
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function weighted<T>(r: () => number, xs: readonly T[], w: readonly number[]): T {
  const total = w.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < xs.length; i++) {
    x -= w[i] as number;
    if (x <= 0) return xs[i] as T;
  }
  return xs[xs.length - 1] as T;
}

// --- the words of titles and descriptions (Russian and Kazakh) -------------------------------------------

const RU_ACTIONS = [
  'Помощь',
  'Субботник',
  'Уборка территории',
  'Сбор вещей',
  'Поддержка',
  'Мастер-класс',
  'Посадка деревьев',
  'Благотворительная акция',
  'Волонтерская смена',
  'Организация праздника',
  'Экологическая акция',
  'Донорская акция',
];
const RU_OBJECTS = [
  'в приюте для животных',
  'в городском парке',
  'для пожилых людей',
  'для детей из детского дома',
  'на берегу реки',
  'книг для сельской библиотеки',
  'на городском марафоне',
  'на фестивале национальной культуры',
  'в областной больнице',
  'для семей в трудной ситуации',
  'в школе',
  'на стадионе',
];
const KK_ACTIONS = [
  'Көмек',
  'Сенбілік',
  'Қайырымдылық акциясы',
  'Ағаш отырғызу',
  'Тазалық акциясы',
  'Қолдау',
  'Киім жинау',
  'Шеберлік сабағы',
  'Донорлық акция',
  'Мереке ұйымдастыру',
];
const KK_OBJECTS = [
  'жануарлар баспанасында',
  'қалалық саябақта',
  'қарт адамдарға',
  'балалар үйіне',
  'өзен жағасында',
  'ауыл кітапханасына',
  'марафонда',
  'ұлттық мәдениет фестивалінде',
  'облыстық ауруханада',
  'мектепте',
];
const RU_SENTENCES = [
  'Приглашаем волонтеров, готовых помочь своими руками.',
  'Обед и перчатки предоставим, форма одежды удобная.',
  'Опыт не нужен: перед началом проведем короткий инструктаж.',
  'Сбор у главного входа за пятнадцать минут до начала.',
  'Вместе сделаем наш город чище и добрее.',
  'Нужны люди, владеющие казахским и русским языками.',
  'По итогам смены выдадим благодарственное письмо.',
];
const KK_SENTENCES = [
  'Көмектесуге дайын волонтерларды шақырамыз.',
  'Тәжірибе қажет емес: басталар алдында нұсқаулық береміз.',
  'Жиналу орны басты кіреберісте.',
  'Бірге қаламызды таза әрі мейірімді етейік.',
  'Қазақ және орыс тілдерін білетін адамдар қажет.',
  'Түскі ас пен қолғап беріледі.',
];
/** Words a visitor types into the search box (and two that match nothing). */
const QUERY_WORDS = [
  'приют',
  'субботник',
  'парк',
  'дети',
  'детского дома',
  'библиотек',
  'марафон',
  'фестиваль',
  'больниц',
  'донор',
  'пожилых',
  'деревьев',
  'қайырымдылық',
  'саябақ',
  'баспана',
  'кітапхана',
  'ағаш',
  'мереке',
  'тазалық',
  'балалар',
  'Экологическая',
  'Благотворительная акция',
  'шахматы',
  'робототехника',
];

// --- the generated data ------------------------------------------------------------------------------------

interface Reference {
  regions: { code: string; name_ru: string }[];
  areas: string[];
  formats: string[];
  genders: string[];
  employments: string[];
  orgTypes: string[];
}

/** Where each kind of row sits in the generated ids (all 1-based). */
function layout() {
  const perOpp = N.shifts / N.opportunities;
  const attShifts = Math.ceil(ATTENDANCES / PER_ATTENDANCE_SHIFT);
  const applyShifts = (APPLY_ROUNDS / 2) * 1 + (APPLY_ROUNDS / 2) * 10;
  // Opportunities 1..attOpps: every shift started, 20 accepted applications each (attendance);
  // the next applyOpps: future shifts of 20 places without applications (applying).
  const attOpps = Math.ceil(attShifts / Math.floor(perOpp)) + 1;
  const applyOpps = Math.ceil(applyShifts / Math.floor(perOpp)) + 1;
  const applyPool = APPLY_ROUNDS * CLIENTS;
  return {
    attOpps,
    applyOpps,
    /** Volunteers 1..general apply in the generated data; the rest apply during the bench. */
    general: N.volunteers - applyPool,
    applyPool,
  };
}
type Layout = ReturnType<typeof layout>;

/** The first shift (0-based) of opportunity j (0-based): shifts are spread evenly, 2 or 3 each. */
const firstShift = (j: number) => Math.ceil((j * N.shifts) / N.opportunities);
const oppOfShift = (k: number) => Math.floor((k * N.opportunities) / N.shifts);

function volunteerOf(id: number, ref: Reference, L: Layout) {
  const r = rng(id * 2 + 1);
  const pool = id > L.general;
  const minor = !pool && r() < 0.08;
  const age = minor ? 14 + Math.floor(r() * 4) : 18 + Math.floor(r() ** 1.6 * 52);
  const birth = new Date(NOW - age * 365.25 * DAY - Math.floor(r() * 360) * DAY);
  const gender = id % 2 === 0 ? 'male' : 'female';
  return {
    birthDate: iso(birth.getTime()).slice(0, 10),
    gender: ref.genders.includes(gender) ? gender : (ref.genders[0] as string),
    employment: pick(r, ref.employments),
    region: pick(r, ref.regions).code,
    disability: r() < 0.02,
    resident: r() > 0.01,
    minor,
    guardian: minor ? (r() < 0.9 ? 'confirmed' : 'pending') : 'not_required',
    lang: weighted(r, ['kk', 'ru', 'en'], [45, 50, 5]),
    // Half of them opted in to be found (issue 12), showing everything.
    findable: r() < 0.5,
    skills: JSON.stringify(SKILLS.filter(() => r() < 0.2)),
  };
}

function orgOf(id: number, ref: Reference) {
  const r = rng(id * 3 + 7);
  const region = weighted(
    r,
    ref.regions,
    ref.regions.map((_, i) => 1 + (i % 4)),
  ).code;
  const type = weighted(
    r,
    ref.orgTypes,
    ref.orgTypes.map((t) => (t === 'npo' ? 6 : 1)),
  );
  const kind = pick(r, [
    'ОФ «Доброе сердце',
    'ҚҚ «Мейірім',
    'ОО «Волонтеры',
    'Инициативная группа «Вместе',
    'ТОО «Жарқын',
  ]);
  return { region, type, name: `${kind} ${id}»` };
}

/** The last opportunity made (shifts and applications ask for the same one many times in a row). */
let lastOpportunity: { j: number; o: ReturnType<typeof makeOpportunity> } | null = null;
function opportunityOf(j: number, ref: Reference, L: Layout) {
  if (lastOpportunity?.j !== j) lastOpportunity = { j, o: makeOpportunity(j, ref, L) };
  return lastOpportunity.o;
}

function makeOpportunity(j: number, ref: Reference, L: Layout) {
  const r = rng(j * 5 + 11);
  const org = (j % N.orgs) + 1;
  const o = orgOf(org, ref);
  const kk = r() < 0.4;
  const title = kk
    ? `${pick(r, KK_OBJECTS)} ${pick(r, KK_ACTIONS).toLowerCase()}`.replace(/^./, (c) => c.toUpperCase())
    : `${pick(r, RU_ACTIONS)} ${pick(r, RU_OBJECTS)} — ${o.region === 'KZ-75' ? 'Алматы' : o.region === 'KZ-71' ? 'Астана' : (ref.regions.find((x) => x.code === o.region)?.name_ru ?? '')}`;
  const sentences = kk ? KK_SENTENCES : RU_SENTENCES;
  const description = [pick(r, sentences), pick(r, sentences), pick(r, sentences)].join(' ');
  // Opportunities of the attendance part started 2 to 20 days ago; those of the applying part
  // start in a month; the others from eight months ago to four months ahead.
  const base =
    j < L.attOpps
      ? NOW - (2 + Math.floor(r() * 18) + 4) * DAY
      : j < L.attOpps + L.applyOpps
        ? NOW + (30 + Math.floor(r() * 30)) * DAY
        : NOW + Math.floor(-240 + r() * 360) * DAY;
  const day = Math.floor(base / DAY) * DAY;
  return {
    org,
    region: o.region,
    orgType: o.type,
    title,
    description,
    area: weighted(
      r,
      ref.areas,
      ref.areas.map((_, i) => 1 / (i + 1)),
    ),
    format: weighted(
      r,
      ref.formats,
      ref.formats.map((_, i) => (i === 0 ? 8 : 1)),
    ),
    minAge: weighted(r, [14, 16, 18], [50, 20, 30]),
    probono: r() < 0.05,
    day,
    createdAt: iso(day - (10 + Math.floor(r() * 30)) * DAY),
    closed: j >= L.attOpps + L.applyOpps && r() < 0.03,
  };
}

function shiftOf(k: number, ref: Reference, L: Layout) {
  const j = oppOfShift(k);
  const o = opportunityOf(j, ref, L);
  const r = rng(k * 13 + 17);
  const index = k - firstShift(j);
  // 10:00 Kazakhstan time (05:00 UTC) plus 0 to 6 hours, for 2 to 6 hours.
  const start = o.day + index * DAY + 5 * 3600_000 + Math.floor(r() * 7) * 3600_000;
  const end = start + (2 + Math.floor(r() * 5)) * 3600_000;
  const special = j < L.attOpps + L.applyOpps;
  return {
    opp: j + 1,
    o,
    start,
    end,
    capacity: special ? PLACES : 5 + Math.floor(r() * 36) + (start < NOW ? HISTORY_CAPACITY : 0),
    attendance: j < L.attOpps,
    applying: j >= L.attOpps && j < L.attOpps + L.applyOpps,
  };
}

// --- loading -----------------------------------------------------------------------------------------------

type Row = (string | number | null)[];

interface Loader {
  load(table: string, columns: string[], rows: Iterable<Row>): Promise<number>;
}

function sqliteLoader(database: Database): Loader {
  const sqlite = database.sqlite;
  if (!sqlite) throw new Error('SQLite expected');
  return {
    async load(table, columns, rows) {
      const per = Math.min(500, Math.floor(30_000 / columns.length));
      const one = `(${columns.map(() => '?').join(',')})`;
      const head = `insert into ${table} (${columns.join(',')}) values `;
      const many = sqlite.prepare(head + Array(per).fill(one).join(','));
      const single = sqlite.prepare(head + one);
      let buf: (string | number | null)[] = [];
      let n = 0;
      sqlite.exec('begin');
      for (const row of rows) {
        for (const v of row) buf.push(v);
        n++;
        if (buf.length === per * columns.length) {
          many.run(buf);
          buf = [];
          if (n % 250_000 === 0) {
            sqlite.exec('commit');
            sqlite.exec('begin');
          }
        }
      }
      for (let i = 0; i < buf.length; i += columns.length) single.run(buf.slice(i, i + columns.length));
      sqlite.exec('commit');
      return n;
    },
  };
}

const copyText = (v: string | number | null) =>
  v === null
    ? '\\N'
    : typeof v === 'number'
      ? String(v)
      : v.replace(/[\\\t\n\r]/g, (c) =>
          c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
        );

function pgLoader(client: pg.Client): Loader {
  return {
    async load(table, columns, rows) {
      const stream = client.query(copyFrom(`copy ${table} (${columns.join(',')}) from stdin`));
      let chunk = '';
      let n = 0;
      for (const row of rows) {
        chunk += `${row.map(copyText).join('\t')}\n`;
        n++;
        if (chunk.length > 256_000) {
          if (!stream.write(chunk)) await once(stream, 'drain');
          chunk = '';
        }
      }
      stream.end(chunk);
      await finished(stream);
      return n;
    },
  };
}

const LOADED = [
  'app_user',
  'volunteer_profile',
  'organization',
  'platform_org',
  'opportunity',
  'opportunity_shift',
  'application',
];

/** Drops the loaded tables' secondary indexes and triggers; returns what makes them again. */
async function dropForLoad(database: Database, schema?: string): Promise<string[]> {
  const db = database.db;
  const list = sql.join(LOADED.map((t) => sql.lit(t)));
  if (database.dialect === 'sqlite') {
    const rows = await sql<{ name: string; type: string; sql: string }>`
      select name, type, sql from sqlite_master
      where type in ('index', 'trigger') and sql is not null and tbl_name in (${list})`.execute(db);
    for (const r of rows.rows) await sql.raw(`drop ${r.type} ${r.name}`).execute(db);
    return rows.rows.map((r) => r.sql);
  }
  // PostgreSQL: the loader's session skips triggers (foreign keys included); indexes that back no
  // constraint are made again after the load.
  const rows = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = ${schema} and tablename in (${list})
      and indexname not in (select conname from pg_constraint where connamespace = ${schema}::regnamespace)`.execute(
    db,
  );
  for (const r of rows.rows) await sql.raw(`drop index ${r.indexname}`).execute(db);
  return rows.rows.map((r) => r.indexdef);
}

async function generate(loader: Loader, ref: Reference, L: Layout) {
  lastOpportunity = null;
  const counts: Record<string, number> = {};
  const times: Record<string, number> = {};
  const step = async (name: string, columns: string[], rows: Iterable<Row>) => {
    const t0 = performance.now();
    counts[name] = await loader.load(name, columns, rows);
    times[name] = performance.now() - t0;
    process.stdout.write(
      `  ${name}: ${counts[name].toLocaleString('en')} rows in ${(times[name] / 1000).toFixed(1)} s\n`,
    );
  };
  const created = iso(NOW - 400 * DAY);

  // Volunteers (ids 1..V) and the coordinators (V+1..V+O), one account table.
  await step(
    'app_user',
    [
      'id',
      'email',
      'password_hash',
      'role',
      'region',
      'organization_id',
      'display_name',
      'disabled',
      'is_demo',
      'created_at',
      'lang',
    ],
    (function* () {
      for (let id = 1; id <= N.volunteers; id++)
        yield [
          id,
          `v${id}@bench.kz`,
          'x',
          'volunteer',
          null,
          null,
          null,
          0,
          0,
          created,
          id % 3 === 0 ? 'kk' : 'ru',
        ];
      for (let org = 1; org <= N.orgs; org++) {
        const o = orgOf(org, ref);
        yield [
          N.volunteers + org,
          `c${org}@bench.kz`,
          'x',
          'org_coordinator',
          o.region,
          org,
          `Координатор ${org}`,
          0,
          0,
          created,
          'ru',
        ];
      }
    })(),
  );
  await step(
    'volunteer_profile',
    [
      'user_id',
      'name',
      'birth_date',
      'gender',
      'region',
      'employment',
      'resident',
      'disability',
      'skills',
      'languages',
      'consent_version',
      'consent_at',
      'email_confirmed_at',
      'guardian_name',
      'guardian_email',
      'guardian_status',
      'guardian_confirmed_at',
      'lang',
      'created_at',
      'findable',
    ],
    (function* () {
      for (let id = 1; id <= N.volunteers; id++) {
        const v = volunteerOf(id, ref, L);
        yield [
          id,
          `Волонтер ${id}`,
          v.birthDate,
          v.gender,
          v.region,
          v.employment,
          v.resident ? 1 : 0,
          v.disability ? 1 : 0,
          v.skills,
          '["kk","ru"]',
          CONSENT_VERSION,
          created,
          created,
          v.minor ? `Родитель ${id}` : null,
          v.minor ? `g${id}@bench.kz` : null,
          v.guardian,
          v.guardian === 'confirmed' ? created : null,
          v.lang,
          created,
          v.findable ? 1 : 0,
        ];
      }
    })(),
  );
  await step(
    'organization',
    ['id', 'name', 'name_key', 'type', 'bin', 'region', 'created_at'],
    (function* () {
      for (let org = 1; org <= N.orgs; org++) {
        const o = orgOf(org, ref);
        yield [
          org,
          o.name,
          normalizeName(o.name),
          o.type,
          `9${String(org).padStart(11, '0')}`,
          o.region,
          created,
        ];
      }
    })(),
  );
  await step(
    'platform_org',
    [
      'organization_id',
      'status',
      'coordinator_id',
      'contact_name',
      'email',
      'name',
      'type',
      'bin',
      'claim',
      'registered_at',
      'decided_at',
    ],
    (function* () {
      for (let org = 1; org <= N.orgs; org++) {
        const o = orgOf(org, ref);
        yield [
          org,
          'verified',
          N.volunteers + org,
          `Координатор ${org}`,
          `c${org}@bench.kz`,
          o.name,
          o.type,
          `9${String(org).padStart(11, '0')}`,
          0,
          created,
          created,
        ];
      }
    })(),
  );
  await step(
    'opportunity',
    [
      'id',
      'organization_id',
      'status',
      'title',
      'description',
      'area',
      'region',
      'format',
      'min_age',
      'probono',
      'skills',
      'search_key',
      'created_by',
      'created_at',
      'updated_at',
      'published_at',
    ],
    (function* () {
      for (let j = 0; j < N.opportunities; j++) {
        const o = opportunityOf(j, ref, L);
        yield [
          j + 1,
          o.org,
          o.closed ? 'closed' : 'published',
          o.title,
          o.description,
          o.area,
          o.region,
          o.format,
          o.minAge,
          o.probono ? 1 : 0,
          '[]',
          searchKey(`${o.title}\n${o.description}`),
          N.volunteers + o.org,
          o.createdAt,
          o.createdAt,
          o.createdAt,
        ];
      }
    })(),
  );
  await step(
    'opportunity_shift',
    ['id', 'opportunity_id', 'start_at', 'end_at', 'capacity'],
    (function* () {
      for (let k = 0; k < N.shifts; k++) {
        const s = shiftOf(k, ref, L);
        yield [k + 1, s.opp, iso(s.start), iso(s.end), s.capacity];
      }
    })(),
  );

  // Applications: 20 accepted on each attendance shift; none on the applying shifts; on the others
  // 0 to 12 (the mean that makes the total), in the statuses of a shift past or to come, the places
  // held never beyond the capacity; each of distinct volunteers.
  const attApps = firstShift(L.attOpps) * PER_ATTENDANCE_SHIFT;
  const others = N.shifts - firstShift(L.attOpps + L.applyOpps);
  const mean = Math.max(0, (N.applications - attApps) / others);
  const G = L.general;
  const stride = G % 7919 === 0 ? 7907 : 7919;
  const PAST = ['attended', 'no_show', 'declined', 'withdrawn', 'accepted'] as const;
  const PAST_W = [62, 8, 10, 12, 8];
  const FUTURE = ['pending', 'accepted', 'waitlisted', 'declined', 'withdrawn'] as const;
  const FUTURE_W = [35, 40, 5, 10, 10];
  const REASONS = ['no_places', 'requirements_not_met', 'not_available', 'no_response', 'other'];
  // The participations beyond those (issue 12): attended applications added to each past shift, as
  // many on average as bring the confirmed ones to PARTICIPATIONS (62 % of the others are attended).
  let pastShifts = 0;
  for (let k = firstShift(L.attOpps + L.applyOpps); k < N.shifts; k++)
    if (shiftOf(k, ref, L).start < NOW) pastShifts++;
  const extraMean = Math.max(0, (PARTICIPATIONS - 0.62 * mean * pastShifts) / Math.max(1, pastShifts));
  lastOpportunity = null;
  await step(
    'application',
    [
      'id',
      'shift_id',
      'opportunity_id',
      'volunteer_id',
      'status',
      'reason',
      'hours',
      'attendance_at',
      'cohort',
      'gender',
      'age_band',
      'employment',
      'created_at',
      'updated_at',
      'answered_at',
    ],
    (function* () {
      let id = 0;
      for (let k = 0; k < N.shifts; k++) {
        const s = shiftOf(k, ref, L);
        if (s.applying) continue;
        const r = rng(k * 19 + 23);
        const n = s.attendance ? PER_ATTENDANCE_SHIFT : Math.min(Math.floor(r() * (2 * mean + 1)), G);
        const base = Math.floor(r() * G);
        const past = s.start < NOW;
        const hours = Math.round(((s.end - s.start) / 3600_000) * 100) / 100;
        const applied = iso(Math.min(s.start - DAY, NOW) - Math.floor(r() * 10) * DAY);
        const answered = iso(Date.parse(applied) + DAY);
        const snapshot = (volunteer: number, status: string): Row => {
          if (status !== 'attended' && status !== 'no_show') return [null, null, null, null, null, null];
          if (status === 'no_show') return [null, iso(s.end), null, null, null, null];
          const v = volunteerOf(volunteer, ref, L);
          const date = iso(s.start + 5 * 3600_000).slice(0, 10);
          return [
            hours,
            iso(s.end),
            cohortOf(
              { birthDate: v.birthDate, gender: v.gender, disability: v.disability, resident: v.resident },
              { date, orgType: s.o.orgType, probono: s.o.probono },
            ),
            v.gender,
            ageBandOf(v.birthDate, v.gender, date),
            v.employment,
          ];
        };
        let held = 0;
        for (let i = 0; i < n; i++) {
          const volunteer = ((base + i * stride) % G) + 1;
          let status: string = s.attendance
            ? 'accepted'
            : past
              ? weighted(r, PAST, PAST_W)
              : weighted(r, FUTURE, FUTURE_W);
          const holds =
            status === 'pending' || status === 'accepted' || status === 'attended' || status === 'no_show';
          let reason: string | null = null;
          if (holds && held >= s.capacity) {
            status = past ? 'declined' : 'waitlisted';
            reason = past ? 'no_places' : null;
          } else if (holds) held++;
          if (status === 'declined' || status === 'withdrawn') reason ??= pick(r, REASONS);
          yield [
            ++id,
            k + 1,
            s.opp,
            volunteer,
            status,
            reason,
            ...snapshot(volunteer, status),
            applied,
            status === 'pending' || status === 'waitlisted' ? applied : answered,
            status === 'pending' || status === 'waitlisted' || status === 'withdrawn' ? null : answered,
          ];
        }
        if (!past || s.attendance) continue;
        // The record book's history: more volunteers of the same sequence (distinct), attended.
        const r2 = rng(k * 31 + 37);
        const extra = Math.min(Math.floor(r2() * (2 * extraMean + 1)), G - n, s.capacity - held);
        for (let i = n; i < n + extra; i++) {
          const volunteer = ((base + i * stride) % G) + 1;
          yield [
            ++id,
            k + 1,
            s.opp,
            volunteer,
            'attended',
            null,
            ...snapshot(volunteer, 'attended'),
            applied,
            answered,
            answered,
          ];
        }
      }
    })(),
  );
  return { counts, times };
}

// --- measuring ---------------------------------------------------------------------------------------------

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
};
const median = (xs: number[]) => quantile(xs, 0.5);
/**
 * BENCH_SQL=1 (SQLite): the time spent in SQLite by each statement during a phase, its top lines
 * printed after the phase: where a figure's time goes.
 */
const SQL_TIMING = process.env.BENCH_SQL === '1';
const sqlTimes = new Map<string, { n: number; t: number }>();
function timeStatements(database: Database) {
  const sqlite = database.sqlite;
  if (!SQL_TIMING || !sqlite) return;
  const prepare = sqlite.prepare.bind(sqlite);
  (sqlite as { prepare: unknown }).prepare = (text: string) => {
    const stmt = prepare(text);
    for (const m of ['run', 'all', 'get', 'iterate'] as const) {
      const f = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        const a = performance.now();
        try {
          return f(...args);
        } finally {
          const e = sqlTimes.get(text) ?? { n: 0, t: 0 };
          e.n++;
          e.t += performance.now() - a;
          sqlTimes.set(text, e);
        }
      };
    }
    return stmt;
  };
}
function printStatements(phase: string) {
  if (!SQL_TIMING || sqlTimes.size === 0) return;
  const top = [...sqlTimes.entries()].sort((a, b) => b[1].t - a[1].t).slice(0, 8);
  console.log(`    SQLite time by statement during ${phase}:`);
  for (const [text, e] of top)
    console.log(
      `      ${e.t.toFixed(0).padStart(6)} ms ${String(e.n).padStart(6)}× ${text.replace(/\s+/g, ' ').slice(0, 150)}`,
    );
  sqlTimes.clear();
}
/** This process's CPU milliseconds (all its threads): SQLite works in it; PostgreSQL does not. */
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

interface Result {
  label: string;
  scale: number;
  generation: number;
  search: { median: number; p95: number; refMedian: number; refP95: number; cpu: number; refCpu: number };
  apply: {
    p50: number;
    p95: number;
    refP50: number;
    refP95: number;
    overbooked: number;
    shifts: number;
    non201: number;
    cpu: number;
    refCpu: number;
  };
  attendance: { total: number; recorded: number; reference: number; cpu: number; refCpu: number };
  participations: number;
  findable: number;
  volunteerSearch: { median: number; p95: number; refMedian: number; matches: number };
  certificate: { pdfMedian: number; pdfP95: number; issueMedian: number; refMedian: number; bytes: number };
  verify: { median: number; p95: number; refMedian: number };
}

function searchQueries(ref: Reference): { kind: string; query: Record<string, string> }[] {
  const r = rng(2026);
  const day = (offset: number) => iso(NOW + offset * DAY + 5 * 3600_000).slice(0, 10);
  const kinds: [string, () => Record<string, string>][] = [
    ['upcoming (no filter)', () => ({})],
    ['region', () => ({ region: pick(r, ref.regions).code })],
    ['region + area', () => ({ region: pick(r, ref.regions).code, area: pick(r, ref.areas.slice(0, 4)) })],
    [
      'region + area + format',
      () => ({
        region: pick(r, ref.regions).code,
        area: pick(r, ref.areas.slice(0, 4)),
        format: pick(r, ref.formats),
      }),
    ],
    ['area + format', () => ({ area: pick(r, ref.areas), format: pick(r, ref.formats) })],
    ['text', () => ({ q: pick(r, QUERY_WORDS) })],
    ['region + text', () => ({ region: pick(r, ref.regions).code, q: pick(r, QUERY_WORDS) })],
    [
      'dates',
      () => {
        const from = Math.floor(r() * 90);
        return { from: day(from), to: day(from + pick(r, [0, 6, 30])) };
      },
    ],
    [
      'region + dates',
      () => {
        const from = Math.floor(r() * 90);
        return { region: pick(r, ref.regions).code, from: day(from), to: day(from + 13) };
      },
    ],
    ['age', () => ({ age: String(pick(r, [14, 15, 16, 17])) })],
    [
      'everything',
      () => {
        const from = Math.floor(r() * 60);
        return {
          region: pick(r, ref.regions).code,
          area: ref.areas[0] as string,
          from: day(from),
          to: day(from + 30),
          age: '16',
          q: pick(r, QUERY_WORDS.slice(0, 12)),
        };
      },
    ],
    ['region, page 3', () => ({ region: pick(r, ref.regions).code, offset: '40' })],
  ];
  const out = [];
  for (let i = 0; i < SEARCHES; i++) {
    const [kind, make] = kinds[i % kinds.length] as [string, () => Record<string, string>];
    out.push({ kind, query: make() });
  }
  return out;
}

async function measure(label: string, database: Database, schema?: string): Promise<Result> {
  const db = database.db;
  console.log(`\n== ${label} (scale ${SCALE}) ==`);
  await migrateToLatest(database);
  const regions = await db
    .selectFrom('territory_unit')
    .select(['code', 'name_ru'])
    .where('valid_to', 'is', null)
    .orderBy('sort')
    .execute();
  const ref: Reference = {
    regions,
    areas: await activeCodes(db, 'area'),
    formats: await activeCodes(db, 'format'),
    genders: await activeCodes(db, 'gender'),
    employments: await activeCodes(db, 'employment'),
    orgTypes: (await activeCodes(db, 'organization_type')).filter((t) => t !== 'front_office'),
  };
  const L = layout();

  // 1. Generation.
  const t0 = performance.now();
  const remake = await dropForLoad(database, schema);
  let loaderClient: pg.Client | null = null;
  let loader: Loader;
  if (database.dialect === 'sqlite') {
    const s = database.sqlite as NonNullable<Database['sqlite']>;
    s.pragma('foreign_keys = OFF');
    s.pragma('journal_mode = OFF');
    s.pragma('synchronous = OFF');
    s.pragma('cache_size = -400000');
    loader = sqliteLoader(database);
  } else {
    loaderClient = new pg.Client({ connectionString: PG_URL as string, options: `-c search_path=${schema}` });
    await loaderClient.connect();
    await loaderClient.query('set session_replication_role = replica');
    loader = pgLoader(loaderClient);
  }
  const { counts } = await generate(loader, ref, L);
  const tLoad = performance.now();
  for (const statement of remake) await sql.raw(statement).execute(db);
  // Each opportunity's window (migration 021), as insertOpportunity writes it.
  await sql`
    update opportunity set
      first_start = (select min(s.start_at) from opportunity_shift s where s.opportunity_id = opportunity.id),
      last_end = (select max(s.end_at) from opportunity_shift s where s.opportunity_id = opportunity.id)`.execute(
    db,
  );
  // Each volunteer's hours by area, as the hours hook keeps them (migration 026).
  const tExperience = performance.now();
  await rebuildExperience(db);
  console.log(`  volunteer_experience summed in ${((performance.now() - tExperience) / 1000).toFixed(1)} s`);
  const tIndex = performance.now();
  if (database.dialect === 'sqlite') {
    const s = database.sqlite as NonNullable<Database['sqlite']>;
    s.exec('analyze');
    s.pragma('journal_mode = WAL');
    s.pragma('synchronous = NORMAL');
    s.pragma('foreign_keys = ON');
    // Back to the connection's default page cache (openDatabase sets none): the server's own.
    s.pragma('cache_size = -2000');
  } else {
    const c = loaderClient as pg.Client;
    for (const t of [
      'app_user',
      'organization',
      'platform_org',
      'opportunity',
      'opportunity_shift',
      'application',
      'volunteer_profile',
    ])
      await c
        .query(
          `select setval(pg_get_serial_sequence('${t}', '${t === 'volunteer_profile' ? 'user_id' : t === 'platform_org' ? 'organization_id' : 'id'}'), (select max(${t === 'volunteer_profile' ? 'user_id' : t === 'platform_org' ? 'organization_id' : 'id'}) from ${t}))`,
        )
        .catch(() => undefined);
    await c.query('vacuum analyze');
    await c.end();
  }
  const generation = performance.now() - t0;
  console.log(
    `  generated ${Object.entries(counts)
      .map(([t, n]) => `${n.toLocaleString('en')} ${t}`)
      .join(', ')}`,
  );
  console.log(
    `  generation ${(generation / 1000).toFixed(1)} s (rows ${((tLoad - t0) / 1000).toFixed(1)} s, indexes and triggers ${((tIndex - tLoad) / 1000).toFixed(1)} s, analyze ${((performance.now() - tIndex) / 1000).toFixed(1)} s)`,
  );
  if (database.sqlite) console.log(`  database file ${(fs.statSync(database.url).size / 1e9).toFixed(2)} GB`);

  timeStatements(database);
  const app = await buildApp({ database });
  await app.ready();
  try {
    // 2. Public search, one query at a time, beside one opportunity by its key.
    const queries = searchQueries(ref);
    const published = (
      await db
        .selectFrom('opportunity')
        .select('id')
        .where('status', '=', 'published')
        .where('id', '>', L.attOpps + L.applyOpps)
        .execute()
    ).map((o) => Number(o.id));
    const someIds = Array.from(
      { length: SEARCHES },
      (_, i) => published[(i * 7919) % published.length] as number,
    );
    const timeGet = async (url: string) => {
      const a = performance.now();
      const res = await app.inject({ method: 'GET', url });
      const t = performance.now() - a;
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return { t, body: res };
    };
    for (const q of queries.slice(0, 12))
      await timeGet(`/api/platform/opportunities?${new URLSearchParams(q.query)}`);
    for (const id of someIds.slice(0, 12)) await timeGet(`/api/platform/opportunities/${id}`);
    sqlTimes.clear();
    const searchCpu0 = cpuNow();
    const searchTimes: number[] = [];
    const byKind = new Map<string, { times: number[]; totals: number[] }>();
    for (const q of queries) {
      const { t, body } = await timeGet(`/api/platform/opportunities?${new URLSearchParams(q.query)}`);
      searchTimes.push(t);
      const k = byKind.get(q.kind) ?? { times: [], totals: [] };
      k.times.push(t);
      k.totals.push((body.json() as { total: number }).total);
      byKind.set(q.kind, k);
    }
    const searchCpu = (cpuNow() - searchCpu0) / queries.length;
    printStatements('the search');
    const refTimes: number[] = [];
    const refCpu0 = cpuNow();
    for (const id of someIds) refTimes.push((await timeGet(`/api/platform/opportunities/${id}`)).t);
    const search = {
      median: median(searchTimes),
      p95: quantile(searchTimes, 0.95),
      cpu: searchCpu,
      refCpu: (cpuNow() - refCpu0) / someIds.length,
      refMedian: median(refTimes),
      refP95: quantile(refTimes, 0.95),
    };
    console.log(
      `\n  public search, ${SEARCHES} queries one at a time: median ${ms(search.median)}, p95 ${ms(search.p95)}; CPU ${ms(search.cpu)} a query`,
    );
    console.log(
      `    one opportunity by id (reference): median ${ms(search.refMedian)}, p95 ${ms(search.refP95)}; CPU ${ms(search.refCpu)} a query`,
    );
    for (const [kind, k] of byKind)
      console.log(
        `    ${kind.padEnd(24)} median ${ms(median(k.times)).padStart(9)}  max ${ms(Math.max(...k.times)).padStart(9)}  (matches: median ${median(k.totals).toLocaleString('en')})`,
      );

    // 3. Applying: 200 volunteers at once, per round.
    const applyShifts = (
      await db
        .selectFrom('opportunity_shift')
        .select(['id', 'opportunity_id'])
        .where('opportunity_id', '>', L.attOpps)
        .where('opportunity_id', '<=', L.attOpps + L.applyOpps)
        .orderBy('id')
        .execute()
    ).map((s) => ({ id: Number(s.id), opp: Number(s.opportunity_id) }));
    const headersOf = async (userId: number) => {
      const s = await createSession(db, userId);
      return { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken };
    };
    sqlTimes.clear();
    const applyTimes: number[] = [];
    const refApply: number[] = [];
    const touched = new Set<number>();
    let non201 = 0;
    let nextShift = 0;
    let applyCpu = 0;
    let refApplyCpu = 0;
    for (let round = 0; round < APPLY_ROUNDS; round++) {
      const spread = round % 2 === 0 ? 1 : 10;
      const shifts = applyShifts.slice(nextShift, nextShift + spread);
      nextShift += spread;
      if (shifts.length < spread) throw new Error('not enough shifts to apply to');
      const volunteers = [];
      for (let i = 0; i < CLIENTS; i++) volunteers.push(await headersOf(L.general + round * CLIENTS + i + 1));
      // The reference first: the same 200 clients each read one opportunity at once.
      const refCpu0 = cpuNow();
      const refs = await Promise.all(
        volunteers.map(async (headers, i) => {
          const a = performance.now();
          const res = await app.inject({
            method: 'GET',
            url: `/api/platform/opportunities/${(shifts[i % spread] as { opp: number }).opp}`,
            headers,
          });
          if (res.statusCode !== 200) throw new Error(`reference: ${res.statusCode} ${res.body}`);
          return performance.now() - a;
        }),
      );
      refApplyCpu += cpuNow() - refCpu0;
      refApply.push(...refs);
      const applyCpu0 = cpuNow();
      const answers = await Promise.all(
        volunteers.map(async (headers, i) => {
          const shift = shifts[i % spread] as { id: number };
          touched.add(shift.id);
          const a = performance.now();
          const res = await app.inject({
            method: 'POST',
            url: `/api/platform/shifts/${shift.id}/applications`,
            headers,
          });
          return { t: performance.now() - a, status: res.statusCode, body: res.body };
        }),
      );
      applyCpu += cpuNow() - applyCpu0;
      for (const a of answers) {
        applyTimes.push(a.t);
        if (a.status !== 201) {
          non201++;
          if (non201 <= 3) console.log(`    apply answered ${a.status}: ${a.body.slice(0, 200)}`);
        }
      }
    }
    printStatements('applying (with the reference reads and the sessions made)');
    const held = await db
      .selectFrom('application as a')
      .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
      .select(['a.shift_id', 's.capacity', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.shift_id', 'in', [...touched])
      .where('a.status', 'in', ['pending', 'accepted', 'attended', 'no_show'])
      .groupBy(['a.shift_id', 's.capacity'])
      .execute();
    const overbooked = held.filter((h) => Number(h.n) > Number(h.capacity)).length;
    const full = held.filter((h) => Number(h.n) === Number(h.capacity)).length;
    const apply = {
      p50: median(applyTimes),
      p95: quantile(applyTimes, 0.95),
      refP50: median(refApply),
      refP95: quantile(refApply, 0.95),
      overbooked,
      shifts: touched.size,
      non201,
      cpu: applyCpu / applyTimes.length,
      refCpu: refApplyCpu / refApply.length,
    };
    console.log(
      `\n  applying, ${CLIENTS} clients at once × ${APPLY_ROUNDS} rounds (one shift of ${PLACES} places, or ten): p50 ${ms(apply.p50)}, p95 ${ms(apply.p95)}; ${overbooked} of ${touched.size} shifts overbooked (${full} exactly full); non-201: ${non201}; CPU ${ms(apply.cpu)} an application`,
    );
    console.log(
      `    one opportunity by id, ${CLIENTS} at once (reference): p50 ${ms(apply.refP50)}, p95 ${ms(apply.refP95)}; CPU ${ms(apply.refCpu)} a read`,
    );

    // 4. Attendance: every accepted application of started shifts, a shift per request.
    const attShifts = await db
      .selectFrom('opportunity_shift as s')
      .innerJoin('opportunity as o', 'o.id', 's.opportunity_id')
      .select(['s.id', 'o.organization_id'])
      .where('s.opportunity_id', '<=', L.attOpps)
      .orderBy('s.id')
      .execute();
    const coordinators = new Map<number, Record<string, string>>();
    const plan: {
      shift: number;
      headers: Record<string, string>;
      entries: { application: number; attended: boolean }[];
    }[] = [];
    let planned = 0;
    for (const s of attShifts) {
      if (planned >= ATTENDANCES) break;
      const org = Number(s.organization_id);
      if (!coordinators.has(org))
        coordinators.set(org, {
          ...(await headersOf(N.volunteers + org)),
          'content-type': 'application/json',
        });
      const apps = await db
        .selectFrom('application')
        .select('id')
        .where('shift_id', '=', Number(s.id))
        .where('status', '=', 'accepted')
        .orderBy('id')
        .execute();
      const entries = apps
        .slice(0, ATTENDANCES - planned)
        .map((a, i) => ({ application: Number(a.id), attended: i % 10 !== 9 }));
      planned += entries.length;
      plan.push({ shift: Number(s.id), headers: coordinators.get(org) as Record<string, string>, entries });
    }
    sqlTimes.clear();
    let recorded = 0;
    const ta = performance.now();
    const attCpu0 = cpuNow();
    for (const p of plan) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/platform/shifts/${p.shift}/attendance`,
        headers: p.headers,
        payload: JSON.stringify({ entries: p.entries }),
      });
      if (res.statusCode !== 200)
        throw new Error(`attendance of shift ${p.shift}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      recorded += (res.json() as { recorded: number }).recorded;
    }
    const attendanceTotal = performance.now() - ta;
    const attendanceCpu = cpuNow() - attCpu0;
    printStatements('the attendance');
    // Reference: 10,000 single-row UPDATEs of applications in one transaction, on the same driver.
    const refIds = (
      await db
        .selectFrom('application')
        .select('id')
        .where('id', '>', ATTENDANCES * 2)
        .orderBy('id')
        .limit(ATTENDANCES)
        .execute()
    ).map((a) => Number(a.id));
    const tr = performance.now();
    const refCpu1 = cpuNow();
    await db.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      for (const id of refIds)
        await trx.updateTable('application').set({ updated_at: at }).where('id', '=', id).execute();
    });
    const attendanceRef = performance.now() - tr;
    const attendanceRefCpu = cpuNow() - refCpu1;
    console.log(
      `\n  attendance in bulk: ${recorded.toLocaleString('en')} recorded over ${plan.length} shifts in ${ms(attendanceTotal)} (${(attendanceTotal / Math.max(1, recorded)).toFixed(3)} ms each); CPU ${ms(attendanceCpu)}`,
    );
    console.log(
      `    ${refIds.length.toLocaleString('en')} single-row UPDATEs in one transaction (reference): ${ms(attendanceRef)}; CPU ${ms(attendanceRefCpu)}`,
    );
    // 5–7. The record book's part (issue 12).
    const recordBook = await measureRecordBook(app, db, ref, L, headersOf, async () => {
      const times: number[] = [];
      for (const id of someIds) times.push((await timeGet(`/api/platform/opportunities/${id}`)).t);
      return median(times);
    });
    return {
      label,
      scale: SCALE,
      generation,
      ...recordBook,
      search,
      apply,
      attendance: {
        total: attendanceTotal,
        recorded,
        reference: attendanceRef,
        cpu: attendanceCpu,
        refCpu: attendanceRefCpu,
      },
    };
  } finally {
    await app.close();
  }
}

/** The record book's figures: volunteer search, a certificate of 200 entries, the public check. */
async function measureRecordBook(
  app: Awaited<ReturnType<typeof buildApp>>,
  db: Database['db'],
  ref: Reference,
  L: Layout,
  headersOf: (userId: number) => Promise<Record<string, string>>,
  reference: () => Promise<number>,
): Promise<Pick<Result, 'participations' | 'findable' | 'volunteerSearch' | 'certificate' | 'verify'>> {
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const participations = await count(
    db
      .selectFrom('application')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'attended')
      .where('revoked_at', 'is', null)
      .executeTakeFirst() as Promise<{ n: number } | undefined>,
  );
  const findable = await count(
    db
      .selectFrom('volunteer_profile')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('findable', '=', 1)
      .executeTakeFirst() as Promise<{ n: number } | undefined>,
  );
  console.log(
    `\n  record book: ${participations.toLocaleString('en')} confirmed participations, ${findable.toLocaleString('en')} findable volunteers`,
  );

  // 5. The volunteer search: region + area + minimum hours, by the coordinator of organisation 1.
  const coordinator = await headersOf(N.volunteers + 1);
  const r = rng(2027);
  const queries = Array.from({ length: SEARCHES }, () => ({
    region: pick(r, ref.regions).code,
    area: pick(r, ref.areas.slice(0, 4)),
    minHours: String(pick(r, [4, 8, 16, 24])),
  }));
  const search = async (q: Record<string, string>) => {
    const a = performance.now();
    const res = await app.inject({
      method: 'GET',
      url: `/api/platform/volunteers/search?${new URLSearchParams(q)}`,
      headers: coordinator,
    });
    if (res.statusCode !== 200)
      throw new Error(`volunteer search: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { t: performance.now() - a, total: (res.json() as { total: number }).total };
  };
  for (const q of queries.slice(0, 10)) await search(q);
  const searchRef = await reference();
  sqlTimes.clear();
  const searchTimes: number[] = [];
  const totals: number[] = [];
  for (const q of queries) {
    const { t, total } = await search(q);
    searchTimes.push(t);
    totals.push(total);
  }
  printStatements('the volunteer search');
  const volunteerSearch = {
    median: median(searchTimes),
    p95: quantile(searchTimes, 0.95),
    refMedian: searchRef,
    matches: median(totals),
  };
  console.log(
    `  volunteer search (region + area + minimum hours), ${SEARCHES} queries: median ${ms(volunteerSearch.median)}, p95 ${ms(volunteerSearch.p95)} (matches: median ${volunteerSearch.matches.toLocaleString('en')}, at most 2,000 read)`,
  );
  console.log(`    one opportunity by id (reference): median ${ms(searchRef)}`);

  // 6. A certificate of 200 entries: a volunteer of the applying pool gets 200 participations on
  // past shifts (written as the attendance leaves them), then certifies them 20 times.
  const holder = L.general + 1;
  const past = await db
    .selectFrom('opportunity_shift')
    .select(['id', 'opportunity_id', 'end_at'])
    .where('end_at', '<', new Date(NOW - DAY).toISOString())
    .where('opportunity_id', '>', L.attOpps + L.applyOpps)
    .orderBy('id')
    .limit(CERTIFICATE_ENTRIES)
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('application')
    .values(
      past.map((x) => ({
        shift_id: Number(x.id),
        opportunity_id: Number(x.opportunity_id),
        volunteer_id: holder,
        status: 'attended',
        hours: 3,
        attendance_at: x.end_at,
        cohort: 'general',
        created_at: now,
        updated_at: now,
        answered_at: now,
      })),
    )
    .execute();
  const volunteer = { ...(await headersOf(holder)), 'content-type': 'application/json' };
  const certRef = await reference();
  sqlTimes.clear();
  const issueTimes: number[] = [];
  const pdfTimes: number[] = [];
  const codes: string[] = [];
  let bytes = 0;
  for (let i = 0; i < CERTIFICATES; i++) {
    const a = performance.now();
    const issued = await app.inject({
      method: 'POST',
      url: '/api/platform/volunteers/me/certificates',
      headers: volunteer,
      payload: JSON.stringify({ lang: (['kk', 'ru', 'en'] as const)[i % 3] }),
    });
    issueTimes.push(performance.now() - a);
    if (issued.statusCode !== 201) throw new Error(`certificate: ${issued.statusCode} ${issued.body}`);
    const c = issued.json() as { code: string; url: string };
    codes.push(c.code);
    const b = performance.now();
    const pdf = await app.inject({ method: 'GET', url: c.url, headers: volunteer });
    pdfTimes.push(performance.now() - b);
    if (pdf.statusCode !== 200) throw new Error(`certificate PDF: ${pdf.statusCode}`);
    bytes = pdf.rawPayload.length;
  }
  printStatements('the certificates');
  const certificate = {
    pdfMedian: median(pdfTimes),
    pdfP95: quantile(pdfTimes, 0.95),
    issueMedian: median(issueTimes),
    refMedian: certRef,
    bytes,
  };
  console.log(
    `  certificate of ${past.length} entries, ${CERTIFICATES} times: PDF median ${ms(certificate.pdfMedian)}, p95 ${ms(certificate.pdfP95)} (${(bytes / 1024).toFixed(0)} KB); issuing median ${ms(certificate.issueMedian)}`,
  );
  console.log(`    one opportunity by id (reference): median ${ms(certRef)}`);

  // 7. The public check, from distinct addresses (60 checks a minute each).
  const verifyRef = await reference();
  sqlTimes.clear();
  const verifyTimes: number[] = [];
  for (let i = 0; i < VERIFIES; i++) {
    const a = performance.now();
    const res = await app.inject({
      method: 'GET',
      url: `/api/verify/${codes[i % codes.length]}`,
      remoteAddress: `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    });
    verifyTimes.push(performance.now() - a);
    if (res.statusCode !== 200) throw new Error(`verify: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  printStatements('the checks');
  const verify = { median: median(verifyTimes), p95: quantile(verifyTimes, 0.95), refMedian: verifyRef };
  console.log(`  /api/verify ×${VERIFIES}: median ${ms(verify.median)}, p95 ${ms(verify.p95)}`);
  console.log(`    one opportunity by id (reference): median ${ms(verifyRef)}`);
  return { participations, findable, volunteerSearch, certificate, verify };
}

function table(results: Result[]) {
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const cols = (a: string, b: string, c: string, d: string, e: string) =>
    `${a.padEnd(50)} | ${b.padEnd(15)} | ${c.padEnd(44)} | ${d.padEnd(15)} | ${e}`;
  console.log(
    `\n${cols('figure', 'goal', 'reference (same run, same database)', 'verdict', 'CPU of this process')}`,
  );
  for (const r of results) {
    console.log(`-- ${r.label}, scale ${r.scale}: generated in ${(r.generation / 1000).toFixed(0)} s`);
    console.log(
      cols(
        `search median ${ms(r.search.median)}, p95 ${ms(r.search.p95)}`,
        `median < ${GOAL.searchMedian} ms`,
        `by id: median ${ms(r.search.refMedian)}, p95 ${ms(r.search.refP95)}`,
        met(r.search.median < GOAL.searchMedian),
        `${ms(r.search.cpu)} a query (by id ${ms(r.search.refCpu)})`,
      ),
    );
    console.log(
      cols(
        `apply ×200 p50 ${ms(r.apply.p50)}, p95 ${ms(r.apply.p95)}`,
        `p95 < ${GOAL.applyP95} ms`,
        `by id ×200: p50 ${ms(r.apply.refP50)}, p95 ${ms(r.apply.refP95)}`,
        met(r.apply.p95 < GOAL.applyP95),
        `${ms(r.apply.cpu)} an application (by id ${ms(r.apply.refCpu)})`,
      ),
    );
    console.log(
      cols(
        `overbooked shifts ${r.apply.overbooked} of ${r.apply.shifts} (non-201: ${r.apply.non201})`,
        '0',
        '',
        met(r.apply.overbooked === 0 && r.apply.non201 === 0),
        '',
      ),
    );
    console.log(
      cols(
        `attendance ${r.attendance.recorded.toLocaleString('en')} in ${ms(r.attendance.total)}`,
        `< ${GOAL.attendance} ms`,
        `10,000 single-row UPDATEs: ${ms(r.attendance.reference)}`,
        met(r.attendance.total < GOAL.attendance && r.attendance.recorded >= ATTENDANCES),
        `${ms(r.attendance.cpu)} (UPDATEs ${ms(r.attendance.refCpu)})`,
      ),
    );
    console.log(
      cols(
        `volunteer search median ${ms(r.volunteerSearch.median)}, p95 ${ms(r.volunteerSearch.p95)}`,
        `median < ${GOAL.volunteerSearchMedian} ms`,
        `by id: median ${ms(r.volunteerSearch.refMedian)}`,
        met(r.volunteerSearch.median < GOAL.volunteerSearchMedian),
        `${r.participations.toLocaleString('en')} participations, ${r.findable.toLocaleString('en')} findable`,
      ),
    );
    console.log(
      cols(
        `certificate PDF (${CERTIFICATE_ENTRIES} entries) median ${ms(r.certificate.pdfMedian)}`,
        `< ${GOAL.certificatePdf} ms`,
        `by id: median ${ms(r.certificate.refMedian)}`,
        met(r.certificate.pdfMedian < GOAL.certificatePdf),
        `issuing median ${ms(r.certificate.issueMedian)}`,
      ),
    );
    console.log(
      cols(
        `/api/verify median ${ms(r.verify.median)}, p95 ${ms(r.verify.p95)}`,
        `median < ${GOAL.verifyMedian} ms`,
        `by id: median ${ms(r.verify.refMedian)}`,
        met(r.verify.median < GOAL.verifyMedian),
        '',
      ),
    );
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-platform-'));
  try {
    const database = openDatabase(path.join(dir, 'bench.db'));
    try {
      results.push(await measure('SQLite', database));
    } finally {
      await database.close();
    }
  } finally {
    if (KEEP) console.log(`(kept ${dir})`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  if (PG_URL) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const database = openDatabase(PG_URL, { schema });
      try {
        results.push(await measure('PostgreSQL', database, schema));
      } finally {
        await database.close();
      }
    } finally {
      if (KEEP) console.log(`(kept the schema ${schema})`);
      else await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  } else console.log('\n(PostgreSQL: set BENCH_DATABASE_URL to measure it too)');
  table(results);
  console.log(
    '(CPU: this process only, SQLite included; on PostgreSQL the database works in its own processes. Wall times on a shared machine swing with its load; CPU much less.)',
  );
  console.log(
    `\n(machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, load average ${os.loadavg()[0]?.toFixed(1)})`,
  );
}

await main();
