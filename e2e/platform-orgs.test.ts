// The front office's queue of organisations registered on the platform (issue 11 item 1): the RFO
// reaches it from its home page, sees its region's registrations oldest first, verifies one and
// rejects another with a reason; names are shown as typed (markup stays text); axe at 1280 and
// 360 px, and the cards fit a phone.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
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

let serial = 0;
function newBin(): string {
  for (;;) {
    const b = withCheckDigit(`0703400${String(++serial).padStart(4, '0')}`);
    if (b) return b;
  }
}

describe('the organisation verification queue', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  const register = async (name: string, region: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/platform/organizations',
      remoteAddress: `10.5.0.${++serial}`,
      payload: {
        name,
        type: 'npo',
        bin: newBin(),
        region,
        email: `porg-${serial}@e2e.kz`,
        password: 'e2e-password-2026',
        contactName: 'Айгүл Серікқызы',
        lang: 'ru',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    server = await startServer();
    await register('Жас Қанат', 'KZ-75');
    await register('<b>Bold</b> Helpers', 'KZ-75');
    await register('Elsewhere NPO', 'KZ-79');
    const rfo = await createUser(server.database, 'rfo.porgs@e2e.kz', 'rfo', 'KZ-75');
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, rfo.email, rfo.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('verifies one and rejects another with a reason', async () => {
    await page.goto(`${server.url}/rfo`);
    await page.getByRole('link', { name: 'Организации, ожидающие проверки' }).click();
    await page.waitForURL(/\/platform\/organizations/);
    const cards = page.getByTestId('platform-org');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await text(page.getByTestId('platform-org-count'))).toBe('2 организации');
    // Oldest first; the other region's registration is not here; markup is text.
    expect(await text(cards.nth(0).locator('h2'))).toBe('Жас Қанат');
    expect(await text(cards.nth(1).locator('h2'))).toBe('<b>Bold</b> Helpers');
    expect(await cards.nth(1).locator('h2 b').count()).toBe(0);
    expect(await seriousOnDesktopAndPhone(page, 'platform queue', 'main')).toEqual([]);

    await cards.nth(0).getByRole('button', { name: 'Подтвердить' }).click();
    await expect.poll(() => cards.count()).toBe(1);
    const second = cards.nth(0);
    await second.getByRole('button', { name: 'Отклонить' }).click();
    await second.getByLabel('Почему отклонена?').fill('Нет такой организации');
    expect(await seriousOnDesktopAndPhone(page, 'platform queue, reason', 'main')).toEqual([]);
    await second.getByRole('button', { name: 'Отклонить' }).click();
    await expect.poll(() => cards.count()).toBe(0);
    expect(await text(page.getByTestId('platform-org-count'))).toBe('0 организаций');

    await page.getByLabel('Статус').selectOption('rejected');
    await page.waitForURL(/status=rejected/);
    await expect.poll(() => cards.count()).toBe(1);
    expect(await text(cards.nth(0))).toMatch(/Причина\s*Нет такой организации/);
    await page.getByLabel('Статус').selectOption('verified');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await text(cards.nth(0).locator('h2'))).toBe('Жас Қанат');
  });

  it('a coordinator registers an organisation from the sign-in page and sees it waiting', async () => {
    await signOut(page, server.url);
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Зарегистрировать организацию на волонтерской платформе' }).click();
    await page.waitForURL(/\/platform\/organizations\/register/);
    const form = page.getByRole('form', { name: 'Регистрация организации' });
    await form.getByLabel('Название').fill('Қамқор <i>Team</i>');
    await form.getByLabel('БИН').fill('123456789012');
    await form.getByLabel('Регион').selectOption('KZ-75');
    await form.getByLabel('Ваше имя').fill('Данияр');
    await form.getByLabel('Электронная почта').fill('coordinator.new@e2e.kz');
    await form.getByLabel('Новый пароль', { exact: true }).fill('e2e-password-2026');
    await form.getByLabel('Новый пароль ещё раз').fill('e2e-password-2026');
    expect(await seriousOnDesktopAndPhone(page, 'organisation sign-up', 'main')).toEqual([]);
    // A BIN with a wrong check digit: the reason in the page's language, nothing registered.
    await form.getByRole('button', { name: 'Зарегистрировать' }).click();
    await expect.poll(() => text(form)).toMatch(/Неверная контрольная цифра БИН/);
    await form.getByLabel('БИН').fill(newBin());
    await form.getByRole('button', { name: 'Зарегистрировать' }).click();
    await page.waitForURL(/\/platform\/organizations\/mine/);
    const mine = page.getByTestId('my-organization');
    await mine.waitFor();
    expect(await text(mine.locator('h2'))).toBe('Қамқор <i>Team</i>');
    expect(await text(mine)).toMatch(/ждёт проверки/);
    expect(await seriousOnDesktopAndPhone(page, 'my organisation', 'main')).toEqual([]);
    // Its workspace says why it shows no records yet, and leads back here.
    await page.goto(`${server.url}/org`);
    await page.getByRole('main').getByRole('link', { name: 'Регистрация на платформе' }).click();
    await page.waitForURL(/\/platform\/organizations\/mine/);
  });
});
