// Checks before submitting (issue 10 item 5) and the half-year / annual returns in the matrix
// (item 2): the dry run GET …/checks, the submit's refusals (422 checks_failed, 409
// warnings_unconfirmed, 409 nothing_to_report_required, 400 nothing_to_report_not_empty), what the
// reviewer reads of the submit, the matrix's stock columns, and `birgemiz submissions submit` with
// --confirm-warnings / --nothing-to-report. SQLite, and PostgreSQL with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

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

/** An activity of a day: `volunteers` and `hours` as given. */
const activity = (
  region: string,
  period: string,
  volunteers: number,
  hours: number,
  title = 'Snow clearing',
) => ({
  region,
  period,
  organization: 'Жас Қанат',
  organization_type: 'npo',
  title,
  area: 'umit',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-10`,
  end_date: `${period}-10`,
  volunteers,
  hours,
});

async function enter(who: SignedIn, a: ReturnType<typeof activity>) {
  const r = await t.app.inject({ method: 'POST', url: '/api/activities', headers: who.headers, payload: a });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const checks = (who: SignedIn, region: string, period: string) =>
  t.app.inject({ method: 'GET', url: `/api/submissions/${region}/${period}/checks`, headers: who.headers });

const submit = (who: SignedIn, region: string, period: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/submissions/${region}/${period}/submit`,
    headers: who.headers,
    payload,
  });

const review = async (region: string, period: string) =>
  (
    await t.app.inject({ method: 'GET', url: `/api/submissions/${region}/${period}`, headers: admin.headers })
  ).json();

