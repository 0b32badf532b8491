// Letters of thanks and the region's Best Volunteer (issue 13 item 2): candidates proposed with their
// reasons (volunteers from the record book, organisations from their activity records and the
// timeliness of their months), the front office choosing for its own region only, the national
// office approving or returning, the letter issued once under a verification code — as PDF in
// kk / ru / en (parsed back), checked on /api/verify and /verify like a certificate, and listed in
// the volunteer's record book — and the bad input: another region's candidates, a second letter for
// the same person and half-year, a second issue, decisions out of turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { call, type Volunteer, volunteer } from './helpers/platform.ts';
import { attend, platformOrganisation, publishedOpportunity } from './helpers/platform-hours.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
const people: Record<string, Volunteer> = {};
const orgs: Record<string, number> = {};

const kz = (local: string) => new Date(`${local}+05:00`).toISOString();
const id = (n: string) => (people[n] as Volunteer).userId;

/** The text of every page of a PDF, read back with pdf.js. */
async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out += `${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  }
  await doc.destroy();
  return out.replace(/\s+/g, ' ');
}

/** Activity records of an organisation of the registry, one per month given, entered by the admin. */
async function records(name: string, region: string, months: string[], beneficiaries: number | null = null) {
  for (const m of months) {
    const res = await call(
      t,
      admin,
      'POST',
      '/api/activities',
      {
        region,
        period: m,
        organization: name,
        organization_type: 'npo',
        title: `${name} ${m}`,
        area: 'bilim',
        format: 'offline',
        kind: 'event',
        start_date: `${m}-05`,
        end_date: `${m}-05`,
        volunteers: 5,
        hours: 10,
        ...(beneficiaries === null ? {} : { beneficiaries }),
      },
      201,
    );
    orgs[name] = res.json().organization_id ?? orgs[name];
  }
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  const coord = await platformOrganisation(t, admin, 'KZ-75');
  const far = await platformOrganisation(t, admin, 'KZ-79');
  const a = await publishedOpportunity(t, coord, [
    { start: kz('2026-03-10T10:00:00'), end: kz('2026-03-10T18:00:00') },
    { start: kz('2026-05-10T10:00:00'), end: kz('2026-05-10T18:00:00') },
  ]);
  const b = await publishedOpportunity(
    t,
    far,
    [{ start: kz('2026-03-11T10:00:00'), end: kz('2026-03-11T18:00:00') }],
    { region: 'KZ-79' },
  );
  for (const [n, name] of [
    ['bolat', 'Болат Серікұлы'],
    ['aigerim', 'Айгерім Сапарова'],
    ['kamila', 'Kamila Rahimova'],
    ['dana', 'Dana Ospanova'],
  ] as const)
    people[n] = await volunteer(t.database.db, { name });
  const [mar, may] = a.shifts as [(typeof a.shifts)[0], (typeof a.shifts)[0]];
  const bolat = await attend(t, a.id, mar, id('bolat'), { hours: 7 });
  await call(
    t,
    coord,
    'POST',
    `/api/platform/applications/${bolat}/assessment`,
    { reliability: 5, skills: 5, teamwork: 4 },
    201,
  );
  await attend(t, a.id, mar, id('aigerim'), { hours: 4 });
  await attend(t, a.id, may, id('aigerim'), { hours: 4 });
  await attend(t, b.id, b.shifts[0] as (typeof b.shifts)[0], id('kamila'), { hours: 20 });
  // Organisations of KZ-75 by their activity records in 2026-H1.
  await records('Alpha NPO', 'KZ-75', ['2026-01', '2026-02', '2026-03'], 30);
  await records('Beta NPO', 'KZ-75', ['2026-01', '2026-02', '2026-04']);
  await records('Gamma NPO', 'KZ-75', ['2026-05']);
  await records('Far NPO', 'KZ-79', ['2026-01', '2026-02', '2026-03', '2026-04']);
  // The front office submitted January on time and February late; March never; April on time.
  // (Entering the records opened the months' submissions.)
  for (const [period, submitted] of [
    ['2026-01', '2026-02-03T10:00:00.000Z'],
    ['2026-02', '2026-03-20T10:00:00.000Z'],
    ['2026-04', '2026-05-04T10:00:00.000Z'],
  ] as const)
    await t.database.db
      .updateTable('submission')
      .set({
        status: 'submitted',
        deadline: `2026-${String(Number(period.slice(5)) + 1).padStart(2, '0')}-05`,
        submitted_at: submitted,
        submitted_by: rfo.userId,
        last_submitted_at: submitted,
      })
      .where('region', '=', 'KZ-75')
      .where('period', '=', period)
      .execute();
});
afterAll(async () => t?.close());

const choose = (who: SignedIn, body: object) => call(t, who, 'POST', '/api/awards/letters', body);

describe('candidates of a region, with their reasons', () => {
  it('organisations: most months, then records of months submitted on time, then hours', async () => {
    const res = await call(
      t,
      rfo,
      'GET',
      '/api/awards/candidates/organizations?region=KZ-75&period=2026-H1',
      undefined,
      200,
    );
    const body = res.json();
    expect(body).toMatchObject({ region: 'KZ-75', period: '2026-H1', from: '2026-01-01', to: '2026-06-30' });
    expect(body.rule).toMatch(/months/);
    // Alpha and Beta: 3 months each; January on time for both, April on time for Beta: Beta first.
    expect(body.organizations.map((o: { name: string }) => o.name)).toEqual([
      'Beta NPO',
      'Alpha NPO',
      'Gamma NPO',
    ]);
    expect(body.organizations[1]).toMatchObject({
      records: 3,
      months: 3,
      volunteers: 15,
      hours: 30,
      onTime: 1,
      beneficiariesReported: 3,
    });
    expect(body.organizations[0]).toMatchObject({ onTime: 2, beneficiariesReported: 0 });
    for (const o of body.organizations) orgs[o.name] = o.organization;
  });

  it('another region’s candidates are refused to a front office (403); a month is no period for them (400)', async () => {
    for (const url of [
      '/api/awards/candidates/organizations?region=KZ-79&period=2026-H1',
      '/api/awards/candidates/volunteers?region=KZ-79&period=2026-H1',
    ])
      expect((await call(t, rfo, 'GET', url)).statusCode).toBe(403);
    expect(
      (await call(t, rfo, 'GET', '/api/awards/candidates/organizations?region=KZ-75&period=2026-03'))
        .statusCode,
    ).toBe(400);
    expect(
      (await call(t, null, 'GET', '/api/awards/candidates/organizations?region=KZ-75&period=2026'))
        .statusCode,
    ).toBe(401);
  });
});

let bolatLetter: { id: number; code: string | null };
let alphaLetter: { id: number };

describe('the front office chooses, the national office approves', () => {
  it('a volunteer and an organisation chosen with the reasons as they stand', async () => {
    const res = await choose(rfo, {
      region: 'KZ-75',
      period: '2026-H1',
      volunteer: id('bolat'),
      justification: 'Always first to come',
    });
    expect(res.statusCode, res.body).toBe(201);
    bolatLetter = res.json();
    expect(res.json()).toMatchObject({
      kind: 'thanks',
      status: 'chosen',
      recipient: 'volunteer',
      name: 'Болат Серікұлы',
      holder: 'Б. С.',
      justification: 'Always first to come',
      reasons: { hours: 7, participations: 1, organizations: 1, assessment: { average: 4.7, count: 1 } },
      code: null,
      pdfUrl: null,
    });
    const org = await choose(rfo, { region: 'KZ-75', period: '2026-H1', organization: orgs['Alpha NPO'] });
    expect(org.statusCode, org.body).toBe(201);
    alphaLetter = org.json();
    expect(org.json()).toMatchObject({
      recipient: 'organization',
      holder: 'Alpha NPO',
      reasons: { records: 3, onTime: 1 },
    });
  });

  it('refuses another region (403), someone with no figures there (422) and malformed choices (400)', async () => {
    const far = await choose(rfo, { region: 'KZ-79', period: '2026-H1', volunteer: id('kamila') });
    expect([far.statusCode, far.json().error]).toEqual([403, 'forbidden']);
    const none = await choose(rfo, { region: 'KZ-75', period: '2026-H1', volunteer: id('kamila') });
    expect([none.statusCode, none.json().error]).toEqual([422, 'not_a_candidate']);
    const noOrg = await choose(rfo, {
      region: 'KZ-75',
      period: '2026-H1',
      organization: orgs['Far NPO'] ?? 999999,
    });
    expect([noOrg.statusCode, noOrg.json().error]).toEqual([422, 'not_a_candidate']);
    const h2 = await choose(rfo, { region: 'KZ-75', period: '2026-H2', volunteer: id('aigerim') });
    expect([h2.statusCode, h2.json().error]).toEqual([422, 'not_a_candidate']);
    for (const body of [
      { region: 'KZ-75', period: '2026', volunteer: id('aigerim') },
      { region: 'KZ-75', period: '2026-03', volunteer: id('aigerim') },
      { region: 'KZ-75', period: '2026-H1' },
      { region: 'KZ-75', period: '2026-H1', volunteer: id('aigerim'), organization: orgs['Alpha NPO'] },
      { kind: 'best_volunteer', region: 'KZ-75', period: '2026-H1', volunteer: id('aigerim') },
      { region: 'KZ-75', period: '2026-H1', volunteer: id('aigerim'), justification: 'x'.repeat(2001) },
      { region: '<b>', period: '2026-H1', volunteer: id('aigerim') },
    ]) {
      const res = await choose(rfo, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const kamila = await choose(otherRfo, { region: 'KZ-79', period: '2026-H1', volunteer: id('kamila') });
    expect(kamila.statusCode, kamila.body).toBe(201);
  });

  it('one letter per person and half-year: a second choice is 409 letter_exists, whoever makes it', async () => {
    const again = await choose(rfo, { region: 'KZ-75', period: '2026-H1', volunteer: id('bolat') });
    expect([again.statusCode, again.json().error]).toEqual([409, 'letter_exists']);
    expect(again.json().details[0]).toMatchObject({ status: 'chosen', region: 'KZ-75' });
    const viaAdmin = await choose(admin, { region: 'KZ-75', period: '2026-H1', volunteer: id('bolat') });
    expect(viaAdmin.statusCode).toBe(409);
  });

  it('only the national office decides; a return needs a comment; a decision is made once', async () => {
    const url = (i: number) => `/api/awards/letters/${i}/decision`;
    expect((await call(t, rfo, 'POST', url(bolatLetter.id), { decision: 'approve' })).statusCode).toBe(403);
    expect((await call(t, analyst, 'POST', url(alphaLetter.id), { decision: 'return' })).statusCode).toBe(
      400,
    );
    const returned = await call(t, analyst, 'POST', url(alphaLetter.id), {
      decision: 'return',
      comment: 'Say what they did',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', decisionComment: 'Say what they did' });
    const ok = await call(t, analyst, 'POST', url(bolatLetter.id), { decision: 'approve' }, 200);
    expect(ok.json().status).toBe('approved');
    const twice = await call(t, admin, 'POST', url(bolatLetter.id), { decision: 'return', comment: 'No' });
    expect([twice.statusCode, twice.json().error]).toEqual([409, 'letter_decided']);
    expect((await call(t, admin, 'POST', url(999999), { decision: 'approve' })).statusCode).toBe(404);
  });

  it('a returned choice is chosen again; an approved one cannot be withdrawn', async () => {
    const again = await choose(rfo, {
      region: 'KZ-75',
      period: '2026-H1',
      organization: orgs['Alpha NPO'],
      justification: 'Three months of lessons',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ id: alphaLetter.id, status: 'chosen', decisionComment: null });
    const locked = await call(t, rfo, 'DELETE', `/api/awards/letters/${bolatLetter.id}`);
    expect([locked.statusCode, locked.json().error]).toEqual([409, 'letter_locked']);
    expect((await call(t, otherRfo, 'DELETE', `/api/awards/letters/${alphaLetter.id}`)).statusCode).toBe(403);
  });
});

describe('issuing', () => {
  it('an approved letter gets a code once: issued again, 409 letter_already_issued; not approved, 409', async () => {
    expect((await call(t, otherRfo, 'POST', `/api/awards/letters/${bolatLetter.id}/issue`)).statusCode).toBe(
      403,
    );
    const res = await call(t, rfo, 'POST', `/api/awards/letters/${bolatLetter.id}/issue`, undefined, 200);
    bolatLetter = res.json();
    expect(bolatLetter.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(res.json()).toMatchObject({
      status: 'issued',
      pdfUrl: `/api/awards/letters/${bolatLetter.id}.pdf`,
    });
    const twice = await call(t, admin, 'POST', `/api/awards/letters/${bolatLetter.id}/issue`);
    expect([twice.statusCode, twice.json().error]).toEqual([409, 'letter_already_issued']);
    expect(twice.json().message).toContain(bolatLetter.code);
    const early = await call(t, rfo, 'POST', `/api/awards/letters/${alphaLetter.id}/issue`);
    expect([early.statusCode, early.json().error]).toEqual([409, 'letter_not_approved']);
    const noPdf = await call(t, rfo, 'GET', `/api/awards/letters/${alphaLetter.id}.pdf`);
    expect([noPdf.statusCode, noPdf.json().error]).toEqual([409, 'letter_not_issued']);
  });

  it('the PDF in kk, ru and en carries the code, the full name and the reasons', async () => {
    const pdf = async (lang: string) => {
      const res = await call(t, rfo, 'GET', `/api/awards/letters/${bolatLetter.id}.pdf?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      return pdfText(res.rawPayload);
    };
    const kk = await pdf('kk');
    expect(kk).toContain('Алғыс хат');
    expect(kk).toContain(bolatLetter.code);
    expect(kk).toContain('Болат Серікұлы');
    expect(kk).toContain('2026 жылдың бірінші жартыжылдығында');
    expect(kk).toContain('7 сағат');
    expect(kk).toContain('5-тен 4,7');
    const ru = await pdf('ru');
    expect(ru).toContain('Благодарственное письмо');
    expect(ru).toContain('в первом полугодии 2026 года');
    const en = await pdf('en');
    expect(en).toContain('Letter of thanks');
    expect(en).toContain('7 hours in 1 participations');
    expect(en).toContain(`/verify/${bolatLetter.code}`);
    expect((await call(t, otherRfo, 'GET', `/api/awards/letters/${bolatLetter.id}.pdf`)).statusCode).toBe(
      403,
    );
    expect((await call(t, rfo, 'GET', `/api/awards/letters/${bolatLetter.id}.pdf?lang=de`)).statusCode).toBe(
      400,
    );
  });

  it('/api/verify and the /verify page answer for the letter: initials, region, half-year, issue date', async () => {
    const typed = (bolatLetter.code as string).toLowerCase().replace(/-/g, ' ');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/verify/${encodeURIComponent(typed)}`,
      remoteAddress: '198.51.100.40',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kind: 'letter',
      status: 'valid',
      code: bolatLetter.code,
      letter: 'thanks',
      recipient: 'volunteer',
      holder: 'Б. С.',
      region: 'KZ-75',
      period: '2026-H1',
      issuedAt: expect.any(String),
    });
    expect(res.body).not.toContain('Серікұлы');
    const page = await t.app.inject({
      method: 'GET',
      url: `/verify/${bolatLetter.code}?lang=kk`,
      remoteAddress: '198.51.100.40',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-kind="letter"');
    expect(page.body).toContain('Алғыс хат');
    expect(page.body).toContain('2026 жыл, бірінші жартыжылдық');
    expect(page.body).not.toContain('Серікұлы');
  });

  it('the letter is in the volunteer’s record book, and his only to download', async () => {
    const book = (
      await call(
        t,
        people.bolat as Volunteer,
        'GET',
        '/api/platform/volunteers/me/record-book',
        undefined,
        200,
      )
    ).json();
    expect(book.letters).toEqual([
      {
        kind: 'thanks',
        period: '2026-H1',
        region: 'KZ-75',
        code: bolatLetter.code,
        issuedAt: expect.any(String),
        url: `/api/platform/volunteers/me/letters/${bolatLetter.code}.pdf`,
        verifyUrl: expect.stringMatching(new RegExp(`/verify/${bolatLetter.code}$`)),
      },
    ]);
    expect(book.awards).toEqual([]);
    const own = await call(t, people.bolat as Volunteer, 'GET', `${book.letters[0].url}?lang=en`);
    expect(own.statusCode).toBe(200);
    expect(await pdfText(own.rawPayload)).toContain('Dear Болат Серікұлы');
    expect((await call(t, people.aigerim as Volunteer, 'GET', book.letters[0].url)).statusCode).toBe(404);
    const empty = (
      await call(
        t,
        people.dana as Volunteer,
        'GET',
        '/api/platform/volunteers/me/record-book',
        undefined,
        200,
      )
    ).json();
    expect(empty.letters).toEqual([]);
  });
});

describe('the region’s Best Volunteer of the year', () => {
  it('chosen from the year’s candidates, one per region and year, approved and issued', async () => {
    const res = await choose(rfo, {
      kind: 'best_volunteer',
      region: 'KZ-75',
      period: '2026',
      volunteer: id('aigerim'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'best_volunteer', reasons: { hours: 8, participations: 2 } });
    const second = await choose(rfo, {
      kind: 'best_volunteer',
      region: 'KZ-75',
      period: '2026',
      volunteer: id('bolat'),
    });
    expect([second.statusCode, second.json().error]).toEqual([409, 'letter_exists']);
    // Another region has its own.
    const far = await choose(otherRfo, {
      kind: 'best_volunteer',
      region: 'KZ-79',
      period: '2026',
      volunteer: id('kamila'),
    });
    expect(far.statusCode).toBe(201);
    await call(
      t,
      admin,
      'POST',
      `/api/awards/letters/${res.json().id}/decision`,
      { decision: 'approve' },
      200,
    );
    const issued = await call(t, admin, 'POST', `/api/awards/letters/${res.json().id}/issue`, undefined, 200);
    const text = await pdfText(
      (await call(t, rfo, 'GET', `/api/awards/letters/${res.json().id}.pdf?lang=ru`, undefined, 200))
        .rawPayload,
    );
    expect(text).toContain('Лучший волонтер региона');
    expect(text).toContain('Айгерім Сапарова');
    const check = await t.app.inject({
      method: 'GET',
      url: `/api/verify/${issued.json().code}`,
      remoteAddress: '198.51.100.41',
    });
    expect(check.json()).toMatchObject({ letter: 'best_volunteer', period: '2026', holder: 'А. С.' });
  });
});

describe('lists', () => {
  it('a front office sees its region’s; the national office all, filtered', async () => {
    const mine = (await call(t, rfo, 'GET', '/api/awards/letters', undefined, 200)).json().items;
    expect(new Set(mine.map((l: { region: string }) => l.region))).toEqual(new Set(['KZ-75']));
    expect(mine).toHaveLength(3);
    expect((await call(t, otherRfo, 'GET', '/api/awards/letters?region=KZ-75')).statusCode).toBe(403);
    const all = (await call(t, analyst, 'GET', '/api/awards/letters', undefined, 200)).json().items;
    expect(all).toHaveLength(5);
    const issued = (
      await call(t, admin, 'GET', '/api/awards/letters?status=issued&kind=thanks', undefined, 200)
    ).json().items;
    expect(issued.map((l: { name: string }) => l.name)).toEqual(['Болат Серікұлы']);
    const viewer = await signIn(t, 'viewer');
    expect((await call(t, viewer, 'GET', '/api/awards/letters')).statusCode).toBe(403);
  });

  it('two choices of the same organisation at once: one is made, the other is 409 letter_exists', async () => {
    const body = { region: 'KZ-75', period: '2026-H1', organization: orgs['Gamma NPO'] };
    const both = await Promise.all([choose(rfo, body), choose(admin, body)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json().error).toBe('letter_exists');
    const made = both.find((r) => r.statusCode === 201)?.json();
    expect((await call(t, rfo, 'DELETE', `/api/awards/letters/${made.id}`)).statusCode).toBe(204);
  });

  it('a choice not approved is withdrawn by its front office', async () => {
    const res = await choose(rfo, { region: 'KZ-75', period: '2026-H1', volunteer: id('aigerim') });
    expect(res.statusCode).toBe(201);
    expect((await call(t, rfo, 'DELETE', `/api/awards/letters/${res.json().id}`)).statusCode).toBe(204);
    expect((await call(t, rfo, 'DELETE', `/api/awards/letters/${res.json().id}`)).statusCode).toBe(404);
  });
});

describe('erasure', () => {
  it('a volunteer who erases his account keeps only his initials on his letters; their code stays valid', async () => {
    expect(
      (await call(t, people.bolat as Volunteer, 'DELETE', '/api/platform/volunteers/me')).statusCode,
    ).toBe(204);
    const letter = (
      await call(t, admin, 'GET', '/api/awards/letters?status=issued&kind=thanks', undefined, 200)
    ).json().items[0];
    expect(letter).toMatchObject({ name: 'Б. С.', holder: 'Б. С.' });
    const check = await t.app.inject({
      method: 'GET',
      url: `/api/verify/${bolatLetter.code}`,
      remoteAddress: '198.51.100.42',
    });
    expect(check.json()).toMatchObject({ status: 'valid', holder: 'Б. С.' });
    const pdf = await call(t, admin, 'GET', `/api/awards/letters/${letter.id}.pdf?lang=ru`, undefined, 200);
    expect(await pdfText(pdf.rawPayload)).not.toContain('Серікұлы');
  });
});

describe('a letter across regions', () => {
  it('a returned letter is chosen again by its own region only, not rewritten by another', async () => {
    const db = t.database.db;
    // Kamila's letter of 2026-H1 was chosen by KZ-79; she now has hours in KZ-75 too.
    const shift = await db
      .selectFrom('opportunity_shift as s')
      .innerJoin('opportunity as o', 'o.id', 's.opportunity_id')
      .select(['s.id', 's.start_at', 's.end_at', 'o.id as opp'])
      .where('o.region', '=', 'KZ-75')
      .orderBy('s.start_at', 'desc')
      .executeTakeFirstOrThrow();
    await attend(
      t,
      Number(shift.opp),
      { id: Number(shift.id), start: shift.start_at, end: shift.end_at },
      id('kamila'),
      { hours: 3 },
    );
    const letter = await db
      .selectFrom('award_letter')
      .select(['id', 'status', 'region'])
      .where('volunteer_id', '=', id('kamila'))
      .where('kind', '=', 'thanks')
      .executeTakeFirstOrThrow();
    expect(letter).toMatchObject({ status: 'chosen', region: 'KZ-79' });
    await call(
      t,
      admin,
      'POST',
      `/api/awards/letters/${letter.id}/decision`,
      { decision: 'return', comment: 'Say more' },
      200,
    );
    const other = await choose(rfo, { region: 'KZ-75', period: '2026-H1', volunteer: id('kamila') });
    expect([other.statusCode, other.json().error]).toEqual([409, 'letter_exists']);
    const own = await choose(otherRfo, { region: 'KZ-79', period: '2026-H1', volunteer: id('kamila') });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ id: Number(letter.id), region: 'KZ-79', status: 'chosen' });
  });
});
