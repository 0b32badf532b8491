// Assessments both ways (issue 12 item 3): the coordinator assesses a confirmed participation once;
// the volunteer sees it first (then the record book shows it), contests it within 14 days once; the
// region's front office settles; the volunteer rates the opportunity once; the organisation's public
// page gives its average rating and response time with the numbers behind them.
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

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
let coord: Coordinator;
let other: Coordinator;
let v: Volunteer;
let w: Volunteer;
let attended = 0;
let absent = 0;
let opp = 0;

const errorOf = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().error];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  coord = await organisation(t, admin);
  other = await organisation(t, admin, { region: 'KZ-79' });
  [v, w] = [await volunteer(t.database.db), await volunteer(t.database.db)];
  const made = await opportunity(t, coord, {
    shifts: [{ start: '2030-03-03T10:00:00+05:00', end: '2030-03-03T14:00:00+05:00', capacity: 5 }],
  });
  opp = made.id;
  const shift = made.shifts[0] as number;
  const ids: number[] = [];
  for (const x of [v, w]) {
    const { id } = (
      await call(t, x, 'POST', `/api/platform/shifts/${shift}/applications`, undefined, 201)
    ).json();
    await call(t, coord, 'POST', `/api/platform/applications/${id}/accept`, undefined, 200);
    ids.push(id);
  }
  await startShift(t.database.db, shift);
  [attended, absent] = ids as [number, number];
  await call(t, coord, 'POST', `/api/platform/applications/${attended}/attendance`, { attended: true }, 200);
  await call(t, coord, 'POST', `/api/platform/applications/${absent}/attendance`, { attended: false }, 200);
});
afterAll(async () => t?.close());

describe('the coordinator’s assessment', () => {
  let assessment = 0;

  it('is given once, only for a confirmed participation, only by its organisation', async () => {
    const body = { reliability: 5, skills: 4, teamwork: 5, comment: 'Надёжная <b>помощь</b>' };
    expect(
      errorOf(await call(t, coord, 'POST', `/api/platform/applications/${absent}/assessment`, body)),
    ).toEqual([409, 'not_attended']);
    expect(
      errorOf(await call(t, other, 'POST', `/api/platform/applications/${attended}/assessment`, body)),
    ).toEqual([403, 'forbidden']);
    expect(
      (
        await call(t, coord, 'POST', `/api/platform/applications/${attended}/assessment`, {
          ...body,
          teamwork: 6,
        })
      ).statusCode,
    ).toBe(400);
    assessment = (
      await call(t, coord, 'POST', `/api/platform/applications/${attended}/assessment`, body, 201)
    ).json().id;
    // The applicants' list says which are assessed.
    const list = (
      await call(t, coord, 'GET', `/api/platform/opportunities/${opp}/applications`, undefined, 200)
    ).json();
    expect(
      Object.fromEntries(list.items.map((i: { id: number; assessed: boolean }) => [i.id, i.assessed])),
    ).toEqual({
      [attended]: true,
      [absent]: false,
    });
    expect(
      errorOf(await call(t, coord, 'POST', `/api/platform/applications/${attended}/assessment`, body)),
    ).toEqual([409, 'already_assessed']);
  });

  it('the volunteer sees it first; the record book shows it from then', async () => {
    const before = (
      await call(t, v, 'GET', '/api/platform/volunteers/me/record-book', undefined, 200)
    ).json();
    expect(before.entries[0].assessment).toBeNull();
    const mine = (await call(t, v, 'GET', '/api/platform/volunteers/me/assessments', undefined, 200)).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      reliability: 5,
      skills: 4,
      teamwork: 5,
      comment: 'Надёжная <b>помощь</b>',
    });
    const after = (await call(t, v, 'GET', '/api/platform/volunteers/me/record-book', undefined, 200)).json();
    expect(after.entries[0].assessment).toMatchObject({ reliability: 5, skills: 4, teamwork: 5 });
    expect(
      (await call(t, w, 'GET', '/api/platform/volunteers/me/assessments', undefined, 200)).json().items,
    ).toEqual([]);
  });

  it('is contested once within 14 days; the region’s front office settles it', async () => {
    expect(
      errorOf(
        await call(t, w, 'POST', `/api/platform/assessments/${assessment}/contest`, { text: 'not mine' }),
      ),
    ).toEqual([403, 'forbidden']);
    await call(
      t,
      v,
      'POST',
      `/api/platform/assessments/${assessment}/contest`,
      { text: 'Я была весь день' },
      200,
    );
    expect(
      errorOf(await call(t, v, 'POST', `/api/platform/assessments/${assessment}/contest`, { text: 'again' })),
    ).toEqual([409, 'already_contested']);
    const queue = (await call(t, rfo, 'GET', '/api/platform/assessment-contests', undefined, 200)).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(assessment);
    expect(
      (await call(t, otherRfo, 'GET', '/api/platform/assessment-contests', undefined, 200)).json().items,
    ).toEqual([]);
    expect(
      errorOf(
        await call(t, otherRfo, 'POST', `/api/platform/assessments/${assessment}/settle`, {
          decision: 'upheld',
          note: 'x',
        }),
      ),
    ).toEqual([403, 'forbidden']);
    await call(
      t,
      rfo,
      'POST',
      `/api/platform/assessments/${assessment}/settle`,
      { decision: 'upheld', note: 'Лист подписан' },
      200,
    );
    // Upheld: it no longer counts, the record book drops it.
    const book = (await call(t, v, 'GET', '/api/platform/volunteers/me/record-book', undefined, 200)).json();
    expect(book.entries[0].assessment).toBeNull();
  });

  it('contesting after 14 days is refused', async () => {
    const opp = await opportunity(t, coord, {
      shifts: [{ start: '2030-03-04T10:00:00+05:00', end: '2030-03-04T14:00:00+05:00', capacity: 5 }],
    });
    const shift = opp.shifts[0] as number;
    const { id } = (
      await call(t, w, 'POST', `/api/platform/shifts/${shift}/applications`, undefined, 201)
    ).json();
    await call(t, coord, 'POST', `/api/platform/applications/${id}/accept`, undefined, 200);
    await startShift(t.database.db, shift);
    await call(t, coord, 'POST', `/api/platform/applications/${id}/attendance`, { attended: true }, 200);
    const a = (
      await call(
        t,
        coord,
        'POST',
        `/api/platform/applications/${id}/assessment`,
        { reliability: 2, skills: 3, teamwork: 3 },
        201,
      )
    ).json().id;
    await t.database.db
      .updateTable('assessment')
      .set({ created_at: new Date(Date.now() - 15 * 24 * 3600_000).toISOString() })
      .where('id', '=', a)
      .execute();
    expect(
      errorOf(await call(t, w, 'POST', `/api/platform/assessments/${a}/contest`, { text: 'late' })),
    ).toEqual([409, 'contest_window_closed']);
  });
});

