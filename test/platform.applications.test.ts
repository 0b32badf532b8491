// Applications to shifts (issue 11 item 4): pending while a place is free, else waitlisted; the
// coordinator accepts or declines with a reason; the volunteer withdraws; a freed place is offered
// to the first on the waitlist until an expiry, then to the next; every refusal names its reason;
// cancelling an opportunity or suspending an organisation closes the open applications and tells
// the volunteers; every transition is kept; scope: another volunteer's or organisation's → 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireOffers } from '../src/modules/applications/applications.service.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import {
  type Coordinator,
  call,
  mailsTo,
  organisation as makeOrganisation,
  opportunity,
  startShift,
  type Volunteer,
  volunteer,
} from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let coord: Coordinator;
let other: Coordinator;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  coord = await organisation();
  other = await organisation('KZ-79');
});
afterAll(async () => t?.close());

const organisation = (region = 'KZ-75', verified = true) => makeOrganisation(t, admin, { region, verified });

const applyTo = (v: Volunteer, shift: number, expected?: number) =>
  call(t, v, 'POST', `/api/platform/shifts/${shift}/applications`, undefined, expected);

const appRow = (id: number) =>
  t.database.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const errorOf = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().error];

describe('applying and deciding', () => {
  it('pending while places are free, then waitlisted; free places shown; accept and decline tell the volunteer', async () => {
    const opp = await opportunity(t, coord, {
      title: 'Субботник <b>в парке</b>',
      shifts: [{ start: '2030-06-01T10:00:00+05:00', end: '2030-06-01T14:00:00+05:00', capacity: 2 }],
    });
    const shift = opp.shifts[0] as number;
    const [v1, v2, v3] = [
      await volunteer(t.database.db),
      await volunteer(t.database.db),
      await volunteer(t.database.db),
    ];
    const a1 = (await applyTo(v1, shift, 201)).json();
    const a2 = (await applyTo(v2, shift, 201)).json();
    const a3 = (await applyTo(v3, shift, 201)).json();
    expect([a1.status, a2.status, a3.status]).toEqual(['pending', 'pending', 'waitlisted']);
    const page = (await call(t, null, 'GET', `/api/platform/opportunities/${opp.id}`, undefined, 200)).json();
    expect(page.shifts[0]).toMatchObject({ capacity: 2, free: 0 });

    await call(t, coord, 'POST', `/api/platform/applications/${a1.id}/accept`, undefined, 200);
    const noReason = await call(t, coord, 'POST', `/api/platform/applications/${a2.id}/decline`, {}, 400);
    expect(noReason.json().error).toBe('reason_required');
    await call(
      t,
      coord,
      'POST',
      `/api/platform/applications/${a2.id}/decline`,
      { reason: 'requirements_not_met', note: 'Need a first-aid course' },
      200,
    );
    // The freed place is offered to the first on the waitlist, with an expiry, by e-mail.
    const offered = await appRow(a3.id);
    expect(offered.status).toBe('waitlisted');
    expect(offered.offer_expires_at).not.toBeNull();
    const kinds1 = (await mailsTo(t.database.db, v1.email)).map((m) => m.kind);
    expect(kinds1).toEqual(['application.received', 'application.accepted']);
    const m2 = await mailsTo(t.database.db, v2.email);
    expect(m2.map((m) => m.kind)).toEqual(['application.received', 'application.declined']);
    expect(m2[1]?.body).toContain('requirements not met');
    expect(m2[1]?.body).toContain('Субботник <b>в парке</b>'); // plain text, the outbox escapes its HTML part
    expect((await mailsTo(t.database.db, v3.email)).map((m) => m.kind)).toEqual([
      'application.received',
      'application.offer',
    ]);
    // The offer holds the place: the page shows none free.
    expect((await call(t, null, 'GET', `/api/platform/opportunities/${opp.id}`)).json().shifts[0].free).toBe(
      0,
    );
    // Taking it makes the application pending again.
    expect(
      (await call(t, v3, 'POST', `/api/platform/applications/${a3.id}/take-offer`, undefined, 200)).json(),
    ).toEqual({
      status: 'pending',
    });
    expect(errorOf(await call(t, v3, 'POST', `/api/platform/applications/${a3.id}/take-offer`))).toEqual([
      409,
      'no_offer',
    ]);
    // Every transition is kept, with who made it.
    const mine = (
      await call(t, v3, 'GET', '/api/platform/volunteers/me/applications', undefined, 200)
    ).json();
    const item = mine.items.find((i: { id: number }) => i.id === a3.id);
    expect(
      item.events.map((e: { from: string | null; to: string; by: string }) => [e.from, e.to, e.by]),
    ).toEqual([
      [null, 'waitlisted', 'volunteer'],
      ['waitlisted', 'waitlisted', 'system'],
      ['waitlisted', 'pending', 'volunteer'],
    ]);
    expect(item.opportunity.title).toBe('Субботник <b>в парке</b>');
  });

  it('an offer not taken in time passes to the next on the waitlist', async () => {
    const opp = await opportunity(t, coord, {
      shifts: [{ start: '2030-06-02T10:00:00+05:00', end: '2030-06-02T14:00:00+05:00', capacity: 1 }],
    });
    const shift = opp.shifts[0] as number;
    const vs = [
      await volunteer(t.database.db),
      await volunteer(t.database.db),
      await volunteer(t.database.db),
    ];
    const ids: number[] = [];
    for (const v of vs) ids.push((await applyTo(v, shift, 201)).json().id);
    await call(
      t,
      vs[0] as Volunteer,
      'POST',
      `/api/platform/applications/${ids[0]}/withdraw`,
      { reason: 'not_available' },
      200,
    );
    expect((await appRow(ids[1] as number)).offer_expires_at).not.toBeNull();
    expect((await appRow(ids[2] as number)).offer_expires_at).toBeNull();
    // Three days later the offer has expired: withdrawn (no_response), the next one offered.
    expect(await expireOffers(t.database.db, new Date(Date.now() + 3 * 24 * 3600_000))).toBe(1);
    expect(await appRow(ids[1] as number)).toMatchObject({ status: 'withdrawn', reason: 'no_response' });
    expect((await appRow(ids[2] as number)).offer_expires_at).not.toBeNull();
  });

  it('refuses with the reason: minimum age, guardian consent, twice, overlap, started, closed, limit', async () => {
    const opp = await opportunity(t, coord, {
      minAge: 18,
      shifts: [
        { start: '2030-07-01T10:00:00+05:00', end: '2030-07-01T14:00:00+05:00', capacity: 5 },
        { start: '2030-07-01T12:00:00+05:00', end: '2030-07-01T16:00:00+05:00', capacity: 5 },
        { start: '2030-07-02T10:00:00+05:00', end: '2030-07-02T14:00:00+05:00', capacity: 5 },
      ],
    });
    const [s1, s2, s3] = opp.shifts as [number, number, number];
    const young = await volunteer(t.database.db, { birth_date: '2013-01-01', guardian_status: 'confirmed' });
    const res = await applyTo(young, s1);
    expect(errorOf(res)).toEqual([409, 'below_min_age']);
    expect(res.json().details[0]).toMatchObject({ minAge: 18, age: 17 });

    const open = await opportunity(t, coord, {
      shifts: [{ start: '2030-07-03T10:00:00+05:00', end: '2030-07-03T14:00:00+05:00', capacity: 5 }],
    });
    const minor = await volunteer(t.database.db, { birth_date: '2013-01-01', guardian_status: 'pending' });
    expect(errorOf(await applyTo(minor, open.shifts[0] as number))).toEqual([
      409,
      'guardian_consent_missing',
    ]);

    const v = await volunteer(t.database.db);
    const first = (await applyTo(v, s1, 201)).json();
    expect(errorOf(await applyTo(v, s1))).toEqual([409, 'already_applied']);
    await call(t, coord, 'POST', `/api/platform/applications/${first.id}/accept`, undefined, 200);
    const overlap = await applyTo(v, s2);
    expect(errorOf(overlap)).toEqual([409, 'overlapping_shift']);
    expect(overlap.json().details[0].shift).toBe(s1);
    await applyTo(v, s3, 201);

    await startShift(t.database.db, s3);
    const late = await volunteer(t.database.db);
    expect(errorOf(await applyTo(late, s3))).toEqual([409, 'shift_started']);
    expect(errorOf(await applyTo(late, 999999))).toEqual([404, 'not_found']);

    const draft = await opportunity(t, coord, {}, false);
    expect(errorOf(await applyTo(late, draft.shifts[0] as number))).toEqual([404, 'not_found']);
    await call(t, coord, 'POST', `/api/platform/opportunities/${open.id}/close`, undefined, 200);
    expect(errorOf(await applyTo(late, open.shifts[0] as number))).toEqual([409, 'opportunity_not_open']);
  });

  it('a risk area’s training must be confirmed to apply; the locality is shown and searched', async () => {
    const opp = await opportunity(t, coord, {
      title: 'Поисково-спасательный выезд',
      area: 'umit',
      locality: 'Талгарский район',
      training: 'Курс первой помощи (8 часов)',
      shifts: [{ start: '2030-07-05T08:00:00+05:00', end: '2030-07-05T18:00:00+05:00', capacity: 4 }],
    });
    const page = (await call(t, null, 'GET', `/api/platform/opportunities/${opp.id}`, undefined, 200)).json();
    expect(page).toMatchObject({ locality: 'Талгарский район', training: 'Курс первой помощи (8 часов)' });
    const found = (
      await call(t, null, 'GET', '/api/platform/opportunities?q=талгарский', undefined, 200)
    ).json();
    expect(found.items.map((i: { id: number }) => i.id)).toContain(opp.id);
    const v = await volunteer(t.database.db);
    const refused = await applyTo(v, opp.shifts[0] as number);
    expect(errorOf(refused)).toEqual([409, 'training_confirmation_required']);
    expect(refused.json().details[0].training).toBe('Курс первой помощи (8 часов)');
    const ok = await call(
      t,
      v,
      'POST',
      `/api/platform/shifts/${opp.shifts[0]}/applications`,
      { trainingConfirmed: true },
      201,
    );
    expect(ok.json().status).toBe('pending');
  });

  it('stops a volunteer at the configured number of open applications', async () => {
    const before = process.env.PLATFORM_MAX_OPEN_APPLICATIONS;
    process.env.PLATFORM_MAX_OPEN_APPLICATIONS = '3';
    try {
      const opp = await opportunity(t, coord, {
        shifts: [1, 2, 3, 4].map((d) => ({
          start: `2030-08-0${d}T10:00:00+05:00`,
          end: `2030-08-0${d}T12:00:00+05:00`,
          capacity: 5,
        })),
      });
      const v = await volunteer(t.database.db);
      for (const s of opp.shifts.slice(0, 3)) await applyTo(v, s, 201);
      const res = await applyTo(v, opp.shifts[3] as number);
      expect(errorOf(res)).toEqual([429, 'too_many_open_applications']);
      expect(res.json().details[0].limit).toBe(3);
      expect(
        await t.database.db
          .selectFrom('application')
          .select('id')
          .where('volunteer_id', '=', v.userId)
          .execute(),
      ).toHaveLength(3);
    } finally {
      if (before === undefined) delete process.env.PLATFORM_MAX_OPEN_APPLICATIONS;
      else process.env.PLATFORM_MAX_OPEN_APPLICATIONS = before;
    }
  });

  it('cancelling an opportunity declines its open applications and tells each volunteer why', async () => {
    const opp = await opportunity(t, coord, {
      shifts: [{ start: '2030-09-01T10:00:00+05:00', end: '2030-09-01T14:00:00+05:00', capacity: 1 }],
    });
    const [v1, v2] = [await volunteer(t.database.db), await volunteer(t.database.db)];
    const a1 = (await applyTo(v1, opp.shifts[0] as number, 201)).json();
    const a2 = (await applyTo(v2, opp.shifts[0] as number, 201)).json();
    await call(
      t,
      coord,
      'POST',
      `/api/platform/opportunities/${opp.id}/cancel`,
      { reason: 'Storm warning' },
      200,
    );
    for (const [a, v] of [
      [a1, v1],
      [a2, v2],
    ] as const) {
      expect(await appRow(a.id)).toMatchObject({
        status: 'declined',
        reason: 'opportunity_cancelled',
        note: 'Storm warning',
      });
      const last = (await mailsTo(t.database.db, v.email)).at(-1);
      expect(last?.kind).toBe('application.opportunity_cancelled');
      expect(last?.body).toContain('Storm warning');
    }
  });

  it('suspending an organisation closes applications to its coming shifts and refuses new ones', async () => {
    const org = await organisation('KZ-75');
    const opp = await opportunity(t, org, {
      shifts: [{ start: '2030-09-02T10:00:00+05:00', end: '2030-09-02T14:00:00+05:00', capacity: 3 }],
    });
    const v = await volunteer(t.database.db);
    const a = (await applyTo(v, opp.shifts[0] as number, 201)).json();
    await call(
      t,
      admin,
      'POST',
      `/api/platform/organizations/${org.orgId}/suspend`,
      { reason: 'Complaints' },
      200,
    );
    expect(await appRow(a.id)).toMatchObject({ status: 'declined', reason: 'organization_suspended' });
    const again = await volunteer(t.database.db);
    expect(errorOf(await applyTo(again, opp.shifts[0] as number))).toEqual([
      409,
      'organization_not_verified',
    ]);
  });
});

