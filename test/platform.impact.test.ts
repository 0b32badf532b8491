// Measuring impact (issue 12 item 5) through the API: a closed opportunity's report by its
// coordinator and the volunteer's survey, with their refusals; then the figures of a small known
// world in the annual report (JSON and HTML) and on the dashboard (JSON and its charts), asserted
// number by number.
//
// The world is made through the API at today's date, then moved into 2024 and 2025 in the database
// (shift times, application and answer times), as its events would have happened:
//   2024  O1 KZ-75 qamqor (A)  10 May   v1 v2 v3 attended, v4 no-show; closed, reported (100 children)
//         O2 KZ-79 bilim  (B)  20 Nov   v5 attended
//   2025  O3 KZ-75 qamqor (A)  1 Mar    v1 v2 v6 attended 4 h, v3 no-show; closed, reported: 10
//                                       children, 2 elderly; surveys of v1 v2 v6
//         O4 KZ-75 qamqor (A)  1 Jun    v1 v6 attended 4 h; closed, not reported
//         O6 KZ-79 bilim  (B)  1 Jul    v3 attended 3 h; closed, reported: 6 animals; survey of v3
//         O5 KZ-79 bilim  (B)  1 Sep    v5 attended 2 h, v4 pending (never answered); still published
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import {
  type Coordinator,
  call,
  opportunity,
  organisation,
  startShift,
  type Volunteer,
  volunteer,
} from './helpers/platform.ts';

process.env.PLATFORM_MAX_OPEN_APPLICATIONS = '100000';

let t: TestApp;
let admin: SignedIn;
let a: Coordinator;
let b: Coordinator;
let vs: Volunteer[] = [];
const opp: Record<string, number> = {};
const apps: Record<string, Record<number, number>> = {};
let day = 0;

const errorOf = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().error];
const REPORT = { outcome: 'Ramp built', beneficiaries: [{ type: 'children', count: 1 }] };

type Mark = 'attended' | 'no_show' | 'pending';

/**
 * An opportunity of `c` in `region`/`area` whose volunteers apply, are accepted and marked; its
 * shift a few hours ago, then closed and reported when told. Its id and the applications by volunteer.
 */
async function held(
  c: Coordinator,
  region: string,
  area: string,
  marks: [number, Mark, number?][],
  opts: { close?: boolean; report?: object } = {},
) {
  const d = new Date(Date.UTC(2031, 0, 1) + ++day * 86400_000).toISOString().slice(0, 10);
  const made = await opportunity(t, c, {
    region,
    area,
    shifts: [{ start: `${d}T10:00:00+05:00`, end: `${d}T15:00:00+05:00`, capacity: 10 }],
  });
  const shift = made.shifts[0] as number;
  const mine: Record<number, number> = {};
  for (const [v, mark] of marks) {
    const { id } = (
      await call(t, vs[v] as Volunteer, 'POST', `/api/platform/shifts/${shift}/applications`, undefined, 201)
    ).json();
    mine[v] = id;
    if (mark !== 'pending')
      await call(t, c, 'POST', `/api/platform/applications/${id}/accept`, undefined, 200);
  }
  await startShift(t.database.db, shift, 6, 5);
  for (const [v, mark, hours] of marks)
    if (mark !== 'pending')
      await call(
        t,
        c,
        'POST',
        `/api/platform/applications/${mine[v]}/attendance`,
        mark === 'attended' ? { attended: true, hours } : { attended: false },
        200,
      );
  if (opts.close) await call(t, c, 'POST', `/api/platform/opportunities/${made.id}/close`, undefined, 200);
  if (opts.report) await call(t, c, 'PUT', `/api/platform/opportunities/${made.id}/impact`, opts.report, 200);
  return { id: made.id, shift, apps: mine };
}

