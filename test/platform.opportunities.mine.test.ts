// GET /api/platform/opportunities/mine (issue 11 item 7, the coordinator's page): the coordinator's
// organisation's opportunities in every status, newest first, with shifts in Kazakhstan time and the
// reason of a cancellation; never another organisation's; refused to anyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { SESSION_COOKIE } from '../src/modules/users/sessions.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { volunteer } from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let serial = 0;

async function call(headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

async function organisation(verified: boolean): Promise<{ id: number; headers: Record<string, string> }> {
  let bin: string | null = null;
  while (!bin) bin = withCheckDigit(`0902400${String(++serial).padStart(4, '0')}`);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/organizations',
    remoteAddress: `10.9.0.${serial}`,
    payload: {
      name: `Mine NPO ${serial}`,
      type: 'npo',
      bin,
      region: 'KZ-75',
      email: `mine-${serial}@example.kz`,
      password: 'a long enough passphrase 7',
      contactName: 'Coordinator',
      lang: 'en',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().organization.id as number;
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (verified)
    expect(
      (
        await call(admin.headers, 'POST', `/api/platform/organizations/${id}/verify`, {
          decision: 'verified',
        })
      ).statusCode,
    ).toBe(200);
  return { id, headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': res.json().csrfToken } };
}

async function create(headers: Record<string, string>, title: string): Promise<number> {
  const res = await call(headers, 'POST', '/api/platform/opportunities', {
    title,
    description: 'Text',
    area: 'bilim',
    region: 'KZ-75',
    format: 'offline',
    shifts: [{ start: '2030-05-31T21:00:00Z', end: '2030-06-01T01:00:00Z', capacity: 3 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => t?.close());

describe('the coordinator’s own opportunities', () => {
  it('lists every status, newest first, and nothing of another organisation', async () => {
    const a = await organisation(true);
    const b = await organisation(true);
    const draft = await create(a.headers, 'Draft one');
    const published = await create(a.headers, 'Published one');
    const cancelled = await create(a.headers, 'Cancelled one');
    await create(b.headers, 'Of another');
    expect(
      (await call(a.headers, 'POST', `/api/platform/opportunities/${published}/publish`)).statusCode,
    ).toBe(200);
    expect(
      (await call(a.headers, 'POST', `/api/platform/opportunities/${cancelled}/cancel`, { reason: 'Rain' }))
        .statusCode,
    ).toBe(200);
    const res = await call(a.headers, 'GET', '/api/platform/opportunities/mine');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      id: number;
      status: string;
      reason: string | null;
      publishedAt: string | null;
      shifts: { id: number; start: string; end: string; capacity: number; free: number }[];
    }[];
    expect(items.map((i) => [i.id, i.status])).toEqual([
      [cancelled, 'cancelled'],
      [published, 'published'],
      [draft, 'draft'],
    ]);
    expect(items[0]?.reason).toBe('Rain');
    expect(items[1]?.publishedAt).not.toBeNull();
    // A volunteer's application takes a place of the published one's shift.
    const shiftId = items[1]?.shifts[0]?.id as number;
    const v = await volunteer(t.database.db);
    const applied = await call(v.headers, 'POST', `/api/platform/shifts/${shiftId}/applications`, {});
    expect(applied.statusCode, applied.body).toBe(201);
    const after = (await call(a.headers, 'GET', '/api/platform/opportunities/mine')).json()
      .items as typeof items;
    expect(after[1]?.shifts[0]).toEqual(expect.objectContaining({ capacity: 3, free: 2 }));
    expect(items[2]?.shifts).toEqual([
      expect.objectContaining({
        start: '2030-06-01T02:00:00+05:00',
        end: '2030-06-01T06:00:00+05:00',
        capacity: 3,
      }),
    ]);
  });

  it('is refused to a visitor, a volunteer, staff and an unverified organisation’s coordinator', async () => {
    expect((await call({}, 'GET', '/api/platform/opportunities/mine')).statusCode).toBe(401);
    for (const role of ['volunteer', 'rfo', 'national_admin'] as const) {
      const who = await signIn(t, role);
      expect((await call(who.headers, 'GET', '/api/platform/opportunities/mine')).statusCode, role).toBe(403);
    }
    const pending = await organisation(false);
    const res = await call(pending.headers, 'GET', '/api/platform/opportunities/mine');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('organization_not_verified');
  });
});
