// Volunteers of the platform (issue 11 item 2; FORMATS.md "Platform API"): registration signs in,
// codes checked against the reference data, the IIN checked and kept only as a keyed hash and its
// last 4 digits (never in an answer, the database or the outbox in clear), one account per e-mail
// and per IIN, consent required, minimum age, a guardian for minors, the e-mail and guardian links
// working once, the volunteer's profile, export and erasure, the per-client limit, markup stored as
// typed. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

const BASE = 'https://birgemiz.example.kz';
let t: TestApp;
let n = 0;
/** A client address of its own per call, so that the per-client limit touches only its own test. */
const client = () => `198.51.${Math.floor(++n / 250)}.${n % 250}`;
const fresh = (what: string) => `${what}-${++n}@test.kz`;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: BASE, signupLimit: { max: 3, windowMs: 3600_000 } });
});
afterAll(async () => t?.close());

/** A valid IIN for YYMMDD and a century-and-sex digit, with a serial of its own. */
function iinFor(yymmdd: string, cs: number): string {
  for (let s = ++n; ; s++) {
    const v = withCheckDigit(`${yymmdd}${cs}${String(s % 10000).padStart(4, '0')}`);
    if (v) return v;
  }
}

/** A birth date `years` years (and a day) ago. */
function yearsAgo(years: number): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const adult = (over: Record<string, unknown> = {}) => ({
  email: fresh('vol'),
  password: 'a long enough password',
  name: 'Айгерим Сапарова',
  birthDate: '1990-02-15',
  gender: 'female',
  region: 'KZ-75',
  employment: 'employed',
  consent: { personalData: true },
  ...over,
});

function register(payload: object, remoteAddress = client()) {
  return t.app.inject({ method: 'POST', url: '/api/platform/volunteers', payload, remoteAddress });
}

/** The signed-in headers of a registration's answer. */
function headersOf(res: { cookies: { name: string; value: string }[]; json(): any }): Record<string, string> {
  const c = res.cookies.find((x) => x.name === 'bgz_session');
  expect(c).toBeDefined();
  return { cookie: `bgz_session=${c?.value}`, 'x-csrf-token': res.json().csrfToken };
}

/** The messages queued for an address, oldest first. */
async function mails(to: string) {
  return t.database.db.selectFrom('outbox').selectAll().where('recipient', '=', to).orderBy('id').execute();
}
const tokenIn = (body: string, page: string) => {
  const m = body.match(new RegExp(`${BASE}/platform/${page}\\?token=([A-Za-z0-9_-]+)`));
  expect(m, body).not.toBeNull();
  return decodeURIComponent(m?.[1] as string);
};

/** Every text column of every row of the volunteer's tables and the trail, joined. */
async function everythingStored(): Promise<string> {
  const db = t.database.db;
  const rows = [
    ...(await db.selectFrom('app_user').selectAll().execute()),
    ...(await db.selectFrom('volunteer_profile').selectAll().execute()),
    ...(await db.selectFrom('volunteer_token').selectAll().execute()),
    ...(await db.selectFrom('audit_log').selectAll().execute()),
    ...(await db.selectFrom('outbox').selectAll().execute()),
  ];
  return JSON.stringify(rows);
}

