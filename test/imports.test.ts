// Imports over HTTP (POST /api/imports/:kind): good files of every kind and shape (CSV UTF-8 `,`,
// CSV Windows-1251 `;` with ru titles and region names, UTF-8 with kk titles, .xlsx), every
// problem of a bad file listed with nothing written, re-imports that change nothing, dry runs,
// the bad inputs of issue #2 (each a clear 4xx, nothing written, the server still answering) and
// who may import what.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { bombSheet, zipFile } from './helpers/zip.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'imports');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;

// pg's warning for a query sent on a client that is still running another one (a Promise.all over
// the one client of a transaction): no import may cause it. Node prints it once per process.
const busyClientWarnings: string[] = [];
process.on('warning', (w) => {
  if (/already executing a query/.test(w.message)) busyClientWarnings.push(w.message);
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
});
afterAll(async () => t?.close());

/** A multipart/form-data body with one file part. */
function multipart(
  content: Buffer | string,
  filename: string,
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    typeof content === 'string' ? Buffer.from(content) : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(
  kind: string,
  content: Buffer | string,
  opts: { filename?: string; dryRun?: boolean; who?: SignedIn | null; app?: TestApp } = {},
) {
  const body = multipart(content, opts.filename ?? `${kind}.csv`);
  const who = opts.who === undefined ? admin : opts.who;
  return (opts.app ?? t).app.inject({
    method: 'POST',
    url: `/api/imports/${kind}${opts.dryRun === undefined ? '' : `?dryRun=${opts.dryRun}`}`,
    headers: { ...(who?.headers ?? {}), ...body.headers },
    payload: body.payload,
  });
}

const TABLES = [
  'activity',
  'organization',
  'submission',
  'import_batch',
  'audit_log',
  'volunteer_stat',
  'org_count',
  'appeal',
  'population',
  'wage',
  'working_time',
  'unaccounted_hours',
  'aggregate_region_month',
] as const;

/** Row counts of every table an import may write: equal before and after means nothing was written. */
async function tableCounts(app: TestApp = t): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    try {
      const r = await app.database.db
        .selectFrom(table as 'activity')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(r.n);
    } catch {
      // a table this schema does not have
    }
  }
  return out;
}

const get = (url: string, who: SignedIn = admin) =>
  t.app.inject({ method: 'GET', url, headers: who.headers });

async function activities(region: string, period: string) {
  const res = await get(`/api/activities?region=${region}&period=${period}&limit=1000`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Record<string, unknown>[]; total: number };
}

async function monthCounts(region: string, period: string) {
  const res = await get(`/api/submissions?year=${period.slice(0, 4)}&region=${region}`);
  expect(res.statusCode, res.body).toBe(200);
  const s = (res.json() as { period: string; counts: Record<string, number | null> }[]).find(
    (x) => x.period === period,
  );
  return s?.counts;
}