/** Moves an opportunity's shift to `start` (5 hours long) and its applications to the hours before. */
async function moveTo(
  id: number,
  start: string,
  answerHours: Record<number, number | null>,
  mine: Record<number, number>,
) {
  const db = t.database.db;
  const s = new Date(start);
  await db
    .updateTable('opportunity_shift')
    .set({ start_at: s.toISOString(), end_at: new Date(s.getTime() + 5 * 3600_000).toISOString() })
    .where('opportunity_id', '=', id)
    .execute();
  // Applied ten days before; answered `h` hours after applying (null: never answered).
  const applied = new Date(s.getTime() - 10 * 86400_000);
  for (const [v, h] of Object.entries(answerHours))
    await db
      .updateTable('application')
      .set({
        created_at: applied.toISOString(),
        answered_at: h === null ? null : new Date(applied.getTime() + h * 3600_000).toISOString(),
      })
      .where('id', '=', mine[Number(v)] as number)
      .execute();
}

const survey = (s: number, k: number, w: number, b: number) => ({
  satisfaction: s,
  skillsGained: k,
  wouldReturn: w,
  belonging: b,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  a = await organisation(t, admin, { region: 'KZ-75' });
  b = await organisation(t, admin, { region: 'KZ-79' });
  vs = [];
  for (let i = 0; i <= 6; i++) vs.push(await volunteer(t.database.db));
  // 2024
  const o1 = await held(
    a,
    'KZ-75',
    'qamqor',
    [
      [1, 'attended', 4],
      [2, 'attended', 4],
      [3, 'attended', 4],
      [4, 'no_show'],
    ],
    { close: true, report: { outcome: 'Old year', beneficiaries: [{ type: 'children', count: 100 }] } },
  );
  await call(
    t,
    vs[1] as Volunteer,
    'POST',
    `/api/platform/applications/${o1.apps[1]}/survey`,
    survey(1, 1, 1, 1),
    201,
  );
  await moveTo(o1.id, '2024-05-10T05:00:00Z', { 1: 1, 2: 1, 3: 1, 4: 1 }, o1.apps);
  const o2 = await held(b, 'KZ-79', 'bilim', [[5, 'attended', 4]]);
  await moveTo(o2.id, '2024-11-20T05:00:00Z', { 5: 1 }, o2.apps);
  // 2025
  const o3 = await held(
    a,
    'KZ-75',
    'qamqor',
    [
      [1, 'attended', 4],
      [2, 'attended', 4],
      [6, 'attended', 4],
      [3, 'no_show'],
    ],
    {
      close: true,
      report: {
        outcome: 'Yard <b>repaired</b>',
        beneficiaries: [
          { type: 'children', count: 10 },
          { type: 'elderly', count: 2 },
        ],
      },
    },
  );
  await moveTo(o3.id, '2025-03-01T05:00:00Z', { 1: 1, 2: 2, 6: 3, 3: 4 }, o3.apps);
  const o4 = await held(
    a,
    'KZ-75',
    'qamqor',
    [
      [1, 'attended', 4],
      [6, 'attended', 4],
    ],
    { close: true },
  );
  await moveTo(o4.id, '2025-06-01T05:00:00Z', { 1: 10, 6: 20 }, o4.apps);
  const o6 = await held(b, 'KZ-79', 'bilim', [[3, 'attended', 3]], {
    close: true,
    report: { outcome: 'Shelter', beneficiaries: [{ type: 'animals', count: 6 }] },
  });
  await moveTo(o6.id, '2025-07-01T05:00:00Z', { 3: 6 }, o6.apps);
  const o5 = await held(b, 'KZ-79', 'bilim', [
    [5, 'attended', 2],
    [4, 'pending'],
  ]);
  await moveTo(o5.id, '2025-09-01T05:00:00Z', { 5: 5, 4: null }, o5.apps);
  Object.assign(opp, { o1: o1.id, o2: o2.id, o3: o3.id, o4: o4.id, o5: o5.id, o6: o6.id });
  Object.assign(apps, { o1: o1.apps, o3: o3.apps, o5: o5.apps, o6: o6.apps });
}, 240_000);
afterAll(async () => t?.close());

