// The "Zhana Bastama" competition (issue 13 item 5): a call with each region's quota and budget;
// applications checked for eligibility with coded refusals (not verified, on the register of
// unscrupulous grant implementers, over the cap, no quota); the regional commission's scores on a
// 1–10 scale, refused outside it and after the scores close; the selection within quota and budget
// with its tie rule; winners as grant projects whose follow-up reports become activity records of
// the region, and unreported winners flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { type Coordinator, call, organisation } from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;
let member2: SignedIn;
let otherRfo: SignedIn;
let viewer: SignedIn;
let a: Coordinator;
let b: Coordinator;
let c: Coordinator;
let d: Coordinator;
let e: Coordinator;
let listed: Coordinator;
let far: Coordinator;
let callId = 0;
const apps: Record<string, number> = {};

const errorOf = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().error];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  member2 = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  viewer = await signIn(t, 'viewer');
  a = await organisation(t, admin, { name: 'Alpha NPO' });
  b = await organisation(t, admin, { name: 'Beta NPO' });
  c = await organisation(t, admin, { name: 'Gamma NPO' });
  d = await organisation(t, admin, { name: 'Delta NPO' });
  listed = await organisation(t, admin, { name: 'Listed NPO' });
  e = await organisation(t, admin, { region: 'KZ-79', name: 'Epsilon NPO' });
  far = await organisation(t, admin, { region: 'KZ-71', name: 'Far NPO' });
});
afterAll(async () => t?.close());

const application = (over: Record<string, unknown> = {}) => ({
  title: 'Дворовый клуб <b>для подростков</b>',
  area: 'sabaqtastyq',
  description: 'Weekly art therapy sessions with volunteers',
  budgetKzt: 900_000,
  expectedVolunteers: 15,
  expectedBeneficiaries: 60,
  ...over,
});

const bin = async (orgId: number) =>
  (
    await t.database.db
      .selectFrom('organization')
      .select('bin')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow()
  ).bin as string;

