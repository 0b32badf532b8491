// Award candidates from the record book (issue 12 item 6): a region's volunteers for a half-year or
// a year by confirmed hours and assessments, read from the participations (Kazakhstan time decides
// the half-year), in the stated order, for the region's front office and the national office only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { call, volunteer } from './helpers/platform.ts';
import { attend, platformOrganisation, publishedOpportunity } from './helpers/platform-hours.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
const names: Record<string, number> = {};

const URL = '/api/awards/candidates/volunteers';
const kz = (local: string) => new Date(`${local}+05:00`).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  const coord = await platformOrganisation(t, admin, 'KZ-75');
  const far = await platformOrganisation(t, admin, 'KZ-79');
  const a = await publishedOpportunity(t, coord, [
    { start: kz('2026-03-10T10:00:00'), end: kz('2026-03-10T18:00:00') },
    // The last evening of June in Kazakhstan (still June 30 in UTC too) …
    { start: kz('2026-06-30T23:30:00'), end: kz('2026-07-01T03:00:00') },
    // … and the first minutes of July in Kazakhstan: June 30, 19:30 UTC.
    { start: kz('2026-07-01T00:30:00'), end: kz('2026-07-01T06:00:00') },
  ]);
  const b = await publishedOpportunity(
    t,
    far,
    [{ start: kz('2026-03-11T10:00:00'), end: kz('2026-03-11T18:00:00') }],
    {
      region: 'KZ-79',
      area: 'taza_alem',
    },
  );
  const [mar, jun30, jul1] = a.shifts as [(typeof a.shifts)[0], (typeof a.shifts)[0], (typeof a.shifts)[0]];
  for (const n of ['Aigerim', 'Bolat', 'Dana', 'Erlan', 'Gulnar', 'Ivan', 'Kamila'])
    names[n] = (await volunteer(t.database.db, { name: n })).userId;
  const id = (n: string) => names[n] as number;
  const assess = async (application: number, score: number) =>
    call(
      t,
      coord,
      'POST',
      `/api/platform/applications/${application}/assessment`,
      { reliability: score, skills: score, teamwork: score },
      201,
    );
  // Aigerim: 4 h + 3 h in H1, assessed 3; Bolat: 7 h in H1, assessed 5; Dana: 7 h, not assessed.
  const a1 = await attend(t, a.id, mar, id('Aigerim'), { hours: 4 });
  await attend(t, a.id, jun30, id('Aigerim'), { hours: 3 });
  await assess(a1, 3);
  await assess(await attend(t, a.id, mar, id('Bolat'), { hours: 7 }), 5);
  await attend(t, a.id, mar, id('Dana'), { hours: 7 });
  // Erlan: only after midnight of July 1 in Kazakhstan (H2), though June 30 in UTC.
  await attend(t, a.id, jul1, id('Erlan'), { hours: 5 });
  // Gulnar: absent once and her other hours revoked: no confirmed hours.
  await attend(t, a.id, mar, id('Gulnar'), { hours: 0, status: 'no_show' });
  const revoked = await attend(t, a.id, jun30, id('Gulnar'), { hours: 2 });
  await t.database.db
    .updateTable('application')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', revoked)
    .execute();
  // Ivan: 9 h but his account erased. Kamila: 20 h, in another region.
  await attend(t, a.id, mar, id('Ivan'), { hours: 9 });
  await t.database.db
    .updateTable('volunteer_profile')
    .set({ erased_at: new Date().toISOString() })
    .where('user_id', '=', id('Ivan'))
    .execute();
  await attend(t, b.id, b.shifts[0] as (typeof b.shifts)[0], id('Kamila'), { hours: 20 });
});
afterAll(async () => t?.close());

const list = async (who: SignedIn, query: string) =>
  (await call(t, who, 'GET', `${URL}?${query}`, undefined, 200)).json();