describe('good activity files', () => {
  it('CSV, UTF-8, comma: every row lands, quoted cells and blanks as written', async () => {
    const res = await upload('activities', fixture('activities-utf8.csv'), { filename: 'march.csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      kind: 'activities',
      rows: 4,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      alreadyImported: false,
      dryRun: false,
      fileType: 'csv',
      encoding: 'utf-8',
      importId: expect.any(Number),
    });
    const list = await activities('KZ-75', '2022-03');
    expect(list.total).toBe(4);
    const byTitle = Object.fromEntries(list.items.map((a) => [a.title, a]));
    expect(byTitle['Tree planting in the park']).toMatchObject({
      organization: 'Фонд "Добро"',
      organization_bin: '220141000003',
      volunteers: 12,
      hours: 48,
      child: 2,
      general: null,
      rfo_support: 'recruiting|printing',
      beneficiaries: 150,
    });
    expect(byTitle['Food parcels, for the elderly']).toMatchObject({
      kind: 'ongoing',
      external_id: 'ALM-001',
      notes: 'Two-line\nnote',
      child: null,
      beneficiaries: 40,
    });
    expect(byTitle['Online lessons']).toMatchObject({ hours: 12.5, corporate: 5, general: 0 });
    expect(byTitle['Paid promo']).toMatchObject({ excluded: 'commercial' });
    // The aggregates leave the excluded row out.
    expect(await monthCounts('KZ-75', '2022-03')).toMatchObject({ volunteers: 25, hours: 380.5 });
  });

  it('CSV, Windows-1251, semicolon, ru titles, region names, decimal comma, dd.mm.yyyy, thousands spaces', async () => {
    const res = await upload('activities', fixture('activities-cp1251.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 3, encoding: 'windows-1251', fileType: 'csv' });
    const list = await activities('KZ-79', '2022-04');
    expect(list.total).toBe(3);
    const byTitle = Object.fromEntries(list.items.map((a) => [a.title, a]));
    expect(byTitle['Помощь пожилым людям']).toMatchObject({
      region: 'KZ-79',
      organization: 'ОО "Милосердие"',
      hours: 42.5,
      beneficiaries: 1200,
    });
    expect(byTitle['Субботник; уборка парка']).toMatchObject({
      organization: 'Молодёжный центр',
      start_date: '2022-04-09',
      child: 5,
      external_id: 'SHY-7',
      notes: 'Ёлки посажены',
    });
    expect(byTitle['Обучение волонтёров']).toMatchObject({ kind: 'development', hours: 24 });
    expect(await monthCounts('KZ-79', '2022-04')).toMatchObject({ volunteers: 41, hours: 166.5 });
  });

  it('CSV, UTF-8 with BOM, semicolon, kk titles and kk region names', async () => {
    const res = await upload('activities', fixture('activities-kk.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, inserted: 2, encoding: 'utf-8' });
    const list = await activities('KZ-71', '2022-05');
    expect(list.items.map((a) => [a.title, a.organization, a.hours, a.rfo_support]).sort()).toEqual([
      ['Еріктілерді оқыту', 'Өңірлік ерікті орталығы', 72, 'coverage|vehicles'],
      ['Қарттарға көмек', 'Қамқор жүрек', 60.5, null],
    ]);
  });

  it('.xlsx written by exceljs: numbers as numbers, dates as dates, first sheet only', async () => {
    const res = await upload('activities', await activitiesXlsx(), { filename: 'june.xlsx' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, inserted: 2, fileType: 'xlsx', encoding: null });
    const list = await activities('KZ-75', '2022-06');
    expect(list.items.map((a) => [a.title, a.start_date, a.end_date, a.volunteers, a.hours]).sort()).toEqual([
      ['Blood donation', '2022-06-14', '2022-06-14', 30, 90],
      ['Summer camp', '2022-06-01', '2022-06-10', 7, 560.5],
    ]);
  });
});

async function activitiesXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Activities');
  ws.addRow([
    'region',
    'period',
    'organization',
    'organization_type',
    'title',
    'area',
    'format',
    'kind',
    'start_date',
    'end_date',
    'volunteers',
    'hours',
  ]);
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  ws.addRow([
    'Almaty city',
    '2022-06',
    'Red Crescent',
    'npo',
    'Blood donation',
    'saulyq',
    'offline',
    'event',
    d('2022-06-14'),
    d('2022-06-14'),
    30,
    90,
  ]);
  ws.addRow([
    'KZ-75',
    '2022-06',
    'Red Crescent',
    'npo',
    'Summer camp',
    'ayala',
    'offline',
    'ongoing',
    d('2022-06-01'),
    d('2022-06-10'),
    7,
    560.5,
  ]);
  // A second sheet is not read.
  wb.addWorksheet('Notes').addRow(['anything', 'else']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Files built row by row: one good row, then each problem of the issue in a row of its own.

const COLUMNS = [
  'region',
  'period',
  'organization',
  'organization_type',
  'organization_bin',
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
];

const quote = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV of activity rows: each a good row of KZ-75 in `period` with some cells changed. */
function activityCsv(period: string, rows: Record<string, string>[], sep = ','): string {
  const good = (i: number): Record<string, string> => ({
    region: 'KZ-75',
    period,
    organization: 'Umit Volunteers',
    organization_type: 'npo',
    title: `Activity ${i + 1}`,
    area: 'umit',
    format: 'offline',
    kind: 'event',
    start_date: `${period}-10`,
    end_date: `${period}-10`,
    volunteers: '10',
    hours: '20',
  });
  return [
    COLUMNS.join(sep),
    ...rows.map((over, i) => {
      const r = { ...good(i), ...over };
      return COLUMNS.map((c) => quote(r[c] ?? '')).join(sep);
    }),
    '',
  ].join('\n');
}

describe('a file with many problems', () => {
  // [cells changed, column, value, rule]; the data row of entry i is file row i + 2.
  const BAD: [Record<string, string>, string, unknown, string][] = [
    [{ volunteers: 'ten' }, 'volunteers', 'ten', 'number'],
    [{ hours: '-5' }, 'hours', '-5', 'min'],
    [{ start_date: '2022-08-01' }, 'start_date', '2022-08-01', 'date_outside_period'],
    [{ end_date: '2022-06-30' }, 'end_date', '2022-06-30', 'date_outside_period'],
    [{ region: 'Atlantis' }, 'region', 'Atlantis', 'unknown_region'],
    [{ organization_bin: '220141000004' }, 'organization_bin', '220141000004', 'bin_check_digit'],
    [{ organization_bin: '12345' }, 'organization_bin', '12345', 'bin_format'],
    [
      {
        child: '5',
        inclusive: '3',
        corporate: '0',
        international: '0',
        silver: '0',
        probono: '0',
        general: '5',
      },
      'general',
      '5',
      'cohorts_sum',
    ],
    [{ area: 'space' }, 'area', 'space', 'unknown_code'],
    [{ period: '2022-13' }, 'period', '2022-13', 'period_format'],
    [{ hours: '1000' }, 'hours', '1000', 'hours_too_many'],
    [{ start_date: '2022-07-12', end_date: '2022-07-11' }, 'end_date', '2022-07-11', 'start_after_end'],
    [{ title: '' }, 'title', '', 'required'],
    [{ volunteers: '0' }, 'volunteers', '0', 'min'],
    [{ volunteers: '2,5' }, 'volunteers', '2,5', 'integer'],
    [{ hours: '12,5,3' }, 'hours', '12,5,3', 'number'],
    [{ start_date: '31/07/2022' }, 'start_date', '31/07/2022', 'date_format'],
    [{ excluded: 'boring' }, 'excluded', 'boring', 'unknown_code'],
    [{ rfo_support: 'recruiting|magic' }, 'rfo_support', 'recruiting|magic', 'unknown_code'],
    [{ external_id: 'DUP-1' }, 'external_id', 'DUP-1', 'duplicate_external_id'],
  ];

  it('lists every problem with its row, column, value and rule, and writes nothing', async () => {
    const rows = [
      { external_id: 'DUP-1' }, // row 2: good, the first of the duplicate pair
      ...BAD.map(([over]) => over),
      {}, // a good row at the end changes nothing
    ];
    const before = await tableCounts();
    const res = await upload('activities', activityCsv('2022-07', rows));
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as { error: string; message: string; details: Record<string, unknown>[] };
    expect(body.error).toBe('validation_failed');
    expect(body.message).toMatch(/problem/);
    const got = body.details.map((d) => [d.row, d.column, d.value, d.rule]);
    const want = BAD.map(([, column, value, rule], i) => [i + 3, column, value, rule]);
    for (const w of want) expect(got).toContainEqual(w);
    // Nothing else, and each detail says what is wrong in words.
    expect(body.details).toHaveLength(want.length);
    for (const d of body.details) expect(d.message).toEqual(expect.any(String));
    expect(await tableCounts()).toEqual(before);
    expect((await activities('KZ-75', '2022-07')).total).toBe(0);
  });

  it('a row with several problems gets one entry for each', async () => {
    const res = await upload(
      'activities',
      activityCsv('2022-07', [{}, { region: '', format: 'paper', hours: 'x' }]),
    );
    expect(res.statusCode).toBe(422);
    const got = (res.json().details as Record<string, unknown>[]).map((d) => [d.row, d.column, d.rule]);
    expect(got).toEqual(
      expect.arrayContaining([
        [3, 'region', 'required'],
        [3, 'format', 'unknown_code'],
        [3, 'hours', 'number'],
      ]),
    );
  });

  it('over a thousand problems: the first thousand listed, the rest counted', async () => {
    const rows = Array.from({ length: 1500 }, () => ({ volunteers: 'x' }));
    const before = await tableCounts();
    const res = await upload('activities', activityCsv('2022-07', rows));
    expect(res.statusCode).toBe(422);
    const { message, details } = res.json() as { message: string; details: Record<string, unknown>[] };
    expect(message).toMatch(/1500 problems/);
    expect(details).toHaveLength(1001);
    expect(details[0]).toMatchObject({ row: 2, column: 'volunteers', value: 'x', rule: 'number' });
    expect(details[999]).toMatchObject({ row: 1001 });
    expect(details[1000]).toMatchObject({
      rule: 'more_problems',
      message: expect.stringMatching(/500 more/),
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('missing and unknown columns are listed together from the header', async () => {
    const csv =
      'region;period;organiser;title;area;format;kind;start_date;end_date;volunteers;hours;colour\nKZ-75;2022-07\n';
    const before = await tableCounts();
    const res = await upload('activities', csv);
    expect(res.statusCode).toBe(422);
    const got = (res.json().details as Record<string, unknown>[]).map((d) => [d.row, d.column, d.rule]);
    expect(got).toEqual(
      expect.arrayContaining([
        [1, 'organiser', 'unknown_column'],
        [1, 'colour', 'unknown_column'],
        [1, 'organization', 'missing_column'],
        [1, 'organization_type', 'missing_column'],
      ]),
    );
    expect(res.json().message).toMatch(/unknown columns: organiser, colour/);
    expect(await tableCounts()).toEqual(before);
  });

  it('values in columns without a header are not silently dropped', async () => {
    const csv = activityCsv('2022-07', [{}, {}]).replace(
      /\n(KZ-75[^\n]*)\n(KZ-75[^\n]*)/,
      '\n$1,surplus\n$2',
    );
    const res = await upload('activities', csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([
      expect.objectContaining({ row: 2, column: 'Z', value: 'surplus', rule: 'extra_cell' }),
    ]);
  });
});

describe('importing again, and dry runs', () => {
  it('the same file again: recognised, nothing written', async () => {
    const file = fixture('activities-utf8.csv');
    const before = await tableCounts();
    const res = await upload('activities', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 4,
      inserted: 0,
      updated: 0,
      unchanged: 4,
      alreadyImported: true,
    });
    expect(await tableCounts()).toEqual(before);
    expect((await activities('KZ-75', '2022-03')).total).toBe(4);
  });

  it('the same rows in other bytes (CRLF, a row added): only the new row is inserted', async () => {
    const text = fixture('activities-utf8.csv').toString('utf8');
    const more = `${text}KZ-75,2022-03,Almaty Tech LLP,company,220141000370,Hackathon,bilim,offline,event,2022-03-26,2022-03-27,4,40,,,,,,,,,,,,\n`;
    const res = await upload('activities', more.replace(/\n/g, '\r\n'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 5,
      inserted: 1,
      updated: 0,
      unchanged: 4,
      alreadyImported: false,
    });
    expect((await activities('KZ-75', '2022-03')).total).toBe(5);
  });

  it('a row with an external id is updated in place, its version raised', async () => {
    const text = fixture('activities-utf8.csv')
      .toString('utf8')
      .replace('2022-03-31,8,320', '2022-03-31,9,330');
    const res = await upload('activities', text);
    expect(res.statusCode, res.body).toBe(200);
    // The three rows without an external id are unchanged; the row ALM-001 is updated.
    expect(res.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    const row = (await activities('KZ-75', '2022-03')).items.find((a) => a.external_id === 'ALM-001');
    expect(row).toMatchObject({ volunteers: 9, hours: 330, version: 2 });
  });

  it('a dry run counts what would change and writes nothing; the real run then does it', async () => {
    const csv = activityCsv('2022-09', [{}, { title: 'Second' }, { title: 'Third', external_id: 'SEP-3' }]);
    const before = await tableCounts();
    const dry = await upload('activities', csv, { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      rows: 3,
      inserted: 3,
      dryRun: true,
      importId: null,
      alreadyImported: false,
    });
    expect(await tableCounts()).toEqual(before);
    // A dry run of a bad file lists its problems the same way.
    const bad = await upload('activities', activityCsv('2022-09', [{ hours: '-1' }]), { dryRun: true });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details).toEqual([expect.objectContaining({ row: 2, column: 'hours', rule: 'min' })]);

    const real = await upload('activities', csv, { dryRun: false });
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({ rows: 3, inserted: 3, dryRun: false, importId: expect.any(Number) });
    expect((await activities('KZ-75', '2022-09')).total).toBe(3);
    // A dry run of a file already imported says so and changes nothing.
    const again = await upload('activities', csv, { dryRun: true });
    expect(again.json()).toMatchObject({ alreadyImported: true, inserted: 0, dryRun: true });
  });

  it('dryRun takes true or false only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/activities?dryRun=maybe',
      headers: { ...admin.headers, ...multipart('x', 'a.csv').headers },
      payload: multipart('x', 'a.csv').payload,
    });
    expect(res.statusCode).toBe(400);
  });

  it('the import is audited with its counts', async () => {
    const res = await get('/api/audit?entity=import_batch&limit=100');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Record<string, unknown>[] } | Record<string, unknown>[];
    const items = Array.isArray(body) ? body : body.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({ action: 'import', entity: 'import_batch' });
    expect(JSON.stringify(items)).toMatch(/inserted/);
  });

  it("the trail of an import is filed under each region and month it changed, with that month's counts", async () => {
    // Two regions, two months of one, in one national file.
    const csv = activityCsv('2021-05', [
      {},
      { title: 'Second' },
      { region: 'KZ-79', title: 'Astana' },
    ]).concat(
      activityCsv('2021-06', [{ title: 'June' }])
        .split('\n')
        .slice(1)
        .join('\n'),
    );
    const res = await upload('activities', csv, { filename: 'spring.csv' });
    expect(res.statusCode, res.body).toBe(200);
    const { importId } = res.json() as { importId: number };
    const trail = async (query: string, who: SignedIn = admin) => {
      const r = await get(`/api/audit?entity=import_batch&entityId=${importId}&${query}`, who);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as Record<string, unknown>[]).map((e) => ({
        region: e.region,
        period: e.period,
        action: e.action,
        ...JSON.parse(e.newValue as string),
      }));
    };
    const counts = (rows: number, inserted: number) => ({
      rows,
      inserted,
      updated: 0,
      unchanged: rows - inserted,
    });
    expect(await trail('region=KZ-75')).toEqual([
      expect.objectContaining({
        region: 'KZ-75',
        period: '2021-05',
        action: 'import',
        file: 'spring.csv',
        ...counts(2, 2),
      }),
      expect.objectContaining({ region: 'KZ-75', period: '2021-06', ...counts(1, 1) }),
    ]);
    expect(await trail('region=KZ-79&period=2021')).toEqual([
      expect.objectContaining({
        region: 'KZ-79',
        period: '2021-05',
        kind: 'activities',
        ...counts(1, 1),
        file_rows: 4,
      }),
    ]);
    // The region's own staff read their region's part of it, and only that.
    expect((await trail('period=2021-05', rfo)).map((e) => e.region)).toEqual(['KZ-75']);

    // A row keyed by an external id moved to another month: both months' entries say so.
    const first = await upload(
      'activities',
      activityCsv('2021-05', [{ title: 'Moving', external_id: 'MV-1' }]),
    );
    expect(first.statusCode, first.body).toBe(200);
    const moved = await upload(
      'activities',
      activityCsv('2021-06', [{ title: 'Moving', external_id: 'MV-1' }]),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const m = await get(`/api/audit?entity=import_batch&entityId=${moved.json().importId}&region=KZ-75`);
    expect(
      (m.json() as { period: string; newValue: string }[]).map((e) => [e.period, JSON.parse(e.newValue)]),
    ).toEqual([
      ['2021-05', expect.objectContaining({ rows: 0, updated: 0, moved_out: 1 })],
      ['2021-06', expect.objectContaining({ rows: 1, inserted: 0, updated: 1 })],
    ]);

    // The smaller kinds too: volunteer stocks by region and period.
    const vols = await upload(
      'volunteers',
      [
        'region,period,dimension,category,volunteers',
        'KZ-79,2021-H1,total,,40',
        'KZ-75,2021-H1,total,,70',
      ].join('\n'),
    );
    expect(vols.statusCode, vols.body).toBe(200);
    const v = await get(`/api/audit?entity=import_batch&entityId=${vols.json().importId}&region=KZ-79`);
    expect(v.json()).toEqual([expect.objectContaining({ region: 'KZ-79', period: '2021-H1' })]);
    expect(JSON.parse(v.json()[0].newValue)).toMatchObject({ kind: 'volunteers', rows: 1, inserted: 1 });
  });
});

describe('bad input: a clear 4xx naming the problem, nothing written, the server still up', () => {
  // An app with a small upload limit, for the file over it.
  let small: TestApp;
  let smallAdmin: SignedIn;
  beforeAll(async () => {
    small = await createTestApp({ maxUploadBytes: 64 * 1024 });
    smallAdmin = await signIn(small, 'national_admin');
  });
  afterAll(async () => small?.close());

  const healthy = async (app: TestApp = t) => {
    const res = await app.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
  };

  const cases: [string, () => Buffer | string, string | undefined, number, string, RegExp][] = [
    ['an empty file', () => '', 'a.csv', 400, 'empty_file', /empty/],
    ['blank lines only', () => '\r\n  \r\n\r\n', 'a.csv', 400, 'empty_file', /empty/],
    ['a header and no rows', () => `${COLUMNS.join(',')}\r\n`, 'a.csv', 400, 'no_rows', /no data rows/],
    [
      '10 MB of random bytes',
      () => randomBytes(10 * 1024 * 1024),
      'data.csv',
      400,
      'unsupported_file',
      /binary/,
    ],
    ['random bytes named .xlsx', () => randomBytes(4096), 'book.xlsx', 400, 'not_xlsx', /not an \.xlsx/],
    [
      'a damaged zip',
      () => Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(2000)]),
      'book.xlsx',
      400,
      'not_xlsx',
      /not a valid \.xlsx/,
    ],
    [
      'a zip without a worksheet',
      () => zipFile([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]),
      'letter.xlsx',
      400,
      'not_xlsx',
      /no worksheet/,
    ],
    [
      'a CSV named .xlsx',
      () => fixture('activities-utf8.csv'),
      'march.xlsx',
      400,
      'not_xlsx',
      /named \.xlsx but is not/,
    ],
    [
      'UTF-16 ("Unicode text" from Excel)',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(activityCsv('2022-10', [{}]), 'utf16le')]),
      'unicode.txt',
      400,
      'unsupported_encoding',
      /UTF-16/,
    ],
    [
      'UTF-16 without a byte-order mark, Cyrillic titles',
      () => iconv.encode('Регион\tПериод\tОрганизация\r\nг. Алматы\t2022-10\tФонд\r\n', 'utf16le'),
      'unicode.txt',
      400,
      'unsupported_encoding',
      /UTF-16/,
    ],
    [
      'UTF-8 with a line pasted in Windows-1251',
      () =>
        Buffer.concat([
          Buffer.from(activityCsv('2022-10', [{ organization: 'Фонд Добро' }, { title: 'Уборка' }])),
          iconv.encode(
            activityCsv('2022-10', [{ organization: 'Фонд Милосердие' }]).split('\n')[1] as string,
            'win1251',
          ),
        ]),
      'mixed.csv',
      400,
      'mixed_encoding',
      /line 4/,
    ],
    [
      'Windows-1251 with a line pasted in UTF-8',
      () =>
        Buffer.concat([
          iconv.encode(
            activityCsv('2022-10', [
              { organization: 'Фонд Добро' },
              { title: 'Уборка парка' },
              { organization: 'Фонд Милосердие', title: 'Помощь пожилым людям' },
            ]),
            'win1251',
          ),
          Buffer.from(activityCsv('2022-10', [{ organization: 'Жас Қанат' }]).split('\n')[1] as string),
        ]),
      'mixed-1251.csv',
      400,
      'mixed_encoding',
      /Windows-1251, but line 5 is UTF-8/,
    ],
  ];

  it.each(cases)('%s', async (_what, content, filename, status, code, message) => {
    const before = await tableCounts();
    const res = await upload('activities', content(), { filename });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ error: code, message: expect.stringMatching(message) });
    expect(await tableCounts()).toEqual(before);
    await healthy();
  });

  it('a delimiter other than , or ;: named in the answer', async () => {
    const res = await upload('activities', activityCsv('2022-10', [{}]).replaceAll(',', '|'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      message: expect.stringMatching(/separated by "\|"/),
      details: [expect.objectContaining({ row: 1, rule: 'wrong_delimiter' })],
    });
  });

  it('rows with another delimiter than the header: named per row', async () => {
    const lines = activityCsv('2022-10', [{}, {}, {}]).split('\n');
    lines[2] = (lines[2] as string).replaceAll(',', ';');
    lines[3] = (lines[3] as string).replaceAll(',', ';');
    const before = await tableCounts();
    const res = await upload('activities', lines.join('\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([
      expect.objectContaining({ row: 3, rule: 'wrong_delimiter' }),
      expect.objectContaining({ row: 4, rule: 'wrong_delimiter' }),
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('text in number cells, negative hours, dates outside the month, unknown region, wrong BIN check digit', async () => {
    const res = await upload(
      'activities',
      activityCsv('2022-10', [
        { volunteers: 'twelve', hours: 'a lot' },
        { hours: '-3' },
        { start_date: '2022-09-30', end_date: '2022-11-01' },
        { region: 'Gotham' },
        { organization_bin: '220141000004' },
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect((res.json().details as Record<string, unknown>[]).map((d) => [d.row, d.column, d.rule])).toEqual([
      [2, 'volunteers', 'number'],
      [2, 'hours', 'number'],
      [3, 'hours', 'min'],
      [4, 'start_date', 'date_outside_period'],
      [4, 'end_date', 'date_outside_period'],
      [5, 'region', 'unknown_region'],
      [6, 'organization_bin', 'bin_check_digit'],
    ]);
  });

  it('volunteers whose breakdown does not add up to the total', async () => {
    const csv = [
      'region,period,dimension,category,volunteers',
      'KZ-75,2023,total,,500',
      'KZ-75,2023,gender,male,200',
      'KZ-75,2023,gender,female,200',
      'KZ-75,2023,age_band,under_18,-4',
      'KZ-75,2023,employment,astronaut,1',
    ].join('\n');
    const before = await tableCounts();
    const res = await upload('volunteers', csv);
    expect(res.statusCode).toBe(422);
    const got = (res.json().details as Record<string, unknown>[]).map((d) => [
      d.row,
      d.column,
      d.value,
      d.rule,
    ]);
    expect(got).toEqual(
      expect.arrayContaining([
        [5, 'volunteers', '-4', 'min'],
        [6, 'category', 'astronaut', 'unknown_code'],
        [4, 'volunteers', 400, 'breakdown_sum'],
      ]),
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('a file over the upload limit: 413, nothing written, no temporary file left', async () => {
    const tmp = () =>
      fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`birgemiz-import-${process.pid}-`));
    const leftBefore = tmp();
    const rows = Array.from({ length: 1200 }, (_, i) => ({ title: `Row ${i}` }));
    const csv = activityCsv('2022-10', rows);
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const before = await tableCounts(small);
    const res = await upload('activities', csv, { app: small, who: smallAdmin });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ error: 'too_large', message: expect.stringMatching(/64 KB/) });
    expect(await tableCounts(small)).toEqual(before);
    expect(tmp()).toEqual(leftBefore);
    await healthy(small);
    // Under the limit the same app imports.
    const ok = await upload('activities', activityCsv('2022-10', rows.slice(0, 100)), {
      app: small,
      who: smallAdmin,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(tmp()).toEqual(leftBefore);
  });

  it('a 200 MB file streamed over a real socket: 413 at the default limit, memory bounded, nothing written', async () => {
    // The real server on a loopback port (inject would hold the whole body in memory first).
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const tmp = () =>
      fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`birgemiz-import-${process.pid}-`));
    const leftBefore = tmp();
    const before = await tableCounts();
    const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
    const line = `${activityCsv('2022-10', [{ notes: 'x'.repeat(900) }])
      .split('\n')[1]
      ?.replace('Activity 1', 'Big')}\n`;
    const total = 200 * 1024 * 1024;
    let sent = 0;
    let peakRss = 0;
    const rss0 = process.memoryUsage().rss;
    const sample = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss - rss0);
    }, 20);
    const chunk = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / line.length)));
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(`${address}/api/imports/activities`, {
          method: 'POST',
          headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        req.on('response', (r) => {
          let body = '';
          r.on('data', (d) => {
            body += d;
          });
          r.on('end', () => resolve({ status: r.statusCode as number, body }));
        });
        // The server may answer and close before the whole body is sent.
        req.on('error', (e) => (sent >= 50 * 1024 * 1024 ? undefined : reject(e)));
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n` +
            `Content-Type: text/csv\r\n\r\n${COLUMNS.join(',')}\n`,
        );
        const pump = () => {
          while (sent < total) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end(`\r\n--${boundary}--\r\n`);
        };
        pump();
      });
      expect(res.status, res.body).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({
        error: 'too_large',
        message: expect.stringMatching(/50 MB/),
      });
    } finally {
      clearInterval(sample);
    }
    // What was received went to a temporary file, never into memory as a whole.
    expect(peakRss).toBeLessThan(150 * 1024 * 1024);
    expect(await tableCounts()).toEqual(before);
    expect(tmp()).toEqual(leftBefore);
    await healthy();
  });

  it('an .xlsx zip bomb (a sheet of ~50 MB that deflates to kilobytes) is refused before it is inflated', async () => {
    const sheet = bombSheet(1_000_000);
    const file = zipFile([{ name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    expect(file.length).toBeLessThan(sheet.length / 200);
    const before = await tableCounts();
    const started = Date.now();
    const res = await upload('activities', file, { filename: 'bomb.xlsx' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'zip_bomb', message: expect.stringMatching(/zip bomb/) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await tableCounts()).toEqual(before);
    await healthy();
  });

  it('a disguised zip bomb (headers declare a small sheet) is stopped at the declared size', async () => {
    const sheet = bombSheet(1_000_000);
    const file = zipFile([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheet, declare: 4096 },
    ]);
    const before = await tableCounts();
    const res = await upload('activities', file, { filename: 'bomb.xlsx' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'zip_bomb' });
    expect(await tableCounts()).toEqual(before);
    await healthy();
  });

  it('no file, another field name, not multipart', async () => {
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/imports/activities',
      headers: { ...admin.headers, 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--xyz--\r\n',
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ error: 'no_file' });
    const other = multipart(fixture('activities-utf8.csv'), 'a.csv', 'upload');
    const wrongField = await t.app.inject({
      method: 'POST',
      url: '/api/imports/activities',
      headers: { ...admin.headers, ...other.headers },
      payload: other.payload,
    });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().message).toMatch(/field "file"/);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/imports/activities',
      headers: admin.headers,
      payload: { file: 'region,period' },
    });
    expect(json.statusCode).toBe(415);
    const unknownKind = await upload('sightings', fixture('activities-utf8.csv'));
    expect(unknownKind.statusCode).toBe(400);
    await healthy();
  });
});

describe('who may import what', () => {
  let otherRfo: SignedIn;
  let analyst: SignedIn;
  let viewer: SignedIn;
  let coordinator: SignedIn;
  beforeAll(async () => {
    otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
    analyst = await signIn(t, 'national_analyst');
    viewer = await signIn(t, 'viewer');
    coordinator = await signIn(t, 'org_coordinator', { region: 'KZ-75' });
  });

  it('RFO staff import activities of their own region', async () => {
    const res = await upload('activities', activityCsv('2022-11', [{}, { title: 'Own region' }]), {
      who: rfo,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 2 });
  });

  it("a file with another region's rows: 403 naming the region, nothing written", async () => {
    const before = await tableCounts();
    const res = await upload(
      'activities',
      activityCsv('2022-11', [
        { title: 'Mine' },
        { region: 'KZ-79', title: 'Theirs' },
        { region: 'Astana city' },
      ]),
      { who: rfo },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/KZ-71, KZ-79/) });
    expect(await tableCounts()).toEqual(before);
  });

  it("a file another region's staff imported already: still 403, not 'already imported'", async () => {
    const before = await tableCounts();
    const res = await upload('activities', fixture('activities-utf8.csv'), { who: otherRfo });
    expect(res.statusCode).toBe(403);
    expect(await tableCounts()).toEqual(before);
    // Its own region's staff may send it again: nothing changes.
    const own = await upload('activities', fixture('activities-utf8.csv'), { who: rfo });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ inserted: 0, updated: 1, alreadyImported: false });
  });

  it('kinds RFO staff may not import are refused before the file is read', async () => {
    for (const kind of ['appeals', 'population', 'wages', 'working-time', 'unaccounted']) {
      const res = await upload(kind, randomBytes(64), { who: rfo });
      expect([kind, res.statusCode]).toEqual([kind, 403]);
    }
  });

  it('analysts, viewers and coordinators may not import; anonymous callers get 401; CSRF is required', async () => {
    for (const who of [analyst, viewer, coordinator]) {
      const res = await upload('activities', activityCsv('2022-11', [{}]), { who });
      expect(res.statusCode).toBe(403);
    }
    const anonymous = await upload('activities', activityCsv('2022-11', [{}]), { who: null });
    expect(anonymous.statusCode).toBe(401);
    const body = multipart(activityCsv('2022-11', [{}]), 'a.csv');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/imports/activities',
      headers: { cookie: admin.headers.cookie as string, ...body.headers },
      payload: body.payload,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('volunteers of their own region yes, of another region no', async () => {
    const own = await upload(
      'volunteers',
      'region,period,dimension,category,volunteers\nKZ-75,2021,total,,10\n',
      {
        who: rfo,
      },
    );
    expect(own.statusCode, own.body).toBe(200);
    const other = await upload(
      'volunteers',
      'region,period,dimension,category,volunteers\nKZ-71,2021,total,,10\n',
      {
        who: rfo,
      },
    );
    expect(other.statusCode).toBe(403);
  });

  it('a submitted month cannot be changed by import (409), nothing written', async () => {
    const view = await get('/api/submissions/KZ-75/2022-11', rfo);
    expect(view.statusCode, view.body).toBe(200);
    const submit = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/KZ-75/2022-11/submit',
      headers: rfo.headers,
      payload: { version: view.json().submission.version },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const before = await tableCounts();
    const res = await upload('activities', activityCsv('2022-11', [{ title: 'Late addition' }]), {
      who: rfo,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'submission_closed',
      message: expect.stringMatching(/KZ-75 2022-11/),
    });
    expect(await tableCounts()).toEqual(before);
  });
});

describe('the other kinds', () => {
  const db = () => t.database.db;

  it('volunteers: stocks of a year and a half-year, blanks kept blank', async () => {
    const res = await upload('volunteers', fixture('volunteers.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 11, inserted: 11 });
    const year = await get('/api/volunteers/KZ-75/2022');
    expect(year.statusCode, year.body).toBe(200);
    const rows = year.json().rows as { dimension: string; category: string; volunteers: number | null }[];
    expect(rows).toEqual(
      expect.arrayContaining([
        { dimension: 'total', category: '', volunteers: 1000 },
        { dimension: 'gender', category: 'female', volunteers: 600 },
        { dimension: 'age_band', category: '18_29', volunteers: null },
        { dimension: 'employment', category: 'neet', volunteers: 50 },
      ]),
    );
    const half = await get('/api/volunteers/KZ-75/2022-H1');
    expect(half.json().rows).toEqual([{ dimension: 'total', category: '', volunteers: 700 }]);
    expect((await upload('volunteers', fixture('volunteers.csv'))).json()).toMatchObject({
      alreadyImported: true,
    });
  });

  it('organizations: counts of a year and a month, blank not zero', async () => {
    const res = await upload('organizations', fixture('organizations.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, inserted: 2 });
    expect((await get('/api/org-counts/KZ-75/2022')).json()).toMatchObject({
      npo: 50,
      initiativeGroups: 120,
    });
    expect((await get('/api/org-counts/KZ-75/2022-06')).json()).toMatchObject({
      npo: 48,
      initiativeGroups: null,
    });
  });

  it('appeals: channels, a region by name, a country abroad, time zones', async () => {
    const res = await upload('appeals', fixture('appeals.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 3 });
    const rows = await db().selectFrom('appeal').selectAll().orderBy('received_at').execute();
    expect(
      rows.map((r) => [r.received_at, r.channel, r.region, r.country, r.related, r.external_id]),
    ).toEqual([
      ['2022-03-01T09:15:00Z', 'phone', 'KZ-75', null, 1, 'IC-1'],
      ['2022-03-02T05:00:00Z', 'telegram', null, 'UZ', 1, 'IC-2'],
      ['2022-03-05T00:00:00Z', 'email', 'KZ-79', null, 0, null],
    ]);
    const again = await upload('appeals', `${fixture('appeals.csv').toString()}\n`);
    expect(again.json()).toMatchObject({ inserted: 0, unchanged: 3 });
  });

  it('population, wages, working time and unaccounted hours (national admin)', async () => {
    for (const kind of ['population', 'wages', 'working-time', 'unaccounted']) {
      const res = await upload(kind, fixture(`${kind}.csv`));
      expect([kind, res.statusCode, res.body]).toEqual([kind, 200, res.body]);
      expect(res.json()).toMatchObject({ kind, alreadyImported: false });
    }
    const pop = await db()
      .selectFrom('population')
      .selectAll()
      .where('year', '=', 2023)
      .where('region', 'in', ['KZ-71', 'KZ-75'])
      .orderBy('region')
      .execute();
    expect(pop.map((p) => [p.region, p.population])).toEqual([
      ['KZ-71', 1354556],
      ['KZ-75', 2228675],
    ]);
    const wages = await db()
      .selectFrom('wage')
      .selectAll()
      .where('year', '=', 2023)
      .orderBy('region')
      .execute();
    expect(wages.map((w) => [w.region, w.activity, Number(w.monthly_wage_kzt), w.source])).toEqual([
      ['', '', 325000, 'stat.gov.kz'],
      ['KZ-75', '', 412500.5, 'stat.gov.kz'],
    ]);
    const wt = await db().selectFrom('working_time').selectAll().where('year', '=', 2023).executeTakeFirst();
    expect(wt).toMatchObject({ monthly_hours: 166.6, annual_hours: 1999 });
    const un = await db()
      .selectFrom('unaccounted_hours')
      .selectAll()
      .where('year', '=', 2022)
      .orderBy('hours')
      .execute();
    expect(un.map((u) => [u.source, u.area, u.volunteers, Number(u.hours), u.note])).toEqual([
      ['Red Crescent', null, null, 1200, null],
      ['Akimat flood report', 'umit', 120, 5000, 'Spring flood relief'],
    ]);
  });

  it('every kind again in other bytes: all rows unchanged, on both databases', async () => {
    for (const kind of [
      'volunteers',
      'organizations',
      'appeals',
      'population',
      'wages',
      'working-time',
      'unaccounted',
    ]) {
      const before = await tableCounts();
      // A trailing blank line: another file (no short cut), the same rows.
      const res = await upload(kind, `${fixture(`${kind}.csv`).toString()}\r\n\r\n`);
      expect([kind, res.statusCode]).toEqual([kind, 200]);
      const r = res.json();
      expect([kind, r.inserted, r.updated, r.unchanged]).toEqual([kind, 0, 0, r.rows]);
      const after = await tableCounts();
      expect({ ...after, import_batch: 0, audit_log: 0 }).toEqual({
        ...before,
        import_batch: 0,
        audit_log: 0,
      });
    }
  });

  it('duplicate keys inside one file are problems', async () => {
    const res = await upload(
      'organizations',
      'region,period,npo,initiative_groups\nKZ-75,2021,1,2\nAlmaty city,2021,3,4\n',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([expect.objectContaining({ row: 3, rule: 'duplicate' })]);
  });

  it('.xlsx of another kind (volunteers, ru titles)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист1');
    ws.addRow(['Регион', 'Период', 'Разрез', 'Категория', 'Волонтёры']);
    ws.addRow(['г. Шымкент', '2022', 'total', null, 300]);
    ws.addRow(['г. Шымкент', '2022', 'gender', 'male', 120]);
    ws.addRow(['г. Шымкент', '2022', 'gender', 'female', 180]);
    const res = await upload('volunteers', Buffer.from(await wb.xlsx.writeBuffer()), { filename: 'v.xlsx' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 3, fileType: 'xlsx' });
  });
});

describe('one query at a time on the client of a transaction', () => {
  it('no import sent a query to a client still busy with another (pg deprecation warning)', async () => {
    const res = await upload('activities', activityCsv('2021-11', [{ title: 'Last' }]));
    expect(res.statusCode, res.body).toBe(200);
    expect(busyClientWarnings).toEqual([]);
  });
});
