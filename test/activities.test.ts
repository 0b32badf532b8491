// Activity records over HTTP: validation, scope by role, optimistic concurrency, audit, aggregates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  viewer = await signIn(t, 'viewer');
});
afterAll(async () => t.close());

const record = (over: Record<string, unknown> = {}) => ({
  region: 'KZ-75',
  period: '2023-04',
  organization: 'Қамқор орталығы',
  organization_type: 'npo',
  title: 'Canteen for the homeless',
  area: 'qamqor',
  format: 'offline',
  kind: 'ongoing',
  start_date: '2023-04-01',
  end_date: '2023-04-30',
  volunteers: 20,
  hours: 400,
  child: null,
  general: null,
  ...over,
});

const post = (payload: object, who: SignedIn = rfo) =>
  t.app.inject({ method: 'POST', url: '/api/activities', headers: who.headers, payload });
const put = (id: number, payload: object, who: SignedIn = rfo) =>
  t.app.inject({ method: 'PUT', url: `/api/activities/${id}`, headers: who.headers, payload });
const get = (url: string, who: SignedIn = rfo) => t.app.inject({ method: 'GET', url, headers: who.headers });

describe('entering activity records', () => {
  let id: number;

  it('creates a record, registers its organiser and refreshes the aggregates', async () => {
    const res = await post(record());
    expect(res.statusCode).toBe(201);
    const rec = res.json();
    expect(rec).toMatchObject({
      region: 'KZ-75',
      period: '2023-04',
      organization: 'Қамқор орталығы',
      version: 1,
      hours: 400,
      child: null,
    });
    id = rec.id;
    const org = await t.database.db
      .selectFrom('organization')
      .selectAll()
      .where('id', '=', rec.organization_id)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ region: 'KZ-75', type: 'npo' });
    const agg = await t.database.db
      .selectFrom('agg_activity')
      .selectAll()
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2023-04')
      .execute();
    expect(agg.map((a) => [a.area, Number(a.events), Number(a.hours)])).toEqual([['qamqor', 1, 400]]);
    expect((await get(`/api/activities/${id}`)).json()).toEqual(rec);
  });

  it('answers 422 listing every problem of an invalid record', async () => {
    const res = await post(
      record({ hours: -5, start_date: '2023-05-01', area: 'nowhere', child: 30, general: 1 }),
    );
    expect(res.statusCode).toBe(422);
    const rules = res.json().details.map((d: { column: string; rule: string }) => `${d.column}:${d.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining(['hours:min', 'start_date:date_outside_period', 'area:unknown_code']),
    );
  });

  it('refuses another region to an RFO (403) and any write to analysts and viewers', async () => {
    expect((await post(record(), otherRfo)).statusCode).toBe(403);
    expect((await post(record(), analyst)).statusCode).toBe(403);
    expect((await post(record(), viewer)).statusCode).toBe(403);
    const rec = (await get(`/api/activities/${id}`)).json();
    expect((await put(id, { ...rec, hours: 10 }, otherRfo)).statusCode).toBe(403);
    // moving a record into another region is writing there
    expect((await put(id, { ...rec, region: 'KZ-79' })).statusCode).toBe(403);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${id}?version=1`,
      headers: otherRfo.headers,
    });
    expect(del.statusCode).toBe(403);
  });

  it('scopes reading: national staff all, RFO its region, viewers no raw records', async () => {
    await post(record({ region: 'KZ-79', title: 'Elsewhere' }), admin);
    expect((await get('/api/activities', viewer)).statusCode).toBe(403);
    expect((await get(`/api/activities/${id}`, viewer)).statusCode).toBe(403);
    expect((await get('/api/activities?region=KZ-79', rfo)).statusCode).toBe(403);
    const own = (await get('/api/activities', rfo)).json();
    expect(own.items.every((r: { region: string }) => r.region === 'KZ-75')).toBe(true);
    expect(own.total).toBe(1);
    const all = (await get('/api/activities?limit=1', analyst)).json();
    expect(all).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(all.items).toHaveLength(1);
    const other = (await get('/api/activities?region=KZ-79', analyst)).json();
    expect((await get(`/api/activities/${other.items[0].id}`, rfo)).statusCode).toBe(403);
  });

  it('a stale update gets 409 with the current row; the right version then succeeds', async () => {
    const read = (await get(`/api/activities/${id}`)).json();
    const first = await put(id, { ...read, hours: 420, notes: 'recounted' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, hours: 420, notes: 'recounted' });
    // a second user still holding version 1
    const stale = await put(id, { ...read, volunteers: 25 }, admin);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('stale_version');
    expect(stale.json().details[0].current).toMatchObject({ id, version: 2, hours: 420, volunteers: 20 });
    const retry = await put(id, { ...stale.json().details[0].current, volunteers: 25 }, admin);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ version: 3, hours: 420, volunteers: 25 });
  });

  it('audits every changed field with its old and new value, and who changed it', async () => {
    const trail = (await get(`/api/audit?entity=activity&entityId=${id}`, admin)).json();
    expect(trail[0]).toMatchObject({ action: 'create', user: rfo.email, field: null });
    expect(JSON.parse(trail[0].newValue)).toMatchObject({ hours: 400, volunteers: 20 });
    const updates = trail
      .filter((e: { action: string }) => e.action === 'update')
      .map((e: { user: string; field: string; oldValue: string; newValue: string }) => [
        e.user,
        e.field,
        e.oldValue,
        e.newValue,
      ]);
    expect(updates).toEqual([
      [rfo.email, 'hours', '400', '420'],
      [rfo.email, 'notes', null, 'recounted'],
      [admin.email, 'volunteers', '20', '25'],
    ]);
    expect(Date.parse(trail[1].at)).not.toBeNaN();
    // the RFO reads its region's trail; another region's RFO sees none of it, a viewer may not read
    expect((await get(`/api/audit?entity=activity&entityId=${id}`, rfo)).json()).toHaveLength(trail.length);
    const foreign = await get(`/api/audit?entity=activity&entityId=${id}`, otherRfo);
    expect(foreign.json()).toEqual([]);
    expect((await get(`/api/audit?entity=activity&entityId=${id}&region=KZ-75`, otherRfo)).statusCode).toBe(
      403,
    );
    expect((await get(`/api/audit?entity=activity&entityId=${id}`, viewer)).statusCode).toBe(403);
  });

  it('deletes with the version read: stale 409, then 204, aggregates emptied, audited', async () => {
    const stale = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${id}?version=1`,
      headers: rfo.headers,
    });
    expect(stale.statusCode).toBe(409);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${id}?version=3`,
      headers: rfo.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await get(`/api/activities/${id}`)).statusCode).toBe(404);
    const agg = await t.database.db
      .selectFrom('agg_activity')
      .selectAll()
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2023-04')
      .execute();
    expect(agg).toEqual([]);
    const trail = (await get(`/api/audit?entity=activity&entityId=${id}`, rfo)).json();
    expect(trail.at(-1)).toMatchObject({ action: 'delete', newValue: null });
  });

  it('lets an organisation coordinator enter and read only its own organisation’s rows', async () => {
    const org = (await post(record({ organization: 'Coordinated NPO', title: 'By RFO' }))).json();
    const coord = await signIn(t, 'org_coordinator', {
      organizationId: org.organization_id,
      region: 'KZ-75',
    });
    // naming another organiser or region is refused, not silently rewritten
    for (const over of [
      { organization: 'Someone else' },
      { region: 'KZ-79' },
      { organization_type: 'company' },
    ]) {
      const foreign = await post(record({ ...over, title: 'Not mine' }), coord);
      expect(foreign.statusCode).toBe(403);
    }
    const mine = await post(
      record({ organization: null, organization_type: null, region: null, title: 'Mine' }),
      coord,
    );
    expect(mine.statusCode).toBe(201);
    // organiser and region come from the coordinator's organisation
    expect(mine.json()).toMatchObject({ organization: 'Coordinated NPO', region: 'KZ-75' });
    const list = (await get('/api/activities', coord)).json();
    expect(list.items.map((r: { organization_id: number }) => r.organization_id)).toEqual([
      org.organization_id,
      org.organization_id,
    ]);
    const others = (await get('/api/activities?region=KZ-79', analyst)).json();
    expect((await get(`/api/activities/${others.items[0].id}`, coord)).statusCode).toBe(403);
  });

  it('answers malformed bodies and parameters with 4xx, never 500', async () => {
    const rec = (await get('/api/activities', rfo)).json().items[0];
    const responses = [
      await post({ volunteers: { a: 1 } }),
      await post({ title: ['x'] }),
      await post(record({ title: 'a\u0000b' })),
      await post(record({ volunteers: 1e308, hours: 1e308 })),
      await post(record({ region: 'Атлантида' })),
      await put(rec.id, { ...rec, version: 'x' }),
      await put(rec.id, { ...rec, version: undefined }),
      await put(99999999999, { ...rec }),
      await t.app.inject({ method: 'DELETE', url: `/api/activities/${rec.id}`, headers: rfo.headers }),
      await get('/api/activities?limit=-1'),
      await get('/api/activities?period=2023-13'),
      await get('/api/activities/abc'),
    ];
    for (const r of responses) {
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
    }
    expect((await get('/api/activities/999999')).statusCode).toBe(404);
  });
});
