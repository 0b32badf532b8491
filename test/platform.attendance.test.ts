// Attendance, hours and disputes (issue 11 item 5): from the shift's start the coordinator marks
// accepted volunteers attended (hours default to the shift's length, never more) or no-show, one by
// one or a whole shift at once (all or nothing); corrections and revocations need a reason and are
// audited; hours are never deleted; the volunteer sees them and disputes within 14 days; the front
// office of the region settles.
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
let rfo: SignedIn;
let otherRfo: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  coord = await organisation(t, admin);
});
afterAll(async () => t?.close());

const errorOf = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().error];
const appRow = (id: number) =>
  t.database.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

let day = 0;
/** A shift of 4 hours with `n` volunteers accepted; its id and the applications. */
async function acceptedShift(n: number, over: Record<string, unknown> = {}) {
  const d = String(++day).padStart(2, '0');
  const opp = await opportunity(t, coord, {
    shifts: [{ start: `2030-11-${d}T10:00:00+05:00`, end: `2030-11-${d}T14:00:00+05:00`, capacity: 50 }],
    ...over,
  });
  const shift = opp.shifts[0] as number;
  const people: { v: Volunteer; app: number }[] = [];
  for (let i = 0; i < n; i++) {
    const v = await volunteer(t.database.db);
    const { id } = (
      await call(t, v, 'POST', `/api/platform/shifts/${shift}/applications`, undefined, 201)
    ).json();
    await call(t, coord, 'POST', `/api/platform/applications/${id}/accept`, undefined, 200);
    people.push({ v, app: id });
  }
  return { opp: opp.id, shift, people };
}

