// An import audits every record it writes as the API does (issue 9, defect 2): a changed or moved
// record gets who / when / old / new entries field by field, read through GET /api/audit like the
// API's own; a new record one 'create' entry naming its batch; an unchanged one nothing.
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
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-import-audit-'));

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
  period: string;
  title: string;
  hours: number;
  id: string;
}
const csv = (rows: Row[]) =>
  `${[
    HEADER,
    ...rows.map((r) =>
      [
        'KZ-75',
        r.period,
        'Audit Volunteers',
        'npo',
        `"${r.title}"`,
        'umit',
        'offline',
        'event',
        `${r.period}-05`,
        `${r.period}-05`,
        10,
        r.hours,
        r.id,
      ].join(','),
    ),
  ].join('\n')}\n`;

async function upload(rows: Row[], who: SignedIn) {
  const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports/activities',
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${csv(rows)}\r\n--${boundary}--\r\n`,
    ),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { importId: number; inserted: number; updated: number; unchanged: number };
}

const get = (url: string, who: SignedIn = admin) =>
  t.app.inject({ method: 'GET', url, headers: who.headers });

async function recordOf(externalId: string) {
  const res = await get('/api/activities?region=KZ-75&limit=1000');
  const rec = (res.json().items as { id: number; version: number; external_id: string }[]).find(
    (a) => a.external_id === externalId,
  );
  if (!rec) throw new Error(`no record ${externalId}`);
  return rec;
}

interface Entry {
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
}

async function trail(id: number, who: SignedIn = admin): Promise<Entry[]> {
  const res = await get(`/api/audit?entity=activity&entityId=${id}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Entry[];
}

/** What an entry says, without who, when and which record (for comparing an import's with the API's). */
const what = ({ action, entity, field, oldValue, newValue, region, period }: Entry) => ({
  action,
  entity,
  field,
  oldValue,
  newValue,
  region,
  period,
});

describe("an import's audit trail, record by record", () => {
  it('a changed title and hours: who, when, old and new, as the API writes them', async () => {
    const first = await upload(
      [{ period: '2017-05', title: 'Tree planting', hours: 40, id: 'AUD-1' }],
      admin,
    );
    const rec = await recordOf('AUD-1');
    const created = await trail(rec.id);
    expect(created).toEqual([
      expect.objectContaining({
        user: admin.email,
        userId: admin.userId,
        action: 'create',
        entity: 'activity',
        entityId: String(rec.id),
        note: `import_batch ${first.importId}`,
        region: 'KZ-75',
        period: '2017-05',
      }),
    ]);

    const change = await upload(
      [{ period: '2017-05', title: 'Tree planting, city park', hours: 55.5, id: 'AUD-1' }],
      rfo,
    );
    expect(change).toMatchObject({ inserted: 0, updated: 1 });
    const entries = await trail(rec.id, rfo); // the region's own staff read it too
    const changes = entries.slice(1);
    expect(changes.map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
      ['title', 'Tree planting', 'Tree planting, city park'],
      ['hours', '40', '55.5'],
    ]);
    for (const e of changes) {
      expect(e).toMatchObject({
        user: rfo.email,
        userId: rfo.userId,
        action: 'update',
        note: `import_batch ${change.importId}`,
        region: 'KZ-75',
        period: '2017-05',
      });
      expect(Date.parse(e.at)).not.toBeNaN();
    }

    // The API's entries for the same change of a record like it read the same.
    await upload([{ period: '2017-05', title: 'Tree planting', hours: 40, id: 'AUD-2' }], admin);
    const twin = await recordOf('AUD-2');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/activities/${twin.id}`,
      headers: rfo.headers,
      payload: { version: twin.version, title: 'Tree planting, city park', hours: 55.5 },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const api = (await trail(twin.id)).slice(1);
    expect(api.map(what)).toEqual(changes.map(what));
    expect(api.map((e) => e.user)).toEqual(changes.map((e) => e.user));

    // The same file again changes nothing and writes no record entry.
    const count = (await trail(rec.id)).length;
    const again = await upload(
      [{ period: '2017-05', title: 'Tree planting, city park', hours: 55.5, id: 'AUD-1' }],
      admin,
    );
    expect(again).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await trail(rec.id)).toHaveLength(count);
  });

  it('a moved record keeps its old period (and dates) in the trail', async () => {
    await upload([{ period: '2017-08', title: 'Moving record', hours: 12, id: 'AUD-MV' }], admin);
    const rec = await recordOf('AUD-MV');
    const move = await upload([{ period: '2017-09', title: 'Moving record', hours: 12, id: 'AUD-MV' }], rfo);
    expect(move).toMatchObject({ updated: 1 });
    const entries = (await trail(rec.id)).filter((e) => e.action === 'update');
    expect(entries.map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
      ['period', '2017-08', '2017-09'],
      ['start_date', '2017-08-05', '2017-09-05'],
      ['end_date', '2017-08-05', '2017-09-05'],
    ]);
    for (const e of entries) expect(e).toMatchObject({ user: rfo.email, region: 'KZ-75', period: '2017-09' });
    // The batch's entries still count the move in the month it left.
    const batch = await get(`/api/audit?entity=import_batch&entityId=${move.importId}&period=2017-08`);
    expect(JSON.parse(batch.json()[0].newValue)).toMatchObject({ moved_out: 1 });
  });

  it('the command line: the same entries, with no user (the national office)', async () => {
    await upload([{ period: '2017-10', title: 'From the CLI', hours: 8, id: 'AUD-CLI' }], admin);
    const rec = await recordOf('AUD-CLI');
    const file = path.join(dir, 'cli.csv');
    fs.writeFileSync(file, csv([{ period: '2017-10', title: 'From the CLI', hours: 9, id: 'AUD-CLI' }]));
    const r = await runCli(['import', 'activities', file, '--json'], { env: t.database.cliEnv });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const { importId } = JSON.parse(r.stdout) as { importId: number };
    expect((await trail(rec.id)).filter((e) => e.action === 'update')).toEqual([
      expect.objectContaining({
        user: null,
        userId: null,
        field: 'hours',
        oldValue: '8',
        newValue: '9',
        note: `import_batch ${importId}`,
      }),
    ]);
  });

  it('every new record of a file gets its create entry, in one batch', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      period: '2017-11',
      title: `Row ${i}`,
      hours: i + 1,
      id: `AUD-N${i}`,
    }));
    const res = await upload(rows, rfo);
    expect(res.inserted).toBe(30);
    const created = await get(`/api/audit?entity=activity&period=2017-11`);
    const entries = created.json() as Entry[];
    expect(entries).toHaveLength(30);
    expect(new Set(entries.map((e) => e.entityId)).size).toBe(30);
    for (const e of entries)
      expect(e).toMatchObject({ action: 'create', user: rfo.email, note: `import_batch ${res.importId}` });
  });
});