describe('the organisation’s report of a closed opportunity', () => {
  it('is read back as stored: the outcome as text, the types in the list’s order, the window', async () => {
    const r = (
      await call(t, a, 'GET', `/api/platform/opportunities/${opp.o3}/impact`, undefined, 200)
    ).json();
    expect(r.report).toMatchObject({
      outcome: 'Yard <b>repaired</b>',
      beneficiaries: [
        { type: 'children', count: 10 },
        { type: 'elderly', count: 2 },
      ],
      total: 12,
    });
    // Its last shift in 2025: changeable until 1 April 2026, Kazakhstan time — past by now.
    expect(r.editableUntil).toBe('2026-03-31T19:00:00.000Z');
    expect(r.editable).toBe(Date.now() < Date.parse('2026-03-31T19:00:00.000Z'));
    expect(
      (await call(t, a, 'GET', `/api/platform/opportunities/${opp.o4}/impact`, undefined, 200)).json().report,
    ).toBeNull();
  });

  it('is made and changed by the coordinator, the outcome kept as one line of text', async () => {
    const o = await held(a, 'KZ-75', 'media', [[0, 'attended', 2]], { close: true });
    const body = {
      outcome: '  <script>alert(1)</script>\n  Posters   printed ',
      beneficiaries: [{ type: 'general_public', count: 300 }],
    };
    const first = (await call(t, a, 'PUT', `/api/platform/opportunities/${o.id}/impact`, body, 200)).json();
    expect(first.report.outcome).toBe('<script>alert(1)</script> Posters printed');
    expect(first.editable).toBe(true);
    const second = (
      await call(
        t,
        a,
        'PUT',
        `/api/platform/opportunities/${o.id}/impact`,
        { outcome: 'Posters printed', beneficiaries: [{ type: 'youth', count: 40 }] },
        200,
      )
    ).json();
    expect(second.report).toMatchObject({ beneficiaries: [{ type: 'youth', count: 40 }], total: 40 });
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'impact_report')
      .where('entity_id', '=', String(o.id))
      .orderBy('id')
      .execute();
    expect(trail.map((x) => x.action)).toEqual(['create', 'update']);
    // After the window: refused, and the report stands.
    await t.database.db
      .updateTable('opportunity_shift')
      .set({ start_at: '2022-05-01T05:00:00.000Z', end_at: '2022-05-01T07:00:00.000Z' })
      .where('id', '=', o.shift)
      .execute();
    expect(errorOf(await call(t, a, 'PUT', `/api/platform/opportunities/${o.id}/impact`, REPORT))).toEqual([
      409,
      'impact_report_locked',
    ]);
    const locked = (
      await call(t, a, 'GET', `/api/platform/opportunities/${o.id}/impact`, undefined, 200)
    ).json();
    expect(locked).toMatchObject({ editable: false, report: { total: 40 } });
  });

  it('is refused before the close, for another organisation, with bad types or counts', async () => {
    const draft = await opportunity(t, a, {}, false);
    const open = await opportunity(t, a);
    expect(
      errorOf(await call(t, a, 'PUT', `/api/platform/opportunities/${draft.id}/impact`, REPORT)),
    ).toEqual([409, 'opportunity_not_closed']);
    expect(errorOf(await call(t, a, 'PUT', `/api/platform/opportunities/${open.id}/impact`, REPORT))).toEqual(
      [409, 'opportunity_not_closed'],
    );
    expect(errorOf(await call(t, b, 'PUT', `/api/platform/opportunities/${opp.o3}/impact`, REPORT))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, b, 'GET', `/api/platform/opportunities/${opp.o3}/impact`))).toEqual([
      403,
      'forbidden',
    ]);
    expect(
      errorOf(await call(t, vs[1] as Volunteer, 'GET', `/api/platform/opportunities/${opp.o3}/impact`)),
    ).toEqual([403, 'forbidden']);
    expect(
      (await call(t, null, 'PUT', `/api/platform/opportunities/${opp.o3}/impact`, REPORT)).statusCode,
    ).toBe(401);
    expect(errorOf(await call(t, a, 'PUT', '/api/platform/opportunities/2147483000/impact', REPORT))).toEqual(
      [404, 'not_found'],
    );
    const o = await held(a, 'KZ-75', 'media', [[0, 'attended', 2]], { close: true });
    const put = (body: object) => call(t, a, 'PUT', `/api/platform/opportunities/${o.id}/impact`, body);
    const unknown = await put({ outcome: 'x', beneficiaries: [{ type: 'aliens', count: 1 }] });
    expect(errorOf(unknown)).toEqual([400, 'unknown_beneficiary_type']);
    expect(unknown.json().details[0]).toMatchObject({ column: 'beneficiaries.0.type', value: 'aliens' });
    expect(
      errorOf(
        await put({
          outcome: 'x',
          beneficiaries: [
            { type: 'children', count: 1 },
            { type: 'children', count: 2 },
          ],
        }),
      ),
    ).toEqual([400, 'duplicate_beneficiary_type']);
    for (const bad of [
      { outcome: 'x', beneficiaries: [{ type: 'children', count: -1 }] },
      { outcome: 'x', beneficiaries: [{ type: 'children', count: 1.5 }] },
      { outcome: 'x', beneficiaries: [{ type: 'children', count: 1e9 }] },
      { outcome: 'x', beneficiaries: [] },
      { outcome: '   ', beneficiaries: [{ type: 'children', count: 1 }] },
      { outcome: 'x'.repeat(301), beneficiaries: [{ type: 'children', count: 1 }] },
      { outcome: 'a\u0000b', beneficiaries: [{ type: 'children', count: 1 }] },
      { beneficiaries: [{ type: 'children', count: 1 }] },
    ])
      expect((await put(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    // Nothing of the refused ones was stored.
    expect(
      (await call(t, a, 'GET', `/api/platform/opportunities/${o.id}/impact`, undefined, 200)).json().report,
    ).toBeNull();
  });
});

