// Finding volunteers, with their consent (issue 12 item 4): off by default; a verified
// organisation's coordinator finds those who opted in by region, hours of experience by area,
// skills, languages, assessment and availability — each only where the volunteer shows it — and
// sees no name, contact or birth date; views are kept for the volunteer to see; invitations once per
// opportunity, only to findable volunteers, at most 3 a month across organisations; opting out
// hides him at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import {
  type Coordinator,
  call,
  mailsTo,
  opportunity,
  organisation,
  startShift,
  type Volunteer,
  volunteer,
} from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let coord: Coordinator;
let other: Coordinator;
let ada: Volunteer; // findable, 4 h of taza_alem, shows everything
let ben: Volunteer; // findable, hides region and experience
let cat: Volunteer; // not findable
let opp = 0;
let adaParticipation = 0;

const errorOf = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().error];
const search = async (query: string, who: Coordinator = coord) =>
  (await call(t, who, 'GET', `/api/platform/volunteers/search?${query}`, undefined, 200)).json() as {
    items: {
      ref: number;
      region?: string;
      skills?: string[];
      experience?: { area: string; hours: number }[];
    }[];
    total: number;
  };
const refs = (r: { items: { ref: number }[] }) => r.items.map((i) => i.ref).sort();

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  coord = await organisation(t, admin, { name: 'Finder NPO' });
  other = await organisation(t, admin, { region: 'KZ-79', name: 'Other Finder' });
  ada = await volunteer(t.database.db, { name: 'Ада Лавлейс', region: 'KZ-75' });
  ben = await volunteer(t.database.db, { name: 'Бен Бенов', region: 'KZ-75' });
  cat = await volunteer(t.database.db, { name: 'Кат Катова', region: 'KZ-75' });
  await t.database.db
    .updateTable('volunteer_profile')
    .set({ skills: '["Первая помощь","SMM"]' })
    .where('user_id', '=', ada.userId)
    .execute();
  // Ada has 4 confirmed hours in taza_alem.
  const done = await opportunity(t, coord, {
    area: 'taza_alem',
    shifts: [{ start: '2030-04-01T10:00:00+05:00', end: '2030-04-01T14:00:00+05:00', capacity: 5 }],
  });
  const { id } = (
    await call(t, ada, 'POST', `/api/platform/shifts/${done.shifts[0]}/applications`, undefined, 201)
  ).json();
  await call(t, coord, 'POST', `/api/platform/applications/${id}/accept`, undefined, 200);
  await startShift(t.database.db, done.shifts[0] as number);
  await call(t, coord, 'POST', `/api/platform/applications/${id}/attendance`, { attended: true }, 200);
  adaParticipation = id;
  opp = (
    await opportunity(t, coord, {
      shifts: [{ start: '2030-09-01T10:00:00+05:00', end: '2030-09-01T14:00:00+05:00', capacity: 5 }],
    })
  ).id;
});
afterAll(async () => t?.close());

