// Reopening an accepted month (issue 10 item 1): the national office gives a reason, the month goes
// back to the region (returned, the reason as its comment), leaves the published figures, and comes
// back once corrected, resubmitted and accepted again. Bad input gets a clear 400 / 409.
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

const REGION = 'KZ-75';
const PERIOD = '2023-03';

const activity = (hours: number) => ({
  region: REGION,
  period: PERIOD,
  organization: 'Жас Қанат',
  organization_type: 'npo',
  title: 'Snow clearing for the elderly',
  area: 'umit',
  format: 'offline',
  kind: 'event',
  start_date: `${PERIOD}-10`,
  end_date: `${PERIOD}-10`,
  volunteers: 12,
  hours,
});

const act = (who: SignedIn, action: string, payload: object, period = PERIOD) =>
  t.app.inject({
    method: 'POST',
    url: `/api/submissions/${REGION}/${period}/${action}`,
    headers: who.headers,
    payload,
  });
const submission = async (period = PERIOD) =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/api/submissions/${REGION}/${period}`,
      headers: admin.headers,
    })
  ).json().submission;
/** Published (accepted-only) hours of the year, as the public reads them. */
const published = async () => {
  const annual = (await t.app.inject('/api/reports/annual/2023')).json();
  const dashboard = (await t.app.inject('/api/dashboard?year=2023')).json();
  const monthly = (await t.app.inject(`/api/reports/monthly/${PERIOD}`)).json();
  return {
    annual: annual.totals.hours,
    dashboard: dashboard.key.hours,
    monthly: monthly.national.month.hours,
  };
};

describe('reopening an accepted month', () => {
  let version = 0;

  it('takes an accepted month back to the region with the reason, audited', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/activities',
          headers: rfo.headers,
          payload: activity(48),
        })
      ).statusCode,
    ).toBe(201);
    const before = await published();
    const sub = await act(rfo, 'submit', { version: 1 });
    expect(sub.statusCode, sub.body).toBe(200);
    const acc = await act(admin, 'accept', { version: sub.json().version });
    expect(acc.statusCode, acc.body).toBe(200);
    const accepted = await published();
    expect(accepted).toEqual({
      annual: before.annual + 48,
      dashboard: before.dashboard + 48,
      monthly: before.monthly + 48,
    });

    // the RFO cannot change an accepted month
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: activity(5),
    });
    expect(locked.json().error).toBe('submission_closed');

    const reason = 'Hours of the snow clearing were entered twice <b>check</b>';
    const res = await act(analyst, 'reopen', { version: acc.json().version, reason: `  ${reason} ` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', returnComment: reason });
    version = res.json().version;
    expect(version).toBe(acc.json().version + 1);

    // the reopened month leaves the published figures at once (the public cache follows)
    expect(await published()).toEqual(before);

    // audited: who, when, from accepted to returned, the reason
    const trail = (
      await t.app.inject({
        method: 'GET',
        url: `/api/audit?entity=submission&entityId=${res.json().id}`,
        headers: admin.headers,
      })
    ).json();
    const entry = trail.find((e: { oldValue: string }) => e.oldValue === 'accepted');
    expect(entry).toMatchObject({
      userId: analyst.userId,
      user: analyst.email,
      field: 'status',
      newValue: 'returned',
      note: reason,
    });
    expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it('lets the RFO correct and resubmit; accepting again restores the published figures', async () => {
    const before = await published();
    // the RFO sees the reason and may edit the month again
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/submissions?year=2023&region=${REGION}`,
      headers: rfo.headers,
    });
    expect(mine.json().find((s: { period: string }) => s.period === PERIOD)).toMatchObject({
      status: 'returned',
      returnComment: expect.stringContaining('entered twice'),
    });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/activities?region=${REGION}&period=${PERIOD}`,
      headers: rfo.headers,
    });
    const row = list.json().items[0];
    const upd = await t.app.inject({
      method: 'PUT',
      url: `/api/activities/${row.id}`,
      headers: rfo.headers,
      payload: { ...row, hours: 24 },
    });
    expect(upd.statusCode, upd.body).toBe(200);

    const sub = await act(rfo, 'submit', { version });
    expect(sub.statusCode, sub.body).toBe(200);
    const acc = await act(admin, 'accept', { version: sub.json().version });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(await published()).toEqual({
      annual: before.annual + 24,
      dashboard: before.dashboard + 24,
      monthly: before.monthly + 24,
    });
    version = acc.json().version;
  });

  it('refuses a missing, blank or too long reason with 400, changing nothing', async () => {
    for (const body of [
      { version },
      { version, reason: '' },
      { version, reason: '   \n ' },
      { version, reason: 'x'.repeat(2001) },
      { version, reason: 42 },
    ]) {
      const r = await act(admin, 'reopen', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      // the problem names the field (the schema's details, or the rule of the service)
      expect(JSON.stringify(r.json().details)).toMatch(/reason/);
    }
    const missing = await act(admin, 'reopen', { version });
    expect(missing.json().details[0].message).toMatch(/reason is required/);
    const blank = await act(admin, 'reopen', { version, reason: ' ' });
    expect(blank.json().message).toMatch(/needs a reason/);
    expect(await submission()).toMatchObject({ status: 'accepted', version });
  });

  it('answers 409 stale_version on a changed submission and invalid_transition when not accepted', async () => {
    const stale = await act(admin, 'reopen', { version: version - 1, reason: 'Wrong totals' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('stale_version');
    expect(stale.json().details[0]).toMatchObject({ status: 'accepted', version });

    // a submitted month is returned, not reopened; a draft neither
    const other = '2023-04';
    const sub = await act(rfo, 'submit', { version: 1, nothingToReport: true }, other);
    expect(sub.statusCode, sub.body).toBe(200);
    const r = await act(admin, 'reopen', { version: sub.json().version, reason: 'Wrong totals' }, other);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ error: 'invalid_transition', details: [{ status: 'submitted' }] });
    expect(r.json().message).toMatch(/submitted submission cannot be reopened/);
    const draft = await act(admin, 'reopen', { version: 1, reason: 'Wrong totals' }, '2023-05');
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error).toBe('invalid_transition');
  });

  it('is for the national office only', async () => {
    for (const who of [rfo, otherRfo, viewer]) {
      const r = await act(who, 'reopen', { version, reason: 'Wrong totals' });
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toMatch(/national office/);
    }
    const anon = await t.app.inject({
      method: 'POST',
      url: `/api/submissions/${REGION}/${PERIOD}/reopen`,
      payload: { version, reason: 'Wrong totals' },
    });
    expect(anon.statusCode).toBe(401);
    expect(await submission()).toMatchObject({ status: 'accepted', version });
    // the national admin may reopen too
    const r = await act(admin, 'reopen', { version, reason: 'Wrong totals' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('returned');
  });
});
