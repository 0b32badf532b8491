// Confirmed hours on the platform for the tests of the link to the statistics: a verified
// organisation's published opportunity with shifts (through the API), volunteers and their
// attended applications (written straight into the database, as the attendance API would leave
// them), and the platform's records refreshed as that API does, in a transaction.
import { withCheckDigit } from '../../src/domain/ids.ts';
import { kzMonth } from '../../src/domain/platform-cohort.ts';
import { refreshPlatformRecords } from '../../src/modules/platform-stats/platform-stats.service.ts';
import { SESSION_COOKIE } from '../../src/modules/users/sessions.ts';
import type { SignedIn, TestApp } from './app.ts';

let serial = 0;
let client = 0;
const nextAddress = () => `10.9.${Math.floor(++client / 250)}.${(client % 250) + 1}`;
function newBin(): string {
  for (;;) {
    const b = withCheckDigit(`0801500${String(5000 + ++serial).padStart(4, '0')}`);
    if (b) return b;
  }
}

export interface Coordinator {
  orgId: number;
  name: string;
  headers: Record<string, string>;
}

/** A platform organisation of the region (verified by the admin) with its coordinator signed in. */
export async function platformOrganisation(
  t: TestApp,
  admin: SignedIn,
  region = 'KZ-75',
  name = `Stats NPO ${serial + 1}`,
  type = 'npo',
): Promise<Coordinator> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/organizations',
    remoteAddress: nextAddress(),
    payload: {
      name,
      type,
      ...(type === 'npo' || type === 'company' ? { bin: newBin() } : {}),
      region,
      email: `stats-coord-${serial}-${client}@example.kz`,
      password: 'a long enough passphrase 7',
      contactName: 'Coordinator',
      lang: 'en',
    },
  });
  if (res.statusCode !== 201) throw new Error(`organisation: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  const orgId = res.json().organization.id as number;
  const v = await t.app.inject({
    method: 'POST',
    url: `/api/platform/organizations/${orgId}/verify`,
    headers: admin.headers,
    payload: { decision: 'verified' },
  });
  if (v.statusCode !== 200) throw new Error(`verify: ${v.statusCode} ${v.body}`);
  return {
    orgId,
    name,
    headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': res.json().csrfToken },
  };
}

export interface Shift {
  id: number;
  start: string;
  end: string;
}

/** A published opportunity of the coordinator's organisation with these shifts (UTC ISO instants). */
export async function publishedOpportunity(
  t: TestApp,
  c: Coordinator,
  shifts: { start: string; end: string; capacity?: number }[],
  over: Record<string, unknown> = {},
): Promise<{ id: number; shifts: Shift[] }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/opportunities',
    headers: c.headers,
    payload: {
      title: 'Park clean-up',
      description: 'Bring gloves',
      area: 'bilim',
      region: 'KZ-75',
      format: 'offline',
      shifts: shifts.map((s) => ({ capacity: 20, ...s })),
      ...over,
    },
  });
  if (res.statusCode !== 201) throw new Error(`opportunity: ${res.statusCode} ${res.body}`);
  const id = res.json().id as number;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/platform/opportunities/${id}/publish`,
    headers: c.headers,
  });
  if (p.statusCode !== 200) throw new Error(`publish: ${p.statusCode} ${p.body}`);
  const ids = (res.json().shifts as { id: number }[]).map((s) => s.id);
  return { id, shifts: shifts.map((s, i) => ({ id: ids[i] as number, start: s.start, end: s.end })) };
}

let volunteers = 0;
/** A volunteer account (its profile is not needed: the application carries the snapshots). */
export async function volunteer(t: TestApp): Promise<number> {
  const r = await t.database.db
    .insertInto('app_user')
    .values({
      email: `stats-volunteer-${++volunteers}-${Date.now()}@example.kz`,
      password_hash: 'x',
      role: 'volunteer',
      region: 'KZ-75',
      organization_id: null,
      display_name: null,
      disabled: 0,
      is_demo: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export interface Attended {
  hours: number;
  cohort?: string;
  gender?: string;
  ageBand?: string;
  employment?: string;
  status?: 'attended' | 'accepted' | 'pending' | 'no_show' | 'waitlisted' | 'declined' | 'withdrawn';
}

/** An application of the volunteer to the shift, attended with these hours and snapshots; its id. */
export async function attend(
  t: TestApp,
  opportunityId: number,
  shift: Shift,
  volunteerId: number,
  a: Attended,
): Promise<number> {
  const now = new Date().toISOString();
  const status = a.status ?? 'attended';
  const r = await t.database.db
    .insertInto('application')
    .values({
      shift_id: shift.id,
      opportunity_id: opportunityId,
      volunteer_id: volunteerId,
      status,
      reason: null,
      note: null,
      offer_expires_at: null,
      hours: status === 'attended' ? a.hours : null,
      attendance_at: status === 'attended' ? now : null,
      revoked_at: null,
      cohort: a.cohort ?? 'general',
      gender: a.gender ?? 'female',
      age_band: a.ageBand ?? '18_29',
      employment: a.employment ?? 'student',
      created_at: now,
      updated_at: now,
      answered_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** What the attendance API does after a change of hours: the months of these shifts refreshed. */
export async function refresh(
  t: TestApp,
  opportunityId: number,
  shifts: Shift[],
  userId: number | null = null,
) {
  await t.database.db.transaction().execute((trx) =>
    refreshPlatformRecords(trx, opportunityId, [...new Set(shifts.map((s) => kzMonth(s.start)))], {
      userId,
      now: new Date().toISOString(),
    }),
  );
}