describe('the call', () => {
  const body = {
    year: 2025,
    title: 'Zhana Bastama 2025',
    grantor: 'Ministry of Information and Social Development',
    budgetCapKzt: 1_000_000,
    reportDue: '2026-01-31',
    quotas: [
      { region: 'KZ-75', quota: 2, budgetKzt: 1_800_000 },
      { region: 'KZ-79', quota: 1, budgetKzt: 1_000_000 },
    ],
  };

  it('is opened by the national office with each region’s quota and budget', async () => {
    expect(errorOf(await call(t, rfo, 'POST', '/api/competition/calls', body))).toEqual([403, 'forbidden']);
    const made = (await call(t, admin, 'POST', '/api/competition/calls', body, 201)).json();
    callId = made.id;
    expect(made).toMatchObject({
      status: 'open',
      budgetCapKzt: 1_000_000,
      scale: { min: 1, max: 10 },
      quotas: [
        { region: 'KZ-75', quota: 2, budgetKzt: 1_800_000, applications: 0 },
        { region: 'KZ-79', quota: 1, budgetKzt: 1_000_000, applications: 0 },
      ],
      applications: [],
    });
    expect(errorOf(await call(t, admin, 'POST', '/api/competition/calls', body))).toEqual([
      409,
      'competition_call_exists',
    ]);
    expect(
      errorOf(
        await call(t, admin, 'POST', '/api/competition/calls', {
          ...body,
          year: 2026,
          quotas: [body.quotas[0], body.quotas[0]],
        }),
      ),
    ).toEqual([422, 'competition_quota_twice']);
    expect(
      errorOf(
        await call(t, admin, 'POST', '/api/competition/calls', {
          ...body,
          year: 2027,
          quotas: [{ region: 'KZ-99', quota: 1, budgetKzt: 1 }],
        }),
      ),
    ).toEqual([422, 'unknown_region']);
  });

  it('takes one application per verified organisation, and refuses the ineligible with a code', async () => {
    for (const [who, name, over] of [
      [a, 'a', { budgetKzt: 900_000 }],
      [b, 'b', { budgetKzt: 800_000 }],
      [c, 'c', { budgetKzt: 1_000_000 }],
      [d, 'd', { budgetKzt: 500_000 }],
      [e, 'e', { budgetKzt: 700_000 }],
    ] as const) {
      const res = (
        await call(t, who, 'POST', `/api/competition/calls/${callId}/applications`, application(over), 201)
      ).json();
      expect(res).toMatchObject({
        status: 'submitted',
        score: null,
        rank: null,
        title: 'Дворовый клуб <b>для подростков</b>',
      });
      apps[name] = res.id;
    }
    const url = `/api/competition/calls/${callId}/applications`;
    // over the cap: the cap in the details, for the message
    const over = await call(t, listed, 'POST', url, application({ budgetKzt: 1_000_001 }));
    expect(errorOf(over)).toEqual([422, 'competition_budget_over_cap']);
    expect(over.json().details[0]).toMatchObject({ cap: 1_000_000, value: 1_000_001 });
    // from a registered unscrupulous implementer
    await call(
      t,
      admin,
      'POST',
      '/api/register',
      {
        bin: await bin(listed.orgId),
        name: 'Listed NPO',
        decision: 'Grant funds misused',
        decisionDate: '2025-02-01',
        documentRef: 'Decision 7',
      },
      201,
    );
    expect(errorOf(await call(t, listed, 'POST', url, application()))).toEqual([
      409,
      'competition_on_register',
    ]);
    expect(errorOf(await call(t, a, 'POST', url, application()))).toEqual([
      409,
      'competition_already_applied',
    ]);
    expect(errorOf(await call(t, far, 'POST', url, application()))).toEqual([409, 'competition_no_quota']);
    expect(
      errorOf(await call(t, a, 'POST', `/api/competition/calls/999999/applications`, application())),
    ).toEqual([404, 'not_found']);
    expect(errorOf(await call(t, d, 'POST', url, application({ area: 'astrology' })))).toEqual([
      422,
      'unknown_area',
    ]);
    // an organisation of the registry that is not verified on the platform
    const registry = (
      await call(
        t,
        admin,
        'POST',
        '/api/organizations',
        { name: 'Registry only', type: 'initiative_group', region: 'KZ-75' },
        201,
      )
    ).json();
    const unverified = await signIn(t, 'org_coordinator', { region: 'KZ-75', organizationId: registry.id });
    expect(errorOf(await call(t, unverified, 'POST', url, application()))).toEqual([
      409,
      'competition_org_not_verified',
    ]);
    // a registration the front office has not verified: the account has no organisation yet
    const pending = await organisation(t, admin, { verified: false, name: 'Pending NPO' });
    expect(errorOf(await call(t, pending, 'POST', url, application()))).toEqual([403, 'forbidden']);
    for (const who of [admin, rfo, viewer])
      expect(errorOf(await call(t, who, 'POST', url, application()))).toEqual([403, 'forbidden']);
    // nothing was stored for the refused ones
    const stored = await t.database.db.selectFrom('competition_application').select('id').execute();
    expect(stored).toHaveLength(5);
  });

  it('is read in scope: the national office all, the commission its region, the applicant its own', async () => {
    const ids = async (who: SignedIn | Coordinator) =>
      (await call(t, who, 'GET', `/api/competition/calls/${callId}`, undefined, 200))
        .json()
        .applications.map((x: { id: number }) => x.id)
        .sort();
    expect(await ids(admin)).toEqual(Object.values(apps).sort());
    expect(await ids(rfo)).toEqual([apps.a, apps.b, apps.c, apps.d].sort());
    expect(await ids(otherRfo)).toEqual([apps.e]);
    expect(await ids(a)).toEqual([apps.a]);
    expect(errorOf(await call(t, viewer, 'GET', `/api/competition/calls/${callId}`))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, null, 'GET', '/api/competition/calls'))).toEqual([401, 'unauthorized']);
    const list = (await call(t, a, 'GET', '/api/competition/calls', undefined, 200)).json();
    expect(list.items[0].quotas[0]).toMatchObject({ region: 'KZ-75', applications: 4 });
  });
});

