// Correcting the registry (PATCH /api/organizations/:id): who may, the BIN check digit, versions,
// uniqueness, the audit, and what follows from the one registry (records, aggregates, coordinators).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let viewer: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  viewer = await signIn(t, 'viewer');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
});
afterAll(async () => t.close());

const validBin = withCheckDigit('04054000123') as string;
const otherBin = withCheckDigit('12034500678') as string;
const wrongBin = validBin.slice(0, 11) + String((Number(validBin[11]) + 1) % 10);

const req = (who: SignedIn | null, method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'POST',
    url,
    headers: who?.headers ?? {},
    ...(payload ? { payload } : {}),
  });

let counter = 0;
async function newOrg(over: Record<string, unknown> = {}) {
  const res = await req(admin, 'POST', '/api/organizations', {
    name: `Registry entry ${++counter}`,
    type: 'npo',
    region: 'KZ-75',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const patch = (who: SignedIn | null, id: number, body: object) =>
  req(who, 'PATCH', `/api/organizations/${id}`, body);

describe('editing an organisation', () => {
  it('the admin corrects name, type, BIN and region; each field audited with old and new value', async () => {
    const org = await newOrg();
    expect(org.version).toBe(1);
    const res = await patch(admin, org.id, {
      version: 1,
      name: '  «Corrected»   name ',
      type: 'initiative_group',
      bin: validBin,
      region: 'KZ-79',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: org.id,
      name: '«Corrected» name',
      type: 'initiative_group',
      bin: validBin,
      region: 'KZ-79',
      version: 2,
    });
    expect((await req(admin, 'GET', `/api/organizations/${org.id}`)).json()).toEqual(res.json());
    const trail = (await req(admin, 'GET', `/api/audit?entity=organization&entityId=${org.id}`)).json();
    expect(
      trail
        .filter((e: { action: string }) => e.action === 'update')
        .map((e: { field: string; oldValue: string; newValue: string; user: string }) => [
          e.field,
          e.oldValue,
          e.newValue,
          e.user,
        ]),
    ).toEqual([
      ['name', org.name, '«Corrected» name', admin.email],
      ['type', 'npo', 'initiative_group', admin.email],
      ['bin', null, validBin, admin.email],
      ['region', 'KZ-75', 'KZ-79', admin.email],
    ]);
    // a BIN can be cleared; nothing to change is no new version
    const cleared = await patch(admin, org.id, { version: 2, bin: null });
    expect(cleared.json()).toMatchObject({ bin: null, version: 3 });
    const same = await patch(admin, org.id, { version: 3, name: '«Corrected» name' });
    expect(same.json()).toMatchObject({ version: 3 });
  });

  it('checks the BIN (12 digits, check digit), the type and the region: 422 naming each problem', async () => {
    const org = await newOrg();
    const wrong = await patch(admin, org.id, { version: 1, bin: wrongBin });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().details).toEqual([
      expect.objectContaining({ column: 'bin', rule: 'bin_check_digit' }),
    ]);
    const short = await patch(admin, org.id, { version: 1, bin: '1234', type: 'club', region: 'KZ-99' });
    expect(short.statusCode).toBe(422);
    expect(
      short
        .json()
        .details.map((d: { rule: string }) => d.rule)
        .sort(),
    ).toEqual(['bin_format', 'code_list', 'region_exists']);
    expect((await patch(admin, org.id, { version: 1, name: '   ' })).statusCode).toBe(400);
    expect((await patch(admin, org.id, { name: 'No version' })).statusCode).toBe(400);
    expect((await req(admin, 'GET', `/api/organizations/${org.id}`)).json()).toMatchObject({
      version: 1,
      bin: null,
    });
    const spaced = await patch(admin, org.id, {
      version: 1,
      bin: `${otherBin.slice(0, 6)} ${otherBin.slice(6)}`,
    });
    expect(spaced.json()).toMatchObject({ bin: otherBin, version: 2 });
  });

  it('a stale version gets 409 with the current entry; a taken name 409 duplicate', async () => {
    const org = await newOrg();
    expect((await patch(rfo, org.id, { version: 1, name: 'First edit' })).statusCode).toBe(200);
    const stale = await patch(admin, org.id, { version: 1, name: 'Second edit' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'stale_version',
      message: expect.any(String),
      details: [{ current: { id: org.id, name: 'First edit', version: 2 } }],
    });
    const other = await newOrg();
    const taken = await patch(admin, other.id, { version: 1, name: ' first  EDIT ' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: 'duplicate', details: [{ id: org.id }] });
    // the same name is free for another type
    expect(
      (await patch(admin, other.id, { version: 1, name: 'First edit', type: 'company' })).statusCode,
    ).toBe(200);
  });

  it('two edits of the same version at once: one wins, the other gets 409', async () => {
    const org = await newOrg();
    const [x, y] = await Promise.all([
      patch(admin, org.id, { version: 1, name: 'Race A' }),
      patch(rfo, org.id, { version: 1, name: 'Race B' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
  });
});

describe('who may edit', () => {
  it('admin anywhere; RFO staff of its region but not to move it; other roles 403; anonymous 401', async () => {
    const org = await newOrg();
    let version = 1;
    const ok = async (who: SignedIn, body: object) => {
      const res = await patch(who, org.id, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    };
    await ok(rfo, { name: 'Renamed by the RFO' });
    for (const who of [otherRfo, analyst, viewer]) {
      expect((await patch(who, org.id, { version, name: 'Nope' })).statusCode).toBe(403);
    }
    expect((await patch(null, org.id, { version, name: 'Nope' })).statusCode).toBe(401);
    const move = await patch(rfo, org.id, { version, region: 'KZ-79' });
    expect(move.statusCode).toBe(403);
    expect(move.json()).toMatchObject({ error: 'forbidden', message: expect.any(String) });
    // another region's RFO may not even pull it into its own region
    expect((await patch(otherRfo, org.id, { version, region: 'KZ-79' })).statusCode).toBe(403);
    await ok(admin, { region: 'KZ-79' });
    // now it belongs to KZ-79
    expect((await patch(rfo, org.id, { version, name: 'Nope' })).statusCode).toBe(403);
    await ok(otherRfo, { name: 'Renamed in KZ-79' });
    expect((await patch(admin, 999999, { version: 1, name: 'x' })).statusCode).toBe(404);
  });

  it('its own coordinator edits it (not another one, and does not move it); the coordinator follows a move', async () => {
    const org = await newOrg();
    const other = await newOrg();
    const coordinator = await signIn(t, 'org_coordinator', { region: 'KZ-75', organizationId: org.id });
    const edited = await patch(coordinator, org.id, {
      version: 1,
      name: 'Named by its coordinator',
      bin: validBin,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await patch(coordinator, other.id, { version: 1, name: 'Not mine' })).statusCode).toBe(403);
    expect((await patch(coordinator, org.id, { version: 2, region: 'KZ-79' })).statusCode).toBe(403);
    expect((await patch(admin, org.id, { version: 2, region: 'KZ-79' })).statusCode).toBe(200);
    const me = (await req(coordinator, 'GET', '/api/auth/me')).json();
    expect(me.user).toMatchObject({ organizationId: org.id, region: 'KZ-79' });
    const trail = (await req(admin, 'GET', `/api/audit?entity=app_user&entityId=${me.user.id}`)).json();
    expect(trail).toEqual([
      expect.objectContaining({ field: 'region', oldValue: 'KZ-75', newValue: 'KZ-79' }),
    ]);
  });
});

describe('one registry', () => {
  it('records show the corrected name; a new type moves the aggregates by organisation type', async () => {
    const org = await newOrg({ name: 'Reporting NPO' });
    const created = await req(rfo, 'POST', '/api/activities', {
      region: 'KZ-75',
      period: '2023-05',
      organization: 'Reporting NPO',
      organization_type: 'npo',
      title: 'Spring clean-up',
      area: 'taza_alem',
      format: 'offline',
      kind: 'event',
      start_date: '2023-05-06',
      end_date: '2023-05-06',
      volunteers: 30,
      hours: 90,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().organization_id).toBe(org.id);
    const byType = async () =>
      (
        await t.database.db
          .selectFrom('agg_activity')
          .select(['org_type', 'volunteers'])
          .where('region', '=', 'KZ-75')
          .where('period', '=', '2023-05')
          .execute()
      ).map((r) => [r.org_type, Number(r.volunteers)]);
    expect(await byType()).toEqual([['npo', 30]]);
    // even after the month was submitted: the registry is a fact, the statistics follow it
    await req(rfo, 'POST', '/api/submissions/KZ-75/2023-05/submit', { version: 1 });
    const res = await patch(admin, org.id, { version: 1, type: 'initiative_group', name: 'Reporting group' });
    expect(res.statusCode).toBe(200);
    expect(await byType()).toEqual([['initiative_group', 30]]);
    const rec = (await req(rfo, 'GET', `/api/activities/${created.json().id}`)).json();
    expect(rec).toMatchObject({ organization: 'Reporting group', organization_type: 'initiative_group' });
  });
});
