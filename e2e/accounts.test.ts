// Accounts in the browser, in Russian: a wrong password says the e-mail or password is wrong (not
// "you need to sign in"); "Forgot password?" on the sign-in page mails a link (read here from the
// outbox table, as the mail would carry it); the link's page sets a new password and signs in with
// it; the link used again says so; the account page changes the password (a wrong current one is
// named); the national admin invites a user from the Users page. The new pages pass axe at 1280 and
// 360 px and fit a phone.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  signOut,
  startServer,
} from './helpers.ts';

let server: E2EServer;
let browser: BrowserContext;
let page: Page;
const EMAIL = 'forgetful.rfo@e2e.kz';
const NEW_PASSWORD = 'новый пароль 2026';

beforeAll(async () => {
  server = await startServer();
  await createUser(server.database, EMAIL, 'rfo', 'KZ-75');
  browser = await launchBrowser('ru-RU');
  page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await setLanguage(page, 'ru');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The link of the latest message queued for the address. */
async function linkIn(to: string): Promise<string> {
  const rows = await server.database.db
    .selectFrom('outbox')
    .select(['body', 'lang'])
    .where('recipient', '=', to)
    .orderBy('id', 'desc')
    .execute();
  const link = /https?:\/\/\S+\/account\/set-password\?token=\S+/.exec(rows[0]?.body ?? '')?.[0];
  expect(link, rows[0]?.body).toBeDefined();
  expect(rows[0]?.lang).toBe('ru');
  // The server under test has no PUBLIC_URL, so its links say localhost:3000 (never the Host of a
  // request); the same path and token are opened on the test server.
  const url = new URL(link as string);
  return `${server.url}${url.pathname}${url.search}`;
}

const alertText = async () => (await page.getByRole('alert').first().textContent()) ?? '';

describe('accounts', () => {
  it('a wrong password says the e-mail or password is wrong', async () => {
    await signIn(page, server.url, EMAIL, 'совсем не тот пароль');
    await expect.poll(alertText).toContain('Неверный адрес электронной почты или пароль');
    expect(await alertText()).not.toMatch(/Нужно войти|войдите/i);
  });

  it('forgot password → link from the outbox → set a new password → sign in with it', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    await page.waitForURL(/\/account\/forgot$/);
    expect(await seriousOnDesktopAndPhone(page, 'forgot password', 'main form')).toEqual([]);
    await page.locator('input[name=email]').fill(EMAIL);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/forgot') && r.status() === 202),
      page.getByRole('button', { name: 'Отправить ссылку' }).click(),
    ]);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('письмо со ссылкой');

    const link = await linkIn(EMAIL);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Задайте пароль' }).waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'set password', 'main form')).toEqual([]);

    // Two different passwords are stopped before they leave the browser; a short one by the server.
    await page.locator('input[name=new-password]').fill(NEW_PASSWORD);
    await page.locator('input[name=repeat-password]').fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'Задать пароль' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('не совпадают');
    await page.locator('input[name=new-password]').fill('короткий');
    await page.locator('input[name=repeat-password]').fill('короткий');
    await page.getByRole('button', { name: 'Задать пароль' }).click();
    await expect.poll(alertText).toContain('не меньше 10');

    await page.locator('input[name=new-password]').fill(NEW_PASSWORD);
    await page.locator('input[name=repeat-password]').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Задать пароль' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Пароль задан');
    expect(await page.locator('input[name=email]').inputValue()).toBe(EMAIL);
    await page.locator('input[name=password]').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.waitForURL(/\/rfo$/);

    // The same link once more: it says it was used, and how to get a new one.
    await page.goto(link);
    await page.locator('input[name=new-password]').fill('ещё один пароль');
    await page.locator('input[name=repeat-password]').fill('ещё один пароль');
    await page.getByRole('button', { name: 'Задать пароль' }).click();
    await expect.poll(alertText).toContain('уже использована');
    await page.getByRole('link', { name: 'Запросить новую ссылку' }).waitFor();
  });

  it('the account page changes the password; a wrong current one is named', async () => {
    await page.goto(`${server.url}/rfo`);
    await page.locator('.banner a.user-name').click();
    await page.waitForURL(/\/account$/);
    await page.getByRole('heading', { name: 'Смена пароля' }).waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'account', 'main')).toEqual([]);

    const change = async (current: string, next: string) => {
      await page.locator('input[name=current-password]').fill(current);
      await page.locator('input[name=new-password]').fill(next);
      await page.locator('input[name=repeat-password]').fill(next);
      await page.getByRole('button', { name: 'Сменить пароль' }).click();
    };
    await change('не тот пароль', 'пароль номер три');
    await expect.poll(alertText).toContain('Текущий пароль введён неверно');
    await change(NEW_PASSWORD, 'пароль номер три');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Пароль изменён');

    await signOut(page, server.url);
    await signIn(page, server.url, EMAIL, 'пароль номер три');
    await page.waitForURL(/\/rfo$/);
    await signOut(page, server.url);
  });

  it('the national admin invites a user from the Users page', async () => {
    const admin = await createUser(server.database, 'admin.accounts@e2e.kz', 'national_admin', null);
    await signIn(page, server.url, admin.email, admin.password);
    await page.waitForURL(/\/national$/);
    await page.goto(`${server.url}/national/users`);
    await page.getByTestId('users-table').waitFor();
    const form = page.locator('form[aria-labelledby=user-form]');
    expect(await form.getByLabel('Приглашение по электронной почте', { exact: false }).isChecked()).toBe(
      true,
    );
    await form.locator('input[name=email]').fill('invited.viewer@e2e.kz');
    await form.locator('input[name=displayName]').fill('<b>Айгерим</b>');
    await form.locator('select[name=role]').selectOption('viewer');
    await form.locator('select[name=lang]').selectOption('ru');
    await form.getByRole('button', { name: 'Отправить приглашение' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Приглашение отправлено на invited.viewer@e2e.kz');
    const row = page.getByTestId('users-table').locator('tr', { hasText: 'invited.viewer@e2e.kz' });
    await expect.poll(() => row.textContent()).toContain('Приглашён');
    expect(await seriousOnDesktopAndPhone(page, 'users with an invitation', 'main form')).toEqual([]);
    const first = await linkIn('invited.viewer@e2e.kz');

    await row.getByRole('button', { name: /Пригласить снова/ }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('прежняя ссылка');
    expect(await linkIn('invited.viewer@e2e.kz')).not.toBe(first);

    // The same address again: the address is taken, said so (not "changed by another user").
    await form.locator('input[name=email]').fill('invited.viewer@e2e.kz');
    await form.locator('select[name=role]').selectOption('viewer');
    await form.getByRole('button', { name: 'Отправить приглашение' }).click();
    await expect.poll(alertText).toContain('уже занят');
  });
});
