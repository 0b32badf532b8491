// Imports never change a closed (submitted or accepted) month, whether rows move records INTO it or
// OUT OF it (issue 9, defect 1): a row whose external id is a record of an accepted month, with an
// open period, would move that record out and change the published figures. Refused as a whole
// (409 submission_closed naming the month), over HTTP and through the command line; the national
// office's override (the CLI without --region-scope, allowClosed) lets both sides through alike.
// Row keys are scoped by region, so one region's file cannot reach another region's records.
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
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-import-closed-'));

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER =
  'region,period,organization,organization_type,title,area,format,kind,start_date,end_date,volunteers,hours,external_id';

interface Row {
  region?: string;
  period: string;
  title?: string;
  hours?: number;
  id?: string;
}
const line = (r: Row) =>
  [
    r.region ?? 'KZ-75',
    r.period,
    'Closed Month Volunteers',
    'npo',
    r.title ?? 'Cleanup',
    'umit',
    'offline',
    'event',
    `${r.period}-05`,
    `${r.period}-05`,
    10,
    r.hours ?? 40,
    r.id ?? '',
  ].join(',');
const csv = (rows: Row[]) => `${[HEADER, ...rows.map(line)].join('\n')}\n`;

function upload(content: string, who: SignedIn) {
  const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="activities.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return t.app.inject({
    method: 'POST',
    url: '/api/imports/activities',
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const get = (url: string, who: SignedIn = admin) =>
  t.app.inject({ method: 'GET', url, headers: who.headers });

async function act(region: string, period: string, action: 'submit' | 'accept', who: SignedIn) {
  const view = await get(`/api/submissions/${region}/${period}`, admin);
  expect(view.statusCode, view.body).toBe(200);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/submissions/${region}/${period}/${action}`,
    headers: who.headers,
    payload: { version: view.json().submission.version },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Imports the rows (as the admin) and accepts their month: a published month. */
async function acceptedMonth(region: string, period: string, rows: Row[]) {
  const res = await upload(csv(rows), admin);
  expect(res.statusCode, res.body).toBe(200);
  const regionRfo = region === 'KZ-75' ? rfo : await signIn(t, 'rfo', { region });
  await act(region, period, 'submit', regionRfo);
  await act(region, period, 'accept', admin);
}

async function records(region: string, period: string) {
  const res = await get(`/api/activities?region=${region}&period=${period}&limit=1000`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { external_id: string | null; title: string; hours: number }[] }).items;
}

async function status(region: string, period: string) {
  return (await get(`/api/submissions/${region}/${period}`)).json().submission.status as string;
}

/** Every figure the public reads, and the number of rows of every table an import writes. */
async function published(year: number) {
  const report = await t.app.inject({ method: 'GET', url: `/api/reports/annual/${year}` });
  expect(report.statusCode, report.body).toBe(200);
  const tables: Record<string, number> = {};
  for (const table of ['activity', 'organization', 'submission', 'import_batch', 'audit_log'] as const) {
    const r = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    tables[table] = Number(r.n);
  }
  const { generatedAt: _g, ...figures } = report.json() as Record<string, unknown>;
  return { figures, tables };
}

describe('an import refuses to move records out of a closed month', () => {
  it('over HTTP: 409 naming the accepted month, nothing written, the published figures unchanged', async () => {
    await acceptedMonth('KZ-75', '2019-05', [
      { period: '2019-05', id: 'ACC-1', hours: 120 },
      { period: '2019-05', id: 'ACC-2', hours: 80 },
    ]);
    const before = await published(2019);
    expect(JSON.stringify(before.figures)).toMatch(/200/); // the month's hours are published

    // The RFO's file: a new row of an open month first (written before the move is met), then the
    // accepted month's records with an open period.
    const file = csv([
      { period: '2019-06', title: 'New in June' },
      { period: '2019-06', id: 'ACC-1', hours: 120 },
      { period: '2019-06', id: 'ACC-2', hours: 80 },
    ]);
    for (const who of [rfo, admin]) {
      const res = await upload(file, who);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        error: 'submission_closed',
        message: expect.stringMatching(/KZ-75 2019-05 \(accepted/),
        details: [expect.objectContaining({ region: 'KZ-75', period: '2019-05', status: 'accepted' })],
      });
      expect(await published(2019)).toEqual(before);
    }
    expect((await records('KZ-75', '2019-05')).map((r) => r.external_id).sort()).toEqual(['ACC-1', 'ACC-2']);
    expect(await records('KZ-75', '2019-06')).toEqual([]);
    expect(await status('KZ-75', '2019-05')).toBe('accepted');

    // The same move through the API is refused the same way.
    const rec = (await records('KZ-75', '2019-05'))[0] as unknown as { id: number; version: number };
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/activities/${rec.id}`,
      headers: rfo.headers,
      payload: { version: rec.version, period: '2019-06', start_date: '2019-06-05', end_date: '2019-06-05' },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error).toBe('submission_closed');
  });

  it('a content-keyed record exported (h: key as external_id) and sent back with another period: refused', async () => {
    await acceptedMonth('KZ-75', '2019-07', [{ period: '2019-07', title: 'No external id', hours: 33 }]);
    const exported = await t.database.db
      .selectFrom('activity')
      .select('row_key')
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2019-07')
      .executeTakeFirstOrThrow();
    expect(exported.row_key).toMatch(/^h:/);
    const before = await published(2019);
    const res = await upload(
      csv([{ period: '2019-08', title: 'No external id', hours: 33, id: exported.row_key }]),
      rfo,
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toMatch(/KZ-75 2019-07 \(accepted/);
    expect(await published(2019)).toEqual(before);
  });

  it('the move met in a later chunk of a long file: the chunks written before are rolled back too', async () => {
    await acceptedMonth('KZ-75', '2019-04', [{ period: '2019-04', id: 'LATE-1', hours: 7 }]);
    const before = await published(2019);
    // About 1,700 rows a chunk: the new rows fill several chunks, all written before the move.
    const rows: Row[] = Array.from({ length: 6000 }, (_, i) => ({ period: '2019-03', title: `Row ${i}` }));
    const res = await upload(csv([...rows, { period: '2019-03', id: 'LATE-1', hours: 7 }]), rfo);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toMatch(/KZ-75 2019-04 \(accepted: the file would move its record LATE-1/);
    expect(await published(2019)).toEqual(before);
    expect(await records('KZ-75', '2019-03')).toEqual([]);
  });

  it('a submitted month is closed too, and an open one lets the move through', async () => {
    const first = await upload(csv([{ period: '2019-09', id: 'SUB-1' }]), rfo);
    expect(first.statusCode, first.body).toBe(200);
    await act('KZ-75', '2019-09', 'submit', rfo);
    const refused = await upload(csv([{ period: '2019-10', id: 'SUB-1' }]), rfo);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().message).toMatch(/KZ-75 2019-09 \(submitted/);
    // Still open: the record moves, both months' aggregates follow.
    const open = await upload(csv([{ period: '2019-11', id: 'OPEN-1' }]), rfo);
    expect(open.statusCode, open.body).toBe(200);
    const moved = await upload(csv([{ period: '2019-12', id: 'OPEN-1' }]), rfo);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ updated: 1 });
    expect(await records('KZ-75', '2019-11')).toEqual([]);
    expect((await records('KZ-75', '2019-12')).map((r) => r.external_id)).toEqual(['OPEN-1']);
  });

  it("row keys are scoped by region: another region's record cannot be reached, let alone moved", async () => {
    await acceptedMonth('KZ-79', '2019-05', [{ region: 'KZ-79', period: '2019-05', id: 'AST-1' }]);
    const before = await published(2019);
    // Named with its own region: the region is foreign to this RFO (403, nothing written).
    const foreign = await upload(csv([{ region: 'KZ-79', period: '2019-06', id: 'AST-1' }]), rfo);
    expect(foreign.statusCode, foreign.body).toBe(403);
    expect(await published(2019)).toEqual(before);
    // Named with the RFO's own region: a record of KZ-75, Astana's record untouched.
    const own = await upload(csv([{ period: '2019-06', id: 'AST-1' }]), rfo);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ inserted: 1, updated: 0 });
    expect((await records('KZ-79', '2019-05')).map((r) => r.external_id)).toEqual(['AST-1']);
    expect(await status('KZ-79', '2019-05')).toBe('accepted');
  });
});