describe('the volunteer’s data', () => {
  it('the export holds the applications with their trail; erasure withdraws the open ones and frees their places', async () => {
    const opp = await opportunity(t, coord, {
      shifts: [
        { start: '2030-10-05T10:00:00+05:00', end: '2030-10-05T14:00:00+05:00', capacity: 1 },
        { start: '2030-10-06T10:00:00+05:00', end: '2030-10-06T14:00:00+05:00', capacity: 5 },
      ],
    });
    const [v, next] = [await volunteer(t.database.db), await volunteer(t.database.db)];
    const mine = (await applyTo(v, opp.shifts[0] as number, 201)).json();
    const waiting = (await applyTo(next, opp.shifts[0] as number, 201)).json();
    expect(waiting.status).toBe('waitlisted');
    const done = (await applyTo(v, opp.shifts[1] as number, 201)).json();
    await call(t, coord, 'POST', `/api/platform/applications/${done.id}/accept`, undefined, 200);
    await startShift(t.database.db, opp.shifts[1] as number);
    await call(t, coord, 'POST', `/api/platform/applications/${done.id}/attendance`, { attended: true }, 200);

    const exported = (await call(t, v, 'GET', '/api/platform/volunteers/me/export', undefined, 200)).json();
    expect(exported.confirmedHours).toBe(4);
    expect(exported.applications.map((a: { id: number; status: string }) => [a.id, a.status]).sort()).toEqual(
      [
        [mine.id, 'pending'],
        [done.id, 'attended'],
      ].sort(),
    );
    expect(exported.applications[0].events.length).toBeGreaterThan(0);

    await call(t, v, 'DELETE', '/api/platform/volunteers/me', undefined, 204);
    expect(await appRow(mine.id)).toMatchObject({ status: 'withdrawn', note: 'account erased' });
    // The freed place is offered to the next on the waitlist; the confirmed participation stays, anonymous.
    expect((await appRow(waiting.id)).offer_expires_at).not.toBeNull();
    expect(await appRow(done.id)).toMatchObject({ status: 'attended', hours: 4, cohort: 'general' });
  });
});

