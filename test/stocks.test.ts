// Volunteer stocks and organisation counts over HTTP: breakdown sums, null kept, updated_at
// concurrency, the submission lock, scope and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  viewer = await signIn(t, 'viewer');
});
afterAll(async () => t.close());

const url = '/api/volunteers/KZ-75/2023';
const putV = (payload: object, who: SignedIn = rfo, u = url) =>
  t.app.inject({ method: 'PUT', url: u, headers: who.headers, payload });
const get = (u: string, who: SignedIn = rfo) => t.app.inject({ method: 'GET', url: u, headers: who.headers });

const rows = (over: Record<string, number | null> = {}) => [
  { dimension: 'total', category: '', volunteers: 100 },
  { dimension: 'gender', category: 'male', volunteers: over.male === undefined ? 40 : over.male },
  { dimension: 'gender', category: 'female', volunteers: over.female === undefined ? 60 : over.female },
  { dimension: 'age_band', category: 'under_18', volunteers: null },
  { dimension: 'age_band', category: '18_29', volunteers: 55 },
];

describe('volunteer stocks', () => {
  it('starts empty with updatedAt null', async () => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: [], updatedAt: null, submission: { status: 'draft' } });
  });

  it('refuses a breakdown that does not sum to the total (422 naming the rule), nothing written', async () => {
    const res = await putV({ updatedAt: null, rows: rows({ female: 50 }) });
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([
      expect.objectContaining({
        rule: 'breakdown_sum',
        column: 'volunteers',
        value: 90,
        // Which breakdown does not add up, for the web's sentence in the reader's language.
        params: { dimension: 'gender', sum: 90, total: 100 },
      }),
    ]);
    expect((await get(url)).json().rows).toEqual([]);
    const unknown = await putV({
      updatedAt: null,
      rows: [{ dimension: 'gender', category: 'other', volunteers: -1 }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().details.map((d: { rule: string }) => d.rule)).toEqual(['unknown_code', 'min']);
  });

  it('saves the set; a null stays null after reading back (missing is not zero)', async () => {
    const res = await putV({ updatedAt: null, rows: rows() });
    expect(res.statusCode).toBe(200);
    const back = (await get(url)).json();
    expect(back.rows).toEqual([
      { dimension: 'total', category: '', volunteers: 100 },
      { dimension: 'gender', category: 'female', volunteers: 60 },
      { dimension: 'gender', category: 'male', volunteers: 40 },
      { dimension: 'age_band', category: '18_29', volunteers: 55 },
      { dimension: 'age_band', category: 'under_18', volunteers: null },
    ]);
    expect(back.updatedAt).toBe(res.json().updatedAt);
  });

  it('refuses a save based on an old read (409 with the current figures), accepts the fresh one', async () => {
    const first = (await get(url)).json();
    const a = await putV({ updatedAt: first.updatedAt, rows: rows({ male: 45, female: 55 }) });
    expect(a.statusCode).toBe(200);
    const b = await putV({ updatedAt: first.updatedAt, rows: rows({ male: 30, female: 70 }) }, admin);
    expect(b.statusCode).toBe(409);
    expect(b.json().error).toBe('stale_version');
    expect(b.json().details[0].current.rows).toContainEqual({
      dimension: 'gender',
      category: 'male',
      volunteers: 45,
    });
    const c = await putV({ updatedAt: a.json().updatedAt, rows: rows({ male: 30, female: 70 }) }, admin);
    expect(c.statusCode).toBe(200);
  });

  it('audits each changed figure with old and new value', async () => {
    const trail = (
      await get('/api/audit?entity=volunteer_stat&entityId=KZ-75|2023|gender|male', admin)
    ).json();
    expect(
      trail.map((e: { action: string; oldValue: string; newValue: string; user: string }) => [
        e.action,
        e.oldValue,
        e.newValue,
        e.user,
      ]),
    ).toEqual([
      ['create', null, '40', rfo.email],
      ['update', '40', '45', rfo.email],
      ['update', '45', '30', admin.email],
    ]);
  });

  it('keeps to the scope: another region 403, viewers 403', async () => {
    expect((await putV({ updatedAt: null, rows: rows() }, otherRfo)).statusCode).toBe(403);
    expect((await get(url, otherRfo)).statusCode).toBe(403);
    expect((await get(url, viewer)).statusCode).toBe(403);
  });

  it('is read-only while the period is submitted, open again when returned', async () => {
    const current = (await get(url)).json();
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/KZ-75/2023/submit',
      headers: rfo.headers,
      payload: { version: current.submission.version },
    });
    expect(sub.statusCode).toBe(200);
    const locked = await putV({ updatedAt: current.updatedAt, rows: rows() });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toBe('submission_closed');
    const ret = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/KZ-75/2023/return',
      headers: admin.headers,
      payload: { version: sub.json().version, comment: 'Age bands incomplete' },
    });
    expect(ret.statusCode).toBe(200);
    expect((await putV({ updatedAt: current.updatedAt, rows: rows() })).statusCode).toBe(200);
  });

  it('answers malformed bodies with 4xx', async () => {
    for (const payload of [
      {},
      { rows: 'x' },
      { updatedAt: null, rows: [{}] },
      { updatedAt: null, rows: [{ dimension: 'total', volunteers: 1e20 }] },
      { updatedAt: null, rows: [{ dimension: 'total', volunteers: 'many' }] },
      { updatedAt: 5, rows: [] },
    ]) {
      const r = await putV(payload);
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
    }
    const huge = await putV(
      { updatedAt: null, rows: [{ dimension: 'total', volunteers: 1e20 }] },
      admin,
      '/api/volunteers/KZ-75/2023-H2',
    );
    expect(huge.statusCode).toBe(422);
    expect(huge.json().details[0].rule).toBe('too_large');
    expect((await get('/api/volunteers/KZ-75/2023-14')).statusCode).toBe(400);
    expect((await get('/api/volunteers/KZ-999/2023', admin)).statusCode).toBe(404);
  });
});

