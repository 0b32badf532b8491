// The public reports' response cache (src/modules/reports/cache.ts) and the data version it is keyed
// by (src/server/plugins/data-version.ts): a cached answer equals a fresh computation, and no write
// is followed by a stale answer — a write through HTTP, a write of this process outside HTTP, or a
// write by another process on the same database (the CLI), on SQLite and on PostgreSQL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';
import { ResponseCache } from '../src/modules/reports/cache.ts';
import { buildDashboard } from '../src/modules/reports/dashboard.service.ts';
import { databaseVersionReader } from '../src/server/plugins/data-version.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { spawnCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => t?.close());

const activity = (region: string, period: string, hours: number) => ({
  region,
  period,
  organization: 'Cache NPO',
  organization_type: 'npo',
  title: `Cleanup ${period} ${hours}`,
  area: 'taza_alem',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-03`,
  end_date: `${period}-03`,
  volunteers: 5,
  hours,
});

async function post(url: string, payload: object) {
  const r = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

/** Enters an activity and brings its region-month to `submitted` or `accepted` over HTTP. */
async function enter(
  region: string,
  period: string,
  hours: number,
  status: 'draft' | 'submitted' | 'accepted',
) {
  await post('/api/activities', activity(region, period, hours));
  if (status === 'draft') return;
  const s = await post(`/api/submissions/${region}/${period}/submit`, { version: 1 });
  if (status === 'accepted')
    await post(`/api/submissions/${region}/${period}/accept`, { version: s.version });
}

async function get(url: string, headers: Record<string, string> = {}) {
  const r = await t.app.inject({ method: 'GET', url, headers });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  return r;
}

const hours = async (query = 'year=2023') => (await get(`/api/dashboard?${query}`)).json().key.hours;

/**
 * A repeated request is answered from the cache. On PostgreSQL the data version is the whole
 * cluster's, so that other test files writing at the same time may make a request miss: a few tries.
 */
async function expectHit(url: string): Promise<string> {
  let previous = await get(url);
  for (let i = 0; i < 20; i++) {
    const again = await get(url);
    // A hit is the very answer computed before it (same generatedAt); a miss was computed afresh.
    if (again.headers['x-cache'] === 'hit') {
      expect(again.body).toBe(previous.body);
      return again.body;
    }
    previous = again;
  }
  throw new Error(`${url} was never answered from the cache`);
}

describe('the data version', () => {
  it('moves when another connection commits, and when this connection writes', async () => {
    const read = databaseVersionReader(t.database);
    const v0 = await read();
    expect(v0).not.toBeNull();
    // another connection to the same database, as the CLI would open
    if (t.database.dialect === 'sqlite') {
      const other = openDatabase(t.database.cliUrl);
      expect(await read()).toBe(v0); // reading changes nothing
      await other.db
        .insertInto('organization')
        .values({
          name: 'Other',
          name_key: 'other',
          type: 'npo',
          bin: null,
          region: 'KZ-75',
          created_at: 'x',
        })
        .execute();
      await other.close();
    } else {
      const client = new pg.Client({ connectionString: t.database.cliUrl, ...pgSearchPath() });
      await client.connect();
      await client.query(
        `insert into organization (name, name_key, type, region, created_at) values ('Other', 'other', 'npo', 'KZ-75', 'x')`,
      );
      await client.end();
    }
    const v1 = await read();
    expect(v1).not.toBe(v0);
    // this process, outside HTTP: the server's own connection
    await t.database.db.updateTable('organization').set({ bin: null }).where('name', '=', 'Other').execute();
    expect(await read()).not.toBe(v1);
  });
});

describe('the counter of writes through HTTP', () => {
  it('counts successful state-changing requests, not refused anonymous ones nor reads', async () => {
    const counter = async () => Number((await t.app.dataVersion())?.split(':')[0]);
    const c0 = await counter();
    const refused = await t.app.inject({ method: 'POST', url: '/api/activities', payload: {} });
    expect(refused.statusCode).toBe(401);
    await get('/api/dashboard?year=2024');
    expect(await counter()).toBe(c0);
    await post('/api/activities', activity('KZ-75', '2024-01', 1));
    expect(await counter()).toBeGreaterThan(c0);
  });
});

describe('the cache', () => {
  it('answers the same figures as a fresh computation, and from the cache the second time', async () => {
    await enter('KZ-75', '2023-01', 40, 'accepted');
    const url = '/api/dashboard?year=2023&lang=ru';
    const first = await get(url);
    const fresh = await buildDashboard(t.database.db, {
      year: 2023,
      region: null,
      lang: 'ru',
      provisional: false,
    });
    expect(first.json()).toEqual(JSON.parse(JSON.stringify(fresh)));
    expect(first.json().key.hours).toBe(40);
    // the dashboard's own lighter aggregation agrees with the annual report's
    const annual = (await get('/api/reports/annual/2023?lang=ru')).json();
    expect(first.json().key.hours).toBe(annual.totals.hours);
    expect(first.json().key.activities).toBe(annual.totals.events);
    expect(first.json().key.beneficiaries).toBe(annual.totals.beneficiaries);
    expect(first.json().hoursByArea.map((a: { area: string; hours: number }) => [a.area, a.hours])).toEqual(
      annual.hoursByArea.map((a: { area: string; hours: number }) => [a.area, a.hours]),
    );
    expect(await expectHit(url)).toBe(first.body);
    // another query is another entry; the region is normalised
    const region = await get('/api/dashboard?year=2023&lang=ru&region=kz-75');
    expect(region.json().region).toBe('KZ-75');
    expect((await get('/api/dashboard?year=2023&lang=ru&region=KZ-75')).body).toBe(region.body);
    const kk = await get('/api/dashboard?year=2023&lang=kk');
    expect(kk.json().lang).toBe('kk');
    // an unknown region is still 404, the second time too
    for (let i = 0; i < 2; i++)
      expect((await t.app.inject('/api/dashboard?year=2023&region=KZ-00')).statusCode).toBe(404);
  });

  it('shows an accept made through HTTP at once, on the dashboard and the reports', async () => {
    await enter('KZ-79', '2023-03', 7, 'submitted');
    const before = await hours();
    await expectHit('/api/dashboard?year=2023');
    const annual = await expectHit('/api/reports/annual/2023');
    const monthly = await expectHit('/api/reports/monthly/2023-03');
    const half = await expectHit('/api/reports/half-year/2023-H1');
    const quality = await expectHit('/api/reports/data-quality/2023');
    await post('/api/submissions/KZ-79/2023-03/accept', { version: 2 });
    expect(await hours()).toBe(before + 7);
    expect((await get('/api/reports/annual/2023')).json().totals.hours).toBe(
      JSON.parse(annual).totals.hours + 7,
    );
    expect((await get('/api/reports/monthly/2023-03')).json().national.month.hours).toBe(
      JSON.parse(monthly).national.month.hours + 7,
    );
    expect((await get('/api/reports/half-year/2023-H1')).json().totals.hours).toBe(
      JSON.parse(half).totals.hours + 7,
    );
    expect((await get('/api/reports/data-quality/2023')).body).not.toBe(quality);
  });

  it('shows a draft edited through HTTP in the provisional dashboard at once (never cached)', async () => {
    const analyst = await signIn(t, 'national_analyst');
    await post('/api/activities', activity('KZ-11', '2023-05', 9));
    const url = '/api/dashboard?year=2023&provisional=true';
    const before = await get(url, analyst.headers);
    expect(before.headers['x-cache']).toBeUndefined();
    const list = await t.app.inject({
      url: '/api/activities?region=KZ-11&period=2023-05',
      headers: admin.headers,
    });
    const row = list.json().items[0];
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/activities/${row.id}`,
      headers: admin.headers,
      payload: { hours: 19, version: row.version },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    // still a draft: the public dashboard does not show it, the provisional one does
    expect((await get(url, analyst.headers)).json().key.hours).toBe(before.json().key.hours);
    await post('/api/submissions/KZ-11/2023-05/submit', { version: 1 });
    expect((await get(url, analyst.headers)).json().key.hours).toBe(before.json().key.hours + 19);
    expect((await get('/api/dashboard?year=2023', analyst.headers)).json().key.hours).toBe(await hours());
  });

  it("shows a write by another process (the CLI) in the server's next answer", async () => {
    await enter('KZ-75', '2023-02', 25, 'submitted');
    const before = await hours();
    await expectHit('/api/dashboard?year=2023');
    await expectHit('/api/reports/annual/2023');
    // A real process, not runCli: what is checked is that a write made by a process sharing no
    // memory with the server reaches it (through the database alone); in-process, a change that
    // invalidated the cache through module state would pass here and fail in production.
    const run = await spawnCli(['submissions', 'accept', '--period', '2023-02', '--region', 'KZ-75'], {
      env: t.database.cliEnv,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('KZ-75 2023-02: submitted → accepted');
    expect(await hours()).toBe(before + 25);
    expect((await get('/api/reports/annual/2023')).json().totals.hours).toBe(before + 25);
  });
});

