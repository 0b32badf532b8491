// Awards in the browser (issue 13 items 2, 3 and 7). Set up through the server's own inject: a
// verified organisation of Almaty whose volunteer has confirmed hours this half-year, accounts of
// the front office, the national admin and a juror, and a Volunteer of the Year round in scoring
// with two nominees. Then in Chromium: the front office (in Russian) sees the volunteer proposed
// with the reasons and chooses him; the national office (in English) approves from its queue; the
// front office (in Kazakh) issues the letter, downloads its PDF, and the public check names a letter
// of thanks; the juror (in Kazakh) declares a conflict with one nominee and scores the other; the
// admin closes and publishes the round; anyone, signed out, reads the result with the jury's names.
// axe at 1280 and 360 px on every page.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { CONSENT_VERSION } from '../src/domain/volunteer-account.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  signOut,
  startServer,
  text,
} from './helpers.ts';

const PASSWORD = 'e2e-password-2026';
const RFO = 'awards.rfo@e2e.kz';
const ADMIN = 'awards.admin@e2e.kz';
const JUROR = 'awards.juror@e2e.kz';
const VOLUNTEER = 'awards.volunteer@e2e.kz';
const NAME = 'Ерасыл Тоқтаров';

type Headers = Record<string, string>;

describe('letters of thanks and the jury', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let period = '';
  let round = 0;

  const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object) => {
    const res = await server.app.inject({
      method,
      url,
      headers,
      remoteAddress: '10.7.0.1',
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  const session = (res: { cookies: { name: string; value: string }[]; json(): any }): Headers => ({
    cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': res.json().csrfToken as string,
  });
  const login = async (email: string) =>
    session(await inject('POST', '/api/auth/login', {}, { email, password: PASSWORD }));

  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    let bin: string | null = null;
    for (let n = 1; !bin; n++) bin = withCheckDigit(`1304400${String(n).padStart(4, '0')}`);
    const reg = await inject(
      'POST',
      '/api/platform/organizations',
      {},
      {
        name: 'Жарқын болашақ',
        type: 'npo',
        bin,
        region: 'KZ-75',
        email: 'awards.coord@e2e.kz',
        password: PASSWORD,
        contactName: 'Мадина',
        lang: 'ru',
      },
    );
    const coordinator = session(reg);
    await createUser(server.database, ADMIN, 'national_admin', null, PASSWORD);
    await createUser(server.database, RFO, 'rfo', 'KZ-75', PASSWORD);
    await createUser(server.database, JUROR, 'juror', null, PASSWORD);
    await db
      .updateTable('app_user')
      .set({ display_name: 'Жюри Тестов' })
      .where('email', '=', JUROR)
      .execute();
    const admin = await login(ADMIN);
    await inject('POST', `/api/platform/organizations/${reg.json().organization.id}/verify`, admin, {
      decision: 'verified',
    });
    await createUser(server.database, VOLUNTEER, 'volunteer', null, PASSWORD);
    const user = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', VOLUNTEER)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db
      .insertInto('volunteer_profile')
      .values({
        user_id: user.id,
        name: NAME,
        birth_date: '1998-03-01',
        gender: 'male',
        region: 'KZ-75',
        employment: 'employed',
        resident: 1,
        disability: 0,
        skills: '[]',
        languages: '["kk"]',
        iin_hash: null,
        iin_last4: null,
        consent_version: CONSENT_VERSION,
        consent_at: now,
        email_confirmed_at: now,
        confirm_reminded_at: null,
        guardian_name: null,
        guardian_email: null,
        guardian_status: 'not_required',
        guardian_confirmed_at: null,
        lang: 'kk',
        created_at: now,
        erased_at: null,
      })
      .execute();
    const volunteer = await login(VOLUNTEER);
    const made = await inject('POST', '/api/platform/opportunities', coordinator, {
      title: 'Саябақты тазалау',
      description: 'Күзгі сенбілік',
      area: 'taza_alem',
      region: 'KZ-75',
      format: 'offline',
      shifts: [{ start: '2031-02-10T10:00:00+05:00', end: '2031-02-10T16:00:00+05:00', capacity: 5 }],
    });
    const { id, shifts } = made.json();
    await inject('POST', `/api/platform/opportunities/${id}/publish`, coordinator);
    const shift = shifts[0].id as number;
    const app = (await inject('POST', `/api/platform/shifts/${shift}/applications`, volunteer)).json();
    await inject('POST', `/api/platform/applications/${app.id}/accept`, coordinator);
    const start = new Date(Date.now() - 8 * 3600_000);
    await db
      .updateTable('opportunity_shift')
      .set({ start_at: start.toISOString(), end_at: new Date(start.getTime() + 6 * 3600_000).toISOString() })
      .where('id', '=', shift)
      .execute();
    await inject('POST', `/api/platform/applications/${app.id}/attendance`, coordinator, {
      attended: true,
      hours: 6,
    });
    // The half-year of the shift, in Kazakhstan time.
    const kz = new Date(start.getTime() + 5 * 3600_000);
    period = `${kz.getUTCFullYear()}-H${kz.getUTCMonth() < 6 ? 1 : 2}`;
    // A round in scoring: two nominees, the juror seated.
    round = (
      await inject('POST', '/api/awards/rounds', admin, {
        year: 2030,
        title: 'Жыл волонтері 2030',
        scaleMax: 10,
        nominations: [{ scope: 'domestic', name: 'Жыл волонтері', criteria: ['Үлес', 'Тұрақтылық'] }],
      })
    ).json().id;
    const r = (await inject('GET', `/api/awards/rounds/${round}`, admin)).json();
    for (const [name, region] of [
      ['Айбек Сәрсенов', 'KZ-75'],
      ['Жанар Қасымова', 'KZ-71'],
    ])
      await inject('POST', `/api/awards/rounds/${round}/nominees`, admin, {
        nomination: r.nominations[0].id,
        region,
        name,
        justification: 'Жыл бойы қарттарға көмектесті',
      });
    const juror = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', JUROR)
      .executeTakeFirstOrThrow();
    await inject('POST', `/api/awards/rounds/${round}/jurors`, admin, { user: juror.id });
    await inject('POST', `/api/awards/rounds/${round}/status`, admin, { status: 'scoring' });
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let code = '';

  it('the front office sees the volunteer proposed with the reasons and chooses him (ru)', async () => {
    await setLanguage(page, 'ru');
    await signIn(page, server.url, RFO, PASSWORD);
    await page.goto(`${server.url}/awards?period=${period}`);
    const card = page.getByTestId('volunteer-candidates').getByTestId('candidate').filter({ hasText: NAME });
    await card.waitFor();
    expect(await text(card.getByTestId('candidate-reasons'))).toContain('6 ч; участий: 1; организаторов: 1');
    expect(await seriousOnDesktopAndPhone(page, 'awards (front office)', 'main')).toEqual([]);
    await card.getByRole('button', { name: 'Выбрать' }).click();
    await card.getByLabel('Почему (необязательно)').fill('Пришёл на <b>все</b> субботники');
    await card.getByRole('button', { name: 'Подтвердить выбор' }).click();
    const letter = page.getByTestId('letters').getByTestId('letter');
    await expect.poll(() => text(letter.getByTestId('letter-status'))).toBe('Выбрано, ждёт утверждения');
    expect(await text(letter)).toContain('Пришёл на <b>все</b> субботники');
    expect(await seriousOnDesktopAndPhone(page, 'awards with a chosen letter', 'main')).toEqual([]);
  });

  it('the national office approves it from its queue (en)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'en');
    await signIn(page, server.url, ADMIN, PASSWORD);
    await page.goto(`${server.url}/awards`);
    const letter = page.getByTestId('letter').filter({ hasText: NAME });
    await letter.waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'awards (national queue)', 'main')).toEqual([]);
    await letter.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByTestId('letter').filter({ hasText: NAME }).count()).toBe(0);
  });

  it('the front office issues it, the PDF in Kazakh downloads and the public check names a letter of thanks (kk)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, RFO, PASSWORD);
    await page.goto(`${server.url}/awards?period=${period}`);
    const letter = page.getByTestId('letters').getByTestId('letter');
    await expect.poll(() => text(letter.getByTestId('letter-status'))).toBe('Бекітілді');
    await letter.getByRole('button', { name: 'Хатты беру' }).click();
    await expect.poll(() => text(letter.getByTestId('letter-status'))).toBe('Берілді');
    code = await text(letter.getByTestId('letter-code'));
    expect(code).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const href = (await letter.getByTestId('letter-pdf-kk').getAttribute('href')) as string;
    expect(href).toMatch(/\.pdf\?lang=kk$/);
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await seriousOnDesktopAndPhone(page, 'awards with an issued letter', 'main')).toEqual([]);
    const html = await (await fetch(`${server.url}/verify/${code}?lang=kk`)).text();
    expect(html).toContain('data-kind="letter"');
    expect(html).toContain('Алғыс хат');
    expect(html).toContain('Е. Т.');
    expect(html).not.toContain('Тоқтаров');
    await page.goto(`${server.url}/verify/${code}?lang=kk`);
    expect(await text(page.locator('.status'))).toBe('Жарамды');
    expect(await seriousOnDesktopAndPhone(page, 'verification page of a letter')).toEqual([]);
  });

  it('the juror declares a conflict with one nominee and scores the other (kk)', async () => {
    await page.goto(server.url);
    await signOut(page, server.url);
    await signIn(page, server.url, JUROR, PASSWORD);
    await page.goto(`${server.url}/awards/rounds`);
    await page.getByRole('link', { name: 'Жыл волонтері 2030' }).click();
    const first = page.getByTestId('nominee').filter({ hasText: 'Айбек Сәрсенов' });
    await first.waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'jury scoring page', 'main')).toEqual([]);
    await first.getByRole('button', { name: 'Мүдделер қақтығысын мәлімдеу' }).click();
    await first.getByLabel('Ескертпе (міндетті емес)').fill('Көршім');
    await first.getByRole('button', { name: 'Мүдделер қақтығысын мәлімдеу' }).click();
    await first.getByTestId('conflict').waitFor();
    expect(await first.getByTestId('score-form').count()).toBe(0);
    const second = page.getByTestId('nominee').filter({ hasText: 'Жанар Қасымова' });
    await second.getByLabel('Үлес').selectOption('8');
    await second.getByLabel('Тұрақтылық').selectOption('7');
    await second.getByRole('button', { name: 'Бағаларды сақтау' }).click();
    await second.getByText('Сақталды').waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'jury scoring page after scoring', 'main')).toEqual([]);
  });

  it('the admin closes and publishes; anyone reads the result with the jury’s names (en)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'en');
    await signIn(page, server.url, ADMIN, PASSWORD);
    await page.goto(`${server.url}/awards/rounds/${round}`);
    await page.getByRole('button', { name: 'Close the round (scores are final)' }).click();
    await expect.poll(() => text(page.getByTestId('round-status'))).toBe('Closed');
    await page.getByTestId('ranking').waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'closed round', 'main')).toEqual([]);
    await page.getByRole('button', { name: 'Publish the result' }).click();
    await expect.poll(() => text(page.getByTestId('round-status'))).toBe('Published');
    await signOut(page, server.url);
    await page.goto(`${server.url}/awards/results`);
    const results = page.getByTestId('results');
    await results.getByRole('link', { name: 'Жыл волонтері 2030' }).waitFor();
    // The demo's round of last year is there too, marked illustrative.
    expect(await text(results)).toContain('Illustrative');
    expect(await seriousOnDesktopAndPhone(page, 'published results', 'main')).toEqual([]);
    await results.getByRole('link', { name: 'Жыл волонтері 2030' }).click();
    await page.getByTestId('public-jury').waitFor();
    expect(await text(page.getByTestId('public-jury'))).toContain('Жюри Тестов');
    const rows = page.getByTestId('ranking-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await text(rows.first())).toContain('Жанар Қасымова');
    expect(await text(rows.first())).toContain('15.00');
    expect(await seriousOnDesktopAndPhone(page, 'a published result', 'main')).toEqual([]);
  });
});