describe('organisation counts', () => {
  const oc = '/api/org-counts/KZ-75/2023';
  const putC = (payload: object, who: SignedIn = rfo, u = oc) =>
    t.app.inject({ method: 'PUT', url: u, headers: who.headers, payload });

  it('keeps a blank count null; updatedAt guards concurrent saves; audited', async () => {
    expect((await get(oc)).json()).toMatchObject({ npo: null, initiativeGroups: null, updatedAt: null });
    const a = await putC({ npo: 12, initiativeGroups: null, updatedAt: null });
    expect(a.statusCode).toBe(200);
    expect((await get(oc)).json()).toMatchObject({ npo: 12, initiativeGroups: null });
    const stale = await putC({ npo: 13, initiativeGroups: 4, updatedAt: null }, admin);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details[0].current).toMatchObject({ npo: 12, initiativeGroups: null });
    const b = await putC({ npo: 13, initiativeGroups: 4, updatedAt: a.json().updatedAt }, admin);
    expect(b.json()).toMatchObject({ npo: 13, initiativeGroups: 4 });
    const trail = (await get('/api/audit?entity=org_count&entityId=KZ-75|2023', rfo)).json();
    expect(
      trail.map((e: { field: string; oldValue: string; newValue: string }) => [
        e.field,
        e.oldValue,
        e.newValue,
      ]),
    ).toEqual([
      ['npo', null, '12'],
      ['npo', '12', '13'],
      ['initiative_groups', null, '4'],
    ]);
  });

  it('refuses negative or fractional counts, half-year periods, and other regions', async () => {
    expect((await putC({ npo: -1, initiativeGroups: null, updatedAt: null })).statusCode).toBe(400);
    expect((await putC({ npo: 1.5, initiativeGroups: null, updatedAt: null })).statusCode).toBe(400);
    expect(
      (await putC({ npo: 1, initiativeGroups: null, updatedAt: null }, rfo, '/api/org-counts/KZ-75/2023-H1'))
        .statusCode,
    ).toBe(422);
    expect((await putC({ npo: 1, initiativeGroups: null, updatedAt: null }, otherRfo)).statusCode).toBe(403);
  });
});