describe('the regional commission', () => {
  const score = (who: SignedIn, app: number, value: number, comment?: string) =>
    call(t, who, 'PUT', `/api/competition/applications/${app}/score`, {
      score: value,
      ...(comment ? { comment } : {}),
    });

  it('scores only once applications are closed, within the scale, in its own region', async () => {
    expect(errorOf(await score(rfo, apps.a as number, 7))).toEqual([409, 'competition_scoring_not_open']);
    expect(
      errorOf(await call(t, rfo, 'POST', `/api/competition/calls/${callId}/close-applications`)),
    ).toEqual([403, 'forbidden']);
    await call(t, admin, 'POST', `/api/competition/calls/${callId}/close-applications`, undefined, 200);
    expect(
      errorOf(await call(t, admin, 'POST', `/api/competition/calls/${callId}/close-applications`)),
    ).toEqual([409, 'competition_call_status']);
    expect(
      errorOf(await call(t, e, 'POST', `/api/competition/calls/${callId}/applications`, application())),
    ).toEqual([409, 'competition_call_not_open']);
    for (const bad of [0, 11, 7.5, -3]) {
      const res = await score(rfo, apps.a as number, bad);
      expect(errorOf(res)).toEqual([422, 'competition_score_out_of_scale']);
      expect(res.json().details[0]).toMatchObject({ min: 1, max: 10, value: bad });
    }
    expect(errorOf(await score(otherRfo, apps.a as number, 5))).toEqual([403, 'forbidden']);
    expect(errorOf(await score(admin, apps.a as number, 5))).toEqual([403, 'forbidden']);
    expect(errorOf(await score(rfo, 999999, 5))).toEqual([404, 'not_found']);
  });

  it('each member scores each application once, changeable until the selection', async () => {
    // a: 8 and 6 (mean 7, 900 000); b: 7 and 7 (mean 7, 800 000): a tie on the mean
    await score(rfo, apps.a as number, 3);
    expect((await score(rfo, apps.a as number, 8, 'Strong team')).statusCode).toBe(200);
    await score(member2, apps.a as number, 6);
    await score(rfo, apps.b as number, 7);
    await score(member2, apps.b as number, 7);
    await score(rfo, apps.c as number, 9);
    await score(member2, apps.c as number, 9);
    // d: not scored by anyone
    await score(otherRfo, apps.e as number, 10);
    const seen = (await call(t, rfo, 'GET', `/api/competition/calls/${callId}`, undefined, 200)).json();
    const ofA = seen.applications.find((x: { id: number }) => x.id === apps.a);
    expect(ofA).toMatchObject({ myScore: { score: 8, comment: 'Strong team' }, score: 7, scores: 2 });
    // the applicant does not see the scores before the selection
    const mine = (await call(t, a, 'GET', `/api/competition/calls/${callId}`, undefined, 200)).json();
    expect(mine.applications[0]).toMatchObject({ score: null, scores: null, rank: null, myScore: null });
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select(['old_value', 'new_value'])
      .where('entity', '=', 'competition_score')
      .where('entity_id', '=', `${apps.a}:${rfo.userId}`)
      .orderBy('id')
      .execute();
    expect(trail.map((x) => [x.old_value, x.new_value])).toEqual([
      [null, '3'],
      ['3', '8'],
    ]);
  });
});

