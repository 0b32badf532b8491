// Exports over HTTP: every format of FORMATS.md written back so that it imports unchanged (round
// trip into a fresh database gives the same rows and the same file; re-importing into the same
// database inserts nothing), and who may export what.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection.ts';
import { withCheckDigit } from '../src/domain/ids.ts';
import type { Lang } from '../src/domain/lang.ts';
import { CLI, writeExport, writeToTempFile } from '../src/modules/exports/export.service.ts';
import { type ImportKind, REFERENCE_KINDS } from '../src/modules/imports/headers.ts';
import { runImport } from '../src/modules/imports/import.service.ts';
import { inspectFile, readRows } from '../src/modules/imports/reader.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { createTestDatabase } from './helpers/db.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let viewer: SignedIn;
let coordinator: SignedIn;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-exports-'));

// ---------------------------------------------------------------------------------------------
// Source files, written the way people send them: `;`, decimal commas, quotes, line breaks,
// blanks that mean "not reported", identical rows, external ids, BINs.

const ACTIVITY_HEADER =
  'region;period;organization;organization_type;organization_bin;title;area;format;kind;start_date;end_date;volunteers;hours;child;inclusive;corporate;international;silver;probono;general;rfo_support;beneficiaries;excluded;external_id;notes';

function bin(i: number): string {
  for (let k = 0; ; k++) {
    const b = withCheckDigit(`2201${'4'}${String(i * 10 + k).padStart(6, '0')}`);
    if (b) return b;
  }
}

