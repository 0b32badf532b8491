// Organisations on the volunteer platform (issue 11 item 1): registering with a coordinator signed
// in, the BIN as the key (a known BIN joins its registry entry: a claim), the front office's queue
// and decisions (verify, reject with a reason, suspend with a reason, verify again), their scope,
// audit and e-mails, markup kept verbatim, and the limit on registrations per client address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { DEFAULT_REGISTRATION_LIMIT } from '../src/modules/platform-organizations/platform-organizations.service.ts';
import { SESSION_COOKIE } from '../src/modules/users/sessions.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
});
afterAll(async () => t?.close());

let serial = 0;
/** A valid BIN of a legal entity, new at every call. */
function newBin(): string {
  for (;;) {
    const b = withCheckDigit(`0801400${String(++serial).padStart(4, '0')}`);
    if (b) return b;
  }
}
let client = 0;
/** Each registration from an address of its own, but for the test of the limit. */
const nextAddress = () => `10.1.${Math.floor(++client / 250)}.${(client % 250) + 1}`;

const body = (over: Record<string, unknown> = {}) => ({
  name: `Жас Қанат ${++serial}`,
  type: 'npo',
  bin: newBin(),
  region: 'KZ-75',
  email: `coord-${serial}-${Date.now()}@example.kz`,
  password: 'a long enough passphrase 7',
  contactName: 'Айгүл Серікқызы',
  lang: 'kk',
  ...over,
});