describe('ResponseCache', () => {
  const id = (s: unknown) => String(s);
  it('keeps a bounded number of entries, the least recently used out first', async () => {
    const c = new ResponseCache(2);
    let builds = 0;
    const build = (v: string) => async () => {
      builds++;
      return v;
    };
    expect((await c.get('a', '1', build('A'), id)).hit).toBe(false);
    expect((await c.get('b', '1', build('B'), id)).hit).toBe(false);
    expect(await c.get('a', '1', build('A'), id)).toEqual({ body: 'A', hit: true });
    await c.get('c', '1', build('C'), id); // b, the least recently used, goes
    expect(c.size).toBe(2);
    expect((await c.get('a', '1', build('A'), id)).hit).toBe(true);
    expect((await c.get('b', '1', build('B'), id)).hit).toBe(false);
    // another version is a miss, and no version at all is never cached
    expect(await c.get('a', '2', build('A2'), id)).toEqual({ body: 'A2', hit: false });
    expect((await c.get('n', null, build('N'), id)).hit).toBe(false);
    expect((await c.get('n', null, build('N'), id)).hit).toBe(false);
    expect(builds).toBe(7);
  });

  it('computes once for requests that miss together, and keeps no failure', async () => {
    const c = new ResponseCache();
    let builds = 0;
    const slow = async () => {
      builds++;
      await new Promise((r) => setImmediate(r));
      return 'x';
    };
    const answers = await Promise.all([1, 2, 3].map(() => c.get('k', '1', slow, id)));
    expect(answers.map((a) => a.body)).toEqual(['x', 'x', 'x']);
    expect(builds).toBe(1);
    const failing = async () => {
      throw new Error('boom');
    };
    await expect(c.get('f', '1', failing, id)).rejects.toThrow('boom');
    expect((await c.get('f', '1', slow, id)).hit).toBe(false);
  });
});

/** The test schema of PostgreSQL, for a client of the test's own. */
function pgSearchPath(): { options?: string } {
  const opts = t.database.cliEnv.PGOPTIONS;
  return opts ? { options: opts } : {};
}