describe('checks before submitting', () => {
  it('an empty month: the dry run says so; submitted only as "nothing to report", which the reviewer reads', async () => {
    const dry = await checks(rfo, 'KZ-75', '2023-02');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      region: 'KZ-75',
      period: '2023-02',
      empty: true,
      blocking: [],
      warnings: [{ rule: 'empty_month', severity: 'warning', params: { period: '2023-02' } }],
    });
    // the same reading rights as the review view
    expect((await checks(otherRfo, 'KZ-75', '2023-02')).statusCode).toBe(403);
    expect((await checks(viewer, 'KZ-75', '2023-02')).statusCode).toBe(403);
    expect((await checks(admin, 'KZ-75', '2023-02')).statusCode).toBe(200);
    expect((await checks(admin, 'KZ-75', '2023-13')).statusCode).toBe(400);
    expect((await checks(admin, 'KZ-00', '2023-02')).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/submissions/KZ-75/2023-02/checks' })).statusCode,
    ).toBe(401);

    const bare = await submit(rfo, 'KZ-75', '2023-02', { version: 1 });
    expect(bare.statusCode).toBe(409);
    expect(bare.json()).toMatchObject({
      error: 'nothing_to_report_required',
      details: [{ rule: 'empty_month' }],
    });
    // confirming warnings is not saying there is nothing to report
    const confirmed = await submit(rfo, 'KZ-75', '2023-02', { version: 1, confirmWarnings: true });
    expect(confirmed.json().error).toBe('nothing_to_report_required');
    // nothing changed meanwhile: still a draft of version 1
    const ok = await submit(rfo, 'KZ-75', '2023-02', { version: 1, nothingToReport: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted' });
    expect((await review('KZ-75', '2023-02')).submitted).toEqual({
      nothingToReport: true,
      confirmedWarnings: [],
    });
  });

  it('"nothing to report" on a month with records is refused (400), the stale version still 409', async () => {
    await enter(rfo, activity('KZ-75', '2023-04', 10, 20));
    const r = await submit(rfo, 'KZ-75', '2023-04', { version: 1, nothingToReport: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('nothing_to_report_not_empty');
    const stale = await submit(rfo, 'KZ-75', '2023-04', { version: 99 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('stale_version');
    // no warning: submitted as it is, and the reviewer reads no "nothing to report"
    const ok = await submit(rfo, 'KZ-75', '2023-04', { version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await review('KZ-75', '2023-04')).submitted).toEqual({
      nothingToReport: false,
      confirmedWarnings: [],
    });
  });

  it('figures far from the same month last year are warnings to confirm (409 warnings_unconfirmed with the list)', async () => {
    await enter(rfo, activity('KZ-75', '2022-05', 10, 20));
    await enter(rfo, activity('KZ-75', '2023-05', 40, 80));
    const dry = (await checks(rfo, 'KZ-75', '2023-05')).json();
    expect(dry.empty).toBe(false);
    expect(dry.blocking).toEqual([]);
    expect(dry.warnings).toEqual([
      expect.objectContaining({
        rule: 'year_on_year_high',
        params: { figure: 'volunteers', value: 40, lastYear: 10, lastYearPeriod: '2022-05', ratio: 4 },
      }),
      expect.objectContaining({
        rule: 'year_on_year_high',
        params: { figure: 'hours', value: 80, lastYear: 20, lastYearPeriod: '2022-05', ratio: 4 },
      }),
    ]);
    const refused = await submit(rfo, 'KZ-75', '2023-05', { version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('warnings_unconfirmed');
    expect(refused.json().details.map((d: { rule: string }) => d.rule)).toEqual([
      'year_on_year_high',
      'year_on_year_high',
    ]);
    const ok = await submit(rfo, 'KZ-75', '2023-05', { version: 1, confirmWarnings: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const seen = (await review('KZ-75', '2023-05')).submitted;
    expect(seen.nothingToReport).toBe(false);
    expect(seen.confirmedWarnings.map((w: { params: { figure: string } }) => w.params.figure)).toEqual([
      'volunteers',
      'hours',
    ]);
    // within ×3 of last year: nothing to confirm
    await enter(rfo, activity('KZ-75', '2022-06', 10, 20));
    await enter(rfo, activity('KZ-75', '2023-06', 25, 50));
    expect((await checks(rfo, 'KZ-75', '2023-06')).json().warnings).toEqual([]);
  });

  it('an outlier among the records is a warning naming the record', async () => {
    for (const [n, hours] of [20, 25, 30, 35, 40].entries())
      await enter(otherRfo, activity('KZ-79', '2023-03', 10, hours, `Regular ${n}`));
    await enter(otherRfo, activity('KZ-79', '2023-03', 10, 230, 'Marathon'));
    const dry = (await checks(otherRfo, 'KZ-79', '2023-03')).json();
    expect(dry.warnings).toEqual([
      expect.objectContaining({
        rule: 'outlier',
        params: expect.objectContaining({ title: 'Marathon', hoursPerVolunteer: 23 }),
      }),
    ]);
    expect((await submit(otherRfo, 'KZ-79', '2023-03', { version: 1 })).json().error).toBe(
      'warnings_unconfirmed',
    );
  });

  it('a record the rules now refuse blocks the submit (422 checks_failed naming the record, column and rule)', async () => {
    const a = await enter(rfo, activity('KZ-75', '2023-07', 10, 20, 'Tree planting'));
    // A code that is no longer valid (as after a change of the code lists): only the database can do it.
    await t.database.db
      .updateTable('activity')
      .set({ area: 'retired_area' })
      .where('id', '=', a.id)
      .execute();
    const dry = (await checks(rfo, 'KZ-75', '2023-07')).json();
    expect(dry.blocking).toEqual([
      expect.objectContaining({
        rule: 'record_invalid',
        severity: 'blocking',
        params: expect.objectContaining({
          id: a.id,
          title: 'Tree planting',
          column: 'area',
          problem: 'unknown_code',
        }),
      }),
    ]);
    const r = await submit(rfo, 'KZ-75', '2023-07', { version: 1, confirmWarnings: true });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ error: 'checks_failed', details: [{ rule: 'record_invalid' }] });
    expect((await review('KZ-75', '2023-07')).submission.status).toBe('draft');
  });

  it('a half-year whose breakdown does not add up is refused naming the breakdown; an empty one needs "nothing to report"', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/volunteers/KZ-75/2023-H1',
      headers: rfo.headers,
      payload: { updatedAt: null, rows: [{ dimension: 'total', category: '', volunteers: 10 }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const rows = [
      { dimension: 'gender', category: 'male', volunteers: 4 },
      { dimension: 'gender', category: 'female', volunteers: 5 },
    ];
    // The stocks' own form refuses such figures: they come from before that rule, written directly.
    await t.database.db
      .insertInto('volunteer_stat')
      .values(
        rows.map((r) => ({
          region: 'KZ-75',
          period: '2023-H1',
          ...r,
          illustrative: 0,
          updated_at: new Date().toISOString(),
        })),
      )
      .execute();
    const dry = (await checks(rfo, 'KZ-75', '2023-H1')).json();
    expect(dry.blocking).toEqual([
      expect.objectContaining({ rule: 'breakdown_sum', params: { dimension: 'gender', sum: 9, total: 10 } }),
    ]);
    const r = await submit(rfo, 'KZ-75', '2023-H1', { version: 1 });
    expect(r.statusCode).toBe(422);
    expect(r.json().details[0].message).toMatch(/gender/);

    const empty = await submit(rfo, 'KZ-75', '2023-H2', { version: 1 });
    expect(empty.json()).toMatchObject({
      error: 'nothing_to_report_required',
      details: [{ rule: 'empty_stocks' }],
    });
    expect((await submit(rfo, 'KZ-75', '2023-H2', { version: 1, nothingToReport: true })).statusCode).toBe(
      200,
    );
  });
});

describe('the half-year and annual returns in the matrix', () => {
  it('has H1, H2 and the year after the months, each cell with its status and whether it was started', async () => {
    const m = (
      await t.app.inject({ method: 'GET', url: '/api/submissions/matrix?year=2023', headers: admin.headers })
    ).json();
    expect(m.months).toHaveLength(12);
    expect(m.stockPeriods).toEqual(['2023-H1', '2023-H2', '2023']);
    const cell = (region: string, period: string) =>
      m.cells.find((c: { region: string; period: string }) => c.region === region && c.period === period);
    expect(cell('KZ-75', '2023-H2')).toMatchObject({ status: 'submitted', started: true, expected: true });
    expect(cell('KZ-75', '2023-H1')).toMatchObject({ status: 'draft', started: true });
    expect(cell('KZ-75', '2023')).toMatchObject({ status: 'draft', started: false, timeliness: 'overdue' });
    expect(cell('KZ-79', '2023-01')).toMatchObject({ status: 'draft', started: false });
    // the rates stay those of the months
    expect(m.national.expected).toBe(m.regions.length * 12);
    // reviewable from it: the review view of a stock period
    const r = await review('KZ-75', '2023-H2');
    expect(r.submission).toMatchObject({ period: '2023-H2', status: 'submitted' });
    expect(r.submitted.nothingToReport).toBe(true);
  });
});

describe('birgemiz submissions submit', () => {
  const cli = (...args: string[]) => runCli(['submissions', ...args], { env: t.database.cliEnv });

  it('runs the checks: --nothing-to-report for an empty period, --confirm-warnings for warnings', async () => {
    const empty = await cli('submit', '--period', '2023-08', '--region', 'KZ-75');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/nothing entered/);
    expect(empty.stderr).toMatch(/No activity was entered for 2023-08/);
    const ok = await cli('submit', '--period', '2023-08', '--region', 'KZ-75', '--nothing-to-report');
    expect(ok.code, ok.stderr).toBe(0);
    expect((await review('KZ-75', '2023-08')).submitted.nothingToReport).toBe(true);

    await enter(rfo, activity('KZ-75', '2022-09', 10, 20));
    await enter(rfo, activity('KZ-75', '2023-09', 1, 2));
    const warned = await cli('submit', '--period', '2023-09', '--region', 'KZ-75', '--json');
    expect(warned.code).toBe(1);
    expect(JSON.parse(warned.stdout)).toMatchObject({
      ok: false,
      error: 'warnings_unconfirmed',
      details: [{ rule: 'year_on_year_low' }, { rule: 'year_on_year_low' }],
    });
    // --nothing-to-report over many periods applies to the empty ones only
    const done = await cli(
      'submit',
      '--period',
      '2023-09',
      '--region',
      'KZ-75',
      '--confirm-warnings',
      '--nothing-to-report',
    );
    expect(done.code, done.stderr).toBe(0);
    const seen = (await review('KZ-75', '2023-09')).submitted;
    expect(seen.nothingToReport).toBe(false);
    expect(seen.confirmedWarnings).toHaveLength(2);
  });
});