/** KZ-75 and KZ-79 in Russian only (Windows-1251 can hold them); KZ-71 with Kazakh letters. */
function activitiesFile(): string {
  const lines = [ACTIVITY_HEADER];
  const orgs = {
    'KZ-75': [
      ['Фонд "Добро"', 'npo', bin(1)],
      ['Инициативная группа; Соседи', 'initiative_group', ''],
    ],
    'KZ-79': [
      ['ТОО Корпорация', 'company', bin(2)],
      ['Молодёжный центр', 'state_institution', ''],
    ],
    'KZ-71': [
      ['Қамқор жүрек', 'npo', bin(3)],
      ['Өңірлік ерікті орталығы', 'front_office', ''],
    ],
  } as const;
  let n = 0;
  for (const region of ['KZ-75', 'KZ-79', 'KZ-71'] as const) {
    for (const month of ['03', '04']) {
      for (let i = 0; i < 6; i++) {
        n++;
        const [org, type, b] = orgs[region][i % 2] as readonly [string, string, string];
        const volunteers = 3 + ((n * 7) % 40);
        const hours = i % 3 === 0 ? `${volunteers * 2},5` : String(volunteers * 3);
        const day = String(1 + (i % 20)).padStart(2, '0');
        const cohorts =
          i % 3 === 1
            ? ['1', '', '', '', '2', '', '']
            : i % 3 === 2
              ? ['1', '0', '0', '0', '0', '0', String(volunteers - 1)]
              : ['', '', '', '', '', '', ''];
        lines.push(
          [
            region === 'KZ-75' && i === 0 ? 'Алматы' : region,
            `2022-${month}`,
            `"${org.replace(/"/g, '""')}"`,
            type,
            b,
            i === 4
              ? '"Субботник ""Таза әлем"", уборка; парк"'.replace('әлем', region === 'KZ-71' ? 'әлем' : 'мир')
              : `Акция ${i}`,
            ['taza_alem', 'umit', 'other_social', 'bilim'][i % 4],
            ['offline', 'online', 'auto'][i % 3],
            ['event', 'ongoing', 'development'][i % 3],
            `2022-${month}-${day}`,
            `2022-${month}-${day}`,
            String(volunteers),
            hours,
            ...cohorts,
            i === 1 ? 'printing|vehicles' : '',
            i % 2 ? String(100 + n) : '',
            i === 5 ? 'paid' : '',
            i === 3 ? `EXT-${region}-${month}` : '',
            i === 2 ? '"строка 1\nстрока 2, с запятой"' : '',
          ].join(';'),
        );
      }
      // The same activity twice in one month: two rows, both kept.
      lines.push(lines[lines.length - 1] as string);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const volunteersFile = () =>
  [
    'region,period,dimension,category,volunteers',
    'KZ-75,2022,total,,1000',
    'KZ-75,2022,gender,male,400',
    'KZ-75,2022,gender,female,600',
    'KZ-75,2022,age_band,under_18,',
    'KZ-75,2022,age_band,18_29,550',
    'KZ-75,2022-H1,total,,700',
    'KZ-79,2022,total,,',
    'KZ-79,2022,employment,student,120',
    'KZ-71,2022-06,total,,90',
  ].join('\n');

const organizationsFile = () =>
  ['region;period;npo;initiative_groups', 'KZ-75;2022;12;', 'KZ-79;2022-06;4;7', 'KZ-71;2022;;3'].join('\n');

const SMALL_FILES: Record<Exclude<ImportKind, 'activities' | 'volunteers' | 'organizations'>, string> = {
  appeals: [
    'received_at,channel,gender,region,country,topic,related,status,first_response_at,resolved_at,external_id',
    '2022-03-01T09:15:00Z,phone,female,KZ-75,,consultation,true,resolved,2022-03-01T10:00:00Z,2022-03-02T12:00:00Z,',
    '2022-03-01T09:15:00Z,phone,female,KZ-75,,consultation,true,resolved,2022-03-01T10:00:00Z,2022-03-02T12:00:00Z,',
    '2022-05-10T14:00:00Z,telegram,,,UZ,become_volunteer,false,new,,,IC-77',
  ].join('\n'),
  population: ['region,year,population', 'KZ-75,2022,2000001', 'KZ-79,2022,1200001'].join('\n'),
  wages: [
    'region;activity;year;monthly_wage_kzt;source',
    ';;2022;260000,5;BNS',
    'KZ-75;;2022;380000;BNS',
  ].join('\n'),
  'working-time': ['year,monthly_hours,annual_hours,source', '2022,163.5,1962,"Labour Code, art. 68"'].join(
    '\n',
  ),
  unaccounted: [
    'year,source,area,volunteers,hours,note',
    '2022,Red Crescent,qamqor,120,4800.5,"flood, spring"',
    '2022,Akimat,,,900,',
  ].join('\n'),
};

const write = (name: string, body: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, body);
  return p;
};

const load = (database: Database, kind: ImportKind, file: string) =>
  runImport(database, { kind, path: file, filename: path.basename(file), user: null, allowClosed: true });

/** A file's rows as the importer reads them (header first). */
async function table(file: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const batch of readRows(await inspectFile(file))) for (const r of batch) out.push(r.cells);
  return out;
}

/** What the database holds of the activities, without ids and times. */
const activityContents = async (database: Database) =>
  (
    await database.db
      .selectFrom('activity as a')
      .innerJoin('organization as o', 'o.id', 'a.organization_id')
      .select([
        'a.region',
        'a.period',
        'o.name',
        'o.type',
        'o.bin',
        'a.title',
        'a.area',
        'a.format',
        'a.kind',
        'a.start_date',
        'a.end_date',
        'a.volunteers',
        'a.hours',
        'a.child',
        'a.inclusive',
        'a.corporate',
        'a.international',
        'a.silver',
        'a.probono',
        'a.general',
        'a.rfo_support',
        'a.beneficiaries',
        'a.excluded',
        'a.external_id',
        'a.row_key',
        'a.notes',
      ])
      .orderBy('a.region')
      .orderBy('a.period')
      .orderBy('a.row_key')
      .execute()
  ).map((r) => ({ ...r, hours: Number(r.hours) }));

let apiRowKey: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  viewer = await signIn(t, 'viewer');
  coordinator = await signIn(t, 'org_coordinator', { region: 'KZ-75' });
  const a = await load(t.database, 'activities', write('activities.csv', activitiesFile()));
  expect(a).toMatchObject({ inserted: 42, rows: 42 });
  // One row entered through the form: its system key (api:…) must come back to the same row.
  const posted = await t.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: admin.headers,
    payload: {
      region: 'KZ-79',
      period: '2022-04',
      organization: 'ТОО Корпорация',
      organization_type: 'company',
      title: 'Entered by hand',
      area: 'saulyq',
      format: 'offline',
      kind: 'event',
      start_date: '2022-04-09',
      end_date: '2022-04-09',
      volunteers: 4,
      hours: 10,
    },
  });
  expect(posted.statusCode).toBe(201);
  apiRowKey = (
    await t.database.db
      .selectFrom('activity')
      .select('row_key')
      .where('title', '=', 'Entered by hand')
      .executeTakeFirstOrThrow()
  ).row_key;
  expect(apiRowKey).toMatch(/^api:/);
  await load(t.database, 'volunteers', write('volunteers.csv', volunteersFile()));
  await load(t.database, 'organizations', write('organizations.csv', organizationsFile()));
  for (const [kind, body] of Object.entries(SMALL_FILES))
    await load(t.database, kind as ImportKind, write(`${kind}.csv`, body));
}, 120_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Query = {
  year?: number;
  region?: string;
  format?: 'csv' | 'xlsx';
  lang?: Lang;
  encoding?: 'utf-8' | 'windows-1251';
  delimiter?: 'comma' | 'semicolon';
};
const qs = (q: Record<string, unknown>) =>
  Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
