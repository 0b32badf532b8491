// Measuring impact in the browser (issue 12 items 5 and 7). Set up through the server's own inject:
// an organisation registered and verified by the front office, an opportunity whose one shift a
// volunteer was accepted to, the shift moved into the past, the attendance recorded and the
// opportunity closed. Then in Chromium: the coordinator (in Russian) reports its impact — a type
// given twice is refused through the error box, then saved, the outcome's markup shown as text; the
// volunteer (in Kazakh) answers the survey once; the public dashboard (in English) shows the impact
// panel with its coverage and charts. axe at 1280 and 360 px on each page.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { kzYear } from '../src/domain/impact.ts';
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
const COORDINATOR = 'impact.coord@e2e.kz';
const RFO = 'impact.rfo@e2e.kz';
const VOLUNTEER = 'impact.dana@e2e.kz';
const TITLE = 'Аулаға <i>жөндеу</i>';

type Headers = Record<string, string>;

describe('impact: the organisation’s report, the volunteer’s survey, the dashboard', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let opportunityId = 0;
  let year = 0;

  const inject = async (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) => {
    const res = await server.app.inject({
      method,
      url,
      headers,
      remoteAddress: '10.9.0.2',
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
    let bin: string | null = null;
    for (let n = 1; !bin; n++) bin = withCheckDigit(`1205500${String(n).padStart(4, '0')}`);
    const reg = await inject(
      'POST',
      '/api/platform/organizations',
      {},
      {
        name: 'Жарқын Аула',
        type: 'npo',
        bin,
        region: 'KZ-75',
        email: COORDINATOR,
        password: PASSWORD,
        contactName: 'Ерлан',
        lang: 'ru',
      },
    );
    const coordinator = session(reg);
    await createUser(server.database, RFO, 'rfo', 'KZ-75', PASSWORD);
    await inject(
      'POST',
      `/api/platform/organizations/${reg.json().organization.id}/verify`,
      await login(RFO),
      {
        decision: 'verified',
      },
    );
    const made = await inject('POST', '/api/platform/opportunities', coordinator, {
      title: TITLE,
      description: 'Скамейки, клумбы',
      area: 'qamqor',
      region: 'KZ-75',
      format: 'offline',
      shifts: [{ start: '2031-04-10T10:00:00+05:00', end: '2031-04-10T14:00:00+05:00', capacity: 5 }],
    });
    opportunityId = made.json().id;
    const shift = made.json().shifts[0].id as number;
    await inject('POST', `/api/platform/opportunities/${opportunityId}/publish`, coordinator);
    await createUser(server.database, VOLUNTEER, 'volunteer', null, PASSWORD);
    const user = await server.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', VOLUNTEER)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await server.database.db
      .insertInto('volunteer_profile')
      .values({
        user_id: user.id,
        name: 'Дана Серікова',
        birth_date: '2000-02-02',
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
    const application = (
      await inject('POST', `/api/platform/shifts/${shift}/applications`, await login(VOLUNTEER))
    ).json().id as number;
    await inject('POST', `/api/platform/applications/${application}/accept`, coordinator);
    const start = new Date(Date.now() - 6 * 3600_000);
    year = kzYear(start.toISOString());
    await server.database.db
      .updateTable('opportunity_shift')
      .set({ start_at: start.toISOString(), end_at: new Date(start.getTime() + 4 * 3600_000).toISOString() })
      .where('id', '=', shift)
      .execute();
    await inject('POST', `/api/platform/applications/${application}/attendance`, coordinator, {
      attended: true,
      hours: 4,
    });
    await inject('POST', `/api/platform/opportunities/${opportunityId}/close`, coordinator);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the coordinator reports the impact of his closed opportunity (in Russian)', async () => {
    await signIn(page, server.url, COORDINATOR, PASSWORD);
    await page.goto(`${server.url}/platform/my/opportunities`);
    await page.getByTestId('impact-link').click();
    await page.waitForURL(new RegExp(`/platform/my/opportunities/${opportunityId}/impact$`));
    const form = page.getByTestId('impact-form');
    await expect.poll(() => form.count()).toBe(1);
    expect(await text(form)).toMatch(/Отчёт можно изменить до \d{2}\.\d{2}\.\d{4}/);
    await form.getByLabel('Результат одной строкой').fill('Двор <b>обновлён</b>: 2 скамейки');
    const line = (i: number) => form.getByTestId('impact-line').nth(i);
    await line(0).getByLabel('Тип').selectOption({ label: 'Дети' });
    await line(0).getByLabel('Сколько').fill('12');
    await form.getByRole('button', { name: 'Добавить тип' }).click();
    await line(1).getByLabel('Тип').selectOption({ label: 'Дети' });
    await line(1).getByLabel('Сколько').fill('3');
    // The same type twice: said beside the field, and refused by the server in words.
    expect(await text(line(1))).toContain('Тип благополучателей указан дважды');
    await form.getByRole('button', { name: 'Сохранить отчёт' }).click();
    await expect
      .poll(() => text(form.locator('.alert-error, [role=alert]').first()))
      .toContain('Тип благополучателей указан дважды');
    expect(await seriousOnDesktopAndPhone(page, 'impact form', 'main')).toEqual([]);
    await line(1).getByLabel('Тип').selectOption({ label: 'Пожилые люди' });
    await form.getByRole('button', { name: 'Сохранить отчёт' }).click();
    await expect
      .poll(() => text(page.getByTestId('impact-saved')))
      .toBe('Сохранено: отчёт учитывается в годовом отчёте и на дашборде.');
    const current = page.getByTestId('impact-current');
    expect(await text(current.getByTestId('impact-outcome'))).toBe('Двор <b>обновлён</b>: 2 скамейки');
    expect(await current.locator('b').count()).toBe(0);
    expect(await text(current.getByTestId('impact-total'))).toBe('Всего благополучателей: 15');
    expect(await text(current)).toContain('Пожилые люди: 3');
    expect(await seriousOnDesktopAndPhone(page, 'impact reported', 'main')).toEqual([]);
  });

  it('the volunteer answers the survey once (in Kazakh)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, VOLUNTEER, PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me/applications`);
    const app = page.getByTestId('application');
    await expect.poll(() => app.count()).toBe(1);
    await app.getByRole('button', { name: 'Сауалнамаға жауап беру' }).click();
    const form = app.getByTestId('survey-form');
    const send = form.getByRole('button', { name: 'Жауаптарды жіберу' });
    expect(await send.isDisabled()).toBe(true);
    await form
      .getByRole('group', { name: 'Осы қатысуға қаншалықты ризасыз?' })
      .getByRole('radio', { name: '5-тен 5' })
      .check();
    await form
      .getByRole('group', { name: 'Жаңа дағдылар алдыңыз ба?' })
      .getByRole('radio', { name: '5-тен 4' })
      .check();
    await form
      .getByRole('group', { name: 'Қайта волонтер болар ма едіңіз?' })
      .getByRole('radio', { name: '5-тен 5' })
      .check();
    expect(await send.isDisabled()).toBe(true);
    await form
      .getByRole('group', { name: 'Сенім мен тиесілілікті сездіңіз бе?' })
      .getByRole('radio', { name: '5-тен 3' })
      .check();
    expect(await seriousOnDesktopAndPhone(page, 'survey form', 'main')).toEqual([]);
    await send.click();
    await expect.poll(() => text(app.locator('.alert-success'))).toBe('Рахмет: жауаптарыңыз сақталды.');
    expect(await app.getByRole('button', { name: 'Сауалнамаға жауап беру' }).count()).toBe(0);
    // Reloaded, the answers are known: no second form.
    await page.reload();
    await expect.poll(() => text(app.getByTestId('surveyed'))).toBe('Сауалнамаға жауап берілді');
    expect(await app.getByRole('button', { name: 'Сауалнамаға жауап беру' }).count()).toBe(0);
    expect(await seriousOnDesktopAndPhone(page, 'survey answered', 'main')).toEqual([]);
  });

  it('the public dashboard shows the impact with its coverage (in English)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'en');
    await page.goto(`${server.url}/?year=${year}`);
    const panel = page.getByTestId('impact-section');
    await expect.poll(() => panel.count()).toBe(1);
    // 15 beneficiaries on 4 confirmed hours.
    await expect.poll(() => text(panel.getByTestId('impact-beneficiariesPer100Hours'))).toContain('375');
    expect(await text(panel.getByTestId('impact-beneficiariesPer100Hours'))).toContain(
      '1 of 1 closed opportunities reported',
    );
    // One survey: below three answers the mean is not shown, how many there are is.
    expect(await text(panel.getByTestId('impact-satisfaction'))).toBe(
      'Satisfaction (1–5)–surveys answered: 1 of 1 participations',
    );
    expect(await text(panel.getByTestId('impact-noShowRate'))).toContain('0 of 1 attendances marked');
    expect(await text(panel.getByTestId('impact-reached'))).toContain('Children12');
    await panel.scrollIntoViewIfNeeded();
    await expect.poll(() => panel.locator('svg[role=img]').count(), { timeout: 15_000 }).toBe(2);
    expect(await seriousOnDesktopAndPhone(page, 'dashboard impact', '[data-testid=impact-section]')).toEqual(
      [],
    );
  });
});
