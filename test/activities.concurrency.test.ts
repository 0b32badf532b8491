// Optimistic concurrency: a write names the version (or updatedAt) it read; a stale one gets 409
// with the current row and changes nothing, never a silent overwrite. Sequential cases show the
// contract; parallel ones that it holds when two saves really meet (on PostgreSQL too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let rfo: SignedIn;
let colleague: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  colleague = await signIn(t, 'rfo', { region: 'KZ-75' });
});
afterAll(async () => t.close());

const record = (over: Record<string, unknown> = {}) => ({
  region: 'KZ-75',
  period: '2023-06',
  organization: 'Concurrency NPO',
  organization_type: 'npo',
  title: 'Park cleaning',
  area: 'taza_alem',
  format: 'offline',
  kind: 'event',
  start_date: '2023-06-10',
  end_date: '2023-06-10',
  volunteers: 10,
  hours: 30,
  ...over,
});

const req = (who: SignedIn, method: string, url: string, payload?: object) =>
  t.app.inject({ method: method as 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });

async function create(over: Record<string, unknown> = {}) {
  const res = await req(rfo, 'POST', '/api/activities', record(over));
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('activity records', () => {
  it('PATCH changes only the fields sent; a stale PATCH gets 409 with the current row', async () => {
    const a = await create();
    const first = await req(rfo, 'PATCH', `/api/activities/${a.id}`, { hours: 35, version: a.version });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      hours: 35,
      volunteers: 10,
      title: 'Park cleaning',
      version: a.version + 1,
    });
    // a colleague still holding the first version
    const stale = await req(colleague, 'PATCH', `/api/activities/${a.id}`, {
      volunteers: 12,
      version: a.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'stale_version',
      message: expect.any(String),
      details: [
        { rule: 'stale_version', current: { id: a.id, hours: 35, volunteers: 10, version: a.version + 1 } },
      ],
    });
    const now = (await req(rfo, 'GET', `/api/activities/${a.id}`)).json();
    expect(now).toMatchObject({ hours: 35, volunteers: 10, version: a.version + 1 });
    // the merged record is validated as a whole
    const invalid = await req(rfo, 'PATCH', `/api/activities/${a.id}`, { hours: -1, version: now.version });
    expect(invalid.statusCode).toBe(422);
    // audited field by field: only hours changed
    const trail = (await req(rfo, 'GET', `/api/audit?entity=activity&entityId=${a.id}`)).json();
    expect(trail.filter((e: { action: string }) => e.action === 'update')).toEqual([
      expect.objectContaining({ field: 'hours', oldValue: '30', newValue: '35', user: rfo.email }),
    ]);
  });

  it('a PUT or DELETE with an old version gets 409 with the current row and changes nothing', async () => {
    const a = await create({ title: 'Two editors' });
    const put = await req(rfo, 'PUT', `/api/activities/${a.id}`, {
      ...record({ title: 'Two editors' }),
      hours: 40,
      version: 1,
    });
    expect(put.statusCode).toBe(200);
    const stalePut = await req(colleague, 'PUT', `/api/activities/${a.id}`, {
      ...record({ title: 'Two editors' }),
      hours: 20,
      version: 1,
    });
    expect(stalePut.statusCode).toBe(409);
    expect(stalePut.json().details[0].current).toMatchObject({ hours: 40, version: 2 });
    const staleDelete = await req(colleague, 'DELETE', `/api/activities/${a.id}?version=1`);
    expect(staleDelete.statusCode).toBe(409);
    expect(staleDelete.json().details[0].current).toMatchObject({ hours: 40, version: 2 });
    expect((await req(rfo, 'GET', `/api/activities/${a.id}`)).json()).toMatchObject({
      hours: 40,
      version: 2,
    });
    expect((await req(rfo, 'DELETE', `/api/activities/${a.id}?version=2`)).statusCode).toBe(204);
  });

  it('two saves of the same version at once: one wins, the other gets 409', async () => {
    const a = await create({ title: 'Race' });
    const [x, y] = await Promise.all([
      req(rfo, 'PATCH', `/api/activities/${a.id}`, { hours: 31, version: a.version }),
      req(colleague, 'PATCH', `/api/activities/${a.id}`, { hours: 32, version: a.version }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const winner = x.statusCode === 200 ? x.json() : y.json();
    expect((await req(rfo, 'GET', `/api/activities/${a.id}`)).json()).toMatchObject({
      hours: winner.hours,
      version: a.version + 1,
    });
  });
});

describe('stocks', () => {
  const rows = (total: number) => [
    { dimension: 'total', category: '', volunteers: total },
    { dimension: 'gender', category: 'male', volunteers: null },
  ];

  it('volunteers: a save based on an old read gets 409 with the current figures', async () => {
    const url = '/api/volunteers/KZ-75/2023-H1';
    const first = await req(rfo, 'PUT', url, { updatedAt: null, rows: rows(100) });
    expect(first.statusCode).toBe(200);
    const stale = await req(colleague, 'PUT', url, { updatedAt: null, rows: rows(90) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'stale_version',
      details: [{ current: { updatedAt: first.json().updatedAt, rows: rows(100) } }],
    });
    const again = await req(colleague, 'PUT', url, { updatedAt: first.json().updatedAt, rows: rows(90) });
    expect(again.statusCode).toBe(200);
    // the gender figure stayed null: missing is not zero
    expect(again.json().rows).toEqual([
      { dimension: 'total', category: '', volunteers: 90 },
      { dimension: 'gender', category: 'male', volunteers: null },
    ]);
  });

  it('volunteers and organisation counts: two first saves at once, one wins', async () => {
    for (const [url, body] of [
      ['/api/volunteers/KZ-75/2023-H2', (n: number) => ({ updatedAt: null, rows: rows(n) })],
      ['/api/org-counts/KZ-75/2023', (n: number) => ({ npo: n, initiativeGroups: null, updatedAt: null })],
    ] as const) {
      const [x, y] = await Promise.all([
        req(rfo, 'PUT', url, body(50)),
        req(colleague, 'PUT', url, body(60)),
      ]);
      expect([url, [x.statusCode, y.statusCode].sort()]).toEqual([url, [200, 409]]);
      const loser = x.statusCode === 409 ? x : y;
      expect(loser.json().error).toBe('stale_version');
    }
  });

  it('organisation counts: a stale save gets 409 with the current counts; null stays null', async () => {
    const url = '/api/org-counts/KZ-75/2023-07';
    const first = await req(rfo, 'PUT', url, { npo: 4, initiativeGroups: null, updatedAt: null });
    expect(first.statusCode).toBe(200);
    const stale = await req(colleague, 'PUT', url, { npo: 5, initiativeGroups: 1, updatedAt: null });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details[0].current).toMatchObject({ npo: 4, initiativeGroups: null });
  });
});

describe('submissions', () => {
  it('two reviewers acting on the same version: one wins, the other gets 409 with the current state', async () => {
    const admin = await signIn(t, 'national_admin');
    const analyst = await signIn(t, 'national_analyst');
    const s = (
      await req(rfo, 'POST', '/api/submissions/KZ-75/2023-08/submit', {
        version: 1,
        nothingToReport: true,
      })
    ).json();
    const [x, y] = await Promise.all([
      req(admin, 'POST', '/api/submissions/KZ-75/2023-08/accept', { version: s.version }),
      req(analyst, 'POST', '/api/submissions/KZ-75/2023-08/return', { version: s.version, comment: 'No' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const loser = x.statusCode === 409 ? x.json() : y.json();
    expect(loser.error).toBe('stale_version');
    expect(loser.details[0].version).toBe(s.version + 1);
  });

  it('the first writes of a new partition at once create one submission, no error', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        req(
          i % 2 ? rfo : colleague,
          'POST',
          '/api/activities',
          record({
            period: '2023-09',
            start_date: '2023-09-01',
            end_date: '2023-09-01',
            title: `Parallel ${i}`,
          }),
        ),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const subs = await t.database.db
      .selectFrom('submission')
      .select('id')
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2023-09')
      .execute();
    expect(subs).toHaveLength(1);
  });
});