const exportUrl = (kind: string, q: Query) => `/api/exports/${kind}?${qs({ year: 2022, ...q })}`;
const get = (url: string, who?: SignedIn) =>
  t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });

/** Exports from the app's database over HTTP, then proves the round trip. */
async function roundTrip(kind: ImportKind, q: Query) {
  const res = await get(exportUrl(kind, q), admin);
  expect(res.statusCode, res.body).toBe(200);
  const ext = q.format ?? 'csv';
  expect(res.headers['content-disposition']).toMatch(
    new RegExp(`^attachment; filename="${kind}-2022.*\\.${ext}"$`),
  );
  const exported = write(`${kind}-${qs(q).replace(/[^a-z0-9-]/gi, '_')}.${ext}`, res.rawPayload);
  const rows = Number(res.headers['x-export-rows']);
  const original = await table(exported);
  expect(original.length).toBe(rows + 1);

  // Into a fresh database: the same rows, and exported again the same file.
  const fresh = await createTestDatabase();
  try {
    const first = await load(fresh, kind, exported);
    // The reference statistics of 2022 come with the schema: there the import updates them.
    if (REFERENCE_KINDS.includes(kind)) expect(first.inserted + first.updated + first.unchanged).toBe(rows);
    else expect(first).toMatchObject({ inserted: rows, updated: 0 });
    const again = await writeToTempFile(
      (out) =>
        writeExport(
          fresh.db,
          CLI,
          {
            kind,
            year: 2022,
            region: q.region ?? null,
            format: q.format ?? 'csv',
            lang: q.lang ?? 'en',
            encoding: q.encoding ?? 'utf-8',
            delimiter: q.delimiter ?? (q.encoding === 'windows-1251' ? 'semicolon' : 'comma'),
          },
          out,
        ),
      path.join(dir, `again-${path.basename(exported)}`),
    );
    expect(again.result.rows).toBe(rows);
    expect(await table(again.path)).toEqual(original);
    if (ext === 'csv') expect(fs.readFileSync(again.path).equals(res.rawPayload)).toBe(true);
    if (kind === 'activities' && !q.region)
      expect(await activityContents(fresh)).toEqual(await activityContents(t.database));
  } finally {
    await fresh.close();
  }

  // Into the same database: nothing inserted, nothing changed.
  const same = await load(t.database, kind, exported);
  expect(same).toMatchObject({ inserted: 0, updated: 0 });
  return { res, exported, original };
}