describe('the volunteer’s rating and the organisation’s page', () => {
  it('rates once, after confirmed hours; the page averages ratings and gives the response time', async () => {
    expect(
      errorOf(await call(t, w, 'POST', `/api/platform/applications/${absent}/rating`, { rating: 2 })),
    ).toEqual([409, 'not_attended']);
    expect(
      errorOf(await call(t, w, 'POST', `/api/platform/applications/${attended}/rating`, { rating: 2 })),
    ).toEqual([403, 'forbidden']);
    await call(
      t,
      v,
      'POST',
      `/api/platform/applications/${attended}/rating`,
      { rating: 4, wentWell: 'Всё чётко' },
      201,
    );
    const mine = (await call(t, v, 'GET', '/api/platform/volunteers/me/applications', undefined, 200)).json();
    expect(mine.items.find((x: { id: number }) => x.id === attended).rated).toBe(true);
    expect(
      errorOf(await call(t, v, 'POST', `/api/platform/applications/${attended}/rating`, { rating: 5 })),
    ).toEqual([409, 'already_rated']);
    const page = (
      await call(t, null, 'GET', `/api/platform/organizations/${coord.orgId}/public`, undefined, 200)
    ).json();
    expect(page).toMatchObject({ rating: 4, ratings: 1, answered: 3 });
    expect(page.responseHours).toBeGreaterThanOrEqual(0);
    expect((await call(t, null, 'GET', '/api/platform/organizations/999999/public')).statusCode).toBe(404);
  });
});

describe('the volunteer’s data download', () => {
  it('carries the assessments received and the ratings given, and nobody else’s', async () => {
    const mine = (await call(t, v, 'GET', '/api/platform/volunteers/me/export', undefined, 200)).json();
    expect(mine.assessments).toMatchObject([
      { application: attended, reliability: 5, skills: 4, teamwork: 5, comment: 'Надёжная <b>помощь</b>' },
    ]);
    expect(mine.ratings).toMatchObject([{ application: attended, rating: 4, wentWell: 'Всё чётко' }]);
    expect(mine.surveys).toEqual([]);
    expect(mine.certificates).toEqual([]);
    expect(mine.visibility).toMatchObject({ findable: false, views: [], invitations: [] });
    const theirs = (await call(t, w, 'GET', '/api/platform/volunteers/me/export', undefined, 200)).json();
    const apps = (xs: { application: number }[]) => xs.map((x) => x.application);
    expect(apps(theirs.assessments)).not.toContain(attended);
    expect(apps(theirs.ratings)).not.toContain(attended);
  });
});