describe('volunteer candidates of a region', () => {
  it('orders by hours, then assessment, then participations; Kazakhstan time decides the half-year', async () => {
    const h1 = await list(rfo, 'region=KZ-75&period=2026-H1');
    expect(h1).toMatchObject({ region: 'KZ-75', period: '2026-H1', from: '2026-01-01', to: '2026-06-30' });
    expect(h1.rule).toMatch(/hours/);
    expect(h1.volunteers.map((v: { name: string }) => v.name)).toEqual(['Bolat', 'Aigerim', 'Dana']);
    expect(h1.volunteers[0]).toEqual({
      volunteer: names.Bolat,
      name: 'Bolat',
      hours: 7,
      participations: 1,
      organizations: 1,
      areas: ['bilim'],
      noShows: 0,
      assessment: { average: 5, count: 1 },
    });
    expect(h1.volunteers[1]).toMatchObject({
      hours: 7,
      participations: 2,
      assessment: { average: 3, count: 1 },
    });
    expect(h1.volunteers[2]).toMatchObject({ hours: 7, participations: 1, assessment: null });
    const h2 = await list(rfo, 'region=KZ-75&period=2026-H2');
    expect(h2.volunteers.map((v: { name: string }) => v.name)).toEqual(['Erlan']);
    const year = await list(admin, 'region=KZ-75&period=2026');
    expect(year.volunteers.map((v: { name: string }) => v.name)).toEqual([
      'Bolat',
      'Aigerim',
      'Dana',
      'Erlan',
    ]);
  });

  it('leaves out an upheld contest’s assessment; equal in all, the earlier account first', async () => {
    const uphold = (status: 'upheld' | null) =>
      t.database.db
        .updateTable('assessment')
        .set({ contest_status: status })
        .where('volunteer_id', '=', names.Bolat as number)
        .execute();
    await uphold('upheld');
    const h1 = await list(analyst, 'region=KZ-75&period=2026-H1');
    // Aigerim's 3 now beats no assessment; Bolat and Dana: 7 h, none, one participation each.
    expect(h1.volunteers.map((v: { name: string }) => v.name)).toEqual(['Aigerim', 'Bolat', 'Dana']);
    expect(h1.volunteers[1].assessment).toBeNull();
    await uphold(null);
  });

  it('takes minHours and limit; the other region has its own', async () => {
    const few = await list(rfo, 'region=KZ-75&period=2026&minHours=6&limit=2');
    expect(few.volunteers.map((v: { name: string }) => v.name)).toEqual(['Bolat', 'Aigerim']);
    const far = await list(otherRfo, 'region=KZ-79&period=2026-H1');
    expect(far.volunteers).toMatchObject([{ name: 'Kamila', hours: 20, areas: ['taza_alem'] }]);
    expect((await list(rfo, 'region=KZ-75&period=2025')).volunteers).toEqual([]);
  });

  it('is for the region’s front office and the national office only', async () => {
    expect((await call(t, otherRfo, 'GET', `${URL}?region=KZ-75&period=2026-H1`)).statusCode).toBe(403);
    expect((await call(t, null, 'GET', `${URL}?region=KZ-75&period=2026-H1`)).statusCode).toBe(401);
    const viewer = await signIn(t, 'viewer');
    expect((await call(t, viewer, 'GET', `${URL}?region=KZ-75&period=2026-H1`)).statusCode).toBe(403);
  });

  it('refuses a month, nonsense and absurd limits with 400', async () => {
    for (const q of [
      'region=KZ-75&period=2026-03',
      'region=KZ-75&period=next',
      'region=<b>&period=2026',
      'region=KZ-75',
      'region=KZ-75&period=2026&limit=0',
      'region=KZ-75&period=2026&limit=100000',
      'region=KZ-75&period=2026&minHours=-1',
    ]) {
      const res = await call(t, rfo, 'GET', `${URL}?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error, q).toBeTruthy();
    }
  });
});
