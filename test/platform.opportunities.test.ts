// Opportunities of the volunteer platform (issue 11 item 3): a verified organisation's coordinator
// creates one with shifts as a draft, publishes, closes or cancels it (transitions enforced and
// audited); an unverified organisation's coordinator and another organisation's are refused; the
// public search filters and pages, and hides drafts and a suspended organisation's opportunities;
// bad input is refused with its code and markup is stored verbatim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { SESSION_COOKIE } from '../src/modules/users/sessions.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let serial = 0;
let client = 0;
const nextAddress = () => `10.7.${Math.floor(++client / 250)}.${(client % 250) + 1}`;
function newBin(): string {
  for (;;) {
    const b = withCheckDigit(`0801500${String(++serial).padStart(4, '0')}`);
    if (b) return b;
  }
}

interface Coordinator {
  orgId: number;
  headers: Record<string, string>;
}

/** A platform organisation of the region with its coordinator signed in; verified unless told. */
async function organisation(
  region = 'KZ-75',
  verified = true,
  name = `Opp NPO ${serial + 1}`,
): Promise<Coordinator> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/organizations',
    remoteAddress: nextAddress(),
    payload: {
      name,
      type: 'npo',
      bin: newBin(),
      region,
      email: `opp-coord-${serial}@example.kz`,
      password: 'a long enough passphrase 7',
      contactName: 'Coordinator',
      lang: 'en',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  const orgId = res.json().organization.id as number;
  if (verified)
    await as(admin, 'POST', `/api/platform/organizations/${orgId}/verify`, { decision: 'verified' }, 200);
  return { orgId, headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': res.json().csrfToken } };
}

async function as(
  who: { headers: Record<string, string> } | null,
  method: 'GET' | 'POST',
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

const opportunity = (over: Record<string, unknown> = {}) => ({
  title: 'Park clean-up',
  description: 'Bring gloves',
  area: 'bilim',
  region: 'KZ-75',
  format: 'offline',
  shifts: [{ start: '2030-05-01T10:00:00+05:00', end: '2030-05-01T14:00:00+05:00', capacity: 20 }],
  ...over,
});

async function created(c: Coordinator, over: Record<string, unknown> = {}, publish = true): Promise<number> {
  const res = await as(c, 'POST', '/api/platform/opportunities', opportunity(over), 201);
  const id = res.json().id as number;
  if (publish) await as(c, 'POST', `/api/platform/opportunities/${id}/publish`, undefined, 200);
  return id;
}

const searchFor = async (query: string) => {
  const res = await as(null, 'GET', `/api/platform/opportunities?${query}`, undefined, 200);
  return res.json() as { items: { id: number; title: string; shifts: { free: number }[] }[]; total: number };
};

let coord: Coordinator;
let other: Coordinator;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  coord = await organisation('KZ-75');
  other = await organisation('KZ-79');
});
afterAll(async () => t?.close());

