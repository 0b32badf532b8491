// The smaller kinds' imports audit every row they write as the API does (issue 9, defect 2): a new
// or changed volunteer figure, organisation count, reference statistic, appeal or unaccounted-hours
// row gets the entries the API writes for the same change (entity, id, field, old and new value,
// region, period, user), read through GET /api/audit, their note naming the batch; an unchanged row,
// a repeated file and a dry run none. Each kind with an API is compared with a twin row the API
// changed the same way; the entries differ only in the twin's key and period, and in the note.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-import-audit-small-'));

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Entry {
  id: number;
  at: string;
  user: string | null;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
  region: string | null;
  period: string | null;
  /** The values named (regions, codes): derived from the values, so compared with them. */
  newLabel?: string | null;
}
interface Result {
  importId: number | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  alreadyImported: boolean;
}

async function upload(kind: string, content: string, who: SignedIn, dryRun = false): Promise<Result> {
  const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/imports/${kind}${dryRun ? '?dryRun=true' : ''}`,
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    ),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
}

async function cli(kind: string, content: string, ...flags: string[]): Promise<Result> {
  const file = path.join(dir, `${kind}-${randomBytes(4).toString('hex')}.csv`);
  fs.writeFileSync(file, content);
  const r = await runCli(['import', kind, file, '--json', ...flags], { env: t.database.cliEnv });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Result;
}

async function put(url: string, payload: unknown, who: SignedIn) {
  const res = await t.app.inject({ method: 'PUT', url, headers: who.headers, payload: payload as object });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function trail(entity: string, entityId?: string, who: SignedIn = admin): Promise<Entry[]> {
  const q = new URLSearchParams({ entity, ...(entityId ? { entityId } : {}), order: 'oldest' });
  const res = await t.app.inject({ method: 'GET', url: `/api/audit?${q}`, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Entry[];
}

/** What an entry says, without its id, time and note (which differ between an import and the API). */
const shape = ({ id: _id, at: _at, note: _note, ...rest }: Entry) => rest;

/** An import's entries, each checked for its batch and time, as the twin's would read. */
function asTwin(entries: Entry[], importId: number | null, from: string, to: string) {
  return entries.map((e) => {
    expect(e.note).toBe(`import_batch ${importId}`);
    expect(Date.parse(e.at)).not.toBeNaN();
    const s = shape(e);
    return {
      ...s,
      entityId: s.entityId.replace(from, to),
      period: s.period?.replace(from, to) ?? null,
      newValue: s.newValue?.replace(from, to) ?? null,
      newLabel: s.newLabel?.replace(from, to) ?? null,
    };
  });
}

describe('volunteer stocks', () => {
  const file = (rows: [string, number][]) =>
    `region,period,dimension,category,volunteers\n${rows.map(([p, v]) => `KZ-75,${p},total,,${v}`).join('\n')}\n`;
  const apiPut = async (period: string, volunteers: number) => {
    const url = `/api/volunteers/KZ-75/${period}`;
    const current = await t.app.inject({ method: 'GET', url, headers: rfo.headers });
    await put(
      url,
      { updatedAt: current.json().updatedAt, rows: [{ dimension: 'total', category: '', volunteers }] },
      rfo,
    );
  };

  it("a new and a changed figure: the API's entries, with who and when; unchanged rows none", async () => {
    // The twin: the API enters 100 for 2018-H1, then corrects it to 120.
    await apiPut('2018-H1', 100);
    await apiPut('2018-H1', 120);
    const api = await trail('volunteer_stat', 'KZ-75|2018-H1|total|');
    expect(api.map((e) => [e.action, e.field, e.oldValue, e.newValue])).toEqual([
      ['create', 'volunteers', null, '100'],
      ['update', 'volunteers', '100', '120'],
    ]);

    // The import does the same for 2019-H1 (and a year's figure, unchanged the second time).
    const first = await upload(
      'volunteers',
      file([
        ['2019-H1', 100],
        ['2019', 300],
      ]),
      rfo,
    );
    expect(first).toMatchObject({ inserted: 2 });
    const second = await upload(
      'volunteers',
      file([
        ['2019-H1', 120],
        ['2019', 300],
      ]),
      rfo,
    );
    expect(second).toMatchObject({ updated: 1, unchanged: 1 });
    const half = await trail('volunteer_stat', 'KZ-75|2019-H1|total|', rfo); // the region's staff read it
    expect(half.map((e) => e.note)).toEqual([
      `import_batch ${first.importId}`,
      `import_batch ${second.importId}`,
    ]);
    expect([
      ...asTwin(half.slice(0, 1), first.importId, '2019-H1', '2018-H1'),
      ...asTwin(half.slice(1), second.importId, '2019-H1', '2018-H1'),
    ]).toEqual(api.map(shape));
    expect(half[1]).toMatchObject({
      user: rfo.email,
      userId: rfo.userId,
      region: 'KZ-75',
      period: '2019-H1',
    });
    // The year's figure: its create entry only.
    expect((await trail('volunteer_stat', 'KZ-75|2019|total|')).map((e) => e.action)).toEqual(['create']);
  });

  it('the same file again, the same rows in another file, and a dry run write no entry', async () => {
    const content = file([['2017-H1', 40]]);
    await upload('volunteers', content, rfo);
    const count = (await trail('volunteer_stat')).length;
    expect(await trail('volunteer_stat', 'KZ-75|2017-H1|total|')).toHaveLength(1);
    expect(await upload('volunteers', content, rfo)).toMatchObject({ alreadyImported: true });
    expect(await upload('volunteers', content.replace(/\n/g, '\r\n'), rfo)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    const dry = await upload('volunteers', file([['2017-H1', 45]]), rfo, true);
    expect(dry).toMatchObject({ updated: 1, importId: null });
    expect(await trail('volunteer_stat')).toHaveLength(count);
  });

  it('an illustrative (demo) figure confirmed by a file: the mark it loses is in the trail', async () => {
    await t.database.db
      .insertInto('volunteer_stat')
      .values({
        region: 'KZ-75',
        period: '2016-H1',
        dimension: 'total',
        category: '',
        volunteers: 70,
        illustrative: 1,
        updated_at: new Date().toISOString(),
      })
      .execute();
    const res = await upload('volunteers', file([['2016-H1', 70]]), rfo);
    expect(res).toMatchObject({ updated: 1 });
    const entries = await trail('volunteer_stat', 'KZ-75|2016-H1|total|');
    expect(entries.map((e) => [e.action, e.field, e.oldValue, e.newValue])).toEqual([
      ['update', 'illustrative', '1', '0'],
    ]);
  });
});

describe('organisation counts', () => {
  it('the figures given, then the changed ones, as PUT /api/org-counts writes them', async () => {
    const url = '/api/org-counts/KZ-75/2018';
    const created = await put(url, { npo: 50, initiativeGroups: null, updatedAt: null }, rfo);
    await put(url, { npo: 55, initiativeGroups: 3, updatedAt: created.updatedAt }, rfo);
    const api = await trail('org_count', 'KZ-75|2018');
    expect(api.map((e) => [e.action, e.field, e.oldValue, e.newValue])).toEqual([
      ['create', 'npo', null, '50'],
      ['update', 'npo', '50', '55'],
      ['update', 'initiative_groups', null, '3'],
    ]);

    const first = await upload('organizations', 'region;period;npo;initiative_groups\nKZ-75;2019;50;\n', rfo);
    const second = await upload(
      'organizations',
      'region;period;npo;initiative_groups\nKZ-75;2019;55;3\n',
      rfo,
    );
    const entries = await trail('org_count', 'KZ-75|2019', rfo);
    expect([
      ...asTwin(entries.slice(0, 1), first.importId, '2019', '2018'),
      ...asTwin(entries.slice(1), second.importId, '2019', '2018'),
    ]).toEqual(api.map(shape));
  });
});

describe('reference statistics', () => {
  it('population over HTTP: the row created, then the changed figure, as the reference API writes them', async () => {
    await put(
      '/api/reference/population',
      [{ region: 'KZ-75', year: 2014, population: 1000, source: 'import' }],
      admin,
    );
    await put(
      '/api/reference/population',
      [{ region: 'KZ-75', year: 2014, population: 1100, source: 'import' }],
      admin,
    );
    const api = await trail('population', 'KZ-75:2014');
    expect(api.map((e) => [e.action, e.field, e.oldValue])).toEqual([
      ['create', null, null],
      ['update', 'population', '1000'],
    ]);
    const first = await upload('population', 'region,year,population\nKZ-75,2015,1000\n', admin);
    const second = await upload('population', 'region,year,population\nKZ-75,2015,1100\n', admin);
    const entries = await trail('population', 'KZ-75:2015');
    expect([
      ...asTwin(entries.slice(0, 1), first.importId, '2015', '2014'),
      ...asTwin(entries.slice(1), second.importId, '2015', '2014'),
    ]).toEqual(api.map(shape));
    expect(entries[1]).toMatchObject({ user: admin.email, region: null, period: null, newValue: '1100' });
  });

  it('wages over HTTP: the changed wage and source', async () => {
    const row = (wage: number, source: string) => ({
      region: 'KZ-75',
      activity: '',
      year: 2014,
      monthlyWageKzt: wage,
      source,
    });
    await put('/api/reference/wages', [row(300000, 'stat.gov.kz')], admin);
    await put('/api/reference/wages', [row(310000.5, 'stat.gov.kz, revised')], admin);
    const api = await trail('wage', 'KZ-75::2014');
    const head = 'region,activity,year,monthly_wage_kzt,source\n';
    const first = await upload('wages', `${head}KZ-75,,2015,300000,stat.gov.kz\n`, admin);
    const second = await upload('wages', `${head}KZ-75,,2015,310000.5,"stat.gov.kz, revised"\n`, admin);
    const entries = await trail('wage', 'KZ-75::2015');
    expect(entries.map((e) => [e.action, e.field, e.oldValue, e.newValue]).slice(1)).toEqual([
      ['update', 'monthly_wage_kzt', '300000', '310000.5'],
      ['update', 'source', 'stat.gov.kz', 'stat.gov.kz, revised'],
    ]);
    expect([
      ...asTwin(entries.slice(0, 1), first.importId, '2015', '2014'),
      ...asTwin(entries.slice(1), second.importId, '2015', '2014'),
    ]).toEqual(api.map(shape));
  });

  it('working time from the command line: the same entries, with no user', async () => {
    const row = (monthlyHours: number) => ({
      year: 2012,
      monthlyHours,
      annualHours: 1990,
      source: 'Labour Code',
    });
    await put('/api/reference/working-time', [row(160)], admin);
    await put('/api/reference/working-time', [row(166.6)], admin);
    const api = await trail('working_time', '2012');
    const head = 'year,monthly_hours,annual_hours,source\n';
    const first = await cli('working-time', `${head}2013,160,1990,Labour Code\n`);
    const second = await cli('working-time', `${head}2013,166.6,1990,Labour Code\n`);
    const entries = await trail('working_time', '2013');
    expect(entries.map((e) => [e.user, e.userId])).toEqual([
      [null, null],
      [null, null],
    ]);
    const national = (e: ReturnType<typeof shape>) => ({ ...e, user: null, userId: null });
    expect([
      ...asTwin(entries.slice(0, 1), first.importId, '2013', '2012'),
      ...asTwin(entries.slice(1), second.importId, '2013', '2012'),
    ]).toEqual(api.map(shape).map(national));
    // A dry run from the command line writes nothing either.
    const dry = await cli('working-time', `${head}2013,170,1990,Labour Code\n`, '--dry-run');
    expect(dry).toMatchObject({ updated: 1 });
    expect(await trail('working_time', '2013')).toHaveLength(2);
  });
});

describe('appeals and unaccounted hours (no API writes them: audited like the reference statistics)', () => {
  const head =
    'received_at,channel,gender,region,country,topic,related,status,first_response_at,resolved_at,external_id\n';

  it('an appeal created whole, then its changed fields; a row keyed by its content, once', async () => {
    const first = await upload(
      'appeals',
      `${head}2021-03-01T09:15,phone,female,KZ-75,,become_volunteer,true,new,,,IC-A1\n` +
        '2021-03-05,email,male,KZ-75,,complaint,false,new,,,\n',
      admin,
    );
    expect(first).toMatchObject({ inserted: 2 });
    const created = await trail('appeal');
    expect(created).toHaveLength(2);
    for (const e of created)
      expect(e).toMatchObject({
        action: 'create',
        user: admin.email,
        field: null,
        oldValue: null,
        note: `import_batch ${first.importId}`,
        region: null,
        period: null,
      });
    expect(created[0]?.entityId).toBe('IC-A1');
    expect(JSON.parse(created[0]?.newValue as string)).toMatchObject({
      row_key: 'IC-A1',
      channel: 'phone',
      status: 'new',
      region: 'KZ-75',
    });

    const second = await upload(
      'appeals',
      `${head}2021-03-01T09:15,phone,female,KZ-75,,become_volunteer,true,resolved,,2021-03-04T10:00,IC-A1\n` +
        '2021-03-05,email,male,KZ-75,,complaint,false,new,,,\n',
      admin,
    );
    expect(second).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const changed = (await trail('appeal')).slice(2);
    expect(changed.map((e) => [e.entityId, e.action, e.field, e.oldValue])).toEqual([
      ['IC-A1', 'update', 'status', 'new'],
      ['IC-A1', 'update', 'resolved_at', null],
    ]);
    expect(changed[0]).toMatchObject({ newValue: 'resolved', note: `import_batch ${second.importId}` });
  });

  it('unaccounted hours from the command line: one create entry a row, none when sent again', async () => {
    const content =
      'year,source,area,volunteers,hours,note\n2011,Akimat flood report,umit,120,5000,Spring flood relief\n2011,Red Crescent,,,1200,\n';
    const res = await cli('unaccounted', content);
    const entries = await trail('unaccounted_hours');
    expect(entries.map((e) => [e.action, e.user, e.note])).toEqual([
      ['create', null, `import_batch ${res.importId}`],
      ['create', null, `import_batch ${res.importId}`],
    ]);
    expect(JSON.parse(entries[0]?.newValue as string)).toMatchObject({
      year: 2011,
      hours: 5000,
      area: 'umit',
    });
    expect(await cli('unaccounted', `${content}\n`)).toMatchObject({ unchanged: 2 });
    expect(await trail('unaccounted_hours')).toHaveLength(2);
  });
});
