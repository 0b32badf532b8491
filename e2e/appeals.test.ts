// Appeals in the browser (issue 13 items 1 and 6), on the demo data (its current appeals in every
// state): anyone reaches the public form from a page's footer and writes (in Russian), markup and
// all; the front office of Almaty (in English) finds it in its queue, filters the overdue ones,
// opens it (the words shown as typed), takes it, answers (mailed to the applicant in Russian) and
// resolves it, the history growing with each step; the national admin (in Kazakh) registers an
// appeal taken by phone and reads the monthly figures. axe at 1280 and 360 px on each page.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  screenshot,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  signOut,
  startServer,
  text,
} from './helpers.ts';

const PASSWORD = 'e2e-password-2026';
const RFO = 'appeals.rfo@e2e.kz';
const ADMIN = 'appeals.admin@e2e.kz';
const APPLICANT = 'appeals.applicant@e2e.kz';
const WORDS = '<b>Помогите</b> найти волонтеров для приюта & кормления собак';

describe('appeals', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let reference = '';

  beforeAll(async () => {
    server = await startServer();
    await createUser(server.database, RFO, 'rfo', 'KZ-75', PASSWORD);
    await createUser(server.database, ADMIN, 'national_admin', null, PASSWORD);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('anyone writes to the information centre from the public pages (in Russian)', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Написать в информационный центр' }).click();
    await page.waitForURL(/\/appeal$/);
    const opened = Date.now();
    const form = page.getByRole('form', { name: 'Написать в информационный центр' });
    await form.getByLabel('Тема').selectOption('find_volunteers');
    await form.getByRole('radio', { name: 'Да, волонтерства' }).check();
    await form.getByLabel('Пол', { exact: true }).selectOption('female');
    await form.getByLabel('Регион').selectOption('KZ-75');
    await form.getByLabel('Ваше обращение').fill(WORDS);
    await form.getByLabel('Имя').fill('Сауле');
    await form.getByLabel('Эл. почта').fill(APPLICANT);
    expect(await text(form)).toContain(`${WORDS.length} из 5\u00a0000 символов`);
    expect(await seriousOnDesktopAndPhone(page, 'public appeal form', 'main')).toEqual([]);
    await screenshot(page, 'appeal-public-form');
    // A person takes a few seconds at least; the server refuses a faster post.
    await page.waitForTimeout(Math.max(0, 3500 - (Date.now() - opened)));
    await form.getByRole('button', { name: 'Отправить' }).click();
    const sent = page.getByTestId('appeal-sent');
    await expect.poll(() => sent.count()).toBe(1);
    reference = /№ \d+/.exec(await text(sent))?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(await seriousOnDesktopAndPhone(page, 'appeal sent', 'main')).toEqual([]);
  });

  it('the front office works it to a result (in English)', async () => {
    await setLanguage(page, 'en');
    await signIn(page, server.url, RFO, PASSWORD);
    await page.getByRole('link', { name: 'Appeals', exact: true }).click();
    await page.waitForURL(/\/appeals$/);
    await expect.poll(() => page.getByTestId('appeal-row').count()).toBeGreaterThan(3);
    expect(await seriousOnDesktopAndPhone(page, 'appeals queue', 'main')).toEqual([]);
    await screenshot(page, 'appeals-queue');
    // Almaty's only, never another region's.
    expect(await text(page.locator('main table'))).not.toContain('Astana');

    await page.getByLabel('Overdue only').check();
    await page.waitForURL(/overdue=true/);
    // Every row the filter leaves is flagged (the demo has overdue appeals of Almaty).
    const flagged = () =>
      page
        .getByTestId('appeal-row')
        .evaluateAll((rows) => [
          rows.length,
          rows.filter((r) => !r.querySelector('[data-testid="appeal-overdue"]')).length,
        ]);
    await expect.poll(async () => (await flagged())[1]).toBe(0);
    expect((await flagged())[0]).toBeGreaterThan(0);
    await page.getByLabel('Overdue only').uncheck();

    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.waitForURL(/\/appeals\/\d+$/);
    await expect.poll(() => text(page.getByTestId('appeal-text'))).toBe(WORDS);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await text(page.getByTestId('appeal-name'))).toBe('Сауле');
    expect(await text(page.getByTestId('appeal-status'))).toBe('New');
    expect(await seriousOnDesktopAndPhone(page, 'new appeal', 'main')).toEqual([]);

    await page.getByRole('form', { name: 'Assign' }).getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => text(page.getByTestId('appeal-status'))).toBe('In progress');
    const answer = page.getByRole('form', { name: 'Answer' });
    await answer.getByLabel('Answer to the applicant').fill('Мы передали ваш запрос двум приютам Алматы.');
    await answer.getByRole('button', { name: 'Send the answer' }).click();
    await expect.poll(() => page.getByTestId('appeal-event').count()).toBe(3);
    expect(await text(page.getByTestId('appeal-event').nth(2))).toContain('Sent to the applicant by e-mail');
    const resolve = page.getByRole('form', { name: 'Resolve' });
    await resolve.getByLabel('Result').fill('Two shelters took volunteers from the applicant.');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => text(page.getByTestId('appeal-status'))).toBe('Resolved');
    expect(
      await page
        .getByTestId('appeal-event')
        .evaluateAll((els) => els.map((e) => e.querySelector('strong')?.textContent)),
    ).toEqual(['Registered', 'Assigned', 'Answered', 'Resolved']);
    expect(await seriousOnDesktopAndPhone(page, 'resolved appeal', 'main')).toEqual([]);
    await screenshot(page, 'appeal-resolved');

    const mail = await server.database.db
      .selectFrom('outbox')
      .select(['lang', 'subject', 'body'])
      .where('recipient', '=', APPLICANT)
      .executeTakeFirstOrThrow();
    expect(mail.lang).toBe('ru');
    expect(mail.subject).toBe(`Birgemiz: ответ на ваше обращение ${reference}`);
    expect(mail.body).toContain('Мы передали ваш запрос двум приютам Алматы.');
  });

  it('the national office registers an appeal taken by phone and reads the month (in Kazakh)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, ADMIN, PASSWORD);
    await page.goto(`${server.url}/appeals`);
    await page.getByRole('button', { name: 'Өтінішті тіркеу' }).click();
    const form = page.getByRole('form', { name: 'Өтінішті тіркеу' });
    await form.getByLabel('Арна').selectOption('phone');
    await form.getByLabel('Тақырып').selectOption('legal');
    await form.getByLabel('Өңір').selectOption('abroad');
    await form.getByLabel('Ел', { exact: true }).fill('uz');
    await form.getByLabel('Өтініштің мәтіні').fill('Шетел азаматы волонтер бола ала ма?');
    await form.getByLabel('Жауап тілі').selectOption('kk');
    expect(await seriousOnDesktopAndPhone(page, 'appeal registration', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Тіркеу' }).click();
    await page.waitForURL(/\/appeals\/\d+$/);
    await expect
      .poll(() => text(page.getByTestId('appeal-text')))
      .toBe('Шетел азаматы волонтер бола ала ма?');
    expect(await text(page.locator('main'))).toContain('Шетелде (UZ)');

    await page.goto(`${server.url}/appeals/monthly`);
    const month = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 7);
    const row = page.getByTestId(`appeals-month-${month}`);
    await expect.poll(() => row.count()).toBe(1);
    expect(Number((await text(row.locator('td').first())).replace(/\s/g, ''))).toBeGreaterThanOrEqual(2);
    expect(await text(page.locator('main'))).toContain('Нормативтер: алғашқы жауап 24');
    expect(await seriousOnDesktopAndPhone(page, 'appeals by month', 'main')).toEqual([]);
    await screenshot(page, 'appeals-monthly');
  });
});