describe('attendance', () => {
  it('opens at the shift’s start; attended with the shift’s length by default, never more; no-show', async () => {
    const { shift, people } = await acceptedShift(3);
    const [p1, p2, p3] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const early = await call(t, coord, 'POST', `/api/platform/applications/${p1.app}/attendance`, {
      attended: true,
    });
    expect(errorOf(early)).toEqual([409, 'shift_not_started']);
    await startShift(t.database.db, shift, 5, 4);
    const more = await call(t, coord, 'POST', `/api/platform/applications/${p1.app}/attendance`, {
      attended: true,
      hours: 4.5,
    });
    expect(errorOf(more)).toEqual([400, 'hours_beyond_shift']);
    expect(more.json().details[0].max).toBe(4);
    expect(
      errorOf(
        await call(t, coord, 'POST', `/api/platform/applications/${p1.app}/attendance`, {
          attended: true,
          hours: -1,
        }),
      ),
    ).toEqual([400, 'hours_invalid']);
    expect(
      (
        await call(
          t,
          coord,
          'POST',
          `/api/platform/applications/${p1.app}/attendance`,
          { attended: true },
          200,
        )
      ).json(),
    ).toEqual({ status: 'attended', hours: 4 });
    expect(
      (
        await call(
          t,
          coord,
          'POST',
          `/api/platform/applications/${p2.app}/attendance`,
          { attended: true, hours: 2.5 },
          200,
        )
      ).json(),
    ).toEqual({ status: 'attended', hours: 2.5 });
    expect(
      (
        await call(
          t,
          coord,
          'POST',
          `/api/platform/applications/${p3.app}/attendance`,
          { attended: false },
          200,
        )
      ).json(),
    ).toEqual({ status: 'no_show', hours: null });
    expect(
      errorOf(
        await call(t, coord, 'POST', `/api/platform/applications/${p1.app}/attendance`, { attended: true }),
      ),
    ).toEqual([409, 'attendance_recorded']);
    // The snapshot the statistics keep: cohort and age band at the shift.
    expect(await appRow(p1.app)).toMatchObject({
      cohort: 'general',
      age_band: '30_retirement',
      gender: 'female',
    });
    // The volunteer sees the confirmed hours and is told by e-mail.
    const mine = (
      await call(t, p2.v, 'GET', '/api/platform/volunteers/me/applications', undefined, 200)
    ).json();
    expect(mine.confirmedHours).toBe(2.5);
    expect(mine.items[0].disputeUntil).not.toBeNull();
    expect((await mailsTo(t.database.db, p2.v.email)).map((m) => m.kind)).toContain('application.hours');
  });

  it('refuses someone not accepted', async () => {
    const opp = await opportunity(t, coord, {
      shifts: [{ start: '2030-12-01T10:00:00+05:00', end: '2030-12-01T14:00:00+05:00', capacity: 5 }],
    });
    const v = await volunteer(t.database.db);
    const { id } = (
      await call(t, v, 'POST', `/api/platform/shifts/${opp.shifts[0]}/applications`, undefined, 201)
    ).json();
    await startShift(t.database.db, opp.shifts[0] as number);
    expect(
      errorOf(
        await call(t, coord, 'POST', `/api/platform/applications/${id}/attendance`, { attended: true }),
      ),
    ).toEqual([409, 'not_accepted']);
  });

  it('a shift in bulk: all or nothing', async () => {
    const { shift, people } = await acceptedShift(4);
    await startShift(t.database.db, shift, 3, 2);
    const bad = await call(t, coord, 'POST', `/api/platform/shifts/${shift}/attendance`, {
      entries: [
        { application: people[0]?.app, attended: true },
        { application: people[1]?.app, attended: true, hours: 3 },
        { application: 999999, attended: false },
      ],
    });
    expect(errorOf(bad)).toEqual([422, 'attendance_rejected']);
    expect(bad.json().details.map((d: { index: number; rule: string }) => [d.index, d.rule])).toEqual([
      [1, 'hours_beyond_shift'],
      [2, 'not_in_shift'],
    ]);
    expect((await appRow(people[0]?.app as number)).status).toBe('accepted');
    const ok = await call(
      t,
      coord,
      'POST',
      `/api/platform/shifts/${shift}/attendance`,
      {
        entries: people.map((p, i) => ({
          application: p.app,
          attended: i < 3,
          ...(i === 1 ? { hours: 1.25 } : {}),
        })),
      },
      200,
    );
    expect(ok.json()).toEqual({ recorded: 4, attended: 3, hours: 5.25 });
    expect((await appRow(people[3]?.app as number)).status).toBe('no_show');
  });

  it('corrections and revocations need a reason, are audited, and keep the hours', async () => {
    const { shift, people } = await acceptedShift(1);
    await startShift(t.database.db, shift);
    const app = people[0]?.app as number;
    await call(t, coord, 'POST', `/api/platform/applications/${app}/attendance`, { attended: false }, 200);
    expect(
      (
        await call(t, coord, 'POST', `/api/platform/applications/${app}/correction`, {
          attended: true,
          hours: 3,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(
          t,
          coord,
          'POST',
          `/api/platform/applications/${app}/correction`,
          {
            attended: true,
            hours: 3,
            reason: 'Came late, signed the sheet',
          },
          200,
        )
      ).json(),
    ).toEqual({ status: 'attended', hours: 3 });
    const revoked = await call(
      t,
      coord,
      'POST',
      `/api/platform/applications/${app}/revoke`,
      { reason: 'Signed for a friend' },
      200,
    );
    expect(revoked.json()).toEqual({ status: 'attended', hours: 3, revoked: true });
    expect(await appRow(app)).toMatchObject({ status: 'attended', hours: 3 });
    expect((await appRow(app)).revoked_at).not.toBeNull();
    expect(
      errorOf(await call(t, coord, 'POST', `/api/platform/applications/${app}/revoke`, { reason: 'again' })),
    ).toEqual([409, 'hours_revoked']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'note'])
      .where('entity', '=', 'application')
      .where('entity_id', '=', String(app))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'correct', note: 'Came late, signed the sheet' },
      { action: 'revoke', note: 'Signed for a friend' },
    ]);
    const mine = (
      await call(t, people[0]?.v as Volunteer, 'GET', '/api/platform/volunteers/me/applications')
    ).json();
    expect(mine.confirmedHours).toBe(0);
    expect(mine.items[0]).toMatchObject({ hours: 3, revoked: true });
  });
});

