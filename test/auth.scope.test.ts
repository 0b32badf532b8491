// Scope on every route, as a table: each state-changing route of the API, called by each kind of
// user on data of region KZ-75 and organisation A, with the status it must get. A route of the
// OpenAPI document missing from the table fails the test, so a new write route cannot slip by
// without its scope. Then the read side: anonymous callers reach only the public routes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { platformRegistration } from './helpers/matrix.routes.ts';
import { startShift } from './helpers/platform.ts';

// Every case applies with the one volunteer: no limit of open applications in the way.
process.env.PLATFORM_MAX_OPEN_APPLICATIONS = '100000';

type Who =
  | 'anonymous'
  | 'viewer'
  | 'analyst'
  | 'admin'
  | 'rfo'
  | 'otherRfo'
  | 'coordinator'
  | 'otherCoordinator'
  | 'volunteer'
  | 'juror';
const EVERYONE: Who[] = [
  'anonymous',
  'viewer',
  'analyst',
  'admin',
  'rfo',
  'otherRfo',
  'coordinator',
  'otherCoordinator',
  'volunteer',
  'juror',
];

let t: TestApp;
const users = {} as Record<Exclude<Who, 'anonymous'>, SignedIn>;
let orgA: number;
const headersOf = (who: Who) => (who === 'anonymous' ? {} : users[who].headers);

beforeAll(async () => {
  t = await createTestApp();
  users.admin = await signIn(t, 'national_admin');
  users.analyst = await signIn(t, 'national_analyst');
  users.viewer = await signIn(t, 'viewer');
  users.rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  users.otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  const org = async (name: string, region: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: users.admin.headers,
        payload: { name, type: 'npo', region },
      })
    ).json().id as number;
  orgA = await org('Scope NPO A', 'KZ-75');
  const orgB = await org('Scope NPO B', 'KZ-79');
  users.coordinator = await signIn(t, 'org_coordinator', { region: 'KZ-75', organizationId: orgA });
  users.otherCoordinator = await signIn(t, 'org_coordinator', { region: 'KZ-79', organizationId: orgB });
  users.volunteer = await newVolunteer();
  // A juror of the award rounds (issue 13): seated on the rounds the cases below make.
  users.juror = await signIn(t, 'juror');
  // Organisation A is verified on the platform with the coordinator as its coordinator (as a
  // verified registration leaves it), so that he manages its opportunities; B is not on the platform.
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('platform_org')
    .values({
      organization_id: orgA,
      status: 'verified',
      coordinator_id: users.coordinator.userId,
      contact_name: 'Scope Coordinator',
      email: users.coordinator.email,
      name: 'Scope NPO A',
      type: 'npo',
      bin: null,
      claim: 1,
      reason: null,
      registered_at: now,
      decided_at: now,
      decided_by: null,
    })
    .execute();
});

/** The erasure case may have ended the volunteer's account: a new one for what follows. */
let volunteerSpent = false;
afterEach(async () => {
  if (!volunteerSpent) return;
  users.volunteer = await newVolunteer();
  volunteerSpent = false;
});

/** A volunteer registered on the platform (each from a client address of its own), signed in. */
async function newVolunteer(): Promise<SignedIn> {
  const i = fresh();
  const email = `scope-volunteer-${i}@test.kz`;
  const password = 'long-enough-password';
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/volunteers',
    remoteAddress: `198.18.${Math.floor(i / 250)}.${i % 250}`,
    payload: {
      email,
      password,
      name: 'Scope Volunteer',
      birthDate: '1990-01-01',
      gender: 'male',
      region: 'KZ-75',
      employment: 'employed',
      consent: { personalData: true },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const cookie = res.cookies.find((c) => c.name === 'bgz_session')?.value;
  return {
    userId: res.json().volunteer.id,
    email,
    password,
    headers: { cookie: `bgz_session=${cookie}`, 'x-csrf-token': res.json().csrfToken },
  };
}
afterAll(async () => t.close());

// Fresh targets for every case, so that one case's success does not change the next one.
let n = 0;
const fresh = () => ++n;
// Months of their own, counted apart from the other fresh targets (which would run past 2100).
let months = 0;
const month = () => {
  const i = months++;
  return `${2040 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

const activity = (period: string) => ({
  region: 'KZ-75',
  period,
  organization: 'Scope NPO A',
  organization_type: 'npo',
  title: 'Scope check',
  area: 'bilim',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-05`,
  end_date: `${period}-05`,
  volunteers: 4,
  hours: 8,
});