describe('the selection', () => {
  let view: any;

  it('selects within quota and budget by the tie rule; a registered applicant is left out', async () => {
    // e was put on the register after it applied
    await call(
      t,
      admin,
      'POST',
      '/api/register',
      {
        bin: await bin(e.orgId),
        name: 'Epsilon NPO',
        decision: 'Reports falsified',
        decisionDate: '2025-05-01',
        documentRef: 'Decision 9',
      },
      201,
    );
    expect(errorOf(await call(t, rfo, 'POST', `/api/competition/calls/${callId}/select`))).toEqual([
      403,
      'forbidden',
    ]);
    view = (await call(t, admin, 'POST', `/api/competition/calls/${callId}/select`, undefined, 200)).json();
    const of = (k: string) => view.applications.find((x: { id: number }) => x.id === apps[k]);
    // c (mean 9) first; a and b tie at 7: b, the smaller budget, ranks before a; b fits the
    // 800 000 left and fills the quota of 2; a is out of places; d was never scored.
    expect(
      ['c', 'b', 'a', 'd', 'e'].map((k) => [k, of(k).status, of(k).outcome, of(k).rank, of(k).score]),
    ).toEqual([
      ['c', 'winner', 'selected', 1, 9],
      ['b', 'winner', 'selected', 2, 7],
      ['a', 'not_selected', 'quota_full', 3, 7],
      ['d', 'not_selected', 'unscored', null, null],
      ['e', 'ineligible', 'on_register', null, 10],
    ]);
    expect(view.status).toBe('selected');
    expect(view.quotas.find((q: { region: string }) => q.region === 'KZ-75')).toMatchObject({
      winners: 2,
      awardedKzt: 1_800_000,
    });
    expect(errorOf(await call(t, admin, 'POST', `/api/competition/calls/${callId}/select`))).toEqual([
      409,
      'competition_call_status',
    ]);
  });

  it('refuses scores changed after the selection, and quotas', async () => {
    const res = await call(t, rfo, 'PUT', `/api/competition/applications/${apps.a}/score`, { score: 10 });
    expect(errorOf(res)).toEqual([409, 'competition_scoring_closed']);
    const kept = await t.database.db
      .selectFrom('competition_score')
      .select('score')
      .where('application_id', '=', apps.a as number)
      .where('member_id', '=', rfo.userId)
      .executeTakeFirstOrThrow();
    expect(Number(kept.score)).toBe(8);
    expect(
      errorOf(
        await call(t, admin, 'PUT', `/api/competition/calls/${callId}/quotas/KZ-75`, {
          quota: 5,
          budgetKzt: 5e6,
        }),
      ),
    ).toEqual([409, 'competition_call_status']);
  });

  it('makes each winner a grant project; unreported winners are flagged until they report', async () => {
    const projects = (
      await call(t, admin, 'GET', '/api/grants/projects?kind=competition', undefined, 200)
    ).json().items;
    expect(projects.map((p: { applicationId: number }) => p.applicationId).sort()).toEqual(
      [apps.b, apps.c].sort(),
    );
    const ofC = view.applications.find((x: { id: number }) => x.id === apps.c);
    expect(ofC).toMatchObject({ unreported: true, reported: { records: 0 } });
    const project = projects.find((p: { applicationId: number }) => p.applicationId === apps.c);
    expect(project).toMatchObject({
      kind: 'competition',
      grantor: 'Ministry of Information and Social Development',
      regions: ['KZ-75'],
      amountKzt: 1_000_000,
      planned: { volunteers: 15, beneficiaries: 60 },
      yearFrom: 2025,
      yearTo: 2026,
    });
    const report = {
      items: [
        {
          region: 'KZ-75',
          title: 'Art therapy, June',
          format: 'offline',
          kind: 'ongoing',
          startDate: '2025-06-02',
          endDate: '2025-06-30',
          volunteers: 14,
          hours: 220,
          beneficiaries: 58,
        },
      ],
    };
    // the winner's coordinator reports; another winner may not report for it
    expect(
      errorOf(await call(t, b, 'PUT', `/api/grants/projects/${project.id}/reports/2025-06`, report)),
    ).toEqual([403, 'forbidden']);
    await call(t, c, 'PUT', `/api/grants/projects/${project.id}/reports/2025-06`, report, 200);
    await call(t, c, 'PUT', `/api/grants/projects/${project.id}/reports/2025-06`, report, 200);
    const after = (await call(t, c, 'GET', `/api/competition/calls/${callId}`, undefined, 200)).json();
    expect(after.applications[0]).toMatchObject({
      id: apps.c,
      status: 'winner',
      rank: 1,
      score: 9,
      unreported: false,
      reported: { records: 1, volunteers: 14, hours: 220, beneficiaries: 58 },
    });
    // b has not reported: flagged
    const national = (await call(t, admin, 'GET', `/api/competition/calls/${callId}`, undefined, 200)).json();
    expect(
      national.applications
        .filter((x: { unreported: boolean }) => x.unreported)
        .map((x: { id: number }) => x.id),
    ).toEqual([apps.b]);
    // the follow-up report is an activity record of the region, like any other, once
    const records = await t.database.db
      .selectFrom('activity')
      .select(['region', 'period', 'source', 'hours', 'beneficiaries'])
      .where('grant_project_id', '=', project.id)
      .execute();
    expect(
      records.map((r) => [r.region, r.period, r.source, Number(r.hours), Number(r.beneficiaries)]),
    ).toEqual([['KZ-75', '2025-06', 'platform', 220, 58]]);
  });
});
