// Appeals followed to a result (issue 13 item 1): registered by staff and through the public form,
// worked new → in_progress → resolved | closed and reopened, with the refusals of bad input (an
// assignee of another region, steps out of order, a 1 MB text, a filled honeypot, a form posted
// too fast, a flood from one address), the privacy of the applicant (absent from exports, the
// report, the audit trail and the answers of those without the right), the overdue reminders (each
// once), the answer's e-mail in the form's language, and the report's section 13 and the monthly
// figures from the registered appeals' times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/domain/policy.ts';
import { issueFormToken } from '../src/modules/appeals/appeals.form.ts';
import { remindOverdueAppeals } from '../src/modules/appeals/appeals.jobs.ts';
import { answer, close, registerByStaff, resolve } from '../src/modules/appeals/appeals.service.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { call, mailsTo } from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let viewer: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
let coordinator: SignedIn;

const PRIVATE = {
  name: 'Айгерім <b>Сәрсенова</b>',
  email: 'aigerim.appeal@example.kz',
  phone: '+7 701 555 12 34',
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  viewer = await signIn(t, 'viewer');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  coordinator = await signIn(t, 'org_coordinator', { region: 'KZ-75', organizationId: 1 });
});
afterAll(async () => t?.close());

let address = 0;
/** A client address of its own per post: the limit per address is tested on its own. */
const nextAddress = () => `198.51.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

/** A token issued long enough ago for a person to have filled the form. */
const oldToken = () => issueFormToken(new Date(Date.now() - 10_000));

const publicAppeal = (over: Record<string, unknown> = {}) => ({
  topic: 'become_volunteer',
  related: true,
  gender: 'female',
  region: 'KZ-75',
  text: 'How can I join the search volunteers?',
  lang: 'ru',
  token: oldToken(),
  website: '',
  ...over,
});

function postPublic(payload: object, remoteAddress = nextAddress()) {
  return t.app.inject({ method: 'POST', url: '/api/appeals/public', payload, remoteAddress });
}

const staffAppeal = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  topic: 'consultation',
  related: true,
  gender: 'male',
  region: 'KZ-75',
  text: 'Asked how to register an initiative group.',
  lang: 'kk',
  ...over,
});

async function register(who: SignedIn, over: Record<string, unknown> = {}): Promise<number> {
  return (await call(t, who, 'POST', '/api/appeals', staffAppeal(over), 201)).json().id;
}

const view = async (id: number, who: SignedIn = admin) =>
  (await call(t, who, 'GET', `/api/appeals/${id}`, undefined, 200)).json();

describe('registration', () => {
  it('by staff: the national office any region, a front office its own only', async () => {
    const id = await register(rfo, { channel: 'whatsapp', name: PRIVATE.name });
    const a = await view(id, rfo);
    expect(a).toMatchObject({
      status: 'new',
      source: 'staff',
      channel: 'whatsapp',
      region: 'KZ-75',
      reference: `№ ${id}`,
      applicant: { name: PRIVATE.name },
      externalId: `appeal:${id}`,
    });
    expect(a.events.map((e: { kind: string }) => e.kind)).toEqual(['registered']);
    const foreign = await call(t, rfo, 'POST', '/api/appeals', staffAppeal({ region: 'KZ-79' }));
    expect(foreign.statusCode).toBe(403);
    const abroad = await call(t, rfo, 'POST', '/api/appeals', staffAppeal({ region: null, country: 'UZ' }));
    expect(abroad.statusCode).toBe(403);
    await register(admin, { region: null, country: 'UZ' });
    for (const who of [viewer, coordinator])
      expect((await call(t, who, 'POST', '/api/appeals', staffAppeal())).statusCode).toBe(403);
    expect((await call(t, null, 'POST', '/api/appeals', staffAppeal())).statusCode).toBe(401);
  });

  it('refuses unknown codes, a region with a country abroad, a time in the future', async () => {
    const refused = async (over: Record<string, unknown>, code: string) => {
      const res = await call(t, admin, 'POST', '/api/appeals', staffAppeal(over));
      expect([res.statusCode, res.json().error], res.body).toEqual([400, code]);
    };
    await refused({ channel: 'pigeon' }, 'unknown_channel');
    await refused({ topic: 'weather' }, 'unknown_topic');
    await refused({ gender: 'x' }, 'unknown_gender');
    await refused({ region: 'KZ-99' }, 'unknown_region');
    await refused({ country: 'UZ' }, 'region_and_country');
    await refused({ email: 'not an address' }, 'email_invalid');
    await refused({ text: '   ' }, 'appeal_text_required');
    await refused({ receivedAt: new Date(Date.now() + 3600_000).toISOString() }, 'appeal_received_future');
  });

  it('through the public form: stored as typed, markup included, with the form’s language', async () => {
    const text = '<script>alert(1)</script> <b>Хочу</b> стать волонтером & помогать';
    const res = await postPublic(publicAppeal({ text, ...PRIVATE }));
    expect(res.statusCode, res.body).toBe(201);
    const { reference } = res.json();
    expect(reference).toMatch(/^№ \d+$/);
    const id = Number(reference.slice(2));
    const a = await view(id);
    expect(a).toMatchObject({ source: 'web', channel: 'website', text, lang: 'ru', status: 'new' });
    expect(a.applicant).toEqual(PRIVATE);
  });

  it('refuses a 1 MB text with its own code, and keeps nothing', async () => {
    const before = await countAppeals();
    const huge = 'а'.repeat(1024 * 1024);
    const pub = await postPublic(publicAppeal({ text: huge }));
    expect([pub.statusCode, pub.json().error]).toEqual([400, 'appeal_text_too_long']);
    expect(pub.json().details[0]).toMatchObject({ max: 5000, length: huge.length });
    const staff = await call(t, admin, 'POST', '/api/appeals', staffAppeal({ text: huge }));
    expect([staff.statusCode, staff.json().error]).toEqual([400, 'appeal_text_too_long']);
    expect(await countAppeals()).toBe(before);
  });

  it('refuses spam: the honeypot filled, a form posted too fast, a token not the server’s, a form sent twice', async () => {
    const before = await countAppeals();
    const honeypot = await postPublic(publicAppeal({ website: 'http://cheap-pills.example' }));
    expect([honeypot.statusCode, honeypot.json().error]).toEqual([400, 'appeal_spam']);

    const form = await t.app.inject({ method: 'GET', url: '/api/appeals/form' });
    expect(form.statusCode).toBe(200);
    expect(form.json().minSeconds).toBeGreaterThanOrEqual(3);
    const fast = await postPublic(publicAppeal({ token: form.json().token }));
    expect([fast.statusCode, fast.json().error]).toEqual([400, 'appeal_too_fast']);

    const forged = `${form.json().token.split('.').slice(0, 2).join('.')}.AAAA`;
    const bad = await postPublic(publicAppeal({ token: forged }));
    expect([bad.statusCode, bad.json().error]).toEqual([400, 'appeal_form_invalid']);
    const stale = await postPublic(
      publicAppeal({ token: issueFormToken(new Date(Date.now() - 2 * 86400_000)) }),
    );
    expect([stale.statusCode, stale.json().error]).toEqual([400, 'appeal_form_expired']);
    expect(await countAppeals()).toBe(before);

    const token = oldToken();
    expect((await postPublic(publicAppeal({ token }))).statusCode).toBe(201);
    const twice = await postPublic(publicAppeal({ token }));
    expect([twice.statusCode, twice.json().error]).toEqual([409, 'appeal_form_used']);
    expect(await countAppeals()).toBe(before + 1);
  });

  it('limits one address: 429 with a clear code past 10 an hour, every accepted appeal kept', async () => {
    const texts = Array.from({ length: 16 }, (_, i) => `Flood check ${i}`);
    const answers = await Promise.all(
      texts.map((text) => postPublic(publicAppeal({ text }), '203.0.113.77')),
    );
    const accepted = answers.filter((r) => r.statusCode === 201);
    const limited = answers.filter((r) => r.statusCode === 429);
    expect(accepted).toHaveLength(10);
    expect(limited).toHaveLength(6);
    for (const r of limited) {
      expect(r.json().error).toBe('appeal_rate_limited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    const stored = await t.database.db
      .selectFrom('appeal')
      .select(['id', 'text'])
      .where('text', 'like', 'Flood check %')
      .execute();
    expect(stored.map((s) => `№ ${s.id}`).sort()).toEqual(accepted.map((r) => r.json().reference).sort());
    // Another address is not held up by the flood.
    expect((await postPublic(publicAppeal())).statusCode).toBe(201);
  });
});

const countAppeals = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('appeal')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the workflow', () => {
  it('assigns within the region or the national office, answers, resolves, closes and reopens, all kept', async () => {
    const id = await register(rfo, { email: 'applicant.kk@example.kz', name: 'Бақыт', lang: 'kk' });
    const step = (who: SignedIn, name: string, payload: object) =>
      call(t, who, 'POST', `/api/appeals/${id}/${name}`, payload);
    const refused = async (res: Awaited<ReturnType<typeof step>>, status: number, code: string) =>
      expect([res.statusCode, res.json().error], res.body).toEqual([status, code]);

    await refused(await step(rfo, 'answer', { text: 'Too early' }), 409, 'appeal_status_transition');
    await refused(await step(rfo, 'resolve', { answer: 'x', result: 'y' }), 409, 'appeal_status_transition');
    // Another region's front office: refused, and nothing moves.
    await refused(await step(rfo, 'assign', { assignee: otherRfo.userId }), 400, 'assignee_other_region');
    await refused(await step(rfo, 'assign', { assignee: coordinator.userId }), 400, 'assignee_not_staff');
    await refused(await step(rfo, 'assign', { assignee: 2147480000 }), 400, 'assignee_not_staff');
    expect((await step(otherRfo, 'assign', { assignee: otherRfo.userId })).statusCode).toBe(403);
    expect((await view(id)).status).toBe('new');

    const assignees = (await call(t, rfo, 'GET', `/api/appeals/${id}/assignees`, undefined, 200)).json();
    const ids = assignees.items.map((u: { id: number }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([admin.userId, analyst.userId, rfo.userId]));
    expect(ids).not.toContain(otherRfo.userId);

    expect((await step(rfo, 'assign', { assignee: analyst.userId })).json()).toEqual({
      status: 'in_progress',
      mailed: false,
    });
    expect((await step(rfo, 'assign', { assignee: rfo.userId })).json().status).toBe('in_progress');
    await refused(await step(rfo, 'resolve', { result: 'Done' }), 400, 'appeal_answer_required');
    const answered = await step(rfo, 'answer', { text: 'Тіркелу үшін <b>сайтқа</b> кіріңіз.' });
    expect(answered.json()).toEqual({ status: 'in_progress', mailed: true });
    const first = (await view(id)).firstResponseAt;
    expect(first).not.toBeNull();
    expect((await step(rfo, 'resolve', { result: 'Registered the group' })).json()).toEqual({
      status: 'resolved',
      mailed: false,
    });
    await refused(await step(rfo, 'close', { reason: 'spam' }), 409, 'appeal_status_transition');
    await refused(await step(rfo, 'assign', { assignee: rfo.userId }), 409, 'appeal_status_transition');
    await refused(await step(rfo, 'resolve', { result: 'Again' }), 409, 'appeal_status_transition');
    expect((await step(rfo, 'reopen', { note: 'The applicant called again' })).json().status).toBe(
      'in_progress',
    );
    expect((await view(id)).resolvedAt).toBeNull();
    expect((await step(rfo, 'close', { reason: 'no_contact', note: 'No answer twice' })).json().status).toBe(
      'closed',
    );
    await refused(await step(rfo, 'close', { reason: 'spam' }), 409, 'appeal_status_transition');
    expect((await step(rfo, 'reopen', { note: 'Reached' })).json().status).toBe('in_progress');
    expect((await step(rfo, 'close', { reason: 'nonsense' })).statusCode).toBe(400);

    const a = await view(id, rfo);
    expect(a.firstResponseAt).toBe(first);
    expect(a.events.map((e: { kind: string }) => e.kind)).toEqual([
      'registered',
      'assigned',
      'assigned',
      'answered',
      'resolved',
      'reopened',
      'closed',
      'reopened',
    ]);
    expect(a.events[1]).toMatchObject({
      assignee: { id: analyst.userId },
      fromStatus: 'new',
      toStatus: 'in_progress',
    });
    expect(a.events[3]).toMatchObject({ text: 'Тіркелу үшін <b>сайтқа</b> кіріңіз.', mailed: true });
    expect(a.events[6]).toMatchObject({ reason: 'no_contact', text: 'No answer twice' });

    const trail = (
      await call(t, admin, 'GET', `/api/audit?entity=appeal&entityId=appeal:${id}`, undefined, 200)
    ).json();
    expect(
      trail.map((e: { action: string; field: string | null }) => `${e.action}:${e.field ?? ''}`),
    ).toEqual([
      'create:',
      'assign:assignee_id',
      'status:status',
      'assign:assignee_id',
      'answer:first_response_at',
      'status:status',
      'status:status',
      'status:status',
      'status:status',
    ]);
    // The front office reads its region's trail of the appeal; another region's does not.
    expect(
      (await call(t, rfo, 'GET', `/api/audit?entity=appeal&entityId=appeal:${id}&region=KZ-75`)).statusCode,
    ).toBe(200);
  });

  it('the answer goes to the applicant in the form’s language', async () => {
    const answerOf = async (lang: string, email: string) => {
      const res = await postPublic(publicAppeal({ lang, email, name: 'Dana' }));
      const id = Number(res.json().reference.slice(2));
      await call(t, admin, 'POST', `/api/appeals/${id}/assign`, { assignee: admin.userId }, 200);
      await call(
        t,
        admin,
        'POST',
        `/api/appeals/${id}/resolve`,
        { answer: 'See <b>birgemiz.kz</b>', result: 'Told' },
        200,
      );
      const mails = await mailsTo(t.database.db, email);
      expect(mails).toHaveLength(1);
      return { id, mail: mails[0] as { kind: string; subject: string; body: string; lang: string } };
    };
    const en = await answerOf('en', 'dana.en@example.kz');
    expect(en.mail).toMatchObject({ kind: 'appeal.answer', lang: 'en' });
    expect(en.mail.subject).toBe(`Birgemiz: the answer to your appeal № ${en.id}`);
    expect(en.mail.body).toContain('Hello Dana,');
    expect(en.mail.body).toContain('See <b>birgemiz.kz</b>');
    const kk = await answerOf('kk', 'dana.kk@example.kz');
    expect(kk.mail.lang).toBe('kk');
    expect(kk.mail.subject).toContain('өтінішіңізге жауап');
    const ru = await answerOf('ru', 'dana.ru@example.kz');
    expect(ru.mail.subject).toContain('ответ на ваше обращение');
    // No address left: nothing to send.
    const silent = await register(admin, { email: null });
    await call(t, admin, 'POST', `/api/appeals/${silent}/assign`, { assignee: admin.userId }, 200);
    expect(
      (await call(t, admin, 'POST', `/api/appeals/${silent}/answer`, { text: 'Called back' }, 200)).json()
        .mailed,
    ).toBe(false);
  });
});

describe('the queue', () => {
  it('a front office sees its region’s appeals, the national office all; filters by status, region and overdue', async () => {
    const own = await register(admin, { region: 'KZ-75' });
    const foreign = await register(admin, { region: 'KZ-79' });
    const late = await register(admin, {
      region: 'KZ-79',
      receivedAt: new Date(Date.now() - 30 * 3600_000).toISOString(),
    });
    const list = async (who: SignedIn, q = '') =>
      (await call(t, who, 'GET', `/api/appeals?limit=200${q}`, undefined, 200)).json();
    const ids = (l: { items: { id: number }[] }) => l.items.map((i) => i.id);
    expect(ids(await list(rfo))).toContain(own);
    expect(ids(await list(rfo))).not.toContain(foreign);
    expect(ids(await list(admin))).toEqual(expect.arrayContaining([own, foreign, late]));
    expect((await call(t, rfo, 'GET', '/api/appeals?region=KZ-79')).statusCode).toBe(403);
    expect((await call(t, rfo, 'GET', '/api/appeals?region=none')).statusCode).toBe(403);
    expect((await call(t, rfo, 'GET', `/api/appeals/${foreign}`)).statusCode).toBe(403);
    const overdue = await list(admin, '&overdue=true&region=KZ-79');
    expect(ids(overdue)).toContain(late);
    expect(ids(overdue)).not.toContain(foreign);
    const item = overdue.items.find((i: { id: number }) => i.id === late);
    expect(item.overdue).toMatchObject({ response: true, resolution: false });
    expect(
      (await list(admin, '&status=resolved')).items.every((i: { status: string }) => i.status === 'resolved'),
    ).toBe(true);
    const open = await list(admin, '&status=open');
    expect(open.items.length).toBeGreaterThan(0);
    expect(open.items.every((i: { status: string }) => ['new', 'in_progress'].includes(i.status))).toBe(true);
    expect((await call(t, admin, 'GET', '/api/appeals/2147480000')).statusCode).toBe(404);
  });
});

describe('privacy of the applicant', () => {
  it('name and contact are in no export, report, trail or answer to those without the right', async () => {
    const res = await postPublic(publicAppeal({ ...PRIVATE, text: 'Private words of the applicant' }));
    const id = Number(res.json().reference.slice(2));
    await call(t, admin, 'POST', `/api/appeals/${id}/assign`, { assignee: rfo.userId }, 200);
    await call(t, rfo, 'POST', `/api/appeals/${id}/answer`, { text: `Dear ${PRIVATE.name}, done` }, 200);
    const secrets = [PRIVATE.name, PRIVATE.email, PRIVATE.phone, 'Private words of the applicant', 'Dear '];
    const clean = (body: string) => {
      for (const s of secrets) expect(body).not.toContain(s);
    };
    const year = new Date().getUTCFullYear();
    const exported = await call(t, admin, 'GET', `/api/exports/appeals?year=${year}`, undefined, 200);
    expect(exported.body).toContain(`appeal:${id}`);
    clean(exported.body);
    clean((await call(t, admin, 'GET', `/api/reports/annual/${year}?lang=en`, undefined, 200)).body);
    clean((await call(t, admin, 'GET', '/api/audit?entity=appeal&limit=1000', undefined, 200)).body);
    clean((await call(t, viewer, 'GET', `/api/appeals/monthly?year=${year}`, undefined, 200)).body);
    for (const who of [viewer, coordinator, otherRfo]) {
      const one = await call(t, who, 'GET', `/api/appeals/${id}`);
      expect(one.statusCode).toBe(403);
      clean(one.body);
    }
    for (const who of [viewer, coordinator])
      expect((await call(t, who, 'GET', '/api/appeals')).statusCode).toBe(403);
    clean((await call(t, otherRfo, 'GET', '/api/appeals?limit=200', undefined, 200)).body);
    // Staff of the appeal's region and the national office read them.
    expect((await view(id, rfo)).applicant).toEqual(PRIVATE);
    expect((await view(id, analyst)).applicant).toEqual(PRIVATE);
  });

  it('a registered appeal exported imports back to the same row', async () => {
    const year = new Date().getUTCFullYear();
    const csv = (await call(t, admin, 'GET', `/api/exports/appeals?year=${year}`, undefined, 200)).body;
    const boundary = '----appeals-round-trip';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/appeals',
      headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="appeals.csv"\r\n` +
          `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
      ),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 0, updated: 0 });
    expect(res.json().unchanged).toBeGreaterThan(10);
  });
});

describe('overdue reminders', () => {
  it('remind the assignee, or the region’s front office, once per target, from 08:00 in Kazakhstan', async () => {
    const akmola = await signIn(t, 'rfo', { region: 'KZ-11' });
    const received = new Date(Date.now() - 3 * 86400_000);
    const unassigned = await register(admin, { region: 'KZ-11', receivedAt: received.toISOString() });
    const assigned = await register(admin, { region: 'KZ-11', receivedAt: received.toISOString() });
    await call(t, admin, 'POST', `/api/appeals/${assigned}/assign`, { assignee: analyst.userId }, 200);
    // Two days after receipt at 10:00 in Kazakhstan: the first answers are late, the results not yet.
    const day = new Date(received.getTime() + 2 * 86400_000).toISOString().slice(0, 10);
    const at = new Date(`${day}T05:00:00Z`);
    expect(await remindOverdueAppeals(t.database.db, new Date(`${day}T01:00:00Z`))).toBe(0); // 06:00 there
    expect(await remindOverdueAppeals(t.database.db, at)).toBeGreaterThanOrEqual(2);
    expect(await remindOverdueAppeals(t.database.db, new Date(at.getTime() + 3600_000))).toBe(0);
    const of = async (who: SignedIn, id: number) =>
      (await mailsTo(t.database.db, who.email)).filter((m) => m.body.includes(`№ ${id} `));
    expect((await of(akmola, unassigned)).map((m) => m.kind)).toEqual(['appeal.overdue_response']);
    expect((await of(analyst, assigned)).map((m) => m.kind)).toEqual(['appeal.overdue_response']);
    expect(await of(akmola, assigned)).toEqual([]);
    expect((await of(akmola, unassigned))[0]?.body).toContain(`/appeals/${unassigned}`);
    // Answered meanwhile, the assigned one is reminded of its result only; sixteen days on, once each.
    await call(t, analyst, 'POST', `/api/appeals/${assigned}/answer`, { text: 'On it' }, 200);
    const later = new Date(at.getTime() + 14 * 86400_000);
    await remindOverdueAppeals(t.database.db, later);
    await remindOverdueAppeals(t.database.db, new Date(later.getTime() + 3600_000));
    expect((await of(analyst, assigned)).map((m) => m.kind)).toEqual([
      'appeal.overdue_response',
      'appeal.overdue_resolution',
    ]);
    expect((await of(akmola, unassigned)).map((m) => m.kind)).toEqual([
      'appeal.overdue_response',
      'appeal.overdue_resolution',
    ]);
  });
});

describe('section 13 and the monthly figures', () => {
  const YEAR = 2024;
  const nationalOffice = (): Actor => ({
    id: admin.userId,
    role: 'national_admin',
    region: null,
    organizationId: null,
  });
  const h = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000);

  beforeAll(async () => {
    const db = t.database.db;
    // Registered in March 2024 (the service at the time of each step): answered after 5 h and 1 h,
    // resolved after 2 and 4 days; a third closed as spam, which no figure counts.
    const steps = async (received: string, answerH: number, resolveH: number) => {
      const { id } = await registerByStaff(
        db,
        nationalOffice(),
        { ...staffAppeal(), receivedAt: received } as never,
        h(received, 0.1),
      );
      await call(t, admin, 'POST', `/api/appeals/${id}/assign`, { assignee: admin.userId }, 200);
      await answer(db, nationalOffice(), id, { text: 'Answer' }, h(received, answerH));
      await resolve(db, nationalOffice(), id, { result: 'Result' }, h(received, resolveH));
    };
    await steps('2024-03-04T05:00:00Z', 5, 48);
    await steps('2024-03-11T05:00:00Z', 1, 96);
    const spam = await registerByStaff(
      db,
      nationalOffice(),
      { ...staffAppeal(), receivedAt: '2024-03-12T05:00:00Z' } as never,
      h('2024-03-12T05:00:00Z', 1),
    );
    await close(db, nationalOffice(), spam.id, { reason: 'spam' }, h('2024-03-12T05:00:00Z', 2));
    // And one imported, answered after 3 h and resolved after a day.
    const head =
      'received_at,channel,gender,region,country,topic,related,status,first_response_at,resolved_at,external_id\n';
    const boundary = '----appeals-2024';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/appeals',
      headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n` +
          `${head}2024-03-20T05:00:00Z,telegram,female,KZ-79,,grants,false,resolved,2024-03-20T08:00:00Z,2024-03-21T05:00:00Z,IC-2024-1\r\n--${boundary}--\r\n`,
      ),
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('the annual report’s medians come from the workflow’s times; spam is not public interest', async () => {
    const report = (await call(t, null, 'GET', `/api/reports/annual/${YEAR}?lang=en`, undefined, 200)).json();
    expect(report.appeals).toMatchObject({
      available: true,
      total: 3,
      related: 2,
      medianHoursToFirstResponse: 3,
      medianDaysToResolution: 2,
    });
    expect(report.appeals.byStatus).toEqual([expect.objectContaining({ code: 'resolved', value: 3 })]);
  });

  it('counts an appeal in its Kazakhstan year: 31 December, 20:00 UTC is already the next year', async () => {
    const received = '2024-12-31T20:00:00Z'; // 1 January 2025, 01:00 in Kazakhstan
    await registerByStaff(
      t.database.db,
      nationalOffice(),
      { ...staffAppeal(), receivedAt: received } as never,
      h(received, 0.1),
    );
    const of = async (year: number) =>
      (await call(t, null, 'GET', `/api/reports/annual/${year}?lang=en`, undefined, 200)).json().appeals
        .total;
    expect(await of(2024)).toBe(3);
    expect(await of(2025)).toBe(1);
  });

  it('the monthly view: counts, medians, missed targets; a front office its region only', async () => {
    const m = (await call(t, viewer, 'GET', `/api/appeals/monthly?year=${YEAR}`, undefined, 200)).json();
    expect(m.targets).toEqual({ firstResponseHours: 24, resolutionHours: 360 });
    expect(m.leftOut).toBe(1);
    const march = m.months[2];
    expect(march).toMatchObject({
      month: '2024-03',
      received: 3,
      related: 2,
      medianResponseHours: 3,
      medianResolutionDays: 2,
      lateResponse: 0,
      lateResolution: 0,
      overdueNow: 0,
    });
    expect(march.byStatus).toEqual([
      { code: 'new', count: 0 },
      { code: 'in_progress', count: 0 },
      { code: 'resolved', count: 3 },
      { code: 'closed', count: 0 },
    ]);
    expect(march.byChannel).toEqual([
      { code: 'phone', count: 2 },
      { code: 'telegram', count: 1 },
    ]);
    expect(m.months[0].received).toBe(0);
    const own = (await call(t, rfo, 'GET', `/api/appeals/monthly?year=${YEAR}`, undefined, 200)).json();
    expect(own).toMatchObject({ region: 'KZ-75', total: { received: 2 } });
    expect((await call(t, rfo, 'GET', `/api/appeals/monthly?year=${YEAR}&region=KZ-79`)).statusCode).toBe(
      403,
    );
    expect((await call(t, coordinator, 'GET', `/api/appeals/monthly?year=${YEAR}`)).statusCode).toBe(403);
  });

  it('the targets are reference data the national admin changes', async () => {
    expect(
      (await call(t, rfo, 'PUT', '/api/appeals/targets', { firstResponseHours: 1, resolutionHours: 2 }))
        .statusCode,
    ).toBe(403);
    const set = await call(
      t,
      admin,
      'PUT',
      '/api/appeals/targets',
      { firstResponseHours: 2, resolutionHours: 30 },
      200,
    );
    expect(set.json()).toEqual({ firstResponseHours: 2, resolutionHours: 30 });
    const m = (await call(t, admin, 'GET', `/api/appeals/monthly?year=${YEAR}`, undefined, 200)).json();
    expect(m.months[2]).toMatchObject({ lateResponse: 2, lateResolution: 2 });
    const item = (
      await call(t, admin, 'GET', '/api/reference/code-lists/appeal_target?lang=en', undefined, 200)
    ).json();
    expect(item.find((i: { code: string }) => i.code === 'first_response').attrs).toEqual({ hours: 2 });
    await call(
      t,
      admin,
      'PUT',
      '/api/appeals/targets',
      { firstResponseHours: 24, resolutionHours: 360 },
      200,
    );
  });
});