describe('disputes', () => {
  it('the volunteer disputes within 14 days; the region’s front office is told and settles; the hours follow', async () => {
    const { shift, people } = await acceptedShift(2);
    await startShift(t.database.db, shift, 6, 4);
    const [p1, p2] = people as [(typeof people)[0], (typeof people)[0]];
    await call(
      t,
      coord,
      'POST',
      `/api/platform/applications/${p1.app}/attendance`,
      { attended: true, hours: 2 },
      200,
    );
    await call(t, coord, 'POST', `/api/platform/applications/${p2.app}/attendance`, { attended: false }, 200);
    // Another volunteer's application: 403.
    expect(
      errorOf(
        await call(t, p2.v, 'POST', `/api/platform/applications/${p1.app}/dispute`, { text: 'not mine' }),
      ),
    ).toEqual([403, 'forbidden']);
    const d1 = (
      await call(
        t,
        p1.v,
        'POST',
        `/api/platform/applications/${p1.app}/dispute`,
        {
          text: 'I stayed the whole shift',
          claimedHours: 4,
        },
        201,
      )
    ).json();
    expect(
      errorOf(await call(t, p1.v, 'POST', `/api/platform/applications/${p1.app}/dispute`, { text: 'again' })),
    ).toEqual([409, 'dispute_open']);
    expect((await mailsTo(t.database.db, rfo.email)).map((m) => m.kind)).toContain('dispute.opened');
    const queue = (await call(t, rfo, 'GET', '/api/platform/disputes', undefined, 200)).json();
    expect(queue.items.find((d: { id: number }) => d.id === d1.id)).toMatchObject({
      hours: 2,
      claimedHours: 4,
      text: 'I stayed the whole shift',
    });
    // The front office of another region sees none of it and may not settle it.
    expect((await call(t, otherRfo, 'GET', '/api/platform/disputes', undefined, 200)).json().items).toEqual(
      [],
    );
    expect(
      errorOf(
        await call(t, otherRfo, 'POST', `/api/platform/disputes/${d1.id}/settle`, {
          decision: 'upheld',
          note: 'x',
        }),
      ),
    ).toEqual([403, 'forbidden']);
    expect(
      (
        await call(
          t,
          rfo,
          'POST',
          `/api/platform/disputes/${d1.id}/settle`,
          { decision: 'upheld', note: 'The sheet says 4' },
          200,
        )
      ).json(),
    ).toEqual({ status: 'upheld', hours: 4 });
    expect((await appRow(p1.app)).hours).toBe(4);
    expect(
      errorOf(
        await call(t, rfo, 'POST', `/api/platform/disputes/${d1.id}/settle`, {
          decision: 'rejected',
          note: 'x',
        }),
      ),
    ).toEqual([409, 'dispute_settled']);
    expect((await mailsTo(t.database.db, p1.v.email)).at(-1)?.kind).toBe('dispute.settled');

    // A no-show disputed: upheld needs the hours.
    const d2 = (
      await call(
        t,
        p2.v,
        'POST',
        `/api/platform/applications/${p2.app}/dispute`,
        { text: 'I was there' },
        201,
      )
    ).json();
    expect(
      errorOf(
        await call(t, rfo, 'POST', `/api/platform/disputes/${d2.id}/settle`, {
          decision: 'upheld',
          note: 'ok',
        }),
      ),
    ).toEqual([400, 'hours_required']);
    await call(
      t,
      rfo,
      'POST',
      `/api/platform/disputes/${d2.id}/settle`,
      { decision: 'upheld', hours: 3, note: 'ok' },
      200,
    );
    expect(await appRow(p2.app)).toMatchObject({ status: 'attended', hours: 3 });
  });

  it('closes 14 days after the hours were recorded', async () => {
    const { shift, people } = await acceptedShift(1);
    await startShift(t.database.db, shift);
    const app = people[0]?.app as number;
    await call(t, coord, 'POST', `/api/platform/applications/${app}/attendance`, { attended: true }, 200);
    await t.database.db
      .updateTable('application')
      .set({ attendance_at: new Date(Date.now() - 15 * 24 * 3600_000).toISOString() })
      .where('id', '=', app)
      .execute();
    const res = await call(
      t,
      people[0]?.v as Volunteer,
      'POST',
      `/api/platform/applications/${app}/dispute`,
      { text: 'late' },
    );
    expect(errorOf(res)).toEqual([409, 'dispute_window_closed']);
  });
});
