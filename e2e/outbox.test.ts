// The e-mail outbox page (issue 10, item 8): the national admin reads what the system queued when no
// mail server is configured — the list newest first, filtered by status, and one message with its
// body as written (markup a user typed stays text). Reached from the users page.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMessage } from '../src/modules/outbox/outbox.service.ts';
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

describe('the e-mail outbox page', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await createUser(server.database, 'admin.outbox@e2e.kz', 'national_admin', null);
    await queueMessage(server.database.db, {
      kind: 'test',
      to: 'rfo.abai@e2e.kz',
      lang: 'ru',
      subject: 'Отчёт за март 2022 возвращён',
      body: 'Комментарий: <script>alert(1)</script> проверьте часы.',
    });
    await queueMessage(server.database.db, {
      kind: 'test',
      to: 'analyst@e2e.kz',
      lang: 'kk',
      subject: 'Қаралатын есептер: 3',
      body: 'Абай облысы, наурыз 2022',
    });
    await server.database.db
      .updateTable('outbox')
      .set({ status: 'sent' })
      .where('recipient', '=', 'analyst@e2e.kz')
      .execute();
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, admin.email, admin.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the e-mails from the users page, filters by status, and shows one as written', async () => {
    await page.goto(`${server.url}/national/users`);
    await page.getByRole('link', { name: 'Исходящая почта' }).click();
    const table = page.getByTestId('outbox-table');
    await table.waitFor();
    expect(await text(table.locator('caption'))).toBe('2 письма');
    expect(await text(table.locator('tbody tr').first())).toMatch(
      /Қаралатын есептер: 3.*analyst@e2e\.kz.*Отправлено/,
    );
    expect(await seriousOnDesktopAndPhone(page, 'outbox list')).toEqual([]);

    await page.getByLabel('Статус').selectOption('queued');
    await page.waitForURL(/status=queued/);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await table.getByRole('link', { name: 'Отчёт за март 2022 возвращён' }).click();
    const message = page.getByTestId('outbox-message');
    await message.waitFor();
    expect(await text(message.locator('pre'))).toBe('Комментарий: <script>alert(1)</script> проверьте часы.');
    expect(await message.locator('script').count()).toBe(0);
    expect(await text(message)).toMatch(/Кому\s*rfo\.abai@e2e\.kz/);
    expect(await seriousOnDesktopAndPhone(page, 'outbox message')).toEqual([]);
  });
});