describe('finding volunteers', () => {
  it('finds nobody until volunteers opt in', async () => {
    expect((await search('region=KZ-75')).total).toBe(0);
    const mine = (await call(t, ada, 'GET', '/api/platform/volunteers/me/visibility', undefined, 200)).json();
    expect(mine.findable).toBe(false);
  });

  it('filters only on what each volunteer shows, and shows no name, contact or birth date', async () => {
    await call(
      t,
      ada,
      'PUT',
      '/api/platform/volunteers/me/visibility',
      { findable: true, availability: 'выходные' },
      200,
    );
    await call(
      t,
      ben,
      'PUT',
      '/api/platform/volunteers/me/visibility',
      { findable: true, show: ['skills', 'languages'] },
      200,
    );
    expect(refs(await search(''))).toEqual([ada.userId, ben.userId].sort());
    // Ben hides his region and experience: a filter on them never finds him.
    expect(refs(await search('region=KZ-75'))).toEqual([ada.userId]);
    expect(refs(await search('area=taza_alem&minHours=3'))).toEqual([ada.userId]);
    expect(refs(await search('area=taza_alem&minHours=5'))).toEqual([]);
    expect(refs(await search('skill=первая'))).toEqual([ada.userId]);
    expect(refs(await search('availability=Выходные'))).toEqual([ada.userId]);
    const found = await search('region=KZ-75');
    expect(found.items[0]).toMatchObject({ region: 'KZ-75', experience: [{ area: 'taza_alem', hours: 4 }] });
    const body = JSON.stringify(await search(''));
    for (const secret of ['Ада', 'Лавлейс', 'Бен', ada.email, ben.email, '1995'])
      expect(body).not.toContain(secret);
    const benItem = (await search('')).items.find((i) => i.ref === ben.userId);
    expect(benItem?.region).toBeUndefined();
    expect(benItem?.experience).toBeUndefined();
    // Markup and absurd filters: a clear 400 or nothing found, never a 500.
    expect((await call(t, coord, 'GET', '/api/platform/volunteers/search?minHours=-4')).statusCode).toBe(400);
    expect((await search(`skill=${encodeURIComponent('<script>%_"')}`)).total).toBe(0);
  });

  it('keeps the views for the volunteer to see; a volunteer or a pending organisation may not search', async () => {
    const mine = (await call(t, ada, 'GET', '/api/platform/volunteers/me/visibility', undefined, 200)).json();
    expect(mine.views.map((v: { organization: string }) => v.organization)).toContain('Finder NPO');
    expect((await call(t, ada, 'GET', '/api/platform/volunteers/search')).statusCode).toBe(403);
    const pending = await organisation(t, admin, { verified: false });
    expect(errorOf(await call(t, pending, 'GET', '/api/platform/volunteers/search'))).toEqual([
      403,
      'organization_not_verified',
    ]);
  });

  it('invites once per opportunity, only the findable, at most 3 a month across organisations', async () => {
    const inviteTo = (who: Coordinator, oppId: number, volunteer: number) =>
      call(t, who, 'POST', `/api/platform/opportunities/${oppId}/invitations`, { volunteer });
    expect(errorOf(await inviteTo(coord, opp, cat.userId))).toEqual([409, 'not_findable']);
    expect((await inviteTo(coord, opp, ada.userId)).statusCode).toBe(201);
    expect(errorOf(await inviteTo(coord, opp, ada.userId))).toEqual([409, 'already_invited']);
    expect(errorOf(await inviteTo(other, opp, ada.userId))).toEqual([403, 'forbidden']);
    expect((await mailsTo(t.database.db, ada.email)).at(-1)).toMatchObject({ kind: 'platform.invitation' });
    for (let i = 0; i < 2; i++) {
      const o = await opportunity(t, other, {
        region: 'KZ-79',
        shifts: [
          { start: `2030-10-0${i + 1}T10:00:00+05:00`, end: `2030-10-0${i + 1}T12:00:00+05:00`, capacity: 3 },
        ],
      });
      expect((await inviteTo(other, o.id, ada.userId)).statusCode).toBe(201);
    }
    const fourth = await opportunity(t, coord, {
      shifts: [{ start: '2030-11-01T10:00:00+05:00', end: '2030-11-01T12:00:00+05:00', capacity: 3 }],
    });
    const limited = await inviteTo(coord, fourth.id, ada.userId);
    expect(errorOf(limited)).toEqual([409, 'invitation_limit']);
    const mine = (await call(t, ada, 'GET', '/api/platform/volunteers/me/visibility', undefined, 200)).json();
    expect(mine.invitations).toHaveLength(3);
  });

  it('searches a region and an area together, and follows the volunteer when he moves', async () => {
    expect(refs(await search('region=KZ-75&area=taza_alem&minHours=4'))).toEqual([ada.userId]);
    expect(refs(await search('region=KZ-79&area=taza_alem'))).toEqual([]);
    const moved = await call(t, ada, 'PATCH', '/api/platform/volunteers/me', { region: 'KZ-79' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(refs(await search('region=KZ-79&area=taza_alem'))).toEqual([ada.userId]);
    expect(refs(await search('region=KZ-75&area=taza_alem'))).toEqual([]);
    await call(t, ada, 'PATCH', '/api/platform/volunteers/me', { region: 'KZ-75' }, 200);
    expect(refs(await search('region=KZ-75&area=taza_alem'))).toEqual([ada.userId]);
  });

  it('follows corrected and revoked hours', async () => {
    const url = `/api/platform/applications/${adaParticipation}`;
    await call(
      t,
      coord,
      'POST',
      `${url}/correction`,
      { attended: true, hours: 2, reason: 'left early' },
      200,
    );
    expect(refs(await search('area=taza_alem&minHours=3'))).toEqual([]);
    expect(refs(await search('minHours=2'))).toEqual([ada.userId]);
    expect((await search('area=taza_alem')).items[0]?.experience).toEqual([{ area: 'taza_alem', hours: 2 }]);
    await call(t, coord, 'POST', `${url}/revoke`, { reason: 'not there after all' }, 200);
    expect(refs(await search('area=taza_alem'))).toEqual([]);
    expect(refs(await search('minHours=0.5'))).toEqual([]);
    expect((await search('region=KZ-75')).items[0]?.experience).toEqual([]);
  });

  it('opting out hides the volunteer at once', async () => {
    await call(t, ada, 'PUT', '/api/platform/volunteers/me/visibility', { findable: false }, 200);
    expect(refs(await search(''))).toEqual([ben.userId]);
    expect(
      errorOf(
        await call(t, coord, 'POST', `/api/platform/opportunities/${opp}/invitations`, {
          volunteer: ada.userId,
        }),
      ),
    ).toEqual([409, 'not_findable']);
  });
});
