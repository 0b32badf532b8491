// Uploads on a month's page (issue 10, item 6): a file in Russian labels whose rows are of another
// month is stopped with a warning naming that month; "Import anyway" checks it on purpose, and
// it is then saved as the codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

const REGION = 'KZ-75';
const PAGE_MONTH = '2024-05';
const FILE_MONTH = '2024-06';
const csv = [
  'Регион;Период;Организация;Тип организации;Мероприятие;Направление;Формат;Вид;Дата начала;Дата окончания;Волонтёры;Часы',
  `${REGION};${FILE_MONTH};Жастар орталығы;ҮЕҰ;Саябақты тазалау;Прочее социальное волонтёрство;Офлайн;Разовое мероприятие;2024-06-02;2024-06-02;10;40`,
].join('\n');

describe('a file of another month on a month page', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    const rfo = await createUser(server.database, 'rfo.months@e2e.kz', 'rfo', REGION);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-e2e-months-'));
    fs.writeFileSync(path.join(dir, 'june.csv'), csv);
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.waitForURL(/\/rfo/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is stopped with the month named, and saved only after "Import anyway"', async () => {
    await page.goto(`${server.url}/rfo/${REGION}/${PAGE_MONTH}`);
    await page.locator('.submission-bar .badge').waitFor();
    await page.getByRole('tab', { name: 'Загрузка файла' }).click();
    const panel = page.locator('section[aria-labelledby="import-activities"]');
    await panel.locator('input[type=file]').setInputFiles(path.join(dir, 'june.csv'));
    await panel.getByRole('button', { name: 'Проверить' }).click();
    const warning = page.getByTestId('import-other-months');
    await warning.waitFor();
    expect(await text(warning)).toMatch(/июнь 2024 \(1\)/i);
    expect(await seriousOnDesktopAndPhone(page, 'other months', '[data-testid=import-other-months]')).toEqual(
      [],
    );
    expect(await page.getByTestId('import-checked').count()).toBe(0);
    await warning.getByRole('button', { name: 'Всё равно загрузить' }).click();
    await page.getByTestId('import-checked').waitFor();
    await page.getByTestId('import-checked').getByRole('button').click();
    await page.getByTestId('import-saved').waitFor();
    const res = await page.request.get(`${server.url}/api/activities?region=${REGION}&period=${FILE_MONTH}`);
    const items = (await res.json()).items as { title: string; area: string; format: string }[];
    expect(items).toEqual([
      expect.objectContaining({ title: 'Саябақты тазалау', area: 'other_social', format: 'offline' }),
    ]);
  });

  it('is refused for a closed month, said in Russian with the region, the month and why', async () => {
    // June went in above; the reviewer has accepted it since.
    await server.database.db
      .updateTable('submission')
      .set({ status: 'accepted' })
      .where('region', '=', REGION)
      .where('period', '=', FILE_MONTH)
      .execute();
    await page.goto(`${server.url}/rfo/${REGION}/${PAGE_MONTH}`);
    await page.locator('.submission-bar .badge').waitFor();
    await page.getByRole('tab', { name: 'Загрузка файла' }).click();
    const panel = page.locator('section[aria-labelledby="import-activities"]');
    // The same record with other hours: a change (an unchanged row would change nothing).
    fs.writeFileSync(path.join(dir, 'june-2.csv'), csv.replace(/;40$/, ';50'));
    await panel.locator('input[type=file]').setInputFiles(path.join(dir, 'june-2.csv'));
    await panel.getByRole('button', { name: 'Проверить' }).click();
    // Asked first whether the other month is meant; then the closed month stops the file.
    await page
      .getByTestId('import-other-months')
      .getByRole('button', { name: 'Всё равно загрузить' })
      .click();
    const alert = panel.locator('.alert-error');
    await alert.waitFor();
    expect(await text(alert)).toMatch(/^Период закрыт: .+, июнь 2024 \(принято\)\. .*ничего не сохранено/);
    expect(await text(alert)).not.toMatch(/closed|submission/i);
  });
});
