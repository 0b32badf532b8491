// The monthly cycle as a table: every action from every status, by every role, with the status code
// it must get; then the data lock that follows the status, and the deadline, timeliness and
// completeness as GET /api/submissions and the matrix show them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

type Role = 'admin' | 'analyst' | 'rfo' | 'otherRfo' | 'coordinator' | 'viewer' | 'anonymous';
type Status = 'draft' | 'submitted' | 'accepted' | 'returned';
type Action = 'submit' | 'accept' | 'return';

let t: TestApp;
const who = {} as Record<Exclude<Role, 'anonymous'>, SignedIn>;
const headers = (role: Role) => (role === 'anonymous' ? {} : who[role].headers);

beforeAll(async () => {
  t = await createTestApp();
  who.admin = await signIn(t, 'national_admin');
  who.analyst = await signIn(t, 'national_analyst');
  who.rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  who.otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  who.viewer = await signIn(t, 'viewer');
  const org = await t.app.inject({
    method: 'POST',
    url: '/api/organizations',
    headers: who.admin.headers,
    payload: { name: 'Workflow NPO', type: 'npo', region: 'KZ-75' },
  });
  who.coordinator = await signIn(t, 'org_coordinator', { region: 'KZ-75', organizationId: org.json().id });
});
afterAll(async () => t.close());

// A submit that says nothing to the checks before submitting is of an empty month here: "nothing
// to report" (test/submissions.checks.test.ts tests the checks themselves).
const withAnswers = (action: Action, payload: object) =>
  action === 'submit' && !('confirmWarnings' in payload) && !('nothingToReport' in payload)
    ? { nothingToReport: true, ...payload }
    : payload;
const act = (role: Role, region: string, period: string, action: Action, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/submissions/${region}/${period}/${action}`,
    headers: headers(role),
    payload: withAnswers(action, payload),
  });

// Each case gets a month of its own, so that a successful step does not change the next case.
let month = 0;
function nextPeriod(): string {
  const y = 2010 + Math.floor(month / 12);
  const m = (month % 12) + 1;
  month++;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** A KZ-75 submission brought to `status` by the allowed steps; returns its period and version. */
async function submissionIn(status: Status): Promise<{ period: string; version: number }> {
  const period = nextPeriod();
  if (status === 'draft') return { period, version: 1 };
  let r = await act('rfo', 'KZ-75', period, 'submit', { version: 1 });
  expect(r.statusCode).toBe(200);
  if (status === 'accepted') r = await act('analyst', 'KZ-75', period, 'accept', { version: 2 });
  if (status === 'returned')
    r = await act('analyst', 'KZ-75', period, 'return', { version: 2, comment: 'fix it' });
  expect(r.json().status).toBe(status);
  return { period, version: r.json().version };
}

const ALLOWED: Record<Action, { from: Status[]; to: Status; roles: Role[] }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['admin', 'rfo'] },
  accept: { from: ['submitted'], to: 'accepted', roles: ['admin', 'analyst'] },
  return: { from: ['submitted'], to: 'returned', roles: ['admin', 'analyst'] },
};
const ROLES: Role[] = ['admin', 'analyst', 'rfo', 'otherRfo', 'coordinator', 'viewer', 'anonymous'];
const STATUSES: Status[] = ['draft', 'submitted', 'accepted', 'returned'];

/** What a role gets for an action from a status: who first (401/403), then the workflow (409). */
function expected(role: Role, action: Action, from: Status): number {
  if (role === 'anonymous') return 401;
  const rule = ALLOWED[action];
  if (!rule.roles.includes(role)) return 403;
  return rule.from.includes(from) ? 200 : 409;
}

const cases = STATUSES.flatMap((from) =>
  (['submit', 'accept', 'return'] as Action[]).flatMap((action) =>
    ROLES.map((role) => ({ from, action, role, status: expected(role, action, from) })),
  ),
);

describe('every transition from every status by every role', () => {
  it.each(cases)('$role $action from $from → $status', async ({ from, action, role, status }) => {
    const s = await submissionIn(from);
    const body =
      action === 'return' ? { version: s.version, comment: 'Hours look doubled' } : { version: s.version };
    const res = await act(role, 'KZ-75', s.period, action, body);
    expect(res.statusCode).toBe(status);
    const json = res.json();
    if (status === 200) {
      expect(json).toMatchObject({ status: ALLOWED[action].to, version: s.version + 1 });
    } else {
      // every refusal in the error shape
      expect(json).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      if (status === 409)
        expect(json).toMatchObject({ error: 'invalid_transition', details: [{ status: from }] });
    }
  });

  it('return needs a comment (400), even from the national office and from submitted', async () => {
    for (const comment of [undefined, '', '   ']) {
      const s = await submissionIn('submitted');
      const res = await act('analyst', 'KZ-75', s.period, 'return', { version: s.version, comment });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
  });

  it('a stale version is 409 stale_version with the current submission, whatever the step', async () => {
    const s = await submissionIn('submitted');
    const res = await act('analyst', 'KZ-75', s.period, 'accept', { version: s.version - 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'stale_version',
      details: [{ status: 'submitted', version: s.version }],
    });
  });

  it('returned → submitted again keeps the first submission time and the return comment in the trail', async () => {
    const s = await submissionIn('returned');
    const before = (
      await t.app.inject({
        method: 'GET',
        url: `/api/submissions/KZ-75/${s.period}`,
        headers: who.admin.headers,
      })
    ).json().submission;
    const re = await act('rfo', 'KZ-75', s.period, 'submit', { version: s.version });
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ status: 'submitted', submittedAt: before.submittedAt });
    const trail = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=submission&entityId=${re.json().id}`,
      headers: who.admin.headers,
    });
    expect(
      trail
        .json()
        .map((e: { user: string; oldValue: string; newValue: string; note: string | null }) => [
          e.user,
          e.oldValue,
          e.newValue,
          e.note,
        ]),
    ).toEqual([
      [who.rfo.email, 'draft', 'submitted', null],
      [who.analyst.email, 'submitted', 'returned', 'fix it'],
      [who.rfo.email, 'returned', 'submitted', null],
    ]);
  });
});