describe('registration', () => {
  it('creates a signed-in volunteer with a profile, the consent recorded and a confirmation link e-mailed', async () => {
    const body = adult({ lang: 'en' });
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(201);
    const { volunteer, csrfToken } = res.json();
    expect(csrfToken).toEqual(expect.any(String));
    expect(volunteer).toMatchObject({
      id: expect.any(Number),
      email: body.email,
      name: body.name,
      birthDate: '1990-02-15',
      gender: 'female',
      region: 'KZ-75',
      employment: 'employed',
      resident: true,
      disability: false,
      iinLast4: null,
      consent: { personalData: true, version: expect.any(String), at: expect.any(String) },
      emailConfirmed: false,
      guardianStatus: 'not_required',
      guardian: null,
    });
    const headers = headersOf(res);
    const me = await t.app.inject({ method: 'GET', url: '/api/platform/volunteers/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().volunteer).toEqual(volunteer);
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(session.json().user).toMatchObject({ role: 'volunteer', email: body.email });
    // The confirmation link, once.
    const [mail] = await mails(body.email);
    expect(mail).toMatchObject({ kind: 'volunteer.confirm_email', lang: 'en' });
    const token = tokenIn(mail?.body as string, 'confirm');
    const confirm = (tk: string) =>
      t.app.inject({ method: 'POST', url: '/api/platform/volunteers/confirm', payload: { token: tk } });
    expect((await confirm(token)).json()).toEqual({ confirmed: true });
    const again = await confirm(token);
    expect([again.statusCode, again.json().error]).toEqual([410, 'token_used']);
    const bogus = await confirm('not-a-token');
    expect([bogus.statusCode, bogus.json().error]).toEqual([400, 'token_invalid']);
    const after = (await t.app.inject({ method: 'GET', url: '/api/platform/volunteers/me', headers })).json();
    expect(after.volunteer.emailConfirmed).toBe(true);
    // The signed-in volunteer can sign in again with the password.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: body.email, password: body.password },
      remoteAddress: client(),
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses an e-mail taken (409 email_taken), whatever its case', async () => {
    const body = adult();
    expect((await register(body)).statusCode).toBe(201);
    const again = await register(adult({ email: body.email.toUpperCase() }));
    expect([again.statusCode, again.json().error]).toEqual([409, 'email_taken']);
  });

  it('requires consent to personal-data processing (400 consent_required), and writes nothing', async () => {
    for (const consent of [undefined, { personalData: false }, {}]) {
      const body = adult({ consent });
      const res = await register(body);
      expect([res.statusCode, res.json().error]).toEqual([400, 'consent_required']);
      expect(
        await t.database.db.selectFrom('app_user').select('id').where('email', '=', body.email).execute(),
      ).toEqual([]);
    }
  });

  it('checks gender, employment and region against the reference data', async () => {
    const res = await register(adult({ gender: 'x', employment: 'astronaut', region: 'KZ-00' }));
    expect([res.statusCode, res.json().error]).toEqual([422, 'validation_failed']);
    expect(
      res
        .json()
        .details.map((d: { column: string }) => d.column)
        .sort(),
    ).toEqual(['employment', 'gender', 'region']);
    const adultGuardian = await register(adult({ guardian: { name: 'P', email: fresh('g') } }));
    expect([adultGuardian.statusCode, adultGuardian.json().error]).toEqual([400, 'guardian_not_needed']);
    const date = await register(adult({ birthDate: '1990-02-30' }));
    expect(date.statusCode).toBe(422);
    const weak = await register(adult({ password: 'short' }));
    expect([weak.statusCode, weak.json().error]).toEqual([422, 'weak_password']);
  });

  it('refuses under the platform’s minimum age of 14', async () => {
    const res = await register(
      adult({ birthDate: yearsAgo(13), guardian: { name: 'P', email: fresh('g') } }),
    );
    expect([res.statusCode, res.json().error]).toEqual([400, 'too_young']);
    const fourteen = await register(
      adult({
        birthDate: yearsAgo(14),
        employment: 'schoolchild',
        guardian: { name: 'P', email: fresh('g') },
      }),
    );
    expect(fourteen.statusCode, fourteen.body).toBe(201);
  });

  it('stores markup in the name as typed, and the e-mail carries it as text', async () => {
    const name = '<b>Aigerim</b><script>alert(1)</script>';
    const body = adult({ name });
    const res = await register(body);
    expect(res.json().volunteer.name).toBe(name);
    const row = await t.database.db
      .selectFrom('volunteer_profile')
      .select('name')
      .where('user_id', '=', res.json().volunteer.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(name);
    expect((await mails(body.email))[0]?.body).toContain(name);
  });

  it('limits registrations per client address: 429 with Retry-After', async () => {
    const address = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await register(adult(), address)).statusCode);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    const over = await register(adult(), address);
    expect([over.statusCode, over.json().error]).toEqual([429, 'rate_limited']);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not held back.
    expect((await register(adult())).statusCode).toBe(201);
  });
});

describe('the IIN', () => {
  it('is checked against the birth date and gender, with a code per problem', async () => {
    const good = iinFor('900215', 4);
    const wrongDigit = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    const cases: [string, Record<string, unknown>, string][] = [
      ['check digit', { iin: wrongDigit }, 'iin_check_digit'],
      ['format', { iin: '12345' }, 'iin_format'],
      ['birth date', { iin: good, birthDate: '1990-02-16' }, 'iin_birth_date_mismatch'],
      ['gender', { iin: good, gender: 'male' }, 'iin_gender_mismatch'],
    ];
    for (const [what, over, code] of cases) {
      const res = await register(adult(over));
      expect([what, res.statusCode, res.json().error]).toEqual([what, 400, code]);
      expect(res.body).not.toContain(String(over.iin));
    }
  });

  it('is kept as a keyed hash and its last 4 digits only: never in an answer, the database or the outbox', async () => {
    const iin = iinFor('900215', 4);
    const body = adult({ iin });
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toContain(iin);
    expect(res.json().volunteer.iinLast4).toBe(iin.slice(8));
    const headers = headersOf(res);
    const me = await t.app.inject({ method: 'GET', url: '/api/platform/volunteers/me', headers });
    expect(me.body).not.toContain(iin);
    expect(me.json().volunteer.iinLast4).toBe(iin.slice(8));
    const exp = await t.app.inject({ method: 'GET', url: '/api/platform/volunteers/me/export', headers });
    expect(exp.body).not.toContain(iin);
    const row = await t.database.db
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('user_id', '=', res.json().volunteer.id)
      .executeTakeFirstOrThrow();
    expect(row.iin_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.iin_last4).toBe(iin.slice(8));
    expect(await everythingStored()).not.toContain(iin);
    // A second account with the same IIN: 409 iin_taken (with spaces typed, too).
    const twin = await register(adult({ iin: `${iin.slice(0, 6)} ${iin.slice(6)}` }));
    expect([twin.statusCode, twin.json().error]).toEqual([409, 'iin_taken']);
    expect(twin.body).not.toContain(iin);
  });
});

describe('at the same time', () => {
  it('one IIN or one e-mail registered by several requests at once: one account, the others 409', async () => {
    const iin = iinFor('920704', 3);
    const byIin = await Promise.all(
      Array.from({ length: 6 }, () =>
        register(adult({ iin, birthDate: '1992-07-04', gender: 'male', name: 'Race' })),
      ),
    );
    expect(byIin.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(byIin.filter((r) => r.statusCode === 409).map((r) => r.json().error)).toEqual(
      Array(5).fill('iin_taken'),
    );
    const email = fresh('race');
    const byEmail = await Promise.all(Array.from({ length: 6 }, () => register(adult({ email }))));
    expect(byEmail.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    // Nothing half-written: one account and one profile for the address.
    const users = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .execute();
    expect(users).toHaveLength(1);
    const profiles = await t.database.db
      .selectFrom('volunteer_profile')
      .select('user_id')
      .where('name', '=', 'Race')
      .execute();
    expect(profiles).toHaveLength(1);
  });
});

describe('minors', () => {
  it('need a guardian (400 guardian_required); the guardian’s link records consent once', async () => {
    const birthDate = yearsAgo(16);
    const missing = await register(adult({ birthDate, employment: 'schoolchild' }));
    expect([missing.statusCode, missing.json().error]).toEqual([400, 'guardian_required']);

    const guardianEmail = fresh('parent');
    const body = adult({
      birthDate,
      employment: 'schoolchild',
      guardian: { name: 'Гүлнар', email: guardianEmail },
    });
    const own = await register({ ...body, guardian: { name: 'Me', email: body.email } });
    expect([own.statusCode, own.json().error]).toEqual([400, 'guardian_email_own']);
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().volunteer).toMatchObject({
      guardianStatus: 'pending',
      guardian: { name: 'Гүлнар', email: guardianEmail, confirmedAt: null },
    });
    const [mail] = await mails(guardianEmail);
    expect(mail).toMatchObject({ kind: 'volunteer.guardian_consent', lang: 'ru' });
    expect(mail?.body).toContain(body.name);
    const token = tokenIn(mail?.body as string, 'guardian-consent');
    const consent = (tk: string) =>
      t.app.inject({ method: 'POST', url: '/api/platform/guardian-consent', payload: { token: tk } });
    // The volunteer's own confirmation link is no guardian link.
    const confirmToken = tokenIn((await mails(body.email))[0]?.body as string, 'confirm');
    const wrongKind = await consent(confirmToken);
    expect([wrongKind.statusCode, wrongKind.json().error]).toEqual([400, 'token_invalid']);
    expect((await consent(token)).json()).toEqual({ confirmed: true });
    const again = await consent(token);
    expect([again.statusCode, again.json().error]).toEqual([410, 'token_used']);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/platform/volunteers/me',
      headers: headersOf(res),
    });
    expect(me.json().volunteer).toMatchObject({ guardianStatus: 'confirmed' });
    expect(me.json().volunteer.guardian.confirmedAt).toEqual(expect.any(String));
  });

  it('an expired guardian link is 410 token_expired', async () => {
    const guardianEmail = fresh('parent');
    const res = await register(
      adult({
        birthDate: yearsAgo(15),
        employment: 'schoolchild',
        guardian: { name: 'P', email: guardianEmail },
      }),
    );
    expect(res.statusCode).toBe(201);
    const token = tokenIn((await mails(guardianEmail))[0]?.body as string, 'guardian-consent');
    await t.database.db
      .updateTable('volunteer_token')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('user_id', '=', res.json().volunteer.id)
      .execute();
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/platform/guardian-consent',
      payload: { token },
    });
    expect([late.statusCode, late.json().error]).toEqual([410, 'token_expired']);
  });
});

