// The platform's e-mails not covered by the flows' own tests (issue 11 item 8): the front office of
// the region is told of an organisation waiting for verification; accepted volunteers are reminded
// the day before their shift, once, never at night.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindTomorrowShifts } from '../src/modules/applications/applications.jobs.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { call, mailsTo, opportunity, organisation, volunteer } from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
});
afterAll(async () => t?.close());

describe('the front office hears of organisations waiting', () => {
  it('a registration in its region is e-mailed to its RFO accounts only', async () => {
    await organisation(t, admin, { region: 'KZ-75', verified: false, name: 'Waiting <b>NPO</b>' });
    const mails = await mailsTo(t.database.db, rfo.email);
    expect(mails.map((m) => m.kind)).toEqual(['platform_org_waiting']);
    expect(mails[0]?.subject).toContain('Waiting <b>NPO</b>');
    expect(mails[0]?.body).toContain('/platform/organizations');
    expect(await mailsTo(t.database.db, otherRfo.email)).toEqual([]);
  });
});

describe('the day-before reminder', () => {
  it('reaches each accepted volunteer of tomorrow’s shifts once, from 08:00 in Kazakhstan', async () => {
    const coord = await organisation(t, admin);
    // "Now" is 10:00 in Kazakhstan on 2030-04-09; the shift starts at 09:00 on the 10th.
    const now = new Date('2030-04-09T05:00:00Z');
    const opp = await opportunity(t, coord, {
      shifts: [
        { start: '2030-04-10T09:00:00+05:00', end: '2030-04-10T12:00:00+05:00', capacity: 5 },
        { start: '2030-04-12T09:00:00+05:00', end: '2030-04-12T12:00:00+05:00', capacity: 5 },
      ],
    });
    const [v, w, x] = [
      await volunteer(t.database.db),
      await volunteer(t.database.db),
      await volunteer(t.database.db),
    ];
    const accept = async (who: typeof v, shift: number) => {
      const { id } = (
        await call(t, who, 'POST', `/api/platform/shifts/${shift}/applications`, undefined, 201)
      ).json();
      await call(t, coord, 'POST', `/api/platform/applications/${id}/accept`, undefined, 200);
    };
    await accept(v, opp.shifts[0] as number);
    await accept(w, opp.shifts[1] as number); // the day after tomorrow: not yet
    await call(t, x, 'POST', `/api/platform/shifts/${opp.shifts[0]}/applications`, undefined, 201); // pending only
    expect(await remindTomorrowShifts(t.database.db, new Date('2030-04-08T22:00:00Z'))).toBe(0); // 03:00 there
    expect(await remindTomorrowShifts(t.database.db, now)).toBe(1);
    expect(await remindTomorrowShifts(t.database.db, new Date(now.getTime() + 3600_000))).toBe(0);
    const kinds = (to: string) => mailsTo(t.database.db, to).then((ms) => ms.map((m) => m.kind));
    expect(await kinds(v.email)).toContain('application.reminder');
    expect(await kinds(w.email)).not.toContain('application.reminder');
    expect(await kinds(x.email)).not.toContain('application.reminder');
    const body = (await mailsTo(t.database.db, v.email)).at(-1)?.body ?? '';
    expect(body).toContain('10/04/2030 09:00');
  });
});