describe('the volunteer’s survey', () => {
  it('is answered once, after confirmed hours, by the volunteer only', async () => {
    const [v1, v2, v3, v4, v6] = [1, 2, 3, 4, 6].map((i) => vs[i] as Volunteer) as [
      Volunteer,
      Volunteer,
      Volunteer,
      Volunteer,
      Volunteer,
    ];
    const url = (id: number | undefined) => `/api/platform/applications/${id}/survey`;
    await call(t, v1, 'POST', url(apps.o3?.[1]), survey(5, 4, 5, 5), 201);
    expect(errorOf(await call(t, v1, 'POST', url(apps.o3?.[1]), survey(1, 1, 1, 1)))).toEqual([
      409,
      'already_surveyed',
    ]);
    expect(errorOf(await call(t, v1, 'POST', url(apps.o3?.[2]), survey(1, 1, 1, 1)))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, v3, 'POST', url(apps.o3?.[3]), survey(1, 1, 1, 1)))).toEqual([
      409,
      'not_attended',
    ]);
    expect(errorOf(await call(t, v4, 'POST', url(apps.o5?.[4]), survey(1, 1, 1, 1)))).toEqual([
      409,
      'not_attended',
    ]);
    expect(errorOf(await call(t, a, 'POST', url(apps.o3?.[2]), survey(1, 1, 1, 1)))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, v2, 'POST', url(2147483000), survey(1, 1, 1, 1)))).toEqual([
      404,
      'not_found',
    ]);
    for (const bad of [survey(0, 1, 1, 1), survey(6, 1, 1, 1), survey(3.5, 1, 1, 1), { satisfaction: 3 }])
      expect((await call(t, v2, 'POST', url(apps.o3?.[2]), bad)).statusCode, JSON.stringify(bad)).toBe(400);
    await call(t, v2, 'POST', url(apps.o3?.[2]), survey(4, 4, 5, 4), 201);
    await call(t, v6, 'POST', url(apps.o3?.[6]), survey(3, 2, 4, 3), 201);
    await call(t, v3, 'POST', url(apps.o6?.[3]), survey(5, 5, 5, 5), 201);
    const mine = (await call(t, v1, 'GET', '/api/platform/volunteers/me/surveys', undefined, 200)).json();
    expect(mine.items.map((i: { application: number }) => i.application).sort()).toEqual(
      [apps.o1?.[1], apps.o3?.[1]].sort(),
    );
    expect(mine.items.find((i: { application: number }) => i.application === apps.o3?.[1])).toMatchObject(
      survey(5, 4, 5, 5),
    );
    expect((await call(t, a, 'GET', '/api/platform/volunteers/me/surveys')).statusCode).toBe(403);
  });
});