describe('the profile', () => {
  it('the volunteer changes name, region, employment, skills and languages; codes checked; the trail names fields only', async () => {
    const body = adult({ skills: [' first aid ', 'first aid', 'driving'], languages: ['kk', 'ru'] });
    const res = await register(body);
    expect(res.json().volunteer).toMatchObject({ skills: ['first aid', 'driving'], languages: ['kk', 'ru'] });
    const headers = headersOf(res);
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/platform/volunteers/me', headers, payload });
    const ok = await patch({
      name: 'Айгерим <i>S</i>',
      region: 'kz-79',
      employment: 'student',
      skills: ['translation'],
      languages: ['en'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().volunteer).toMatchObject({
      name: 'Айгерим <i>S</i>',
      region: 'KZ-79',
      employment: 'student',
      skills: ['translation'],
      languages: ['en'],
      birthDate: body.birthDate,
    });
    const bad = await patch({ region: 'KZ-00', employment: 'astronaut' });
    expect([bad.statusCode, bad.json().error]).toEqual([422, 'validation_failed']);
    const badLang = await patch({ languages: ['English!'] });
    expect(badLang.statusCode).toBe(400);
    const adultGuardian = await patch({ guardian: { name: 'P', email: fresh('g') } });
    expect([adultGuardian.statusCode, adultGuardian.json().error]).toEqual([400, 'guardian_not_needed']);
    const trail = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'volunteer')
      .where('entity_id', '=', String(res.json().volunteer.id))
      .where('action', '=', 'update')
      .execute();
    expect(trail).toHaveLength(1);
    expect(trail[0]?.field).toContain('region');
    expect(JSON.stringify(trail)).not.toContain('Айгерим');
  });

  it('a minor’s new guardian address asks consent anew: pending, the old link ends, the new guardian mailed', async () => {
    const first = fresh('parent');
    const res = await register(
      adult({ birthDate: yearsAgo(16), employment: 'schoolchild', guardian: { name: 'A', email: first } }),
    );
    const headers = headersOf(res);
    const oldToken = tokenIn((await mails(first))[0]?.body as string, 'guardian-consent');
    const consent = (tk: string) =>
      t.app.inject({ method: 'POST', url: '/api/platform/guardian-consent', payload: { token: tk } });
    expect((await consent(oldToken)).statusCode).toBe(200);
    const second = fresh('parent');
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/platform/volunteers/me',
      headers,
      payload: { guardian: { name: 'B', email: second } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().volunteer).toMatchObject({
      guardianStatus: 'pending',
      guardian: { name: 'B', email: second, confirmedAt: null },
    });
    const newToken = tokenIn((await mails(second))[0]?.body as string, 'guardian-consent');
    // Replaced again before the second guardian answered: that link ends, the third one works.
    const third = fresh('parent');
    const again = await t.app.inject({
      method: 'PATCH',
      url: '/api/platform/volunteers/me',
      headers,
      payload: { guardian: { name: 'C', email: third } },
    });
    expect(again.statusCode).toBe(200);
    const stale = await consent(newToken);
    expect([stale.statusCode, stale.json().error]).toEqual([400, 'token_invalid']);
    expect(
      (await consent(tokenIn((await mails(third))[0]?.body as string, 'guardian-consent'))).statusCode,
    ).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/platform/volunteers/me', headers });
    expect(me.json().volunteer.guardianStatus).toBe('confirmed');
  });
});

describe('the volunteer’s own data', () => {
  it('export: everything as a JSON attachment; erasure: personal data gone, account disabled, audited', async () => {
    const iin = iinFor('850301', 3);
    const body = adult({ iin, birthDate: '1985-03-01', gender: 'male', name: 'Ерлан' });
    const res = await register(body);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().volunteer.id as number;
    const headers = headersOf(res);

    const exp = await t.app.inject({ method: 'GET', url: '/api/platform/volunteers/me/export', headers });
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-disposition']).toMatch(
      /^attachment; filename="birgemiz-volunteer-\d+\.json"$/,
    );
    expect(exp.json()).toMatchObject({
      account: { id, email: body.email, role: 'volunteer' },
      volunteer: { id, name: 'Ерлан', iinLast4: iin.slice(8) },
      links: [{ purpose: 'confirm_email', usedAt: null }],
      history: [{ action: 'create', note: expect.any(String) }],
      messages: [{ kind: 'volunteer.confirm_email', status: 'queued' }],
    });
    // No message body (a one-time link) in the export.
    expect(exp.body).not.toContain('token=');

    const del = await t.app.inject({ method: 'DELETE', url: '/api/platform/volunteers/me', headers });
    expect(del.statusCode, del.body).toBe(204);
    // The session is over; the password opens nothing.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/platform/volunteers/me', headers })).statusCode,
    ).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: body.email, password: body.password },
      remoteAddress: client(),
    });
    expect(login.statusCode).toBe(401);
    const db = t.database.db;
    const user = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ disabled: 1, display_name: null });
    expect(user.email).not.toContain(body.email);
    const profile = await db
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({
      name: '',
      birth_date: null,
      iin_hash: null,
      iin_last4: null,
      erased_at: expect.any(String),
    });
    const trail = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'volunteer')
      .where('entity_id', '=', String(id))
      .execute();
    expect(trail.map((a) => a.action)).toContain('delete');
    expect(JSON.stringify(trail)).not.toContain('Ерлан');
    // The address and the IIN are free again.
    expect((await register({ ...body })).statusCode).toBe(201);
  });

  it('is the volunteer’s only: staff have no volunteer profile (403), visitors sign in first (401)', async () => {
    const admin: SignedIn = await signIn(t, 'national_admin');
    for (const url of ['/api/platform/volunteers/me', '/api/platform/volunteers/me/export']) {
      expect((await t.app.inject({ method: 'GET', url, headers: admin.headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/platform/volunteers/me',
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(403);
  });
});

describe('addresses never confirmed', () => {
  it('are erased after 30 days by the scheduled job; confirmed or recent ones stay', async () => {
    const { purgeUnconfirmedVolunteers } = await import('../src/modules/volunteers/volunteers.service.ts');
    const { SCHEDULED_JOBS } = await import('../src/modules/jobs/scheduled.ts');
    expect(SCHEDULED_JOBS.map((j) => j.name)).toContain('purge-unconfirmed-volunteers');
    const db = t.database.db;
    const make = async (daysAgo: number, confirm: boolean) => {
      const body = adult();
      const res = await register(body);
      const id = res.json().volunteer.id as number;
      if (confirm) {
        const token = tokenIn((await mails(body.email))[0]?.body as string, 'confirm');
        await t.app.inject({ method: 'POST', url: '/api/platform/volunteers/confirm', payload: { token } });
      }
      const at = new Date(Date.now() - daysAgo * 24 * 3600_000).toISOString();
      await db.updateTable('volunteer_profile').set({ created_at: at }).where('user_id', '=', id).execute();
      return id;
    };
    const stale = await make(31, false);
    const recent = await make(29, false);
    const confirmed = await make(40, true);
    await purgeUnconfirmedVolunteers(db);
    const state = async (id: number) =>
      (await db.selectFrom('app_user').select(['disabled']).where('id', '=', id).executeTakeFirstOrThrow())
        .disabled;
    expect([await state(stale), await state(recent), await state(confirmed)]).toEqual([1, 0, 0]);
    const erased = await db
      .selectFrom('volunteer_profile')
      .select(['name', 'erased_at'])
      .where('user_id', '=', stale)
      .executeTakeFirstOrThrow();
    expect(erased).toMatchObject({ name: '', erased_at: expect.any(String) });
    // Once: a second run finds nothing more to do.
    expect(await purgeUnconfirmedVolunteers(db)).toBe(0);
  });
});

describe('reminders', () => {
  it('an address unconfirmed 3 days on is reminded once, with a new link that confirms it', async () => {
    const { remindUnconfirmedVolunteers } = await import('../src/modules/volunteers/volunteers.service.ts');
    const db = t.database.db;
    const body = adult({ lang: 'kk' });
    const res = await register(body);
    const id = res.json().volunteer.id as number;
    const fresh = adult();
    await register(fresh);
    const at = new Date(Date.now() - 4 * 24 * 3600_000).toISOString();
    await db.updateTable('volunteer_profile').set({ created_at: at }).where('user_id', '=', id).execute();
    // Two runs at once, then another: one reminder.
    await Promise.all([remindUnconfirmedVolunteers(db, BASE), remindUnconfirmedVolunteers(db, BASE)]);
    await remindUnconfirmedVolunteers(db, BASE);
    const sent = await mails(body.email);
    expect(sent.map((m) => m.kind)).toEqual(['volunteer.confirm_email', 'volunteer.confirm_reminder']);
    expect(sent[1]?.lang).toBe('kk');
    expect((await mails(fresh.email)).map((m) => m.kind)).toEqual(['volunteer.confirm_email']);
    const token = tokenIn(sent[1]?.body as string, 'confirm');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/platform/volunteers/confirm',
      payload: { token },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('the IIN’s key', () => {
  it('IIN_HASH_KEY: the development default outside production, refused in production', async () => {
    const { DEV_IIN_HASH_KEY, iinHashKey } = await import('../src/modules/volunteers/volunteers.service.ts');
    expect(iinHashKey({})).toBe(DEV_IIN_HASH_KEY);
    const strong = 'k'.repeat(40);
    expect(iinHashKey({ IIN_HASH_KEY: strong })).toBe(strong);
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', IIN_HASH_KEY: DEV_IIN_HASH_KEY },
      { NODE_ENV: 'production', IIN_HASH_KEY: 'short' },
    ])
      expect(() => iinHashKey(env)).toThrow(/IIN_HASH_KEY/);
    expect(iinHashKey({ NODE_ENV: 'production', IIN_HASH_KEY: strong })).toBe(strong);
  });
});