describe('who may do what', () => {
  it('another volunteer, another organisation, a volunteer deciding: 403; nothing changes', async () => {
    const opp = await opportunity(t, coord, {
      shifts: [{ start: '2030-10-01T10:00:00+05:00', end: '2030-10-01T14:00:00+05:00', capacity: 3 }],
    });
    const [v, w] = [await volunteer(t.database.db), await volunteer(t.database.db)];
    const a = (await applyTo(v, opp.shifts[0] as number, 201)).json();
    expect(errorOf(await call(t, w, 'POST', `/api/platform/applications/${a.id}/withdraw`, {}))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, other, 'POST', `/api/platform/applications/${a.id}/accept`))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, v, 'POST', `/api/platform/applications/${a.id}/accept`))).toEqual([
      403,
      'forbidden',
    ]);
    expect(
      errorOf(await call(t, other, 'GET', `/api/platform/opportunities/${opp.id}/applications`)),
    ).toEqual([403, 'forbidden']);
    expect(
      errorOf(await call(t, coord, 'POST', `/api/platform/shifts/${opp.shifts[0]}/applications`)),
    ).toEqual([403, 'forbidden']);
    expect(
      errorOf(await call(t, null, 'POST', `/api/platform/shifts/${opp.shifts[0]}/applications`)),
    ).toEqual([401, 'unauthorized']);
    expect((await appRow(a.id)).status).toBe('pending');
    // The coordinator sees the applicant's name and age, no contact data.
    const list = (
      await call(t, coord, 'GET', `/api/platform/opportunities/${opp.id}/applications`, undefined, 200)
    ).json();
    expect(list.shifts[0]).toMatchObject({ capacity: 3, taken: 1, started: false });
    expect(list.items[0].volunteer).toMatchObject({ age: 35, guardianPending: false });
    expect(JSON.stringify(list)).not.toContain(v.email);
    expect(JSON.stringify(list)).not.toContain('1995-06-15');
  });
});
