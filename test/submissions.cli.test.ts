// The CLI's bulk transitions, run through main(argv, io) on the test database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => t.close());

const cli = (...args: string[]) => runCli(['submissions', ...args], { env: t.database.cliEnv });

const activity = (region: string, period: string) => ({
  region,
  period,
  organization: 'Bulk NPO',
  organization_type: 'npo',
  title: 'Tree planting',
  area: 'taza_alem',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-03`,
  end_date: `${period}-03`,
  volunteers: 5,
  hours: 20,
});

const statuses = async () =>
  (
    await t.database.db
      .selectFrom('submission')
      .select(['region', 'period', 'status'])
      .orderBy('region')
      .orderBy('period')
      .execute()
  ).map((s) => `${s.region} ${s.period} ${s.status}`);

describe('birgemiz submissions', () => {
  it('accepts every region with data in a year, months and the annual stocks, audited as bulk', async () => {
    for (const [region, period] of [
      ['KZ-75', '2023-01'],
      ['KZ-75', '2023-02'],
      ['KZ-79', '2023-01'],
      ['KZ-79', '2024-01'],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: admin.headers,
        payload: activity(region, period),
      });
      expect(r.statusCode).toBe(201);
    }
    const stock = await t.app.inject({
      method: 'PUT',
      url: '/api/org-counts/KZ-11/2023',
      headers: admin.headers,
      payload: { npo: 3, initiativeGroups: null, updatedAt: null },
    });
    expect(stock.statusCode).toBe(200);
    // the RFO already submitted one month: accept takes it on from there
    await t.app.inject({
      method: 'POST',
      url: '/api/submissions/KZ-79/2023-01/submit',
      headers: admin.headers,
      payload: { version: 1 },
    });

    const run = await cli('accept', '--period', '2023');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('KZ-75 2023-01: draft → accepted');
    expect(run.stdout).toContain('KZ-79 2023-01: submitted → accepted');
    expect(run.stdout).toContain('KZ-11 2023: draft → accepted');
    expect(run.stdout).toContain('4 changed, 0 unchanged.');
    expect(await statuses()).toEqual([
      'KZ-11 2023 accepted',
      'KZ-75 2023-01 accepted',
      'KZ-75 2023-02 accepted',
      'KZ-79 2023-01 accepted',
      'KZ-79 2024-01 draft',
    ]);
    const trail = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'submission')
      .where('note', '=', 'bulk')
      .execute();
    expect(trail).toHaveLength(7); // 3 drafts × 2 steps + 1 submitted × 1 step
    expect(trail.every((e) => e.user_id === null)).toBe(true);

    const again = await cli('accept', '--period', '2023');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 changed, 4 unchanged.');
  });

  it('submits one region and month', async () => {
    const run = await cli('submit', '--period', '2024-01', '--region', 'KZ-79');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('KZ-79 2024-01: draft → submitted');
    expect(await statuses()).toContain('KZ-79 2024-01 submitted');
  });

  it('exits 2 on a wrong command line, 1 on a value the service refuses, with a message', async () => {
    for (const [args, message, code] of [
      [['accept', '--period', '2023-13'], /Not a period/, 1],
      [['accept'], /--period is required/, 2],
      [['approve', '--period', '2023'], /Usage/, 2],
      [['accept', '--period', '2023-01', '--region', 'KZ-999'], /Unknown region/, 1],
    ] as const) {
      const r = await cli(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), code]);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('birgemiz submissions: statuses, scope and output', () => {
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: admin.headers, payload });

  it('takes a returned month on to accepted, only in the region named; --json tells what changed', async () => {
    for (const [region, period] of [
      ['KZ-75', '2025-01'],
      ['KZ-75', '2025-02'],
      ['KZ-79', '2025-01'],
    ] as const) {
      expect((await post('/api/activities', activity(region, period))).statusCode).toBe(201);
    }
    const s = (await post('/api/submissions/KZ-75/2025-01/submit', { version: 1 })).json();
    const r = await post('/api/submissions/KZ-75/2025-01/return', {
      version: s.version,
      comment: 'Fix hours',
    });
    expect(r.json().status).toBe('returned');

    const one = await cli('submit', '--period', '2025', '--region', 'KZ-79', '--json');
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({
      ok: true,
      action: 'submit',
      changed: [{ region: 'KZ-79', period: '2025-01', from: 'draft', to: 'submitted' }],
      unchanged: [],
    });
    expect(await statuses()).toEqual(
      expect.arrayContaining(['KZ-75 2025-01 returned', 'KZ-75 2025-02 draft', 'KZ-79 2025-01 submitted']),
    );

    const all = await cli('accept', '--period', '2025-01', '--json');
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).changed).toEqual([
      { region: 'KZ-75', period: '2025-01', from: 'returned', to: 'accepted' },
      { region: 'KZ-79', period: '2025-01', from: 'submitted', to: 'accepted' },
    ]);
    // the trail of the returned month: each step, from the command line, with its region and period
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'old_value', 'new_value', 'note', 'region', 'period'])
      .where('entity', '=', 'submission')
      .where('entity_id', '=', String(s.id))
      .orderBy('id')
      .execute();
    expect(trail.map((e) => [e.old_value, e.new_value, e.note])).toEqual([
      ['draft', 'submitted', null],
      ['submitted', 'returned', 'Fix hours'],
      ['returned', 'submitted', 'bulk'],
      ['submitted', 'accepted', 'bulk'],
    ]);
    expect(
      trail.slice(2).every((e) => e.user_id === null && e.region === 'KZ-75' && e.period === '2025-01'),
    ).toBe(true);

    // submitting an accepted month changes nothing
    const again = await cli('submit', '--period', '2025-01', '--region', 'KZ-75');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('KZ-75 2025-01: already accepted');
  });

  it('a month submitted in bulk is closed to the RFO like any other', async () => {
    const rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
    expect((await cli('submit', '--period', '2025-02', '--region', 'KZ-75')).code).toBe(0);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: activity('KZ-75', '2025-02'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('submission_closed');
    // and the national office can still return it through the API
    const view = (
      await t.app.inject({ method: 'GET', url: '/api/submissions/KZ-75/2025-02', headers: admin.headers })
    ).json();
    const ret = await post('/api/submissions/KZ-75/2025-02/return', {
      version: view.submission.version,
      comment: 'More data',
    });
    expect(ret.statusCode).toBe(200);
  });

  it('--submitted-at stamps historical months with the day they were handed in: on time, not late', async () => {
    for (const period of ['2021-03', '2021-04', '2021-05'])
      expect((await post('/api/activities', activity('KZ-75', period))).statusCode).toBe(201);
    const view = async (period: string) =>
      (
        await t.app.inject({ method: 'GET', url: `/api/submissions/KZ-75/${period}`, headers: admin.headers })
      ).json().submission;

    // refused: not a date, in the future, before the month begins, no value; nothing changes
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [date, message] of [
      ['2021-02-30', /must be a date YYYY-MM-DD/],
      [tomorrow, /is in the future/],
      ['2021-02-28', /before KZ-75 2021-03 begins/],
    ] as const) {
      const r = await cli('accept', '--period', '2021-03', '--region', 'KZ-75', '--submitted-at', date);
      expect([date, r.code]).toEqual([date, 1]);
      expect(r.stderr).toMatch(message);
    }
    expect((await cli('accept', '--period', '2021-03', '--submitted-at')).stderr).toMatch(/needs a date/);
    expect((await view('2021-03')).status).toBe('draft');

    // the deadline of March is 5 April: handed in on that day is on time
    const march = await cli(
      'accept',
      '--period',
      '2021-03',
      '--region',
      'KZ-75',
      '--submitted-at',
      '2021-04-05',
    );
    expect(march.code, march.stderr).toBe(0);
    expect(march.stdout).toContain('KZ-75 2021-03: draft → accepted');
    expect(await view('2021-03')).toMatchObject({
      status: 'accepted',
      submittedAt: '2021-04-05T00:00:00.000Z',
      onTime: true,
      timeliness: 'on_time',
    });
    // a day after the deadline is late; so is a month submitted in bulk without the stamp (today)
    expect((await cli('submit', '--period', '2021-04', '--submitted-at', '2021-05-06')).code).toBe(0);
    expect(await view('2021-04')).toMatchObject({ status: 'submitted', onTime: false, timeliness: 'late' });
    expect((await cli('accept', '--period', '2021-05', '--region', 'KZ-75')).code).toBe(0);
    expect(await view('2021-05')).toMatchObject({ status: 'accepted', timeliness: 'late' });
    // the stamp of the first submission stays: accepting later does not move it
    expect((await cli('accept', '--period', '2021-04', '--submitted-at', '2021-05-01')).code).toBe(0);
    expect(await view('2021-04')).toMatchObject({ status: 'accepted', timeliness: 'late' });

    const matrix = (
      await t.app.inject({ method: 'GET', url: '/api/submissions/matrix?year=2021', headers: admin.headers })
    ).json();
    const cell = (period: string) =>
      matrix.cells.find(
        (c: { region: string; period: string }) => c.region === 'KZ-75' && c.period === period,
      );
    expect(cell('2021-03')).toMatchObject({ status: 'accepted', onTime: true });
    expect(cell('2021-04')).toMatchObject({ status: 'accepted', onTime: false });
    // three of twelve months submitted, one of them on time
    expect(matrix.completeness['KZ-75']).toBe(25);
    expect(matrix.timeliness['KZ-75']).toBe(8.3);
  });

  it('says so when there is nothing to do', async () => {
    const run = await cli('accept', '--period', '2031');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing to accept: no data for 2031.');
    const region = await cli('submit', '--period', '2031', '--region', 'KZ-75');
    expect(region.stdout).toContain('Nothing to submit: no data for 2031 in KZ-75.');
  });
});

describe('birgemiz submissions reopen', () => {
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: admin.headers, payload });

  it('takes one accepted month back to its region with the reason, audited with no user', async () => {
    expect((await post('/api/activities', activity('KZ-75', '2026-02'))).statusCode).toBe(201);
    const s = (await post('/api/submissions/KZ-75/2026-02/submit', { version: 1 })).json();
    const a = (await post('/api/submissions/KZ-75/2026-02/accept', { version: s.version })).json();
    expect(a.status).toBe('accepted');

    const run = await cli('reopen', '--region', 'KZ-75', '--period', '2026-02', '--reason', 'Hours doubled');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('KZ-75 2026-02: accepted → returned (reopened: Hours doubled)');
    expect(await statuses()).toContain('KZ-75 2026-02 returned');
    const entry = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'submission')
      .where('entity_id', '=', String(a.id))
      .where('old_value', '=', 'accepted')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ user_id: null, new_value: 'returned', note: 'Hours doubled' });

    // not accepted any more: reopening again is refused, with the status named
    const again = await cli('reopen', '--region', 'KZ-75', '--period', '2026-02', '--reason', 'x');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/returned submission cannot be reopened/);
  });

  it('exits 2 without a reason or a region, before touching the database', async () => {
    for (const args of [
      ['reopen', '--region', 'KZ-75', '--period', '2026-02'],
      ['reopen', '--region', 'KZ-75', '--period', '2026-02', '--reason', '  '],
      ['reopen', '--period', '2026-02', '--reason', 'why'],
    ]) {
      const r = await cli(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(/--reason|--region/);
    }
    const draft = await cli('reopen', '--region', 'KZ-79', '--period', '2026-03', '--reason', 'why');
    expect(draft.code).toBe(1);
    expect(draft.stderr).toMatch(/draft submission cannot be reopened/);
    expect(await statuses()).not.toContain('KZ-79 2026-03 draft');
  });
});
