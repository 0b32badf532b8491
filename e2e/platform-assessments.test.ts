// Assessments both ways in the browser (issue 12 items 3 and 7). Set up through the server's own
// inject: an organisation registered and verified by the front office, an opportunity whose one
// shift two volunteers were accepted to, the shift moved into the past and both attendances
// recorded; the second volunteer's participation is assessed over the API beforehand. Then in
// Chromium: the coordinator (in Russian) assesses the first volunteer with three 1–5 radio groups
// and a comment, and is offered no form for the second (assessed already, as the list says); the volunteer
// (in Kazakh) reads the assessment, markup shown as text, and contests it; the front office (in
// English) upholds the contest with a note; the volunteer sees the settlement, then rates the
// opportunity; the opportunity page shows the organiser's rating and response time. axe at 1280
// and 360 px on each page.
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
const COORDINATOR = 'assess.coord@e2e.kz';
const RFO = 'assess.rfo@e2e.kz';
const VOLUNTEER = 'assess.asel@e2e.kz';
const OTHER = 'assess.bolat@e2e.kz';
const NAME = 'Әсел <b>Ғаниева</b>';

type Headers = Record<string, string>;

describe('assessments both ways', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let opportunityId = 0;

  const inject = async (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) => {
    const res = await server.app.inject({
      method,
      url,
      headers,
      remoteAddress: '10.9.0.1',
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

  async function volunteerAccount(email: string, name: string): Promise<void> {
    await createUser(server.database, email, 'volunteer', null, PASSWORD);
    const user = await server.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await server.database.db
      .insertInto('volunteer_profile')
      .values({
        user_id: user.id,
        name,
        birth_date: '1999-05-01',
        gender: 'female',
        region: 'KZ-75',
        employment: 'student',
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
  }

  beforeAll(async () => {
    server = await startServer();
    let bin: string | null = null;
    for (let n = 1; !bin; n++) bin = withCheckDigit(`1204400${String(n).padStart(4, '0')}`);
    const reg = await inject(
      'POST',
      '/api/platform/organizations',
      {},
      {
        name: 'Жас Қанат',
        type: 'npo',
        bin,
        region: 'KZ-75',
        email: COORDINATOR,
        password: PASSWORD,
        contactName: 'Данияр',
        lang: 'ru',
      },
    );
    const coordinator = session(reg);
    await createUser(server.database, RFO, 'rfo', 'KZ-75', PASSWORD);
    const rfo = await login(RFO);
    await inject('POST', `/api/platform/organizations/${reg.json().organization.id}/verify`, rfo, {
      decision: 'verified',
    });
    const made = await inject('POST', '/api/platform/opportunities', coordinator, {
      title: 'Қарттар үйіне <i>көмек</i>',
      description: 'Серуен, кітап оқу',
      area: 'qamqor',
      region: 'KZ-75',
      format: 'offline',
      shifts: [{ start: '2031-02-10T10:00:00+05:00', end: '2031-02-10T14:00:00+05:00', capacity: 5 }],
    });
    opportunityId = made.json().id;
    const shift = made.json().shifts[0].id as number;
    await inject('POST', `/api/platform/opportunities/${opportunityId}/publish`, coordinator);
    const applications: number[] = [];
    for (const [email, name] of [
      [VOLUNTEER, NAME],
      [OTHER, 'Болат Ахметов'],
    ] as const) {
      await volunteerAccount(email, name);
      const v = await login(email);
      applications.push((await inject('POST', `/api/platform/shifts/${shift}/applications`, v)).json().id);
    }
    // Applied five hours before the answer: the organiser answers in ~5 h.
    await server.database.db
      .updateTable('application')
      .set({ created_at: new Date(Date.now() - 5 * 3600_000).toISOString() })
      .where('id', 'in', applications)
      .execute();
    for (const a of applications) await inject('POST', `/api/platform/applications/${a}/accept`, coordinator);
    const start = new Date(Date.now() - 6 * 3600_000);
    await server.database.db
      .updateTable('opportunity_shift')
      .set({ start_at: start.toISOString(), end_at: new Date(start.getTime() + 4 * 3600_000).toISOString() })
      .where('id', '=', shift)
      .execute();
    for (const a of applications)
      await inject('POST', `/api/platform/applications/${a}/attendance`, coordinator, {
        attended: true,
        hours: 4,
      });
    // The second participation is assessed already (another tab, another day).
    await inject('POST', `/api/platform/applications/${applications[1]}/assessment`, coordinator, {
      reliability: 5,
      skills: 5,
      teamwork: 5,
    });
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const recorded = (name: string) =>
    page.getByTestId('recorded').filter({ has: page.getByText(name, { exact: true }) });

  it('the coordinator assesses an attended volunteer, and is told when it was done already (in Russian)', async () => {
    await signIn(page, server.url, COORDINATOR, PASSWORD);
    await page.goto(`${server.url}/platform/my/opportunities/${opportunityId}`);
    await expect.poll(() => page.getByTestId('recorded').count()).toBe(2);
    const asel = recorded(NAME);
    await asel.getByRole('button', { name: 'Оценить' }).click();
    const form = asel.getByTestId('assess-form');
    const send = form.getByRole('button', { name: 'Сохранить оценку' });
    expect(await send.isDisabled()).toBe(true);
    await form.getByRole('group', { name: 'Надёжность' }).getByRole('radio', { name: '4 из 5' }).check();
    await form.getByRole('group', { name: 'Навыки' }).getByRole('radio', { name: '3 из 5' }).check();
    await form
      .getByRole('group', { name: 'Работа в команде' })
      .getByRole('radio', { name: '5 из 5' })
      .check();
    await form.getByLabel('Комментарий').fill('Опоздала <script>x</script> на 10 минут');
    expect(await seriousOnDesktopAndPhone(page, 'assessment form', 'main')).toEqual([]);
    await send.click();
    await expect
      .poll(() => text(asel.getByTestId('assessed')))
      .toBe('Оценено: волонтер увидит оценку первым.');
    expect(await asel.getByRole('button', { name: 'Оценить' }).count()).toBe(0);

    // Assessed before (the list says so): no second form.
    const bolat = recorded('Болат Ахметов');
    expect(await text(bolat.getByTestId('assessed'))).toBe('Оценено: волонтер увидит оценку первым.');
    expect(await bolat.getByRole('button', { name: 'Оценить' }).count()).toBe(0);
    expect(await seriousOnDesktopAndPhone(page, 'applicants with assessments', 'main')).toEqual([]);
  });

  it('the volunteer reads the assessment and contests it (in Kazakh)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, VOLUNTEER, PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me`);
    await page.getByRole('link', { name: 'Маған берілген бағалар' }).click();
    await page.waitForURL(/\/platform\/volunteers\/me\/assessments$/);
    const card = page.getByTestId('assessment');
    await expect.poll(() => card.count()).toBe(1);
    expect(await text(card.locator('h2'))).toBe('Қарттар үйіне <i>көмек</i>');
    expect(await text(card.getByTestId('score-reliability'))).toBe('5-тен 4');
    expect(await text(card.getByTestId('score-skills'))).toBe('5-тен 3');
    expect(await text(card.getByTestId('score-teamwork'))).toBe('5-тен 5');
    expect(await text(card.getByTestId('assessment-comment'))).toBe(
      'Опоздала <script>x</script> на 10 минут',
    );
    expect(await card.locator('script, i').count()).toBe(0);
    expect(await text(card)).toMatch(/\d{2}\.\d{2}\.\d{4}.* дейін дау айтуға болады\./);
    expect(await seriousOnDesktopAndPhone(page, 'assessments of me', 'main')).toEqual([]);

    await card.getByRole('button', { name: 'Дау айту' }).click();
    await card.getByLabel('Неге келіспейсіз').fill('Мен кешікпедім <b>!</b>');
    await card.getByRole('button', { name: 'Дауды жіберу' }).click();
    await expect.poll(() => text(card.getByTestId('contest-status'))).toBe('Фронт-офистің шешімін күтуде');
    expect(await text(card)).toContain('Жіберілді: өңірдің фронт-офисі жауап береді.');
    expect(await text(card)).toContain('Мен кешікпедім <b>!</b>');
    expect(await card.getByRole('button', { name: 'Дау айту' }).count()).toBe(0);
    expect(await seriousOnDesktopAndPhone(page, 'assessment contested', 'main')).toEqual([]);
  });

  it('the front office upholds the contest with a note (in English)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'en');
    await signIn(page, server.url, RFO, PASSWORD);
    await page.goto(`${server.url}/rfo`);
    await page.getByRole('link', { name: 'Contested assessments' }).click();
    await page.waitForURL(/\/platform\/assessment-contests/);
    const card = page.getByTestId('contest');
    await expect.poll(() => card.count()).toBe(1);
    expect(await text(page.getByTestId('contest-count'))).toBe('1 contested assessment');
    expect(await text(card.locator('h2'))).toBe(NAME);
    expect(await text(card.getByTestId('contest-text'))).toBe('Мен кешікпедім <b>!</b>');
    expect(await text(card.getByTestId('score-reliability'))).toBe('4 of 5');
    expect(await text(card)).toMatch(/Organiser\s*Жас Қанат\s*Region\s*\S/);
    expect(await card.locator('b, script').count()).toBe(0);
    expect(await seriousOnDesktopAndPhone(page, 'contested assessments', 'main')).toEqual([]);

    await card.getByRole('button', { name: 'Uphold' }).click();
    const form = card.getByRole('form', { name: 'Uphold' });
    const uphold = form.getByRole('button', { name: 'Uphold' });
    expect(await uphold.isDisabled()).toBe(true);
    await form.getByLabel('Note for the volunteer').fill('The shift log shows she came on time.');
    await uphold.click();
    await expect.poll(() => text(page.getByTestId('contest-count'))).toBe('0 contested assessments');
    await page.getByLabel('Status').selectOption('upheld');
    await expect.poll(() => card.count()).toBe(1);
    expect(await text(card)).toContain('Upheld: the assessment no longer counts');
    expect(await text(card)).toContain('The shift log shows she came on time.');
  });

  it('the volunteer sees the settlement and rates the opportunity; its page shows the rating (in Kazakh)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, VOLUNTEER, PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me/assessments`);
    const card = page.getByTestId('assessment');
    await expect
      .poll(() => text(card.getByTestId('contest-status')))
      .toBe('Қанағаттандырылды: баға енді есептелмейді');
    expect(await text(card.getByTestId('contest-settlement'))).toBe('The shift log shows she came on time.');

    await page.goto(`${server.url}/platform/volunteers/me/applications`);
    const app = page.getByTestId('application');
    await expect.poll(() => app.count()).toBe(1);
    await app.getByRole('button', { name: 'Осы мүмкіндікті бағалау' }).click();
    const form = app.getByTestId('rate-form');
    await form.getByRole('group', { name: 'Сіздің бағаңыз' }).getByRole('radio', { name: '5-тен 4' }).check();
    await form.getByLabel('Не жақсы болды').fill('Қарттар қуанды');
    await form.getByLabel('Нені жақсарту керек').fill('Көбірек кітап <i>әкелу</i>');
    expect(await seriousOnDesktopAndPhone(page, 'rating form', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Бағаны жіберу' }).click();
    await expect.poll(() => text(app.locator('.alert-success'))).toBe('Рахмет: бағаңыз сақталды.');
    expect(await app.getByRole('button', { name: 'Осы мүмкіндікті бағалау' }).count()).toBe(0);
    // Reloaded, the list says it is rated: no second form.
    await page.reload();
    await expect.poll(() => app.count()).toBe(1);
    expect(await app.getByRole('button', { name: 'Осы мүмкіндікті бағалау' }).count()).toBe(0);

    await app.getByRole('link', { name: 'Қарттар үйіне <i>көмек</i>' }).click();
    await page.waitForURL(/\/platform\/opportunities\/\d+$/);
    await expect
      .poll(() => text(page.getByTestId('organizer-rating')))
      .toBe('4,0 ★ (1 баға) · орташа ~5 сағатта жауап береді (2 жауап)');
    expect(await seriousOnDesktopAndPhone(page, 'opportunity with the rating', 'main')).toEqual([]);
  });
});