describe('activities round trip', () => {
  it('CSV UTF-8 with `,`: a BOM, codes as headers, decimal points, blanks stay blank', async () => {
    const { res, original } = await roundTrip('activities', {});
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(original.length).toBe(44);
    const header = original[0] as string[];
    expect(header.slice(0, 3)).toEqual(['region', 'period', 'organization']);
    const hours = header.indexOf('hours');
    const child = header.indexOf('child');
    const ext = header.indexOf('external_id');
    expect(original.some((r) => String(r[hours]).includes('.5'))).toBe(true);
    expect(original.filter((r) => r[child] === '').length).toBeGreaterThan(0);
    // Names were resolved to codes; the typed external ids and the system keys are both there.
    expect(original.slice(1).every((r) => /^KZ-\d\d$/.test(String(r[0])))).toBe(true);
    const keys = original.slice(1).map((r) => String(r[ext]));
    expect(keys).toContain('EXT-KZ-75-03');
    expect(keys).toContain(apiRowKey);
    expect(keys.filter((k) => /^h:.*:2$/.test(k)).length).toBe(6);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('CSV Windows-1251 with `;` and Russian headers: decimal commas, same rows back', async () => {
    const { res, original } = await roundTrip('activities', {
      encoding: 'windows-1251',
      lang: 'ru',
      region: 'KZ-75',
    });
    expect(res.headers['content-type']).toBe('text/csv; charset=windows-1251');
    expect(res.headers['content-disposition']).toContain('activities-2022-KZ-75.csv');
    const text = iconv.decode(res.rawPayload, 'win1251');
    expect(text.startsWith('Регион;Период;Организация;')).toBe(true);
    // Labels in Russian for the codes; one that Windows-1251 cannot hold (the Á of Taza Álem) stays a code.
    expect(text).toContain('"Фонд ""Добро""";Волонтерская НКО;');
    expect(text).toMatch(/^г\. Алматы;2022-\d\d;/m);
    expect(text).toContain(';taza_alem;');
    expect(text).toMatch(/;\d+,5;/);
    expect(original.length).toBe(1 + 14);
  });

  it('.xlsx with Kazakh headers: numbers are numbers, text is text', async () => {
    const { res, exported } = await roundTrip('activities', { format: 'xlsx', lang: 'kk' });
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getRow(1).getCell(1).value).toBe('Өңір');
    const row = ws.getRow(2);
    expect(typeof row.getCell(12).value).toBe('number'); // volunteers
    expect(typeof row.getCell(13).value).toBe('number'); // hours
    expect(typeof row.getCell(5).value).toBe('string'); // the BIN keeps its digits as text
    expect(row.getCell(14).value).toBeNull(); // child: not reported, not 0
  });

  it('refuses Windows-1251 when a value has Kazakh letters, listing them (422), and sends no file', async () => {
    const res = await get(exportUrl('activities', { encoding: 'windows-1251' }), admin);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-disposition']).toBeUndefined();
    const details = res.json().details as { rule: string; column: string; row: number }[];
    expect(details.length).toBeGreaterThan(0);
    expect(details.every((d) => d.rule === 'not_in_windows_1251')).toBe(true);
    expect(details[0]).toMatchObject({ column: 'organization' });
    // the message itself names the first cell, its value, the letters, and the way out
    const first = details[0] as unknown as { row: number; value: string };
    expect(first).toMatchObject({ row: 2, value: 'Қамқор жүрек' });
    expect(res.json().message).toBe(
      `Windows-1251 cannot hold Kazakh letters: row 2, column organization, value "Қамқор жүрек" has "Ққү" (${details.length - 1} more listed in details). Export in UTF-8 instead`,
    );
    const kk = await get('/api/templates/activities?format=csv&lang=kk&encoding=windows-1251');
    expect(kk.statusCode).toBe(422);
  });
});

describe('volunteers, organisations and the other kinds round trip', () => {
  it('volunteers: totals without category, null kept, categories in list order', async () => {
    const { original } = await roundTrip('volunteers', {});
    expect(original).toEqual([
      ['region', 'period', 'dimension', 'category', 'volunteers'],
      ['KZ-71', '2022-06', 'total', '', '90'],
      ['KZ-75', '2022', 'total', '', '1000'],
      ['KZ-75', '2022', 'gender', 'male', '400'],
      ['KZ-75', '2022', 'gender', 'female', '600'],
      ['KZ-75', '2022', 'age_band', 'under_18', ''],
      ['KZ-75', '2022', 'age_band', '18_29', '550'],
      ['KZ-75', '2022-H1', 'total', '', '700'],
      ['KZ-79', '2022', 'total', '', ''],
      ['KZ-79', '2022', 'employment', 'student', '120'],
    ]);
    await roundTrip('volunteers', { format: 'xlsx', lang: 'ru' });
    await roundTrip('volunteers', { encoding: 'windows-1251', lang: 'ru' });
  });

  it('organisations: blank counts stay blank', async () => {
    const { original } = await roundTrip('organizations', { delimiter: 'semicolon', lang: 'kk' });
    expect(original).toEqual([
      ['Өңір', 'Кезең', 'ҮЕҰ', 'Бастамашыл топтар'],
      // A kk export writes the labels of the codes (FORMATS.md), which import back as the codes.
      ['Астана қаласы', '2022', '', '3'],
      ['Алматы қаласы', '2022', '12', ''],
      ['Шымкент қаласы', '2022-06', '4', '7'],
    ]);
    await roundTrip('organizations', { format: 'xlsx' });
    await roundTrip('organizations', { region: 'KZ-79', encoding: 'windows-1251' });
  });

  it.each(Object.keys(SMALL_FILES) as ImportKind[])('%s: CSV and .xlsx', async (kind) => {
    await roundTrip(kind, { delimiter: 'semicolon', lang: 'ru' });
    await roundTrip(kind, { format: 'xlsx', lang: 'en' });
  });

  it('wages: the national figure is a blank region; decimals keep their digits', async () => {
    const res = await get(exportUrl('wages', { delimiter: 'semicolon' }), admin);
    const text = res.rawPayload.toString('utf8');
    expect(text).toContain('\r\n;;2022;260000,5;BNS\r\n');
  });
});

describe('who may export', () => {
  it('needs a session (401); viewers and coordinators are refused (403)', async () => {
    expect((await get(exportUrl('activities', {}))).statusCode).toBe(401);
    expect((await get(exportUrl('activities', {}), viewer)).statusCode).toBe(403);
    expect((await get(exportUrl('activities', {}), coordinator)).statusCode).toBe(403);
  });

  it('decides who may export before it reads the query: 401 / 403, then 400', async () => {
    const bad = [
      '/api/exports/activities?year=abc&format=pdf',
      '/api/exports/activities',
      '/api/exports/nonsense',
    ];
    for (const url of bad) {
      const anonymous = await get(url);
      expect([url, anonymous.statusCode]).toEqual([url, 401]);
      expect(anonymous.json()).toMatchObject({ error: 'unauthorized' });
      expect([url, (await get(url, viewer)).statusCode]).toEqual([url, 403]);
      expect([url, (await get(url, coordinator)).statusCode]).toEqual([url, 403]);
      expect([url, (await get(url, admin)).statusCode]).toEqual([url, 400]);
    }
    expect((await get('/api/exports/appeals?year=abc', rfo)).statusCode).toBe(403);
    expect((await get('/api/exports/activities?year=abc', rfo)).statusCode).toBe(400);
    const invalid = await get('/api/exports/activities?year=abc', analyst);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('national analysts export every region', async () => {
    const res = await get(exportUrl('activities', {}), analyst);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-export-rows']).toBe('43');
  });

  it('RFO staff: their own region (the default), 403 for another, even named', async () => {
    const own = await get(exportUrl('activities', {}), rfo);
    expect(own.statusCode).toBe(200);
    expect(own.headers['x-export-rows']).toBe('14');
    expect(own.headers['content-disposition']).toContain('activities-2022-KZ-75.csv');
    const rows = await table(write('rfo.csv', own.rawPayload));
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['KZ-75']));
    expect((await get(exportUrl('activities', { region: 'Алматы' }), rfo)).statusCode).toBe(200);
    for (const kind of ['activities', 'volunteers', 'organizations']) {
      const other = await get(exportUrl(kind, { region: 'KZ-79' }), rfo);
      expect(other.statusCode).toBe(403);
      expect(other.json().error).toBe('forbidden');
    }
    expect((await get(exportUrl('organizations', { region: 'Shymkent' }), rfo)).statusCode).toBe(403);
    expect((await get(exportUrl('appeals', {}), rfo)).statusCode).toBe(403);
    expect((await get(exportUrl('population', {}), rfo)).statusCode).toBe(200);
  });

  it('validates the query: 400, never 500', async () => {
    for (const url of [
      '/api/exports/activities',
      '/api/exports/activities?year=22',
      '/api/exports/activities?year=2022&format=pdf',
      '/api/exports/activities?year=2022&lang=de',
      '/api/exports/activities?year=2022&encoding=latin1',
      '/api/exports/activities?year=2022&delimiter=tab',
      '/api/exports/activities?year=2022&region=Atlantis',
      '/api/exports/people?year=2022',
      '/api/templates/people',
      '/api/templates/activities?format=pdf',
    ]) {
      const res = await get(url, admin);
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('an empty year is a header row only', async () => {
    const res = await get('/api/exports/activities?year=2030', admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-export-rows']).toBe('0');
    expect(res.rawPayload.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
