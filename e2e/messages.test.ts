// A user's message settings (a section of /account, issue 10 item 9): reached from the signed-in menu
// (the user's name), the language of their e-mails and the switch for reminders and the digest are
// saved and still there after a reload (and in the database); the page has no serious axe-core
// violation at 1280 and 360 px and fits a phone.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  startServer,
  text,
} from './helpers.ts';

describe('message settings', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };

  beforeAll(async () => {
    server = await startServer();
    rfo = await createUser(server.database, 'rfo-messages@e2e.kz', 'rfo', 'KZ-75');
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const stored = () =>
    server.database.db
      .selectFrom('app_user')
      .select(['lang', 'notify_optional'])
      .where('email', '=', rfo.email)
      .executeTakeFirstOrThrow();

  it('are reached from the signed-in menu; the switch and the language persist', async () => {
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.locator('a[href="/account"]').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/account');
    const section = page.getByTestId('message-settings');
    await expect.poll(() => text(section.locator('h2'))).toBe('Письма');
    const box = section.getByRole('checkbox', { name: 'Напоминания и ежедневная сводка' });
    const lang = section.getByLabel('Язык моих писем');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await lang.inputValue()).toBe('ru');
    // what the switch covers for a front office, and what always comes
    expect(await text(section)).toContain('за 3 дня до срока');
    expect(await text(section)).toContain('отправляются всегда');

    await box.uncheck();
    await lang.selectOption('kk');
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/auth/me/preferences') && r.request().method() === 'PATCH',
      ),
      section.getByRole('button', { name: 'Сохранить' }).click(),
    ]);
    await section.getByRole('status').waitFor();
    expect(await text(section.getByRole('status'))).toBe('Сохранено');
    expect(await stored()).toEqual({ lang: 'kk', notify_optional: 0 });

    await page.reload();
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await lang.inputValue()).toBe('kk');

    expect(
      await seriousOnDesktopAndPhone(page, 'message settings', '[data-testid=message-settings]'),
    ).toEqual([]);

    // and back on
    await box.check();
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/auth/me/preferences') && r.request().method() === 'PATCH',
      ),
      section.getByRole('button', { name: 'Сохранить' }).click(),
    ]);
    await page.reload();
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await stored()).toEqual({ lang: 'kk', notify_optional: 1 });
  });
});
