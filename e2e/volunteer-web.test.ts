// The volunteer's pages (issue 11 items 2 and 7), in Russian: an adult signs up from the sign-in
// page, lands on the profile (the e-mail sent, the IIN as its last 4 digits), changes a field,
// downloads the export and deletes the account; a minor is asked for a guardian; a refusal of the
// server (an IIN that is not one, an address taken) stands next to its field in Russian; axe at
// 1280 and 360 px on both pages.
import fs from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import {
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  signOut,
  startServer,
  text,
} from './helpers.ts';

const TAKEN = 'taken.web@e2e.kz';
const PASSWORD = 'e2e-password-2026';

/** A valid IIN of a woman born 15.04.1990 (century-and-sex digit 4). */
function iin1990(): string {
  for (let s = 1; ; s++) {
    const v = withCheckDigit(`9004154${String(s).padStart(4, '0')}`);
    if (v) return v;
  }
}

/** DD.MM.YYYY of a day `years` years ago (and a month after: the birthday is still to come). */
function yearsAgo(years: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setMonth(d.getMonth() + 1, 1);
  return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
}

describe("the volunteer's sign-up and profile pages", () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  const form = () => page.getByRole('form', { name: 'Регистрация волонтёра' });

  /** Fills the sign-up form of an adult (the e-mail and birth date as given). */
  async function fillAdult(f: Locator, email: string, birthDate = '15.04.1990') {
    await f.getByLabel('Электронная почта', { exact: true }).fill(email);
    await f.getByLabel('Новый пароль', { exact: true }).fill(PASSWORD);
    await f.getByLabel('Новый пароль ещё раз').fill(PASSWORD);
    await f.getByLabel('Дата рождения').fill(birthDate);
    await f.getByLabel('Пол').selectOption('female');
    await f.getByLabel('Имя и фамилия').fill('Айгерим <b>Сапарова</b>');
    await f.getByLabel('Регион проживания').selectOption('KZ-75');
    await f.getByLabel('Занятость').selectOption('employed');
    await f.getByLabel('Навыки').fill('первая помощь, фотография');
    await f.getByLabel('Я согласен(на) на обработку моих персональных данных').check();
  }

  beforeAll(async () => {
    server = await startServer();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/platform/volunteers',
      remoteAddress: '10.6.0.1',
      payload: {
        email: TAKEN,
        password: PASSWORD,
        name: 'Занятый Адрес',
        birthDate: '1991-01-01',
        gender: 'male',
        region: 'KZ-75',
        employment: 'employed',
        consent: { personalData: true },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an adult signs up from the sign-in page, edits the profile, downloads the data and deletes the account', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Стать волонтёром: регистрация на платформе' }).click();
    await page.waitForURL(/\/platform\/volunteers\/register/);
    const f = form();
    await fillAdult(f, 'adult.web@e2e.kz');
    await f.getByLabel('ИИН (необязательно)').fill(iin1990());
    await f.getByLabel('Русский').check();
    // An adult is asked for no guardian.
    expect(await page.getByTestId('guardian-fields').count()).toBe(0);
    expect(await seriousOnDesktopAndPhone(page, 'volunteer sign-up', 'main')).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
    await f.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.waitForURL(/\/platform\/volunteers\/me\?welcome=1/);

    // Signed in, on the profile: the e-mail sent, the IIN as its last 4 digits only.
    await expect.poll(() => text(page.getByTestId('welcome'))).toContain('adult.web@e2e.kz');
    const facts = page.getByTestId('volunteer-facts');
    expect(await text(page.getByTestId('volunteer-name'))).toBe('Айгерим <b>Сапарова</b>');
    expect(await page.locator('[data-testid=volunteer-name] b').count()).toBe(0);
    expect(await text(page.getByTestId('email-status'))).toMatch(/ещё не подтверждён/);
    expect(await text(page.getByTestId('iin'))).toBe(`оканчивается на ${iin1990().slice(-4)}`);
    expect(await text(facts)).not.toContain(iin1990());
    expect(await text(page.getByTestId('guardian-status'))).toMatch(/не требуется/);
    expect(await text(facts)).toMatch(/первая помощь, фотография/);
    const menu = page
      .getByRole('navigation', { name: 'Главное меню' })
      .getByRole('link', { name: 'Мой профиль' });
    expect(await menu.getAttribute('aria-current')).toBe('page');
    expect(await seriousOnDesktopAndPhone(page, 'volunteer profile', 'main')).toEqual([]);
    // Nothing wider than a phone's screen (the long labels wrap).
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Edit a field: saved, shown, kept after a reload.
    const edit = page.getByTestId('volunteer-edit');
    await edit.getByLabel('Имя и фамилия').fill('Айгерим Новая');
    await edit.getByLabel('Навыки').fill('перевод');
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => text(edit)).toContain('Профиль сохранён.');
    expect(await text(page.getByTestId('volunteer-name'))).toBe('Айгерим Новая');
    await page.reload();
    await expect.poll(() => text(page.getByTestId('volunteer-name'))).toBe('Айгерим Новая');
    expect(await page.getByTestId('volunteer-edit').getByLabel('Навыки').inputValue()).toBe('перевод');

    // Download my data: a JSON file of the volunteer, without the IIN.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Скачать мои данные' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^birgemiz-volunteer-\d+\.json$/);
    const file = fs.readFileSync((await download.path()) as string, 'utf8');
    const data = JSON.parse(file) as { volunteer: { name: string; email: string; iinLast4: string } };
    expect(data.volunteer.name).toBe('Айгерим Новая');
    expect(data.volunteer.email).toBe('adult.web@e2e.kz');
    expect(file).not.toContain(iin1990());

    // Delete the account: asked first; then signed out, on the dashboard, and the sign-in refused.
    await page.getByRole('button', { name: 'Удалить мою учётную запись' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await text(dialog)).toMatch(/Отменить это нельзя/);
    await dialog.getByRole('button', { name: 'Удалить навсегда' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('banner').getByRole('link', { name: 'Войти' }).waitFor();
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'adult.web@e2e.kz', password: PASSWORD },
    });
    expect(login.statusCode).not.toBe(200);
  });

  it("shows the server's refusal next to its field, in Russian", async () => {
    await signOut(page, server.url);
    await page.goto(`${server.url}/platform/volunteers/register`);
    const f = form();
    await fillAdult(f, TAKEN);
    // Not an IIN of this birth date: said under the IIN field.
    await f.getByLabel('ИИН (необязательно)').fill('123456789012');
    await f.getByRole('button', { name: 'Зарегистрироваться' }).click();
    const iin = f.getByLabel('ИИН (необязательно)');
    await expect.poll(() => iin.getAttribute('aria-invalid')).toBe('true');
    expect(await text(f.locator('.field-invalid:has(input[name="iin"]) .field-error'))).toMatch(/ИИН/);
    expect(await text(f.getByRole('alert'))).toBe('Исправьте отмеченные поля.');
    // The IIN left out: the address is taken, said under the e-mail field.
    await iin.fill('');
    await f.getByRole('button', { name: 'Зарегистрироваться' }).click();
    const email = f.getByLabel('Электронная почта', { exact: true });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await text(f.locator('.field-invalid:has(input[name="email"]) .field-error'))).toContain(
      `Адрес ${TAKEN} уже занят другой учётной записью.`,
    );
    expect(await iin.getAttribute('aria-invalid')).toBeNull();
    // The focus is on the field to correct.
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousOnDesktopAndPhone(page, 'volunteer sign-up, refused', 'main')).toEqual([]);
    expect(page.url()).toMatch(/\/platform\/volunteers\/register$/);
  });

  it('a minor is asked for a guardian, who is e-mailed', async () => {
    await page.goto(`${server.url}/platform/volunteers/register`);
    const f = form();
    await fillAdult(f, 'minor.web@e2e.kz', yearsAgo(16));
    await f.getByLabel('Занятость').selectOption('schoolchild');
    const guardian = page.getByTestId('guardian-fields');
    await guardian.waitFor();
    const name = f.getByLabel('Имя родителя или опекуна');
    const mail = f.getByLabel('Электронная почта родителя или опекуна');
    expect(await name.evaluate((el) => (el as HTMLInputElement).required)).toBe(true);
    expect(await mail.evaluate((el) => (el as HTMLInputElement).required)).toBe(true);
    expect(await seriousOnDesktopAndPhone(page, 'volunteer sign-up, minor', 'main')).toEqual([]);
    // Not sent without them (the browser asks for the field).
    await f.getByRole('button', { name: 'Зарегистрироваться' }).click();
    expect(await name.evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    expect(page.url()).toMatch(/\/register$/);
    await name.fill('Сауле Б.');
    await mail.fill('parent.web@e2e.kz');
    await f.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.waitForURL(/\/platform\/volunteers\/me\?welcome=1/);
    await expect.poll(() => text(page.getByTestId('welcome'))).toContain('parent.web@e2e.kz');
    expect(await text(page.getByTestId('guardian-status'))).toMatch(
      /ожидается — Сауле Б\., parent\.web@e2e\.kz/,
    );
    expect(await text(page.getByTestId('iin'))).toBe('не указан');
    const sent = await server.database.db
      .selectFrom('outbox')
      .select('recipient')
      .where('recipient', 'in', ['minor.web@e2e.kz', 'parent.web@e2e.kz'])
      .execute();
    expect(sent.map((m) => m.recipient).sort()).toEqual(['minor.web@e2e.kz', 'parent.web@e2e.kz']);

    // Signing in again, the volunteer lands on the profile.
    await signOut(page, server.url);
    await signIn(page, server.url, 'minor.web@e2e.kz', PASSWORD);
    await page.waitForURL(/\/platform\/volunteers\/me$/);
    await expect.poll(() => text(page.getByTestId('volunteer-name'))).toBe('Айгерим <b>Сапарова</b>');
  });
});