describe('an opportunity’s life', () => {
  it('is created as a draft with its shifts, published, closed; each step audited', async () => {
    const res = await as(
      coord,
      'POST',
      '/api/platform/opportunities',
      opportunity({
        minAge: 16,
        probono: true,
        skills: ['first aid', 'first aid'],
        shifts: [
          { start: '2030-05-01T10:00:00+05:00', end: '2030-05-01T14:00:00+05:00', capacity: 20 },
          { start: '2030-05-02T05:00:00Z', end: '2030-05-02T09:00:00Z', capacity: 5 },
        ],
      }),
      201,
    );
    const body = res.json();
    expect(body).toMatchObject({
      status: 'draft',
      shifts: [{ id: expect.any(Number) }, { id: expect.any(Number) }],
    });
    const id = body.id as number;

    // A draft is not public, but its coordinator reads it.
    await as(null, 'GET', `/api/platform/opportunities/${id}`, undefined, 404);
    await as(other, 'GET', `/api/platform/opportunities/${id}`, undefined, 404);
    const draft = (await as(coord, 'GET', `/api/platform/opportunities/${id}`, undefined, 200)).json();
    expect(draft).toMatchObject({
      status: 'draft',
      minAge: 16,
      probono: true,
      skills: ['first aid'],
      organization: { id: coord.orgId },
      shifts: [
        { start: '2030-05-01T10:00:00+05:00', end: '2030-05-01T14:00:00+05:00', capacity: 20, free: 20 },
        { start: '2030-05-02T10:00:00+05:00', end: '2030-05-02T14:00:00+05:00', capacity: 5, free: 5 },
      ],
    });

    expect(
      (await as(coord, 'POST', `/api/platform/opportunities/${id}/publish`, undefined, 200)).json(),
    ).toEqual({
      status: 'published',
    });
    await as(null, 'GET', `/api/platform/opportunities/${id}`, undefined, 200);
    // Published twice, or closed twice: 409 opportunity_status_transition.
    const again = await as(coord, 'POST', `/api/platform/opportunities/${id}/publish`, undefined, 409);
    expect(again.json().error).toBe('opportunity_status_transition');
    expect(
      (await as(coord, 'POST', `/api/platform/opportunities/${id}/close`, undefined, 200)).json(),
    ).toEqual({
      status: 'closed',
    });
    await as(coord, 'POST', `/api/platform/opportunities/${id}/close`, undefined, 409);
    await as(coord, 'POST', `/api/platform/opportunities/${id}/cancel`, { reason: 'late' }, 409);
    await as(null, 'GET', `/api/platform/opportunities/${id}`, undefined, 404);

    const trail = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'old_value', 'new_value'])
      .where('entity', '=', 'opportunity')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(trail.map((a) => [a.action, a.old_value, a.action === 'status' ? a.new_value : null])).toEqual([
      ['create', null, null],
      ['status', 'draft', 'published'],
      ['status', 'published', 'closed'],
    ]);
  });

  it('is cancelled with a reason only, from draft or published', async () => {
    const id = await created(coord);
    const none = await as(coord, 'POST', `/api/platform/opportunities/${id}/cancel`, { reason: '  ' }, 400);
    expect(none.json().error).toBe('reason_required');
    expect(
      (
        await as(coord, 'POST', `/api/platform/opportunities/${id}/cancel`, { reason: 'Storm warning' }, 200)
      ).json(),
    ).toEqual({ status: 'cancelled' });
    await as(coord, 'POST', `/api/platform/opportunities/${id}/publish`, undefined, 409);
    const mine = (await as(coord, 'GET', `/api/platform/opportunities/${id}`, undefined, 200)).json();
    expect(mine).toMatchObject({ status: 'cancelled', reason: 'Storm warning' });
    const draft = await created(coord, {}, false);
    await as(coord, 'POST', `/api/platform/opportunities/${draft}/cancel`, { reason: 'Not needed' }, 200);
    await as(coord, 'POST', `/api/platform/opportunities/${draft}/close`, undefined, 409);
  });

  it('is refused to a coordinator whose organisation is not verified, and to another organisation’s', async () => {
    const pending = await organisation('KZ-75', false);
    const res = await as(pending, 'POST', '/api/platform/opportunities', opportunity(), 403);
    expect(res.json()).toMatchObject({
      error: 'organization_not_verified',
      details: [{ status: 'pending' }],
    });

    // A coordinator of a registry entry that is not on the platform: 409.
    const { id: entry } = (
      await as(
        admin,
        'POST',
        '/api/organizations',
        { name: 'Registry only NPO', type: 'npo', region: 'KZ-75' },
        201,
      )
    ).json();
    const legacy = await signIn(t, 'org_coordinator', { region: 'KZ-75', organizationId: entry });
    const refused = await as(legacy, 'POST', '/api/platform/opportunities', opportunity(), 409);
    expect(refused.json().error).toBe('organization_not_on_platform');

    const id = await created(coord, {}, false);
    for (const action of ['publish', 'close'])
      expect(
        (await as(other, 'POST', `/api/platform/opportunities/${id}/${action}`, undefined, 403)).statusCode,
      ).toBe(403);
    await as(other, 'POST', `/api/platform/opportunities/${id}/cancel`, { reason: 'x' }, 403);
    // Not even a bad body tells the foreign caller more than 403.
    await as(other, 'POST', `/api/platform/opportunities/${id}/cancel`, { nonsense: 1 }, 403);
    await as(admin, 'POST', `/api/platform/opportunities/${id}/publish`, undefined, 403);
    await as(admin, 'POST', '/api/platform/opportunities', opportunity(), 403);
    await as(null, 'POST', '/api/platform/opportunities', opportunity(), 401);
    await as(coord, 'POST', '/api/platform/opportunities/999999/publish', undefined, 404);
  });

  it('is refused with bad input, and keeps markup verbatim', async () => {
    const bad = async (over: Record<string, unknown>, code: string, status = 400) => {
      const res = await as(coord, 'POST', '/api/platform/opportunities', opportunity(over), status);
      if (code) expect(res.json().error, res.body).toBe(code);
    };
    await bad(
      { shifts: [{ start: '2030-05-01T14:00:00+05:00', end: '2030-05-01T10:00:00+05:00', capacity: 3 }] },
      'shift_end_before_start',
    );
    await bad(
      { shifts: [{ start: '2030-05-01T10:00:00+05:00', end: '2030-05-01T10:00:00+05:00', capacity: 3 }] },
      'shift_end_before_start',
    );
    await bad(
      { shifts: [{ start: '2030-05-01T10:00:00+05:00', end: '2030-05-01T11:00:00+05:00', capacity: 0 }] },
      'shift_capacity',
    );
    await bad(
      { shifts: [{ start: '2030-05-01T10:00:00+05:00', end: '2030-05-01T11:00:00+05:00', capacity: 10001 }] },
      'shift_capacity',
    );
    await bad({ shifts: [] }, 'shifts_required');
    // A day that does not exist is not taken.
    await bad(
      { shifts: [{ start: '2030-02-30T10:00:00+05:00', end: '2030-03-01T11:00:00+05:00', capacity: 3 }] },
      '',
    );
    // A time without its offset is not taken.
    await bad({ shifts: [{ start: '2030-05-01T10:00:00', end: '2030-05-01T11:00:00', capacity: 3 }] }, '');
    const many = Array.from({ length: 101 }, () => ({
      start: '2030-05-01T10:00:00+05:00',
      end: '2030-05-01T11:00:00+05:00',
      capacity: 1,
    }));
    await bad({ shifts: many }, '');
    await bad({ area: 'no_such_area' }, 'unknown_area');
    await bad({ format: 'telepathy' }, 'unknown_format');
    await bad({ region: 'KZ-999' }, 'unknown_region');
    await bad({ minAge: 12 }, 'min_age_below_platform');
    await bad({ title: 'x'.repeat(301) }, '');
    await bad({ title: '   ' }, '');
    const count = await t.database.db
      .selectFrom('opportunity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', coord.orgId)
      .executeTakeFirstOrThrow();

    const markup = '<script>alert(1)</script> & "quotes"';
    const id = await created(coord, { title: markup, description: `<b>${markup}</b>` });
    const read = (await as(null, 'GET', `/api/platform/opportunities/${id}`, undefined, 200)).json();
    expect(read.title).toBe(markup);
    expect(read.description).toBe(`<b>${markup}</b>`);
    // Nothing half-written by the refusals.
    const after = await t.database.db
      .selectFrom('opportunity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', coord.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(count.n) + 1);
  });
});