async function as(who: SignedIn, method: string, url: string, payload?: object) {
  const res = await t.app.inject({ method: method as 'POST', url, headers: who.headers, payload });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

/** A fresh organisation of KZ-75 on the platform (from an address of its own), verified or pending. */
async function platformOrg(verified: boolean): Promise<number> {
  const i = fresh();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/organizations',
    payload: { ...platformRegistration('KZ-75', 5000 + i), email: `scope-platform-${i}@test.kz` },
    remoteAddress: `10.4.${Math.floor(i / 250)}.${(i % 250) + 1}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().organization.id as number;
  if (verified)
    await as(users.admin, 'POST', `/api/platform/organizations/${id}/verify`, { decision: 'verified' });
  return id;
}

async function newActivity() {
  return as(users.admin, 'POST', '/api/activities', activity(month()));
}

interface Request {
  url: string;
  payload?: object;
}

/** A fresh opportunity of organisation A (test/platform.opportunities.test.ts), a draft or published. */
const OPPORTUNITY = {
  title: 'Scope opportunity',
  description: 'Scope check',
  area: 'bilim',
  region: 'KZ-75',
  format: 'offline',
  shifts: [{ start: '2031-05-01T10:00:00+05:00', end: '2031-05-01T12:00:00+05:00', capacity: 3 }],
};
async function opportunityOfA(published: boolean): Promise<number> {
  // A day of its own, so that the volunteer's accepted shifts never overlap.
  const day = new Date(Date.UTC(2031, 0, 1) + fresh() * 86400_000).toISOString().slice(0, 10);
  const { id } = await as(users.coordinator, 'POST', '/api/platform/opportunities', {
    ...OPPORTUNITY,
    shifts: [{ start: `${day}T10:00:00+05:00`, end: `${day}T12:00:00+05:00`, capacity: 3 }],
  });
  if (published) await as(users.coordinator, 'POST', `/api/platform/opportunities/${id}/publish`);
  return id;
}

/** The volunteer's application to a fresh shift of organisation A; accepted, or with attendance recorded. */
async function applicationOfA(stage: 'pending' | 'accepted' | 'attended' = 'pending') {
  const opp = await opportunityOfA(true);
  const shift = (
    await t.database.db
      .selectFrom('opportunity_shift')
      .select('id')
      .where('opportunity_id', '=', opp)
      .executeTakeFirstOrThrow()
  ).id;
  const { id } = await as(users.volunteer, 'POST', `/api/platform/shifts/${shift}/applications`);
  if (stage !== 'pending') await as(users.coordinator, 'POST', `/api/platform/applications/${id}/accept`);
  if (stage === 'attended') {
    await startShift(t.database.db, shift);
    await as(users.coordinator, 'POST', `/api/platform/applications/${id}/attendance`, { attended: true });
  }
  return { id: id as number, shift, opp };
}

const APPEAL = {
  channel: 'phone',
  topic: 'consultation',
  related: true,
  region: 'KZ-75',
  text: 'Scope check',
  lang: 'ru',
};

/** A fresh appeal of KZ-75, registered by the national admin: new, in progress (assigned) or closed. */
async function appealOfKz75(status: 'new' | 'in_progress' | 'closed'): Promise<number> {
  const { id } = await as(users.admin, 'POST', '/api/appeals', APPEAL);
  if (status === 'in_progress')
    await as(users.admin, 'POST', `/api/appeals/${id}/assign`, { assignee: users.admin.userId });
  if (status === 'closed') await as(users.admin, 'POST', `/api/appeals/${id}/close`, { reason: 'spam' });
  return id;
}

/** An entry of the register of unscrupulous grant implementers, of a BIN and document of its own. */
const registerEntry = () => ({
  bin: platformRegistration('KZ-75', 8000 + fresh()).bin,
  name: 'Scope implementer',
  decision: 'Scope decision',
  decisionDate: '2025-03-01',
  documentRef: `Scope order ${fresh()}`,
});
/** A grant project of organisation A in KZ-75. */
const grantProject = () => ({
  title: `Scope project ${fresh()}`,
  organizationId: orgA,
  grantor: 'Scope grantor',
  area: 'bilim',
  yearFrom: 2022,
  yearTo: 2024,
  regions: ['KZ-75'],
});
/** A call of the competition, of a year of its own, with places for KZ-75. */
let callYears = 0;
const competitionCall = () => ({
  year: 2030 + ++callYears,
  title: 'Scope call',
  grantor: 'Scope grantor',
  budgetCapKzt: 1_000_000,
  reportDue: '2099-01-31',
  quotas: [{ region: 'KZ-75', quota: 10, budgetKzt: 10_000_000 }],
});
const competitionApplication = {
  title: 'Scope application',
  area: 'bilim',
  description: 'Scope check',
  budgetKzt: 500_000,
  expectedVolunteers: 5,
  expectedBeneficiaries: 20,
};

/**
 * A letter of thanks chosen by the admin for a fresh organisation of KZ-75 (its one activity record
 * in a month of its own), approved too when asked: letters are one per organisation and half-year.
 */
async function letterOfKz75(approved = false): Promise<number> {
  const i = fresh();
  const period = month();
  const a = await as(users.admin, 'POST', '/api/activities', {
    ...activity(period),
    organization: `Scope letter NPO ${i}`,
  });
  const letter = await as(users.admin, 'POST', '/api/awards/letters', {
    region: 'KZ-75',
    period: `${period.slice(0, 4)}-H${Number(period.slice(5)) <= 6 ? 1 : 2}`,
    organization: a.organization_id,
  });
  if (approved)
    await as(users.admin, 'POST', `/api/awards/letters/${letter.id}/decision`, { decision: 'approve' });
  return letter.id;
}

/** Award rounds of their own years (one Volunteer of the Year round a year). */
let roundYear = 1999;
async function awardRound(stage: 'nominating' | 'scoring' = 'nominating') {
  const { id } = await as(users.admin, 'POST', '/api/awards/rounds', {
    year: ++roundYear,
    title: 'Scope round',
    nominations: [{ scope: 'domestic', name: 'Scope nomination', criteria: ['Impact', 'Constancy'] }],
  });
  const round = await as(users.admin, 'GET', `/api/awards/rounds/${id}`);
  const nomination = round.nominations[0].id as number;
  const nominees: number[] = [];
  if (stage === 'scoring') {
    await as(users.admin, 'POST', `/api/awards/rounds/${id}/jurors`, {
      user: users.juror.userId,
      name: 'Scope Juror',
    });
    for (const name of ['Scored Nominee', 'Conflicted Nominee'])
      nominees.push(
        (
          await as(users.admin, 'POST', `/api/awards/rounds/${id}/nominees`, {
            nomination,
            region: 'KZ-75',
            name,
            justification: 'Entered for the scope table',
          })
        ).id,
      );
    await as(users.admin, 'POST', `/api/awards/rounds/${id}/status`, { status: 'scoring' });
  }
  return { id: id as number, nomination, nominees };
}
let sharedRounds: Promise<{
  nominating: Awaited<ReturnType<typeof awardRound>>;
  scoring: Awaited<ReturnType<typeof awardRound>>;
}> | null = null;
const shared = () => {
  sharedRounds ??= (async () => ({ nominating: await awardRound(), scoring: await awardRound('scoring') }))();
  return sharedRounds;
};

interface RouteCase {
  method: string;
  /** The path as the OpenAPI document names it. */
  path: string;
  /** Statuses of the users allowed to act; everyone else gets 403, anonymous callers 401. */
  allowed: Partial<Record<Who, number>>;
  /** The region or organisation is named in the body: a body without it cannot be placed. */
  scopeInBody?: boolean;
  build(): Promise<Request>;
}

const codeItem = { nameKk: 'Сынақ', nameRu: 'Тест', nameEn: 'Test' };

const ROUTES: RouteCase[] = [
  {
    method: 'POST',
    path: '/api/activities',
    allowed: { admin: 201, rfo: 201, coordinator: 201 },
    scopeInBody: true,
    build: async () => ({ url: '/api/activities', payload: activity(month()) }),
  },
  // --- letters of thanks and award rounds (test/awards.letters.test.ts, test/awards.jury.test.ts) --
  {
    method: 'POST',
    path: '/api/awards/letters',
    allowed: { admin: 201, rfo: 201 },
    scopeInBody: true,
    build: async () => {
      const i = fresh();
      const period = month();
      const a = await as(users.admin, 'POST', '/api/activities', {
        ...activity(period),
        organization: `Scope letter NPO ${i}`,
      });
      return {
        url: '/api/awards/letters',
        payload: {
          region: 'KZ-75',
          period: `${period.slice(0, 4)}-H${Number(period.slice(5)) <= 6 ? 1 : 2}`,
          organization: a.organization_id,
        },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/awards/letters/{id}',
    allowed: { admin: 204, rfo: 204 },
    build: async () => ({ url: `/api/awards/letters/${await letterOfKz75()}` }),
  },
  {
    method: 'POST',
    path: '/api/awards/letters/{id}/decision',
    allowed: { admin: 200, analyst: 200 },
    build: async () => ({
      url: `/api/awards/letters/${await letterOfKz75()}/decision`,
      payload: { decision: 'approve' },
    }),
  },
  {
    method: 'POST',
    path: '/api/awards/letters/{id}/issue',
    allowed: { admin: 200, rfo: 200 },
    build: async () => ({ url: `/api/awards/letters/${await letterOfKz75(true)}/issue` }),
  },
  {
    method: 'POST',
    path: '/api/awards/rounds',
    allowed: { admin: 201 },
    build: async () => ({
      url: '/api/awards/rounds',
      payload: {
        year: ++roundYear,
        title: 'Scope check',
        nominations: [{ scope: 'international', name: 'Scope', criteria: ['Impact'] }],
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/awards/rounds/{id}/jurors',
    allowed: { admin: 200 },
    build: async () => ({
      url: `/api/awards/rounds/${(await shared()).nominating.id}/jurors`,
      payload: { user: users.juror.userId, name: 'Scope Juror' },
    }),
  },
  {
    method: 'POST',
    path: '/api/awards/rounds/{id}/nominees',
    allowed: { admin: 201, rfo: 201 },
    scopeInBody: true,
    build: async () => {
      const r = (await shared()).nominating;
      return {
        url: `/api/awards/rounds/${r.id}/nominees`,
        payload: {
          nomination: r.nomination,
          region: 'KZ-75',
          name: `Scope ${fresh()}`,
          justification: 'For the table',
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/awards/rounds/{id}/conflicts',
    allowed: { juror: 201 },
    build: async () => {
      const r = (await shared()).scoring;
      return { url: `/api/awards/rounds/${r.id}/conflicts`, payload: { nominee: r.nominees[1] } };
    },
  },
  {
    method: 'PUT',
    path: '/api/awards/rounds/{id}/scores',
    allowed: { juror: 200 },
    build: async () => {
      const r = (await shared()).scoring;
      return {
        url: `/api/awards/rounds/${r.id}/scores`,
        payload: { nominee: r.nominees[0], scores: [{ criterion: 0, score: 5 }] },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/awards/rounds/{id}/status',
    allowed: { admin: 200 },
    build: async () => ({
      url: `/api/awards/rounds/${(await awardRound()).id}/status`,
      payload: { status: 'scoring' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/activities/{id}',
    allowed: { admin: 200, rfo: 200, coordinator: 200 },
    build: async () => {
      const a = await newActivity();
      return {
        url: `/api/activities/${a.id}`,
        payload: { ...activity(a.period), hours: 9, version: a.version },
      };
    },
  },
  {
    method: 'PATCH',
    path: '/api/activities/{id}',
    allowed: { admin: 200, rfo: 200, coordinator: 200 },
    build: async () => {
      const a = await newActivity();
      return { url: `/api/activities/${a.id}`, payload: { hours: 10, version: a.version } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/activities/{id}',
    allowed: { admin: 204, rfo: 204, coordinator: 204 },
    build: async () => {
      const a = await newActivity();
      return { url: `/api/activities/${a.id}?version=${a.version}` };
    },
  },
  {
    method: 'PUT',
    path: '/api/volunteers/{region}/{period}',
    allowed: { admin: 200, rfo: 200 },
    build: async () => ({
      url: `/api/volunteers/KZ-75/${month()}`,
      payload: { updatedAt: null, rows: [{ dimension: 'total', category: '', volunteers: 10 }] },
    }),
  },
  {
    method: 'PUT',
    path: '/api/org-counts/{region}/{period}',
    allowed: { admin: 200, rfo: 200 },
    build: async () => ({
      url: `/api/org-counts/KZ-75/${month()}`,
      payload: { npo: 2, initiativeGroups: null, updatedAt: null },
    }),
  },
  {
    method: 'POST',
    path: '/api/submissions/{region}/{period}/submit',
    allowed: { admin: 200, rfo: 200 },
    build: async () => ({
      url: `/api/submissions/KZ-75/${month()}/submit`,
      payload: { version: 1, nothingToReport: true },
    }),
  },
  ...(['accept', 'return'] as const).map(
    (action): RouteCase => ({
      method: 'POST',
      path: `/api/submissions/{region}/{period}/${action}`,
      allowed: { admin: 200, analyst: 200 },
      build: async () => {
        const period = month();
        const s = await as(users.rfo, 'POST', `/api/submissions/KZ-75/${period}/submit`, {
          version: 1,
          nothingToReport: true,
        });
        return {
          url: `/api/submissions/KZ-75/${period}/${action}`,
          payload: { version: s.version, comment: 'Please check the hours' },
        };
      },
    }),
  ),
  {
    method: 'POST',
    path: '/api/submissions/{region}/{period}/reopen',
    allowed: { admin: 200, analyst: 200 },
    build: async () => {
      const period = month();
      const s = await as(users.rfo, 'POST', `/api/submissions/KZ-75/${period}/submit`, {
        version: 1,
        nothingToReport: true,
      });
      const a = await as(users.admin, 'POST', `/api/submissions/KZ-75/${period}/accept`, {
        version: s.version,
      });
      return {
        url: `/api/submissions/KZ-75/${period}/reopen`,
        payload: { version: a.version, reason: 'Hours of two events swapped' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/submissions/accept',
    allowed: { admin: 200, analyst: 200 },
    build: async () => {
      const period = month();
      const s = await as(users.rfo, 'POST', `/api/submissions/KZ-75/${period}/submit`, {
        version: 1,
        nothingToReport: true,
      });
      return {
        url: '/api/submissions/accept',
        payload: { items: [{ region: 'KZ-75', period, version: s.version }] },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/submissions/{region}/{period}/comments',
    allowed: { admin: 201, analyst: 201, rfo: 201 },
    build: async () => ({
      url: `/api/submissions/KZ-75/${month()}/comments`,
      payload: { text: 'Is the <script>hours</script> figure right?' },
    }),
  },
  {
    method: 'POST',
    path: '/api/organizations',
    allowed: { admin: 201, rfo: 201 },
    scopeInBody: true,
    build: async () => ({
      url: '/api/organizations',
      payload: { name: `Scope org ${fresh()}`, type: 'initiative_group', region: 'KZ-75' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/organizations/{id}',
    allowed: { admin: 200, rfo: 200, coordinator: 200 },
    build: async () => {
      // organisation A itself, at its current version (the coordinator's own)
      const org = await as(users.admin, 'GET', `/api/organizations/${orgA}`);
      return { url: `/api/organizations/${orgA}`, payload: { version: org.version, bin: null } };
    },
  },
  {
    method: 'PUT',
    path: '/api/reference/territories/{code}',
    allowed: { admin: 200 },
    build: async () => ({ url: '/api/reference/territories/KZ-75', payload: { tileX: 8 } }),
  },
  {
    method: 'PUT',
    path: '/api/reference/code-lists/{list}/{code}',
    allowed: { admin: 201 },
    build: async () => ({ url: `/api/reference/code-lists/rfo_support/scope_${fresh()}`, payload: codeItem }),
  },
  {
    method: 'POST',
    path: '/api/reference/code-lists/{list}',
    allowed: { admin: 201 },
    build: async () => ({
      url: '/api/reference/code-lists/rfo_support',
      payload: { ...codeItem, code: `scope_${fresh()}` },
    }),
  },
  ...(['PUT', 'POST'] as const).flatMap((method): RouteCase[] => [
    {
      method,
      path: '/api/reference/population',
      allowed: { admin: 200 },
      build: async () => ({
        url: '/api/reference/population',
        payload: [
          { region: 'KZ-75', year: 1990 + (fresh() % 100), population: 2_000_000 + n, source: 'test' },
        ],
      }),
    },
    {
      method,
      path: '/api/reference/wages',
      allowed: { admin: 200 },
      build: async () => ({
        url: '/api/reference/wages',
        payload: [
          {
            region: 'KZ-75',
            activity: '',
            year: 1990 + (fresh() % 100),
            monthlyWageKzt: 300_000 + n,
            source: 'test',
          },
        ],
      }),
    },
    {
      method,
      path: '/api/reference/working-time',
      allowed: { admin: 200 },
      build: async () => ({
        url: '/api/reference/working-time',
        payload: [{ year: 1990 + (fresh() % 30), monthlyHours: 160, annualHours: 1900 + n, source: 'test' }],
      }),
    },
  ]),
  {
    method: 'POST',
    path: '/api/users',
    allowed: { admin: 201 },
    build: async () => ({
      url: '/api/users',
      payload: { email: `scope-${fresh()}@test.kz`, password: 'long-enough-password', role: 'viewer' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    allowed: { admin: 200 },
    build: async () => {
      const u = await as(users.admin, 'POST', '/api/users', {
        email: `scope-target-${fresh()}@test.kz`,
        password: 'long-enough-password',
        role: 'viewer',
      });
      return { url: `/api/users/${u.id}`, payload: { displayName: `Renamed ${n}` } };
    },
  },
  {
    // Anyone signed in sets their own message settings (test/notifications.test.ts).
    method: 'PATCH',
    path: '/api/auth/me/preferences',
    allowed: {
      viewer: 200,
      analyst: 200,
      admin: 200,
      rfo: 200,
      otherRfo: 200,
      coordinator: 200,
      otherCoordinator: 200,
      volunteer: 200,
      juror: 200,
    },
    build: async () => ({ url: '/api/auth/me/preferences', payload: { notifyOptional: fresh() % 2 === 0 } }),
  },
  {
    method: 'POST',
    path: '/api/users/invite',
    allowed: { admin: 201 },
    build: async () => ({
      url: '/api/users/invite',
      payload: { email: `scope-invite-${fresh()}@test.kz`, role: 'viewer', lang: 'en' },
    }),
  },
  {
    method: 'POST',
    path: '/api/users/{id}/invite',
    allowed: { admin: 200 },
    build: async () => {
      const u = await as(users.admin, 'POST', '/api/users/invite', {
        email: `scope-invited-${fresh()}@test.kz`,
        role: 'viewer',
        lang: 'en',
      });
      return { url: `/api/users/${u.id}/invite`, payload: { lang: 'ru' } };
    },
  },
  {
    // Anyone signed in, for their own account; a wrong current password (400 wrong_password) shows
    // the caller got past access to the check without ending the test users' other sessions.
    method: 'POST',
    path: '/api/auth/password',
    allowed: {
      admin: 400,
      analyst: 400,
      viewer: 400,
      rfo: 400,
      otherRfo: 400,
      coordinator: 400,
      otherCoordinator: 400,
      volunteer: 400,
      juror: 400,
    },
    build: async () => ({
      url: '/api/auth/password',
      payload: { current: 'not-the-password', next: 'long-enough-password' },
    }),
  },
  {
    // The volunteer's own profile (test/platform.volunteers.test.ts).
    method: 'PATCH',
    path: '/api/platform/volunteers/me',
    allowed: { volunteer: 200 },
    build: async () => ({ url: '/api/platform/volunteers/me', payload: { skills: [`skill ${fresh()}`] } }),
  },
  {
    // The volunteer's own erasure (test/platform.volunteers.test.ts): a fresh volunteer each time,
    // since the call ends the account.
    method: 'DELETE',
    path: '/api/platform/volunteers/me',
    allowed: { volunteer: 204 },
    build: async () => {
      users.volunteer = await newVolunteer();
      volunteerSpent = true;
      return { url: '/api/platform/volunteers/me' };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/organizations/{id}/verify',
    allowed: { admin: 200, analyst: 200, rfo: 200 },
    build: async () => ({
      url: `/api/platform/organizations/${await platformOrg(false)}/verify`,
      payload: { decision: 'verified' },
    }),
  },
  {
    method: 'POST',
    path: '/api/platform/organizations/{id}/suspend',
    allowed: { admin: 200, analyst: 200, rfo: 200 },
    build: async () => ({
      url: `/api/platform/organizations/${await platformOrg(true)}/suspend`,
      payload: { reason: 'Scope check' },
    }),
  },
  {
    // Organisation B is not on the platform: its coordinator passes the policy and is refused 409.
    method: 'POST',
    path: '/api/platform/opportunities',
    allowed: { coordinator: 201, otherCoordinator: 409 },
    build: async () => ({ url: '/api/platform/opportunities', payload: OPPORTUNITY }),
  },
  {
    method: 'POST',
    path: '/api/platform/opportunities/{id}/publish',
    allowed: { coordinator: 200 },
    build: async () => ({ url: `/api/platform/opportunities/${await opportunityOfA(false)}/publish` }),
  },
  {
    method: 'POST',
    path: '/api/platform/opportunities/{id}/close',
    allowed: { coordinator: 200 },
    build: async () => ({ url: `/api/platform/opportunities/${await opportunityOfA(true)}/close` }),
  },
  {
    method: 'POST',
    path: '/api/platform/opportunities/{id}/cancel',
    allowed: { coordinator: 200 },
    build: async () => ({
      url: `/api/platform/opportunities/${await opportunityOfA(true)}/cancel`,
      payload: { reason: 'Scope check' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/platform/volunteers/me/visibility',
    allowed: { volunteer: 200 },
    build: async () => ({ url: '/api/platform/volunteers/me/visibility', payload: { findable: true } }),
  },
  {
    // The volunteer of the table is findable (the case above): the coordinator of A invites him.
    method: 'POST',
    path: '/api/platform/opportunities/{id}/invitations',
    allowed: { coordinator: 201 },
    build: async () => {
      await as(users.volunteer, 'PUT', '/api/platform/volunteers/me/visibility', { findable: true });
      await t.database.db.deleteFrom('invitation').execute();
      return {
        url: `/api/platform/opportunities/${await opportunityOfA(true)}/invitations`,
        payload: { volunteer: users.volunteer.userId },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/assessment',
    allowed: { coordinator: 201 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA('attended')).id}/assessment`,
      payload: { reliability: 4, skills: 5, teamwork: 4 },
    }),
  },
  {
    method: 'PUT',
    path: '/api/platform/opportunities/{id}/impact',
    allowed: { coordinator: 200 },
    build: async () => {
      const { opp } = await applicationOfA('attended');
      await as(users.coordinator, 'POST', `/api/platform/opportunities/${opp}/close`);
      return {
        url: `/api/platform/opportunities/${opp}/impact`,
        payload: { outcome: 'Scope check', beneficiaries: [{ type: 'children', count: 3 }] },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/survey',
    allowed: { volunteer: 201 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA('attended')).id}/survey`,
      payload: { satisfaction: 5, skillsGained: 4, wouldReturn: 5, belonging: 4 },
    }),
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/rating',
    allowed: { volunteer: 201 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA('attended')).id}/rating`,
      payload: { rating: 5 },
    }),
  },
  {
    method: 'POST',
    path: '/api/platform/assessments/{id}/contest',
    allowed: { volunteer: 200 },
    build: async () => {
      const a = await applicationOfA('attended');
      const { id } = await as(users.coordinator, 'POST', `/api/platform/applications/${a.id}/assessment`, {
        reliability: 2,
        skills: 2,
        teamwork: 2,
      });
      return { url: `/api/platform/assessments/${id}/contest`, payload: { text: 'Scope check' } };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/assessments/{id}/settle',
    allowed: { admin: 200, rfo: 200 },
    build: async () => {
      const a = await applicationOfA('attended');
      const { id } = await as(users.coordinator, 'POST', `/api/platform/applications/${a.id}/assessment`, {
        reliability: 2,
        skills: 2,
        teamwork: 2,
      });
      await as(users.volunteer, 'POST', `/api/platform/assessments/${id}/contest`, { text: 'Scope' });
      return {
        url: `/api/platform/assessments/${id}/settle`,
        payload: { decision: 'rejected', note: 'Scope check' },
      };
    },
  },
  {
    // The volunteer of the table has confirmed hours only in the cases above: 201 or 409 both pass access.
    method: 'POST',
    path: '/api/platform/volunteers/me/certificates',
    allowed: { volunteer: 201 },
    build: async () => {
      await applicationOfA('attended');
      return { url: '/api/platform/volunteers/me/certificates', payload: { lang: 'kk' } };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/shifts/{id}/applications',
    allowed: { volunteer: 201 },
    build: async () => {
      const opp = await opportunityOfA(true);
      const shift = await t.database.db
        .selectFrom('opportunity_shift')
        .select('id')
        .where('opportunity_id', '=', opp)
        .executeTakeFirstOrThrow();
      return { url: `/api/platform/shifts/${shift.id}/applications` };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/accept',
    allowed: { coordinator: 200 },
    build: async () => ({ url: `/api/platform/applications/${(await applicationOfA()).id}/accept` }),
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/decline',
    allowed: { coordinator: 200 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA()).id}/decline`,
      payload: { reason: 'other' },
    }),
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/withdraw',
    allowed: { volunteer: 200 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA()).id}/withdraw`,
      payload: { reason: 'not_available' },
    }),
  },
  {
    // No place is offered on a pending application: the volunteer passes access and gets 409.
    method: 'POST',
    path: '/api/platform/applications/{id}/take-offer',
    allowed: { volunteer: 409 },
    build: async () => ({ url: `/api/platform/applications/${(await applicationOfA()).id}/take-offer` }),
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/attendance',
    allowed: { coordinator: 200 },
    build: async () => {
      const a = await applicationOfA('accepted');
      await startShift(t.database.db, a.shift);
      return { url: `/api/platform/applications/${a.id}/attendance`, payload: { attended: true, hours: 1 } };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/shifts/{id}/attendance',
    allowed: { coordinator: 200 },
    build: async () => {
      const a = await applicationOfA('accepted');
      await startShift(t.database.db, a.shift);
      return {
        url: `/api/platform/shifts/${a.shift}/attendance`,
        payload: { entries: [{ application: a.id, attended: false }] },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/correction',
    allowed: { coordinator: 200 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA('attended')).id}/correction`,
      payload: { attended: true, hours: 1.5, reason: 'Scope check' },
    }),
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/revoke',
    allowed: { coordinator: 200 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA('attended')).id}/revoke`,
      payload: { reason: 'Scope check' },
    }),
  },
  {
    method: 'POST',
    path: '/api/platform/applications/{id}/dispute',
    allowed: { volunteer: 201 },
    build: async () => ({
      url: `/api/platform/applications/${(await applicationOfA('attended')).id}/dispute`,
      payload: { text: 'Scope check', claimedHours: 2 },
    }),
  },
  {
    method: 'POST',
    path: '/api/platform/disputes/{id}/settle',
    allowed: { admin: 200, rfo: 200 },
    build: async () => {
      const a = await applicationOfA('attended');
      const d = await as(users.volunteer, 'POST', `/api/platform/applications/${a.id}/dispute`, {
        text: 'Scope',
      });
      return {
        url: `/api/platform/disputes/${d.id}/settle`,
        payload: { decision: 'rejected', note: 'Scope check' },
      };
    },
  },
  {
    // A probable duplicate of KZ-75 (a platform record and one of the front office's) marked "not a
    // duplicate" (test/platform.stats.test.ts): the front office of the region and the national admin.
    method: 'POST',
    path: '/api/platform/duplicates',
    allowed: { admin: 200, rfo: 200 },
    // The records (and so the region) are named in the body.
    scopeInBody: true,
    build: async () => {
      const own = await newActivity();
      const now = new Date().toISOString();
      const key = `platform:${900000 + fresh()}:${own.period}`;
      const platform = await t.database.db
        .insertInto('activity')
        .values({
          region: 'KZ-75',
          period: own.period,
          organization_id: orgA,
          title: 'Scope check',
          area: 'bilim',
          format: 'offline',
          kind: 'event',
          start_date: `${own.period}-05`,
          end_date: `${own.period}-05`,
          volunteers: 1,
          hours: 2,
          external_id: key,
          row_key: key,
          source: 'platform',
          import_id: null,
          illustrative: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        url: '/api/platform/duplicates',
        payload: { platformRecord: Number(platform.id), record: own.id },
      };
    },
  },
  // --- the information centre's appeals (test/appeals.test.ts): an appeal of KZ-75 each time ---
  {
    method: 'POST',
    path: '/api/appeals',
    allowed: { admin: 201, analyst: 201, rfo: 201 },
    scopeInBody: true,
    build: async () => ({ url: '/api/appeals', payload: APPEAL }),
  },
  {
    method: 'POST',
    path: '/api/appeals/{id}/assign',
    allowed: { admin: 200, analyst: 200, rfo: 200 },
    build: async () => ({
      url: `/api/appeals/${await appealOfKz75('new')}/assign`,
      payload: { assignee: users.rfo.userId },
    }),
  },
  {
    method: 'POST',
    path: '/api/appeals/{id}/answer',
    allowed: { admin: 200, analyst: 200, rfo: 200 },
    build: async () => ({
      url: `/api/appeals/${await appealOfKz75('in_progress')}/answer`,
      payload: { text: 'Scope check' },
    }),
  },
  {
    method: 'POST',
    path: '/api/appeals/{id}/resolve',
    allowed: { admin: 200, analyst: 200, rfo: 200 },
    build: async () => ({
      url: `/api/appeals/${await appealOfKz75('in_progress')}/resolve`,
      payload: { answer: 'Scope check', result: 'Scope check' },
    }),
  },
  {
    method: 'POST',
    path: '/api/appeals/{id}/close',
    allowed: { admin: 200, analyst: 200, rfo: 200 },
    build: async () => ({
      url: `/api/appeals/${await appealOfKz75('new')}/close`,
      payload: { reason: 'duplicate' },
    }),
  },
  {
    method: 'POST',
    path: '/api/appeals/{id}/reopen',
    allowed: { admin: 200, analyst: 200, rfo: 200 },
    build: async () => ({
      url: `/api/appeals/${await appealOfKz75('closed')}/reopen`,
      payload: { note: 'Scope check' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/appeals/targets',
    allowed: { admin: 200 },
    build: async () => ({
      url: '/api/appeals/targets',
      payload: { firstResponseHours: 24, resolutionHours: 360 },
    }),
  },
  // --- grants, the register, the competition (test/grants.test.ts, test/competition.test.ts) --------
  {
    method: 'POST',
    path: '/api/register',
    allowed: { admin: 201, analyst: 201 },
    build: async () => ({ url: '/api/register', payload: registerEntry() }),
  },
  {
    method: 'POST',
    path: '/api/register/{id}/remove',
    allowed: { admin: 200, analyst: 200 },
    build: async () => {
      const e = await as(users.admin, 'POST', '/api/register', registerEntry());
      return { url: `/api/register/${e.id}/remove`, payload: { reason: 'Scope check' } };
    },
  },
  {
    method: 'POST',
    path: '/api/grants/projects',
    allowed: { admin: 201, analyst: 201 },
    build: async () => ({ url: '/api/grants/projects', payload: grantProject() }),
  },
  {
    method: 'PATCH',
    path: '/api/grants/projects/{id}',
    allowed: { admin: 200, analyst: 200 },
    build: async () => {
      const p = await as(users.admin, 'POST', '/api/grants/projects', grantProject());
      return { url: `/api/grants/projects/${p.id}`, payload: { version: p.version, notes: 'Scope check' } };
    },
  },
  {
    // The report of organisation A's project: its coordinator (the grantee), or the national admin.
    method: 'PUT',
    path: '/api/grants/projects/{id}/reports/{period}',
    allowed: { admin: 200, coordinator: 200 },
    build: async () => {
      const p = await as(users.admin, 'POST', '/api/grants/projects', grantProject());
      const i = fresh();
      const period = `${2022 + Math.floor((i % 36) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      return {
        url: `/api/grants/projects/${p.id}/reports/${period}`,
        payload: {
          items: [
            {
              region: 'KZ-75',
              title: 'Scope check',
              format: 'offline',
              kind: 'event',
              startDate: `${period}-05`,
              endDate: `${period}-05`,
              volunteers: 3,
              hours: 6,
            },
          ],
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/grants/rounds',
    allowed: { admin: 201, analyst: 201 },
    build: async () => ({ url: '/api/grants/rounds', payload: { title: 'Scope round', year: 2023 } }),
  },
  {
    method: 'PUT',
    path: '/api/grants/rounds/{id}/entries/{project}',
    allowed: { admin: 200, analyst: 200 },
    build: async () => {
      const p = await as(users.admin, 'POST', '/api/grants/projects', grantProject());
      const r = await as(users.admin, 'POST', '/api/grants/rounds', { title: 'Scope round', year: 2023 });
      return { url: `/api/grants/rounds/${r.id}/entries/${p.id}`, payload: { status: 'refused' } };
    },
  },
  {
    method: 'POST',
    path: '/api/competition/calls',
    allowed: { admin: 201, analyst: 201 },
    build: async () => ({ url: '/api/competition/calls', payload: competitionCall() }),
  },
  {
    method: 'PUT',
    path: '/api/competition/calls/{id}/quotas/{region}',
    allowed: { admin: 200, analyst: 200 },
    build: async () => {
      const c = await as(users.admin, 'POST', '/api/competition/calls', competitionCall());
      return {
        url: `/api/competition/calls/${c.id}/quotas/KZ-79`,
        payload: { quota: 3, budgetKzt: 3_000_000 },
      };
    },
  },
  {
    // Organisation A is verified on the platform; B's coordinator passes the policy (his account has
    // an organisation) and is refused by the eligibility check: B is not verified on the platform.
    method: 'POST',
    path: '/api/competition/calls/{id}/applications',
    allowed: { coordinator: 201, otherCoordinator: 409 },
    build: async () => {
      const c = await as(users.admin, 'POST', '/api/competition/calls', competitionCall());
      return { url: `/api/competition/calls/${c.id}/applications`, payload: competitionApplication };
    },
  },
  ...(['close-applications', 'select'] as const).map(
    (action): RouteCase => ({
      method: 'POST',
      path: `/api/competition/calls/{id}/${action}`,
      allowed: { admin: 200, analyst: 200 },
      build: async () => {
        const c = await as(users.admin, 'POST', '/api/competition/calls', competitionCall());
        if (action === 'select')
          await as(users.admin, 'POST', `/api/competition/calls/${c.id}/close-applications`);
        return { url: `/api/competition/calls/${c.id}/${action}` };
      },
    }),
  ),
  {
    // A member of KZ-75's commission (its front office) scores organisation A's application.
    method: 'PUT',
    path: '/api/competition/applications/{id}/score',
    allowed: { rfo: 200 },
    build: async () => {
      const c = await as(users.admin, 'POST', '/api/competition/calls', competitionCall());
      const a = await as(
        users.coordinator,
        'POST',
        `/api/competition/calls/${c.id}/applications`,
        competitionApplication,
      );
      await as(users.admin, 'POST', `/api/competition/calls/${c.id}/close-applications`);
      return { url: `/api/competition/applications/${a.id}/score`, payload: { score: 7 } };
    },
  },
];

/**
 * Open to anonymous callers by design: sign-in and sign-out (tested in test/auth.test.ts), "forgot
 * password" and setting a password with a link's token (test/users.accounts.test.ts), registering
 * an organisation on the platform.
 */
const PUBLIC_WRITES = [
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/forgot',
  'POST /api/auth/set-password',
  // The platform's volunteers register, confirm their address and have a guardian consent by link
  // (test/platform.volunteers.test.ts).
  'POST /api/platform/volunteers',
  'POST /api/platform/volunteers/confirm',
  'POST /api/platform/guardian-consent',
  // Registering an organisation with its coordinator (test/platform.organizations.test.ts).
  'POST /api/platform/organizations',
  // The public appeal form, limited per address and refusing spam (test/appeals.test.ts).
  'POST /api/appeals/public',
];

const expectedStatus = (r: RouteCase, who: Who) => r.allowed[who] ?? (who === 'anonymous' ? 401 : 403);

const cases = ROUTES.flatMap((route) =>
  EVERYONE.map((who) => ({
    route,
    who,
    name: `${route.method} ${route.path}`,
    status: expectedStatus(route, who),
  })),
);

async function openApiRoutes(): Promise<{ method: string; path: string; tags: string[] }[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, tags: op.tags ?? [] })),
  );
}

// Modules whose write routes this table must cover; others (imports, exports) are checked below
// for anonymous callers only, their own tests cover their scope.
const COVERED_TAGS = [
  'activities',
  'stocks',
  'submissions',
  'organizations',
  'reference',
  'users',
  'auth',
  'audit',
  'platform-volunteers',
  'platform',
  'appeals',
  'grants',
  'competition',
  'awards',
];

describe('scope of every write route', () => {
  it('the table names every state-changing route of these modules', async () => {
    const known = new Set([...ROUTES.map((r) => `${r.method} ${r.path}`), ...PUBLIC_WRITES]);
    const writes = (await openApiRoutes()).filter(
      (r) => r.method !== 'GET' && r.tags.some((tag) => COVERED_TAGS.includes(tag)),
    );
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.map((r) => `${r.method} ${r.path}`).filter((k) => !known.has(k))).toEqual([]);
  });

  it.each(cases)('$name by $who → $status', async ({ route, who, status }) => {
    const req = await route.build();
    const res = await t.app.inject({
      method: route.method as 'POST',
      url: req.url,
      headers: headersOf(who),
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });
    expect(res.statusCode, res.body).toBe(status);
    if (status >= 400)
      expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('refuses before reading the body: a foreign or read-only caller with a bad body gets 401/403, not 400', async () => {
    for (const route of ROUTES) {
      const req = await route.build();
      const url = req.url;
      const refused = EVERYONE.filter((w) => route.allowed[w] === undefined);
      // With the scope in the body, only the roles that may never write are known before reading it.
      const early = route.scopeInBody ? refused.filter((w) => !w.startsWith('other')) : refused;
      for (const who of early) {
        const res = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: { ...headersOf(who), 'content-type': 'application/json' },
          payload: '{"nonsense": true}',
        });
        expect([`${route.method} ${route.path} ${who}`, res.statusCode]).toEqual([
          `${route.method} ${route.path} ${who}`,
          expectedStatus(route, who),
        ]);
      }
    }
  });

  it('write routes of the other modules refuse anonymous callers', async () => {
    const others = (await openApiRoutes()).filter(
      (r) => r.method !== 'GET' && !r.tags.some((tag) => COVERED_TAGS.includes(tag)),
    );
    for (const r of others) {
      const url = r.path.replace(/\{[^}]+\}/g, '1');
      const res = await t.app.inject({ method: r.method as 'POST', url, payload: {} });
      expect([r.method, r.path, res.statusCode]).toEqual([r.method, r.path, 401]);
    }
  });
});

describe('reading', () => {
  // Public: the reference data, published reports and dashboards, health and the API document, the
  // platform's published opportunities.
  const PUBLIC_READ_TAGS = [
    'reference',
    'reports',
    'system',
    'platform-public',
    'grants-public',
    'awards-public',
  ];
  // "Who am I, if anyone": a visitor gets 200 with nulls (no 401 in every public page's console).
  // The public appeal form's token (any visitor opens the form).
  const PUBLIC_READ_ROUTES = ['/api/auth/session', '/api/appeals/form'];
  const sample: Record<string, string> = {
    id: '1',
    region: 'KZ-75',
    period: '2022-01',
    year: '2022',
    list: 'area',
    code: 'KZ-75',
    kind: 'activities',
  };

  it('anonymous callers reach only the public routes; every other read of these modules answers 401', async () => {
    for (const r of (await openApiRoutes()).filter((x) => x.method === 'GET')) {
      const url = r.path.replace(/\{([^}]+)\}/g, (_, k: string) => sample[k] ?? '1');
      const res = await t.app.inject({ method: 'GET', url });
      if (PUBLIC_READ_ROUTES.includes(r.path)) {
        expect([r.path, res.statusCode]).toEqual([r.path, 200]);
      } else if (r.tags.some((tag) => PUBLIC_READ_TAGS.includes(tag))) {
        expect([r.path, res.statusCode]).not.toEqual([r.path, 401]);
        expect([r.path, res.statusCode]).not.toEqual([r.path, 403]);
      } else if (r.tags.some((tag) => COVERED_TAGS.includes(tag))) {
        expect([r.path, res.statusCode]).toEqual([r.path, 401]);
      }
      // Other modules (imports, exports, templates) decide what they publish; their tests check it.
    }
  });

  it('keeps raw records to their scope: RFO its region, coordinator its organisation, viewer none', async () => {
    const a = await newActivity();
    const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: headersOf(who) });
    const byWho: [Who, number][] = [
      ['admin', 200],
      ['analyst', 200],
      ['rfo', 200],
      ['coordinator', 200],
      ['otherRfo', 403],
      ['otherCoordinator', 403],
      ['viewer', 403],
      ['anonymous', 401],
    ];
    for (const [who, status] of byWho) {
      expect([who, (await get(who, `/api/activities/${a.id}`)).statusCode]).toEqual([who, status]);
    }
    for (const [who, status] of byWho) {
      const res = await get(who, `/api/volunteers/KZ-75/${a.period}`);
      const want = who === 'coordinator' ? 200 : status;
      expect([who, res.statusCode]).toEqual([who, who === 'otherCoordinator' ? 403 : want]);
    }
    // The list narrows to the scope instead of refusing: another region's RFO sees none of KZ-75.
    const list = await get('otherRfo', '/api/activities');
    expect(list.json().items.filter((x: { region: string }) => x.region === 'KZ-75')).toEqual([]);
    expect((await get('otherRfo', '/api/activities?region=KZ-75')).statusCode).toBe(403);
    const own = await get('otherCoordinator', '/api/activities');
    expect(own.json().items).toEqual([]);
  });
});
