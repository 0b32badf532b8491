// The monthly cycle over HTTP: each allowed and refused transition, versions, the lock on the
// region's data while submitted, the matrix of a year and the review view.
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

const activity = (over: Record<string, unknown> = {}) => ({
  region: 'KZ-75',
  period: '2023-01',
  organization: 'Жас Қанат',
  organization_type: 'npo',
  title: 'Snow clearing for the elderly',
  area: 'umit',
  format: 'offline',
  kind: 'event',
  start_date: '2023-01-10',
  end_date: '2023-01-10',
  volunteers: 12,
  hours: 48,
  ...over,
});

const act = (who: SignedIn, region: string, period: string, action: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/submissions/${region}/${period}/${action}`,
    headers: who.headers,
    payload,
  });
const view = (region: string, period: string, who: SignedIn = admin) =>
  t.app.inject({ method: 'GET', url: `/api/submissions/${region}/${period}`, headers: who.headers });

describe('workflow', () => {
  it('draft → submitted by the RFO; refused steps answer 409 invalid_transition naming the status', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: activity(),
    });
    expect(created.statusCode).toBe(201);
    const v0 = (await view('KZ-75', '2023-01')).json().submission;
    expect(v0).toMatchObject({ status: 'draft', version: 1, deadline: '2023-02-05' });

    // accept and return of a draft are not steps of the cycle
    for (const [action, body] of [
      ['accept', { version: 1 }],
      ['return', { version: 1, comment: 'why' }],
    ] as const) {
      const r = await act(admin, 'KZ-75', '2023-01', action, body);
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toBe('invalid_transition');
      expect(r.json().details[0].status).toBe('draft');
    }

    // another region's RFO, an analyst and a viewer may not submit
    expect((await act(otherRfo, 'KZ-75', '2023-01', 'submit', { version: 1 })).statusCode).toBe(403);
    expect((await act(analyst, 'KZ-75', '2023-01', 'submit', { version: 1 })).statusCode).toBe(403);
    expect((await act(viewer, 'KZ-75', '2023-01', 'submit', { version: 1 })).statusCode).toBe(403);

    const sub = await act(rfo, 'KZ-75', '2023-01', 'submit', { version: 1 });
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', version: 2 });
    expect(Date.parse(sub.json().submittedAt)).not.toBeNaN();
    // submitted long after the 2023 deadline
    expect(sub.json().onTime).toBe(false);

    // submitting again is refused; so is a stale version
    const again = await act(rfo, 'KZ-75', '2023-01', 'submit', { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'invalid_transition', details: [{ status: 'submitted' }] });
    const stale = await act(admin, 'KZ-75', '2023-01', 'accept', { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('stale_version');
    expect(stale.json().details[0]).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('locks the data while submitted: creating, updating and deleting answer 409 submission_closed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: activity({ title: 'Late entry' }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('submission_closed');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/activities?region=KZ-75&period=2023-01',
      headers: rfo.headers,
    });
    const row = list.json().items[0];
    const upd = await t.app.inject({
      method: 'PUT',
      url: `/api/activities/${row.id}`,
      headers: rfo.headers,
      payload: { ...row, hours: 50 },
    });
    expect(upd.statusCode).toBe(409);
    expect(upd.json().error).toBe('submission_closed');
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${row.id}?version=${row.version}`,
      headers: rfo.headers,
    });
    expect(del.statusCode).toBe(409);
  });

  it('return needs a comment and national staff; the RFO may not review', async () => {
    const noComment = await act(analyst, 'KZ-75', '2023-01', 'return', { version: 2, comment: '   ' });
    expect([400, 422]).toContain(noComment.statusCode);
    const missing = await act(analyst, 'KZ-75', '2023-01', 'return', { version: 2 });
    expect(missing.statusCode).toBe(400);
    expect((await act(rfo, 'KZ-75', '2023-01', 'accept', { version: 2 })).statusCode).toBe(403);
    expect((await act(rfo, 'KZ-75', '2023-01', 'return', { version: 2, comment: 'x' })).statusCode).toBe(403);

    const ret = await act(analyst, 'KZ-75', '2023-01', 'return', {
      version: 2,
      comment: 'Hours look doubled',
    });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', version: 3, returnComment: 'Hours look doubled' });
  });

  it('returned data is open again; resubmission keeps the first submission time; then accepted', async () => {
    const first = (await view('KZ-75', '2023-01')).json().submission.submittedAt;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: activity({ title: 'Corrected entry', volunteers: 3, hours: 6 }),
    });
    expect(res.statusCode).toBe(201);
    // a returned submission cannot be accepted before it is submitted again
    const early = await act(admin, 'KZ-75', '2023-01', 'accept', { version: 3 });
    expect(early.json()).toMatchObject({ error: 'invalid_transition', details: [{ status: 'returned' }] });

    const re = await act(rfo, 'KZ-75', '2023-01', 'submit', { version: 3 });
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ status: 'submitted', version: 4, submittedAt: first });
    const acc = await act(analyst, 'KZ-75', '2023-01', 'accept', { version: 4 });
    expect(acc.json()).toMatchObject({ status: 'accepted', version: 5 });
    for (const [action, body] of [
      ['submit', { version: 5 }],
      ['accept', { version: 5 }],
      ['return', { version: 5, comment: 'late doubt' }],
    ] as const) {
      const r = await act(admin, 'KZ-75', '2023-01', action, body);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ error: 'invalid_transition', details: [{ status: 'accepted' }] });
    }
    // the trail of the submission: five status changes with old and new status
    const trail = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=submission&entityId=${re.json().id}`,
      headers: admin.headers,
    });
    expect(trail.statusCode).toBe(200);
    expect(
      trail.json().map((e: { oldValue: string; newValue: string }) => `${e.oldValue}>${e.newValue}`),
    ).toEqual(['draft>submitted', 'submitted>returned', 'returned>submitted', 'submitted>accepted']);
  });

  it('lists submissions of a year with counts from the aggregates', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/submissions?year=2023',
      headers: analyst.headers,
    });
    expect(res.statusCode).toBe(200);
    const s = res
      .json()
      .find((x: { region: string; period: string }) => x.region === 'KZ-75' && x.period === '2023-01');
    expect(s).toMatchObject({ status: 'accepted', counts: { activities: 2, volunteers: 15, hours: 54 } });
  });

  it('builds the matrix of a year: units of that year × 12 months, completeness and timeliness', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/submissions/matrix?year=2023' });
    expect(anon.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/submissions/matrix?year=2023',
      headers: viewer.headers,
    });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.regions).toHaveLength(20);
    expect(m.months).toHaveLength(12);
    expect(m.cells).toHaveLength(20 * 12 + 20 * 3); // the months, then H1, H2 and the year
    expect(
      m.cells.find((c: { region: string; period: string }) => c.region === 'KZ-75' && c.period === '2023-01'),
    ).toMatchObject({
      status: 'accepted',
      onTime: false,
      expected: true,
    });
    // one of 12 months submitted, none on time
    expect(m.completeness['KZ-75']).toBe(8.3);
    expect(m.timeliness['KZ-75']).toBe(0);
    expect(m.completeness['KZ-79']).toBe(0);
    expect(m.national).toMatchObject({ expected: 20 * 12, submitted: 1, onTime: 0 });
    // 2021 and 2022: the 17 units of the year's map (1 January), as the reports draw the year; the
    // 3 regions created on 2022-06-08 are not shown overdue for a year their parents still carried
    const matrixOf = async (year: number) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/submissions/matrix?year=${year}`,
          headers: viewer.headers,
        })
      ).json();
    expect((await matrixOf(2021)).regions).toHaveLength(17);
    const before = await matrixOf(2022);
    expect(before.regions).toHaveLength(17);
    expect(before.regions).not.toContain('KZ-10');
    expect(before.national.expected).toBe(17 * 12);
    // …until one of them reports in 2022: then it owes the months it existed, June to December
    const abai = await signIn(t, 'rfo', { region: 'KZ-10' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: abai.headers,
      payload: activity({
        region: 'KZ-10',
        period: '2022-07',
        start_date: '2022-07-04',
        end_date: '2022-07-04',
      }),
    });
    expect(created.statusCode).toBe(201);
    const y2022 = await matrixOf(2022);
    expect(y2022.regions).toHaveLength(18);
    const kz10 = y2022.cells.filter(
      (c: { region: string; period: string; expected: boolean }) =>
        c.region === 'KZ-10' && c.expected && /^\d{4}-\d{2}$/.test(c.period),
    );
    expect(kz10.map((c: { period: string }) => c.period)).toEqual([
      '2022-06',
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
      '2022-12',
    ]);
    expect(y2022.national.expected).toBe(17 * 12 + 7);
    const list = (
      await t.app.inject({
        method: 'GET',
        url: '/api/submissions?year=2022&region=KZ-10',
        headers: abai.headers,
      })
    ).json();
    expect(list.map((x: { period: string }) => x.period)).toEqual(
      kz10.map((c: { period: string }) => c.period),
    );
  });

  it('shows the review view with totals, earlier months and outliers; a viewer may not open it', async () => {
    const res = await view('KZ-75', '2023-01');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.totals).toMatchObject({ events: 2, volunteers: 15, hours: 54 });
    expect(r.totals.byArea).toEqual([{ area: 'umit', events: 2, volunteers: 15, hours: 54 }]);
    expect(r.previous).toEqual([]);
    expect((await view('KZ-75', '2023-01', viewer)).statusCode).toBe(403);
    expect((await view('KZ-75', '2023-01', otherRfo)).statusCode).toBe(403);
    const feb = (await view('KZ-75', '2023-02')).json();
    expect(feb.submission).toMatchObject({ id: null, status: 'draft', version: 1 });
    expect(feb.previous).toEqual([
      { period: '2023-01', status: 'accepted', events: 2, volunteers: 15, hours: 54 },
    ]);
  });

  it('gives null, never zero, for an earlier month without a submission', async () => {
    // KZ-75 has January (accepted) and nothing in February: in the May view February is missing
    const may = (await view('KZ-75', '2023-05')).json();
    expect(may.previous.map((p: { period: string }) => p.period)).toEqual([
      '2023-01',
      '2023-02',
      '2023-03',
      '2023-04',
    ]);
    expect(may.previous[0]).toEqual({
      period: '2023-01',
      status: 'accepted',
      events: 2,
      volunteers: 15,
      hours: 54,
    });
    expect(may.previous[1]).toEqual({
      period: '2023-02',
      status: null,
      events: null,
      volunteers: null,
      hours: null,
    });
    // a region with no submission at all: every earlier month is null
    const other = (await view('KZ-79', '2023-03')).json();
    expect(other.previous).toEqual([
      { period: '2023-01', status: null, events: null, volunteers: null, hours: null },
      { period: '2023-02', status: null, events: null, volunteers: null, hours: null },
    ]);
  });

  it('flags records whose hours per volunteer are far from the region-month usual', async () => {
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: rfo.headers,
        payload: activity({
          period: '2023-03',
          start_date: '2023-03-02',
          end_date: '2023-03-02',
          title: `Usual ${i}`,
          volunteers: 10,
          hours: 40 + i,
        }),
      });
      expect(r.statusCode).toBe(201);
    }
    const odd = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: activity({
        period: '2023-03',
        start_date: '2023-03-02',
        end_date: '2023-03-03',
        title: 'Odd',
        volunteers: 2,
        hours: 90,
      }),
    });
    const r = (await view('KZ-75', '2023-03')).json();
    expect(r.outliers.map((o: { id: number }) => o.id)).toEqual([odd.json().id]);
    expect(r.outliers[0]).toMatchObject({ hoursPerVolunteer: 45 });
    expect(Math.abs(r.outliers[0].zMonth)).toBeGreaterThan(3.5);
  });

  it('answers malformed input with 4xx, never 500', async () => {
    const bad = [
      await act(admin, 'KZ-75', '2023-13', 'submit', { version: 1 }),
      await act(admin, 'XX', '2023-01', 'submit', { version: 1 }),
      await act(admin, 'KZ-999', '2023-01', 'submit', { version: 1 }),
      await act(admin, 'KZ-75', '2023-02', 'submit', { version: 'one' }),
      await act(admin, 'KZ-75', '2023-02', 'submit', {}),
      await act(admin, 'KZ-75', '2023-02', 'return', { version: 1, comment: 'a\u0000b' }),
      await t.app.inject({ method: 'GET', url: '/api/submissions?year=abc', headers: admin.headers }),
      await t.app.inject({
        method: 'GET',
        url: '/api/submissions/matrix?year=99999',
        headers: admin.headers,
      }),
    ];
    for (const r of bad) {
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
    const unknown = await view('KZ-999', '2023-01');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Unknown region: KZ-999');
  });
});