describe('the data follows the status', () => {
  const activity = (period: string, over: Record<string, unknown> = {}) => ({
    region: 'KZ-75',
    period,
    organization: 'Lock NPO',
    organization_type: 'npo',
    title: 'Tree planting',
    area: 'taza_alem',
    format: 'offline',
    kind: 'event',
    start_date: `${period}-03`,
    end_date: `${period}-03`,
    volunteers: 5,
    hours: 20,
    ...over,
  });
  const writes = async (period: string, who: SignedIn, row: { id: number; version: number }) => {
    const stock = await t.app.inject({
      method: 'GET',
      url: `/api/org-counts/KZ-75/${period}`,
      headers: who.headers,
    });
    return {
      create: await t.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: who.headers,
        payload: activity(period, { title: 'Another' }),
      }),
      update: await t.app.inject({
        method: 'PUT',
        url: `/api/activities/${row.id}`,
        headers: who.headers,
        payload: { ...activity(period), hours: 25, version: row.version },
      }),
      delete: await t.app.inject({
        method: 'DELETE',
        url: `/api/activities/${row.id}?version=${row.version}`,
        headers: who.headers,
      }),
      orgCounts: await t.app.inject({
        method: 'PUT',
        url: `/api/org-counts/KZ-75/${period}`,
        headers: who.headers,
        payload: { npo: 3, initiativeGroups: null, updatedAt: stock.json().updatedAt },
      }),
    };
  };

  it('submitted and accepted data cannot be edited by anyone (409 submission_closed); returned data can', async () => {
    const period = '2009-05';
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: who.rfo.headers,
      payload: activity(period),
    });
    expect(created.statusCode).toBe(201);
    const row = created.json();
    let sub = await act('rfo', 'KZ-75', period, 'submit', { version: 1, confirmWarnings: true });
    expect(sub.statusCode).toBe(200);
    for (const w of [who.rfo, who.admin]) {
      for (const [what, res] of Object.entries(await writes(period, w, row))) {
        expect([what, res.statusCode, res.json().error]).toEqual([what, 409, 'submission_closed']);
      }
    }
    sub = await act('admin', 'KZ-75', period, 'return', { version: sub.json().version, comment: 'add more' });
    const open = await writes(period, who.rfo, row);
    expect(open.create.statusCode).toBe(201);
    expect(open.update.statusCode).toBe(200);
    // the update moved the version on: the delete that named the old one is stale
    expect(open.delete.statusCode).toBe(409);
    expect(open.delete.json().error).toBe('stale_version');
    expect(open.orgCounts.statusCode).toBe(200);
    sub = await act('rfo', 'KZ-75', period, 'submit', { version: sub.json().version, confirmWarnings: true });
    sub = await act('analyst', 'KZ-75', period, 'accept', { version: sub.json().version });
    expect(sub.json().status).toBe('accepted');
    const fresh = (
      await t.app.inject({ method: 'GET', url: `/api/activities/${row.id}`, headers: who.rfo.headers })
    ).json();
    for (const [what, res] of Object.entries(await writes(period, who.rfo, fresh))) {
      expect([what, res.statusCode, res.json().error]).toEqual([what, 409, 'submission_closed']);
    }
  });
});

