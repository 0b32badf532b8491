// The public reports' response cache (src/modules/reports/cache.ts) and the data version it is keyed
// by (src/server/plugins/data-version.ts): a cached answer equals a fresh computation, and no write
// is followed by a stale answer — a write through HTTP, a write of this process outside HTTP, a
// write through another server or by another process on the same database (the CLI), on SQLite and
// on PostgreSQL; while what writes no data (a refused request, a sign-in, a failed login) leaves the
// cached answers in place. The triggers behind the version: test/data-version.test.ts.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';
import { ResponseCache } from '../src/modules/reports/cache.ts';
import { buildDashboard } from '../src/modules/reports/dashboard.service.ts';
import { buildApp } from '../src/server/app.ts';
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

/** A repeated request is answered from the cache: the very answer computed before it (same generatedAt). */
async function expectHit(url: string): Promise<string> {
  const first = await get(url);
  const again = await get(url);
  expect(again.headers['x-cache'], url).toBe('hit');
  expect(again.body).toBe(first.body);
  return again.body;
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

describe('the cache', () => {
  it('stays in place for what writes no data: a refused request, a sign-in, a failed login', async () => {
    await enter('KZ-75', '2021-04', 11, 'accepted');
    const urls = ['/api/dashboard?year=2021', '/api/reports/annual/2021'];
    const cached = new Map<string, string>();
    for (const url of urls) cached.set(url, await expectHit(url));
    const expectStillCached = async (what: string) => {
      for (const url of urls) {
        const r = await get(url);
        expect(r.headers['x-cache'], `${url} after ${what}`).toBe('hit');
        expect(r.body).toBe(cached.get(url));
      }
    };
    // A viewer's state-changing requests, refused by the policy.
    const viewer = await signIn(t, 'viewer');
    for (const url of ['/api/activities', '/api/submissions/KZ-75/2021-04/return']) {
      const r = await t.app.inject({ method: 'POST', url, headers: viewer.headers, payload: {} });
      expect(r.statusCode, r.body).toBe(403);
    }
    await expectStillCached("a viewer's refused POSTs");
    // Anonymous failed logins, and a real sign-in (a session written) and sign-out.
    for (const password of ['wrong', 'wrong again']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: viewer.email, password },
      });
      expect(r.statusCode).toBe(401);
    }
    await expectStillCached('failed logins');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: viewer.email, password: viewer.password },
    });
    expect(login.statusCode, login.body).toBe(200);
    await expectStillCached('a sign-in');
    // A write refused for its content (a conflict) by someone allowed to write.
    const stale = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/KZ-75/2021-04/return',
      headers: admin.headers,
      payload: { version: 1, comment: 'stale' },
    });
    expect(stale.statusCode, stale.body).toBe(409);
    await expectStillCached('a refused write');
    // And a committed write moves it.
    await post('/api/activities', activity('KZ-75', '2021-06', 1));
    for (const url of urls) expect((await get(url)).headers['x-cache'], url).toBe('miss');
  });

  it('shows a write through another server on the same database at once', async () => {
    const other = await secondServer();
    try {
      const url = '/api/dashboard?year=2021';
      await expectHit(url);
      const before = (await get(url)).json().key.hours;
      const write = await other.inject({
        method: 'POST',
        url: '/api/activities',
        headers: admin.headers,
        payload: activity('KZ-79', '2021-07', 13),
      });
      expect(write.statusCode, write.body).toBe(201);
      const submit = await other.inject({
        method: 'POST',
        url: '/api/submissions/KZ-79/2021-07/submit',
        headers: admin.headers,
        payload: { version: 1 },
      });
      expect(submit.statusCode, submit.body).toBe(200);
      const accept = await other.inject({
        method: 'POST',
        url: '/api/submissions/KZ-79/2021-07/accept',
        headers: admin.headers,
        payload: { version: 2 },
      });
      expect(accept.statusCode, accept.body).toBe(200);
      // this server's next answer has it, with no request of its own in between
      expect(await hours('year=2021')).toBe(before + 13);
    } finally {
      await other.close();
    }
  });

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

/**
 * A second server on the test's database, as a second process behind a load balancer would be: its
 * own connection (pool), its own caches, nothing shared with the first but the database.
 */
async function secondServer(): Promise<{ inject: FastifyInstance['inject']; close(): Promise<void> }> {
  const schema = /search_path=(\S+)/.exec(t.database.cliEnv.PGOPTIONS ?? '')?.[1];
  const database = openDatabase(t.database.cliUrl, schema ? { schema } : {});
  const app = await buildApp({ database });
  await app.ready();
  return {
    inject: app.inject.bind(app),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The test schema of PostgreSQL, for a client of the test's own. */
function pgSearchPath(): { options?: string } {
  const opts = t.database.cliEnv.PGOPTIONS;
  return opts ? { options: opts } : {};
}
