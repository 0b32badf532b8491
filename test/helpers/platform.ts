// The platform's actors for tests: a verified (or not) organisation with its coordinator signed in,
// volunteers made straight in the database (an account, a profile and a session: registration has
// its own tests), opportunities created and published through the API, and the calls between them.
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { withCheckDigit } from '../../src/domain/ids.ts';
import { CONSENT_VERSION } from '../../src/domain/volunteer-account.ts';
import { createSession, SESSION_COOKIE } from '../../src/modules/users/sessions.ts';
import type { SignedIn, TestApp } from './app.ts';

export interface Caller {
  headers: Record<string, string>;
}
export interface Coordinator extends Caller {
  orgId: number;
  userId: number;
}
export interface Volunteer extends Caller {
  userId: number;
  email: string;
}

let serial = 0;
let client = 0;
const nextAddress = () => `10.9.${Math.floor(++client / 250)}.${(client % 250) + 1}`;
function newBin(): string {
  for (;;) {
    const b = withCheckDigit(`0901600${String(++serial).padStart(4, '0')}`);
    if (b) return b;
  }
}

/** An HTTP call through app.inject; checks the status when one is expected. */
export async function call(
  t: TestApp,
  who: Caller | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  expected?: number,
) {
  const res = await t.app.inject({
    method,
    url,
    headers: who?.headers ?? {},
    ...(payload ? { payload } : {}),
  });
  if (expected !== undefined) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
  return res;
}

/** A platform organisation with its coordinator signed in; verified by `admin` unless told. */
export async function organisation(
  t: TestApp,
  admin: SignedIn,
  opts: { region?: string; verified?: boolean; type?: string; name?: string } = {},
): Promise<Coordinator> {
  const n = ++serial;
  const type = opts.type ?? 'npo';
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/organizations',
    remoteAddress: nextAddress(),
    payload: {
      name: opts.name ?? `Platform NPO ${n}`,
      type,
      ...(type === 'npo' || type === 'company' ? { bin: newBin() } : {}),
      region: opts.region ?? 'KZ-75',
      email: `coord-${n}-${Date.now()}@example.kz`,
      password: 'a long enough passphrase 7',
      contactName: 'Coordinator',
      lang: 'en',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  const orgId = res.json().organization.id as number;
  if (opts.verified ?? true)
    await call(
      t,
      admin,
      'POST',
      `/api/platform/organizations/${orgId}/verify`,
      { decision: 'verified' },
      200,
    );
  const user = await t.database.db
    .selectFrom('platform_org')
    .select('coordinator_id')
    .where('organization_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return {
    orgId,
    userId: Number(user.coordinator_id),
    headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': res.json().csrfToken },
  };
}

/** A volunteer made in the database: account, profile (adult, consent given) and a session. */
export async function volunteer(
  db: Kysely<DB>,
  over: Partial<{
    birth_date: string;
    gender: string;
    guardian_status: string;
    disability: number;
    resident: number;
    employment: string;
    name: string;
    region: string;
  }> = {},
): Promise<Volunteer> {
  const n = ++serial;
  const email = `vol-${n}-${Math.random().toString(36).slice(2, 8)}@test.kz`;
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('app_user')
    .values({
      email,
      password_hash: 'x',
      role: 'volunteer',
      region: null,
      organization_id: null,
      display_name: null,
      disabled: 0,
      is_demo: 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('volunteer_profile')
    .values({
      user_id: id,
      name: over.name ?? `Volunteer ${n}`,
      birth_date: over.birth_date ?? '1995-06-15',
      gender: over.gender ?? 'female',
      region: over.region ?? 'KZ-75',
      employment: over.employment ?? 'employed',
      resident: over.resident ?? 1,
      disability: over.disability ?? 0,
      skills: '[]',
      languages: '["kk","ru"]',
      iin_hash: null,
      iin_last4: null,
      consent_version: CONSENT_VERSION,
      consent_at: now,
      email_confirmed_at: now,
      confirm_reminded_at: null,
      guardian_name: null,
      guardian_email: null,
      guardian_status: over.guardian_status ?? 'not_required',
      guardian_confirmed_at: null,
      lang: 'en',
      created_at: now,
      erased_at: null,
    })
    .execute();
  const s = await createSession(db, id);
  return {
    userId: id,
    email,
    headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken },
  };
}

export const opportunityBody = (over: Record<string, unknown> = {}) => ({
  title: 'Park clean-up',
  description: 'Bring gloves',
  area: 'taza_alem',
  region: 'KZ-75',
  format: 'offline',
  shifts: [{ start: '2030-05-01T10:00:00+05:00', end: '2030-05-01T14:00:00+05:00', capacity: 20 }],
  ...over,
});

/** An opportunity created (and published unless told) by the coordinator: its id and shift ids. */
export async function opportunity(
  t: TestApp,
  c: Coordinator,
  over: Record<string, unknown> = {},
  publish = true,
): Promise<{ id: number; shifts: number[] }> {
  const res = await call(t, c, 'POST', '/api/platform/opportunities', opportunityBody(over), 201);
  const id = res.json().id as number;
  if (publish) await call(t, c, 'POST', `/api/platform/opportunities/${id}/publish`, undefined, 200);
  return { id, shifts: (res.json().shifts as { id: number }[]).map((s) => s.id) };
}

/** Moves a shift to the past (it started `hoursAgo` hours ago and lasts `length` hours): attendance opens. */
export async function startShift(db: Kysely<DB>, shiftId: number, hoursAgo = 5, length = 4) {
  const start = new Date(Date.now() - hoursAgo * 3600_000);
  await db
    .updateTable('opportunity_shift')
    .set({
      start_at: start.toISOString(),
      end_at: new Date(start.getTime() + length * 3600_000).toISOString(),
    })
    .where('id', '=', shiftId)
    .execute();
}

/** The messages queued to an address, oldest first. */
export const mailsTo = (db: Kysely<DB>, to: string) =>
  db
    .selectFrom('outbox')
    .select(['kind', 'subject', 'body', 'lang'])
    .where('recipient', '=', to)
    .orderBy('id')
    .execute();