describe('deadline, timeliness and completeness', () => {
  const nextYear = new Date().getUTCFullYear() + 1;

  it('stores the deadline of DOMAIN.md §4 and tells on time from late', async () => {
    // A month of next year: its deadline is ahead, so submitting now is on time.
    const early = await act('rfo', 'KZ-75', `${nextYear}-01`, 'submit', { version: 1 });
    expect(early.json()).toMatchObject({
      deadline: `${nextYear}-02-05`,
      onTime: true,
      timeliness: 'on_time',
    });
    const late = await act('rfo', 'KZ-75', '2008-12', 'submit', { version: 1 });
    expect(late.json()).toMatchObject({ deadline: '2009-01-05', onTime: false, timeliness: 'late' });
    const half = await act('rfo', 'KZ-75', '2008-H2', 'submit', { version: 1 });
    expect(half.json()).toMatchObject({ deadline: '2009-01-10' });
    const row = await t.database.db
      .selectFrom('submission')
      .select('deadline')
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2008-12')
      .executeTakeFirstOrThrow();
    expect(row.deadline).toBe('2009-01-05');
  });

  it('GET /api/submissions lists every month of the year, missing ones as drafts with their timeliness', async () => {
    const past = await t.app.inject({
      method: 'GET',
      url: '/api/submissions?year=2008&region=KZ-75',
      headers: who.analyst.headers,
    });
    expect(past.statusCode).toBe(200);
    const list = past.json();
    expect(list.map((s: { period: string }) => s.period)).toEqual([
      '2008-01',
      '2008-02',
      '2008-03',
      '2008-04',
      '2008-05',
      '2008-06',
      '2008-07',
      '2008-08',
      '2008-09',
      '2008-10',
      '2008-11',
      '2008-12',
      '2008-H2',
    ]);
    expect(list[0]).toMatchObject({
      id: null,
      status: 'draft',
      deadline: '2008-02-05',
      onTime: false,
      timeliness: 'overdue',
      missing: ['activities'],
      // nothing reported is not zero
      counts: { activities: 0, volunteers: null, hours: null },
    });
    expect(list[11]).toMatchObject({ status: 'submitted', timeliness: 'late', missing: ['activities'] });
    expect(list[12]).toMatchObject({ period: '2008-H2', missing: ['volunteers'] });

    const future = (
      await t.app.inject({
        method: 'GET',
        url: `/api/submissions?year=${nextYear}&region=KZ-75`,
        headers: who.rfo.headers,
      })
    ).json();
    expect(future[0]).toMatchObject({ period: `${nextYear}-01`, status: 'submitted', timeliness: 'on_time' });
    expect(future[1]).toMatchObject({ id: null, timeliness: 'pending', onTime: null });
  });

  it('a month with data is not missing it; the matrix shows timeliness per cell and the rates', async () => {
    const period = `${nextYear}-02`;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: who.rfo.headers,
      payload: {
        region: 'KZ-75',
        period,
        organization: 'Future NPO',
        organization_type: 'npo',
        title: 'Planned',
        area: 'bilim',
        format: 'online',
        kind: 'event',
        start_date: `${period}-02`,
        end_date: `${period}-02`,
        volunteers: 2,
        hours: 4,
      },
    });
    expect(r.statusCode).toBe(201);
    const list = (
      await t.app.inject({
        method: 'GET',
        url: `/api/submissions?year=${nextYear}&region=KZ-75`,
        headers: who.rfo.headers,
      })
    ).json();
    expect(list[1]).toMatchObject({ period, status: 'draft', missing: [], counts: { activities: 1 } });

    const m = (
      await t.app.inject({
        method: 'GET',
        url: `/api/submissions/matrix?year=${nextYear}`,
        headers: who.viewer.headers,
      })
    ).json();
    const cell = (region: string, p: string) =>
      m.cells.find((c: { region: string; period: string }) => c.region === region && c.period === p);
    expect(cell('KZ-75', `${nextYear}-01`)).toMatchObject({
      status: 'submitted',
      onTime: true,
      timeliness: 'on_time',
    });
    expect(cell('KZ-75', `${nextYear}-03`)).toMatchObject({
      status: 'draft',
      onTime: null,
      timeliness: 'pending',
    });
    // Only the month already submitted is due so far: complete and on time.
    expect(m.completeness['KZ-75']).toBe(100);
    expect(m.timeliness['KZ-75']).toBe(100);
    expect(m.completeness['KZ-79']).toBeNull();

    const old = (
      await t.app.inject({
        method: 'GET',
        url: '/api/submissions/matrix?year=2008',
        headers: who.viewer.headers,
      })
    ).json();
    expect(
      old.cells.find(
        (c: { region: string; period: string }) => c.region === 'KZ-75' && c.period === '2008-12',
      ),
    ).toMatchObject({ status: 'submitted', timeliness: 'late' });
    expect(
      old.cells.find(
        (c: { region: string; period: string }) => c.region === 'KZ-75' && c.period === '2008-01',
      ),
    ).toMatchObject({ status: 'draft', timeliness: 'overdue' });
    // 1 of 12 due months submitted, none on time
    expect(old.completeness['KZ-75']).toBe(8.3);
    expect(old.timeliness['KZ-75']).toBe(0);
  });
});