const register = (payload: object, remoteAddress = nextAddress(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/platform/organizations', payload, remoteAddress, headers });

const as = (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

/** Registers and answers the organisation's id and the coordinator's headers. */
async function registered(over: Record<string, unknown> = {}) {
  const res = await register(body(over));
  expect(res.statusCode, res.body).toBe(201);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  return {
    id: res.json().organization.id as number,
    answer: res.json(),
    headers: { cookie: `${SESSION_COOKIE}=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string },
  };
}

const audit = (id: number) =>
  t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', 'platform_org')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute();
const mails = (to: string) =>
  t.database.db.selectFrom('outbox').selectAll().where('recipient', '=', to).orderBy('id').execute();
const account = (email: string) =>
  t.database.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

describe('registering an organisation', () => {
  it('creates the organisation pending and its coordinator, signed in', async () => {
    const b = body();
    const res = await register(b);
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json();
    expect(answer).toMatchObject({
      organization: { status: 'pending', name: b.name, region: 'KZ-75', claim: false },
      csrfToken: expect.any(String),
    });
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${SESSION_COOKIE}=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: b.email, role: 'org_coordinator' });
    expect(me.json().csrfToken).toBe(answer.csrfToken);
    // The registry has the new entry; the account has no organisation scope until verified.
    const org = await t.database.db
      .selectFrom('organization')
      .selectAll()
      .where('id', '=', answer.organization.id)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: b.name, type: 'npo', bin: b.bin, region: 'KZ-75' });
    expect(await account(b.email)).toMatchObject({
      role: 'org_coordinator',
      organization_id: null,
      region: null,
      display_name: 'Айгүл Серікқызы',
      lang: 'kk',
    });
    const trail = await audit(answer.organization.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', region: 'KZ-75' });
  });

  it('a known BIN joins its registry entry (a claim) instead of creating a twin', async () => {
    const bin = newBin();
    const entry = await as(admin, 'POST', '/api/organizations', {
      name: 'Registry NPO',
      type: 'npo',
      region: 'KZ-79',
      bin,
    });
    expect(entry.statusCode).toBe(201);
    const before = await t.database.db.selectFrom('organization').select('id').execute();
    // Another name, type and region typed: the BIN decides; the registry's entry stands.
    const res = await register(body({ bin, name: 'Another name', region: 'KZ-75', type: 'company' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().organization).toMatchObject({
      id: entry.json().id,
      status: 'pending',
      claim: true,
      name: 'Registry NPO',
      region: 'KZ-79',
    });
    expect(await t.database.db.selectFrom('organization').select('id').execute()).toHaveLength(before.length);
    // It waits in the queue of the entry's region, as a claim.
    const queue = await as(otherRfo, 'GET', '/api/platform/organizations?status=pending');
    expect(queue.json().items.find((o: { id: number }) => o.id === entry.json().id)).toMatchObject({
      claim: true,
      registeredName: 'Another name',
      bin,
    });
    // A second registration of the same BIN: 409, the entry is on the platform already.
    const again = await register(body({ bin }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('organization_registered');
  });

  it('an entry of the same name without a BIN is claimed; verifying it writes the BIN', async () => {
    const entry = await as(admin, 'POST', '/api/organizations', {
      name: 'Monthly Data Group',
      type: 'npo',
      region: 'KZ-75',
    });
    const bin = newBin();
    const r = await registered({ name: 'monthly data group', bin });
    expect(r.answer.organization).toMatchObject({ id: entry.json().id, claim: true });
    expect(
      (await as(rfo, 'POST', `/api/platform/organizations/${r.id}/verify`, { decision: 'verified' }))
        .statusCode,
    ).toBe(200);
    const org = await as(admin, 'GET', `/api/organizations/${r.id}`);
    expect(org.json().bin).toBe(bin);
  });

  it('two registrations of one new BIN at once: one organisation, the other 409', async () => {
    const bin = newBin();
    const before = (await t.database.db.selectFrom('organization').select('id').execute()).length;
    const answers = await Promise.all([register(body({ bin })), register(body({ bin }))]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)?.json().error).toBe('organization_registered');
    expect((await t.database.db.selectFrom('organization').select('id').execute()).length).toBe(before + 1);
    // Nothing half-written: the loser's account is not there either.
    const accounts = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'org_coordinator')
      .where('created_at', '>=', new Date(Date.now() - 60_000).toISOString())
      .execute();
    const rows = await t.database.db.selectFrom('platform_org').select('coordinator_id').execute();
    const coordinators = new Set(rows.map((r) => Number(r.coordinator_id)));
    expect(accounts.filter((a) => !coordinators.has(Number(a.id)))).toEqual([]);
  });

  it('a BIN a pending claim brings is taken: another registration of it is 409', async () => {
    await as(admin, 'POST', '/api/organizations', { name: 'Claimed By Name', type: 'npo', region: 'KZ-75' });
    const bin = newBin();
    await registered({ name: 'Claimed By Name', bin });
    const again = await register(body({ bin }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('organization_registered');
  });

  it('the same name, type and region with another BIN is 409 organization_name_taken', async () => {
    await as(admin, 'POST', '/api/organizations', {
      name: 'Named With BIN',
      type: 'npo',
      region: 'KZ-75',
      bin: newBin(),
    });
    const res = await register(body({ name: 'Named With BIN' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('organization_name_taken');
  });

  it('refuses a bad BIN with 400 and its code, and requires one for npo and company', async () => {
    const good = newBin();
    const wrong = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    const cases: [Record<string, unknown>, string][] = [
      [{ bin: wrong }, 'bin_check_digit'],
      [{ bin: '12345' }, 'bin_format'],
      [{ bin: null }, 'bin_required'],
      [{ bin: undefined, type: 'company' }, 'bin_required'],
      [{ region: 'KZ-999' }, 'unknown_region'],
      [{ type: 'front_office' }, 'unknown_organization_type'],
    ];
    for (const [over, code] of cases) {
      const res = await register(body(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error).toBe(code);
    }
    // An initiative group may have none.
    const ok = await register(body({ type: 'initiative_group', bin: undefined }));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a weak password (422 weak_password) and a taken e-mail (409 email_taken), writing nothing', async () => {
    const count = async () => (await t.database.db.selectFrom('organization').select('id').execute()).length;
    const n = await count();
    const weak = await register(body({ password: 'short' }));
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toBe('weak_password');
    const taken = await register(body({ email: rfo.email.toUpperCase() }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toBe('email_taken');
    expect(await count()).toBe(n);
  });

  it('keeps markup in the names verbatim, and the e-mail carries it as text', async () => {
    const name = '<script>alert(1)</script> & <b>Co</b>';
    const contactName = '<img src=x onerror=alert(1)>';
    const b = body({ name, contactName, lang: 'en' });
    const res = await register(b);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().organization.id;
    const queue = await as(rfo, 'GET', '/api/platform/organizations?status=pending');
    expect(queue.json().items.find((o: { id: number }) => o.id === id)).toMatchObject({
      name,
      registeredName: name,
      contactName,
    });
    await as(rfo, 'POST', `/api/platform/organizations/${id}/verify`, {
      decision: 'rejected',
      reason: '<i>no</i>',
    });
    const [mail] = await mails(b.email);
    expect(mail?.subject).toContain(name);
    expect(mail?.body).toContain('<i>no</i>');
  });

  it('limits registrations per client address: 429 with Retry-After', async () => {
    const address = '10.200.0.1';
    for (let i = 0; i < DEFAULT_REGISTRATION_LIMIT.max; i++) {
      // Refused ones count too (a script probing addresses or BINs).
      const res = await register(body({ bin: '1' }), address);
      expect(res.statusCode).toBe(400);
    }
    const over = await register(body(), address);
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toBe('rate_limited');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await register(body())).statusCode).toBe(201);
  });
});

describe('the front office decides', () => {
  it('the RFO of its region verifies; another region’s RFO and a coordinator get 403', async () => {
    const b = body();
    const r = await registered({ email: b.email, name: b.name, bin: b.bin });
    const url = `/api/platform/organizations/${r.id}/verify`;
    expect((await as(otherRfo, 'POST', url, { decision: 'verified' })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url, headers: r.headers, payload: { decision: 'verified' } }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, payload: { decision: 'verified' } })).statusCode).toBe(
      401,
    );
    const res = await as(rfo, 'POST', url, { decision: 'verified' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: r.id,
      status: 'verified',
      reason: null,
      decidedAt: expect.any(String),
    });
    // The coordinator now has the organisation's scope.
    expect(await account(b.email)).toMatchObject({ organization_id: r.id, region: 'KZ-75' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: r.headers });
    expect(me.json().user).toMatchObject({ organizationId: r.id });
    // Audited, and e-mailed in the coordinator's language (kk).
    const trail = await audit(r.id);
    expect(trail.at(-1)).toMatchObject({
      action: 'status',
      field: 'status',
      user_id: rfo.userId,
      region: 'KZ-75',
    });
    const [mail] = await mails(b.email);
    expect(mail).toMatchObject({ kind: 'platform_org_verified', lang: 'kk' });
    expect(mail?.subject).toContain('расталды');
    // The coordinator reads his organisation's status; an account that registered none: 404.
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/platform/organizations/mine',
      headers: r.headers,
    });
    expect(mine.json()).toMatchObject({ id: r.id, status: 'verified' });
    expect((await as(rfo, 'GET', '/api/platform/organizations/mine')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/platform/organizations/mine' })).statusCode).toBe(
      401,
    );
    // Verified twice: 409.
    const again = await as(rfo, 'POST', url, { decision: 'verified' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('status_transition');
  });

  it('rejecting needs a reason; a rejected organisation stays rejected', async () => {
    const b = body({ lang: 'ru' });
    const r = await registered(b);
    const url = `/api/platform/organizations/${r.id}/verify`;
    for (const reason of [undefined, '', '   ']) {
      const res = await as(analyst, 'POST', url, {
        decision: 'rejected',
        ...(reason !== undefined ? { reason } : {}),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('reason_required');
    }
    const res = await as(analyst, 'POST', url, { decision: 'rejected', reason: 'Нет такой организации' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', reason: 'Нет такой организации' });
    expect((await as(admin, 'POST', url, { decision: 'verified' })).statusCode).toBe(409);
    expect(
      (await as(admin, 'POST', `/api/platform/organizations/${r.id}/suspend`, { reason: 'x' })).statusCode,
    ).toBe(409);
    const [mail] = await mails(b.email as string);
    expect(mail).toMatchObject({ kind: 'platform_org_rejected', lang: 'ru' });
    expect(mail?.body).toContain('Причина: Нет такой организации');
    expect(await account(b.email as string)).toMatchObject({ organization_id: null });
  });

  it('suspends a verified organisation with a reason, and verifies it again; every step kept', async () => {
    const b = body({ lang: 'en' });
    const r = await registered(b);
    const suspend = `/api/platform/organizations/${r.id}/suspend`;
    // Pending: not suspended.
    expect((await as(admin, 'POST', suspend, { reason: 'Complaints' })).statusCode).toBe(409);
    expect(
      (await as(rfo, 'POST', `/api/platform/organizations/${r.id}/verify`, { decision: 'verified' }))
        .statusCode,
    ).toBe(200);
    const noReason = await as(rfo, 'POST', suspend, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toBe('reason_required');
    expect((await as(otherRfo, 'POST', suspend, { reason: 'Complaints' })).statusCode).toBe(403);
    const res = await as(rfo, 'POST', suspend, { reason: 'Complaints from volunteers' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'suspended', reason: 'Complaints from volunteers' });
    expect(await account(b.email as string)).toMatchObject({ organization_id: null, region: null });
    const back = await as(admin, 'POST', `/api/platform/organizations/${r.id}/verify`, {
      decision: 'verified',
    });
    expect(back.json()).toMatchObject({ status: 'verified', reason: null });
    expect(await account(b.email as string)).toMatchObject({ organization_id: r.id });
    const trail = await audit(r.id);
    expect(trail.map((e) => [e.old_value, e.new_value])).toEqual([
      [null, expect.any(String)],
      ['pending', 'verified'],
      ['verified', 'suspended'],
      ['suspended', 'verified'],
    ]);
    expect(trail[2]?.note).toBe('Complaints from volunteers');
    expect((await mails(b.email as string)).map((m) => m.kind)).toEqual([
      'platform_org_verified',
      'platform_org_suspended',
      'platform_org_verified',
    ]);
    expect((await mails(b.email as string))[1]?.body).toContain('Reason: Complaints from volunteers');
  });

  it('an unknown organisation is 404', async () => {
    const res = await as(admin, 'POST', '/api/platform/organizations/999999/verify', {
      decision: 'verified',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the queue', () => {
  it('an RFO sees its region’s, the national office all, oldest first; others are refused', async () => {
    const a = await registered({ region: 'KZ-75' });
    const b = await registered({ region: 'KZ-79' });
    const c = await registered({ region: 'KZ-75' });
    const ids = (items: { id: number; region: string }[]) => items.map((o) => o.id);
    const own = (await as(rfo, 'GET', '/api/platform/organizations?status=pending')).json().items;
    expect(own.every((o: { region: string }) => o.region === 'KZ-75')).toBe(true);
    expect(ids(own)).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(ids(own)).not.toContain(b.id);
    expect(ids(own).indexOf(a.id)).toBeLessThan(ids(own).indexOf(c.id));
    const all = (await as(analyst, 'GET', '/api/platform/organizations?status=pending')).json().items;
    expect(ids(all)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    const times = all.map((o: { registeredAt: string }) => o.registeredAt);
    expect([...times].sort()).toEqual(times);
    expect(all.every((o: { status: string }) => o.status === 'pending')).toBe(true);
    // National narrowed to a region; an RFO asking for another region: 403.
    const kz79 = (await as(admin, 'GET', '/api/platform/organizations?status=pending&region=KZ-79')).json()
      .items;
    expect(kz79.every((o: { region: string }) => o.region === 'KZ-79')).toBe(true);
    expect((await as(rfo, 'GET', '/api/platform/organizations?region=KZ-79')).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/platform/organizations', headers: a.headers }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/platform/organizations' })).statusCode).toBe(401);
  });
});
