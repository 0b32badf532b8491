// Finding volunteers in the browser (issue 12 items 4 and 7): a volunteer opts in on the profile
// and chooses what to show; a verified organisation's coordinator finds him without his name and
// invites him to a published opportunity; the volunteer sees the view and the invitation on his
// profile. axe at 1280 and 360 px on both pages.
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
const VOLUNTEER = 'find.volunteer@e2e.kz';
const COORDINATOR = 'find.coord@e2e.kz';

describe('finding volunteers', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    let bin: string | null = null;
    for (let n = 1; !bin; n++) bin = withCheckDigit(`1204400${String(n).padStart(4, '0')}`);
    const reg = await server.app.inject({
      method: 'POST',
      url: '/api/platform/organizations',
      remoteAddress: '10.9.0.1',
      payload: {
        name: 'Іздеу қоры',
        type: 'npo',
        bin,
        region: 'KZ-75',
        email: COORDINATOR,
        password: PASSWORD,
        contactName: 'Айгүл',
        lang: 'ru',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const coordinator = {
      cookie: reg.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': reg.json().csrfToken as string,
    };
    await createUser(server.database, 'find.admin@e2e.kz', 'national_admin', null, PASSWORD);
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.0.2',
      payload: { email: 'find.admin@e2e.kz', password: PASSWORD },
    });
    const admin = {
      cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': login.json().csrfToken as string,
    };
    await server.app.inject({
      method: 'POST',
      url: `/api/platform/organizations/${reg.json().organization.id}/verify`,
      headers: admin,
      payload: { decision: 'verified' },
    });
    const made = await server.app.inject({
      method: 'POST',
      url: '/api/platform/opportunities',
      headers: coordinator,
      payload: {
        title: 'Онлайн-уроки <i>английского</i>',
        description: 'По видеосвязи',
        area: 'bilim',
        region: 'KZ-75',
        format: 'online',
        shifts: [{ start: '2031-03-01T10:00:00+05:00', end: '2031-03-01T12:00:00+05:00', capacity: 3 }],
      },
    });
    await server.app.inject({
      method: 'POST',
      url: `/api/platform/opportunities/${made.json().id}/publish`,
      headers: coordinator,
    });
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
        name: 'Секретное Имя',
        birth_date: '1997-07-07',
        gender: 'female',
        region: 'KZ-75',
        employment: 'employed',
        resident: 1,
        disability: 0,
        skills: '["Английский язык"]',
        languages: '["kk","ru","en"]',
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
        lang: 'ru',
        created_at: now,
        erased_at: null,
      })
      .execute();
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the volunteer opts in on the profile, showing his skills and availability', async () => {
    await signIn(page, server.url, VOLUNTEER, PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me`);
    const section = page.getByTestId('visibility');
    await section.waitFor();
    await section.getByLabel('Организации могут найти меня').check();
    await section.getByRole('textbox', { name: 'Когда я свободен(на)' }).fill('по выходным');
    await section.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => text(section)).toContain('Сохранено: организации могут найти вас.');
    expect(await seriousOnDesktopAndPhone(page, 'profile with visibility', 'main')).toEqual([]);
    await signOut(page, server.url);
  });

  it('the coordinator finds him without his name and invites him; he sees both', async () => {
    await signIn(page, server.url, COORDINATOR, PASSWORD);
    await page.goto(`${server.url}/platform/my/volunteers`);
    await page.getByLabel('Навык').fill('английский');
    await page.getByRole('button', { name: 'Найти' }).click();
    const found = page.getByTestId('found');
    await expect.poll(() => found.count()).toBe(1);
    const card = await text(found.first());
    expect(card).toContain('Английский язык');
    expect(card).toContain('по выходным');
    expect(card).not.toContain('Секретное');
    expect(await seriousOnDesktopAndPhone(page, 'volunteer search', 'main')).toEqual([]);
    await found.first().getByRole('button', { name: 'Пригласить' }).click();
    await expect.poll(() => text(found.first())).toContain('Приглашение отправлено');
    await signOut(page, server.url);

    await signIn(page, server.url, VOLUNTEER, PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me`);
    await expect.poll(() => text(page.getByTestId('views'))).toContain('Іздеу қоры');
    expect(await text(page.getByTestId('invitations'))).toContain('Онлайн-уроки <i>английского</i>');
  });
});