describe('the figures of a known world', () => {
  const national = {
    // v1 v2 v3 v5 active in 2024; v1, v2 (1 Mar), v5 (1 Sep) back within 12 months; v3 after 13.
    retention: { value: 75, n: 3, of: 4 },
    // v1 v2 v3 v5 v6 active in 2025; v1 and v6 twice.
    repeatParticipation: { value: 40, n: 2, of: 5 },
    noShowRate: { value: 12.5, n: 1, of: 8 },
    // Hours to the answer 1 2 3 4 10 20 6 5, one of nine never answered.
    responseHours: { value: 4.5, n: 8, of: 9 },
    // O3 (12 on 12 h) and O6 (6 on 3 h) of O3, O4, O6 closed: 18 per 15 h.
    beneficiariesPer100Hours: { value: 120, n: 2, of: 3, beneficiaries: 18, hours: 15 },
    satisfaction: { value: 4.25, n: 4, of: 7 },
    skillsGained: { value: 3.75, n: 4, of: 7 },
    wouldReturn: { value: 4.75, n: 4, of: 7 },
    belonging: { value: 4.25, n: 4, of: 7 },
  };
  const almaty = {
    retention: { value: 66.67, n: 2, of: 3 },
    repeatParticipation: { value: 66.67, n: 2, of: 3 },
    noShowRate: { value: 16.67, n: 1, of: 6 },
    responseHours: { value: 3.5, n: 6, of: 6 },
    beneficiariesPer100Hours: { value: 100, n: 1, of: 2, beneficiaries: 12, hours: 12 },
    satisfaction: { value: 4, n: 3, of: 5 },
    skillsGained: { value: 3.33, n: 3, of: 5 },
    wouldReturn: { value: 4.67, n: 3, of: 5 },
    belonging: { value: 4, n: 3, of: 5 },
  };
  const shymkent = {
    retention: { value: 100, n: 1, of: 1 },
    repeatParticipation: { value: 0, n: 0, of: 2 },
    noShowRate: { value: 0, n: 0, of: 2 },
    responseHours: { value: 5.5, n: 2, of: 3 },
    beneficiariesPer100Hours: { value: 200, n: 1, of: 1, beneficiaries: 6, hours: 3 },
    // One survey: below three, not published; its coverage still stated.
    satisfaction: { value: null, n: 1, of: 2 },
    skillsGained: { value: null, n: 1, of: 2 },
    wouldReturn: { value: null, n: 1, of: 2 },
    belonging: { value: null, n: 1, of: 2 },
  };

  it('in the annual report, nationally, by region and by area', async () => {
    const r = (await call(t, null, 'GET', '/api/reports/annual/2025?lang=en', undefined, 200)).json();
    // FORMATS.md's keys are all there; impact is a key beside them.
    for (const key of [
      'year',
      'territory',
      'totals',
      'hoursByArea',
      'eventsByFormat',
      'cohorts',
      'regions',
      'areas',
      'representation',
      'economic',
    ])
      expect(r).toHaveProperty(key);
    expect(r.impact).toMatchObject({ year: 2025, available: true, minSurveys: 3, national });
    expect(r.impact.byRegion.map((x: { region: string }) => x.region)).toEqual(['KZ-75', 'KZ-79']);
    expect(r.impact.byRegion[0]).toMatchObject({ region: 'KZ-75', ...almaty });
    expect(r.impact.byRegion[1]).toMatchObject({ region: 'KZ-79', ...shymkent });
    expect(r.impact.byArea.map((x: { area: string }) => x.area)).toEqual(['qamqor', 'bilim']);
    expect(r.impact.byArea[0]).toMatchObject({ area: 'qamqor', ...almaty });
    expect(r.impact.reached).toEqual([
      { type: 'children', name: 'Children', beneficiaries: 10 },
      { type: 'animals', name: 'Animals', beneficiaries: 6 },
      { type: 'elderly', name: 'Elderly people', beneficiaries: 2 },
    ]);
    const section = r.sections.find((s: { key: string }) => s.key === 'impact');
    expect(section).toMatchObject({ number: 15, available: true });
    expect(section.narrative).toContain(
      'Of the 4 volunteers active on the platform in 2024, 75% took part again within 12 months.',
    );
    expect(section.narrative).toContain(
      'Organisations reported the results of 2 of 3 closed opportunities: 18 beneficiaries, 120 per 100 hours of volunteering.',
    );
    // The year before: its own world (O1's 100 children, the 2024 survey), nothing of 2025.
    const before = (await call(t, null, 'GET', '/api/reports/annual/2024?lang=en', undefined, 200)).json()
      .impact;
    expect(before.national.beneficiariesPer100Hours).toEqual({
      value: 833.33,
      n: 1,
      of: 1,
      beneficiaries: 100,
      hours: 12,
    });
    expect(before.national.retention).toEqual({ value: null, n: 0, of: 0 });
    expect(before.national.satisfaction).toEqual({ value: null, n: 1, of: 4 });
    const none = (await call(t, null, 'GET', '/api/reports/annual/2019?lang=en', undefined, 200)).json();
    expect(none.impact).toMatchObject({ available: false, byRegion: [], byArea: [], reached: [] });
    expect(none.impact.national.noShowRate).toEqual({ value: null, n: 0, of: 0 });
  });

  it('in the annual report’s documents, with the coverage beside each figure', async () => {
    const ru = await call(t, null, 'GET', '/api/reports/annual/2025.html?lang=ru', undefined, 200);
    expect(ru.body).toContain('<section id="s15-impact"');
    expect(ru.body).toContain('3 из 4 волонтеров, активных в 2024 году');
    expect(ru.body).toContain('сообщили 2 из 3 закрытых возможностей');
    const kk = await call(t, null, 'GET', '/api/reports/annual/2025.html?lang=kk', undefined, 200);
    expect(kk.body).toContain('2024 жылы белсенді волонтерлер: 3 / 4');
    const docx = await call(t, null, 'GET', '/api/reports/annual/2025.docx?lang=en', undefined, 200);
    expect(docx.rawPayload.subarray(0, 2).toString('ascii')).toBe('PK');
  });

  it('on the dashboard, nationally and for one region, with its charts', async () => {
    const d = (await call(t, null, 'GET', '/api/dashboard?year=2025&lang=en', undefined, 200)).json();
    expect(d.impact).toMatchObject({ available: true, national });
    expect(d.impact.byRegion).toHaveLength(2);
    const region = (
      await call(t, null, 'GET', '/api/dashboard?year=2025&region=KZ-79&lang=en', undefined, 200)
    ).json();
    expect(region.impact.national).toEqual(shymkent);
    expect(region.impact.byRegion.map((x: { region: string }) => x.region)).toEqual(['KZ-79']);
    expect(region.impact.byArea.map((x: { area: string }) => x.area)).toEqual(['bilim']);
    expect(region.impact.reached).toEqual([{ type: 'animals', name: 'Animals', beneficiaries: 6 }]);
    const svg = await call(
      t,
      null,
      'GET',
      '/api/dashboard/charts/impact-regions?year=2025&lang=ru',
      undefined,
      200,
    );
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toContain('Удержание');
    const areas = await call(
      t,
      null,
      'GET',
      '/api/dashboard/charts/impact-areas?year=2025&lang=kk',
      undefined,
      200,
    );
    expect(areas.body).toContain('Келмегендер үлесі');
  });

  it('a new survey moves the cached figures at once', async () => {
    await call(t, null, 'GET', '/api/dashboard?year=2025&lang=en', undefined, 200);
    await call(
      t,
      vs[5] as Volunteer,
      'POST',
      `/api/platform/applications/${apps.o5?.[5]}/survey`,
      survey(2, 2, 2, 2),
      201,
    );
    const d = (await call(t, null, 'GET', '/api/dashboard?year=2025&lang=en', undefined, 200)).json();
    expect(d.impact.national.satisfaction).toEqual({ value: 3.8, n: 5, of: 7 });
    expect(d.impact.byRegion[1].satisfaction).toEqual({ value: null, n: 2, of: 2 });
  });
});