describe('who sees the figures of a submission', () => {
  // Another organisation's record of KZ-75 with far more hours per volunteer than the rest: an
  // outlier of the review view, with its id, title and organiser.
  const period = '2009-03';
  const record = (organization: string, title: string, volunteers: number, hours: number, day: number) => ({
    region: 'KZ-75',
    period,
    organization,
    organization_type: 'npo',
    title,
    area: 'bilim',
    format: 'offline',
    kind: 'event',
    start_date: `${period}-${String(day).padStart(2, '0')}`,
    end_date: `${period}-${String(day).padStart(2, '0')}`,
    volunteers,
    hours,
  });
  const get = (role: Role, url: string) => t.app.inject({ method: 'GET', url, headers: headers(role) });

  beforeAll(async () => {
    const rows = [
      ...[1, 2, 3, 4, 5, 6].map((d) => record('Other NPO', `Ordinary ${d}`, 10, 20 + d, d)),
      record('Other NPO', 'Secret marathon', 2, 40, 7),
    ];
    for (const payload of rows) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: who.rfo.headers,
        payload,
      });
      expect(r.statusCode).toBe(201);
    }
  });

  it('the review view is for national staff and the region’s RFO: a coordinator of the region gets 403', async () => {
    const url = `/api/submissions/KZ-75/${period}`;
    const staff = await get('analyst', url);
    expect(staff.statusCode).toBe(200);
    expect(staff.json().outliers.map((o: { title: string }) => o.title)).toContain('Secret marathon');
    expect((await get('rfo', url)).statusCode).toBe(200);
    for (const role of ['coordinator', 'viewer', 'otherRfo'] as const) {
      const res = await get(role, url);
      expect([role, res.statusCode]).toEqual([role, 403]);
      expect(res.body).not.toContain('Secret marathon');
    }
    expect((await get('anonymous', url)).statusCode).toBe(401);
  });

  it('the list with counts is for national staff (all regions) and RFO staff (their own): others get 403', async () => {
    const url = (region?: string) => `/api/submissions?year=2009${region ? `&region=${region}` : ''}`;
    for (const role of ['viewer', 'coordinator'] as const) {
      for (const u of [url(), url('KZ-75')]) {
        const res = await get(role, u);
        expect([role, u, res.statusCode]).toEqual([role, u, 403]);
        expect(res.body).not.toContain('counts');
      }
    }
    expect((await get('otherRfo', url('KZ-75'))).statusCode).toBe(403);
    const own = await get('otherRfo', url());
    expect(own.statusCode).toBe(200);
    expect(new Set(own.json().map((s: { region: string }) => s.region))).toEqual(new Set(['KZ-79']));
    const rfo = await get('rfo', url('KZ-75'));
    expect(rfo.statusCode).toBe(200);
    expect(rfo.json().find((s: { period: string }) => s.period === period)).toMatchObject({
      counts: { activities: 7, volunteers: 62 },
    });
    const national = await get('analyst', url());
    expect(national.statusCode).toBe(200);
    expect(new Set(national.json().map((s: { region: string }) => s.region)).size).toBeGreaterThan(1);
  });

  it('the matrix (statuses without figures) is for every signed-in user', async () => {
    for (const role of ['viewer', 'coordinator', 'rfo', 'analyst'] as const)
      expect([role, (await get(role, '/api/submissions/matrix?year=2009')).statusCode]).toEqual([role, 200]);
    expect((await get('anonymous', '/api/submissions/matrix?year=2009')).statusCode).toBe(401);
  });
});