describe('the public search', () => {
  let a: Coordinator;
  let b: Coordinator;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    a = await organisation('KZ-71', true, 'Search NPO Alpha');
    b = await organisation('KZ-71', true, 'Search NPO Beta');
    ids.early = await created(a, {
      title: 'Zqx reading club',
      region: 'KZ-71',
      area: 'bilim',
      format: 'online',
      shifts: [{ start: '2099-01-10T10:00:00+05:00', end: '2099-01-10T12:00:00+05:00', capacity: 7 }],
    });
    ids.late = await created(a, {
      title: 'Zqx tree planting',
      region: 'KZ-71',
      area: 'umit',
      minAge: 18,
      shifts: [
        // 20:00 UTC on the 31st is the 1st of February in Kazakhstan.
        { start: '2099-01-31T20:00:00Z', end: '2099-01-31T22:00:00Z', capacity: 3 },
      ],
    });
    ids.beta = await created(b, {
      title: 'Zqx 100%_ care',
      region: 'KZ-71',
      area: 'umit',
      shifts: [{ start: '2099-03-01T10:00:00+05:00', end: '2099-03-01T12:00:00+05:00', capacity: 4 }],
    });
    ids.draft = await created(a, { title: 'Zqx draft', region: 'KZ-71' }, false);
    ids.past = await created(b, {
      title: 'Zqx Уборка ПАРКА «Ёлочка»',
      region: 'KZ-71',
      shifts: [{ start: '2020-03-01T10:00:00+05:00', end: '2020-03-01T12:00:00+05:00', capacity: 4 }],
    });
  });

  const titles = async (query: string) => (await searchFor(`region=KZ-71&${query}`)).items.map((i) => i.id);

  it('lists published opportunities of the region with their shifts, soonest first', async () => {
    const res = await searchFor('region=KZ-71');
    expect(res.total).toBe(3);
    expect(res.items.map((i) => i.id)).toEqual([ids.early, ids.late, ids.beta]);
    expect(res.items[0]).toMatchObject({
      title: 'Zqx reading club',
      organization: { id: a.orgId, name: 'Search NPO Alpha' },
      area: 'bilim',
      region: 'KZ-71',
      format: 'online',
      shifts: [
        { start: '2099-01-10T10:00:00+05:00', end: '2099-01-10T12:00:00+05:00', capacity: 7, free: 7 },
      ],
    });
  });

  it('filters by area, format, dates (Kazakhstan days), age and text; pages', async () => {
    expect(await titles('area=umit')).toEqual([ids.late, ids.beta]);
    expect(await titles('format=online')).toEqual([ids.early]);
    expect(await titles('from=2099-02-01&to=2099-02-01')).toEqual([ids.late]);
    expect(await titles('to=2099-01-31')).toEqual([ids.early]);
    expect(await titles('from=2099-02-02')).toEqual([ids.beta]);
    expect(await titles('age=16')).toEqual([ids.early, ids.beta]);
    expect(await titles('q=TREE')).toEqual([ids.late]);
    expect(await titles('q=beta')).toEqual([ids.beta]);
    expect(await titles('q=100%25_')).toEqual([ids.beta]);
    expect(await titles('q=%25')).toEqual([ids.beta]);
    const page = await searchFor('region=KZ-71&limit=2&offset=1');
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.id)).toEqual([ids.late, ids.beta]);
    // What has ended is shown when asked for; text in Cyrillic, whatever its case (ё as е).
    expect(await titles('from=2020-01-01&to=2020-12-31')).toEqual([ids.past]);
    expect(await titles('from=2020-01-01&q=%D0%BF%D0%B0%D1%80%D0%BA')).toEqual([ids.past]);
    expect(await titles('from=2020-01-01&q=%D0%B5%D0%BB%D0%BE%D1%87%D0%BA%D0%B0')).toEqual([ids.past]);
    expect(await titles('q=%D0%BF%D0%B0%D1%80%D0%BA')).toEqual([]);
    await as(null, 'GET', '/api/platform/opportunities?limit=0', undefined, 400);
    await as(null, 'GET', '/api/platform/opportunities?from=yesterday', undefined, 400);
    await as(null, 'GET', '/api/platform/opportunities?to=2099-02-30', undefined, 400);
  });

  it('hides a suspended organisation’s opportunities, and shows them again once verified', async () => {
    await as(admin, 'POST', `/api/platform/organizations/${b.orgId}/suspend`, { reason: 'Checks' }, 200);
    expect(await titles('')).toEqual([ids.early, ids.late]);
    await as(null, 'GET', `/api/platform/opportunities/${ids.beta}`, undefined, 404);
    // The suspended coordinator may not create or publish meanwhile.
    const res = await as(b, 'POST', '/api/platform/opportunities', opportunity({ region: 'KZ-71' }), 403);
    expect(res.json()).toMatchObject({
      error: 'organization_not_verified',
      details: [{ status: 'suspended' }],
    });
    await as(admin, 'POST', `/api/platform/organizations/${b.orgId}/verify`, { decision: 'verified' }, 200);
    expect(await titles('')).toEqual([ids.early, ids.late, ids.beta]);
  });
});