describe('birgemiz import and closed months', () => {
  const file = (name: string, rows: Row[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, csv(rows));
    return p;
  };
  const cli = (...args: string[]) => runCli(['import', 'activities', ...args], { env: t.database.cliEnv });

  it("--region-scope (the front office's rules): refused as a whole, exit 1, the month named", async () => {
    await acceptedMonth('KZ-75', '2018-05', [
      { period: '2018-05', id: 'CLI-1', hours: 50 },
      { period: '2018-05', id: 'CLI-2', hours: 70 },
    ]);
    const before = await published(2018);
    const f = file('move.csv', [
      { period: '2018-06', title: 'New in June' },
      { period: '2018-06', id: 'CLI-1', hours: 50 },
    ]);
    const r = await cli(f, '--region-scope', 'KZ-75', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: 'submission_closed',
      message: expect.stringMatching(/KZ-75 2018-05 \(accepted/),
    });
    const plain = await cli(f, '--region-scope', 'KZ-75');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/KZ-75 2018-05/);
    expect(await published(2018)).toEqual(before);
    expect(await records('KZ-75', '2018-06')).toEqual([]);
  });

  it('the national office (no --region-scope, closed months allowed): both sides alike', async () => {
    await acceptedMonth('KZ-75', '2018-07', [{ period: '2018-07', id: 'HIST-1', hours: 15 }]);
    // Into an accepted month and out of one: history loaded by the national office.
    const into = await cli(file('into.csv', [{ period: '2018-07', id: 'HIST-2', hours: 5 }]), '--json');
    expect(into.code, into.stdout + into.stderr).toBe(0);
    const out = await cli(file('out.csv', [{ period: '2018-08', id: 'HIST-1', hours: 15 }]), '--json');
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ updated: 1 });
    expect((await records('KZ-75', '2018-07')).map((r) => r.external_id)).toEqual(['HIST-2']);
    expect((await records('KZ-75', '2018-08')).map((r) => r.external_id)).toEqual(['HIST-1']);
  });
});
