// The month's activities as an RFO officer lives them, in Russian (issue 10, items 13 and 15): the
// organiser picked from the region's registry or added new; "saved" said after a save; the list
// with totals in plural forms (1 запись, 2 записи, 5 записей), sorting by a column and a search;
// a submitted month's record opened read-only; the audit trail without a filter naming what
// changed (activity, organisation, region); axe and a 360 px phone on the month and audit pages;
// the reference page naming its code lists and codes in the interface language.
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

const REGION = 'KZ-75';
const MONTH = '2024-05';

describe('activities of a month, and the audit trail', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  /** A call of the API as the signed-in user (with the session's CSRF token). */
  const call = (method: string, url: string, body?: unknown) =>
    page.evaluate(
      async ({ method, url, body }) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
        const res = await fetch(url, {
          method,
          headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> };
      },
      { method, url, body },
    );

  const form = () => page.locator('form[aria-labelledby="activity-form-title"]');
  const fillEvent = async (title: string, volunteers: number, hours: number) => {
    const f = form();
    await f.locator('input[name=title]').fill(title);
    await f.locator('select[name=area]').selectOption({ index: 1 });
    await f.locator('select[name=format]').selectOption('offline');
    await f.locator('select[name=kind]').selectOption({ index: 1 });
    await f.locator('input[name=start_date]').fill(`${MONTH}-10`);
    await f.locator('input[name=end_date]').fill(`${MONTH}-10`);
    await f.locator('input[name=volunteers]').fill(String(volunteers));
    await f.locator('input[name=hours]').fill(String(hours));
  };
  const table = () => page.getByTestId('activity-table');

  beforeAll(async () => {
    server = await startServer();
    const rfo = await createUser(server.database, 'rfo.activities@e2e.kz', 'rfo', REGION);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.waitForURL(/\/rfo/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a new organisation from the form, says "saved", then picks it from the registry', async () => {
    await page.goto(`${server.url}/rfo/${REGION}/${MONTH}`);
    await page.locator('.submission-bar .badge').waitFor();
    await page.getByTestId('add-activity').click();
    // The organiser is a choice among the region's registry, with "add new" beside it.
    const picker = form().locator('fieldset.org-picker');
    await picker.getByTestId('org-options').waitFor();
    const demoOrg = picker.getByRole('radio').first();
    await demoOrg.check();
    const fresh = form().getByTestId('organization-fields');
    await expect.poll(() => fresh.locator('input[name=organization]').inputValue()).not.toBe('');
    expect(await fresh.locator('input[name=organization]').getAttribute('readonly')).not.toBeNull();
    await form().getByTestId('add-organization').click();
    expect(await fresh.locator('input[name=organization]').inputValue()).toBe('');
    expect(await fresh.locator('input[name=organization]').getAttribute('readonly')).toBeNull();
    await fresh.locator('input[name=organization]').fill('Фонд «Новая волна»');
    await fresh.locator('select[name=organization_type]').selectOption('npo');
    await fillEvent('Уборка набережной', 12, 36);
    await form().getByRole('button', { name: 'Сохранить' }).click();
    const saved = page.getByTestId('activity-saved');
    await saved.waitFor();
    expect(await text(saved)).toMatch(/Сохранено/);
    expect(await saved.getAttribute('role')).toBe('status');

    // The second record: the organisation just added is now in the registry.
    await page.getByTestId('add-activity').click();
    expect(await page.getByTestId('activity-saved').count()).toBe(0);
    const search = form().locator('fieldset.org-picker input[type=search]');
    await search.fill('Новая волна');
    const option = form().getByRole('radio', { name: /Новая волна/ });
    await option.waitFor();
    await option.check();
    await expect
      .poll(() => form().locator('input[name=organization]').inputValue())
      .toBe('Фонд «Новая волна»');
    expect(await form().locator('select[name=organization_type]').inputValue()).toBe('npo');
    await fillEvent('Посадка деревьев', 3, 9);
    await form().getByRole('button', { name: 'Сохранить' }).click();
    await page.getByTestId('activity-saved').waitFor();
    await table().locator('tbody tr').nth(1).waitFor();
    const res = await page.request.get(`${server.url}/api/activities?region=${REGION}&period=${MONTH}`);
    const items = (await res.json()).items as {
      title: string;
      organization: string;
      organization_id: number;
    }[];
    expect(items.map((a) => a.organization)).toEqual(['Фонд «Новая волна»', 'Фонд «Новая волна»']);
    expect(new Set(items.map((a) => a.organization_id)).size).toBe(1);
  });

  it('totals in Russian plural forms, sorting by a column, search', async () => {
    const foot = () => table().locator('tfoot');
    expect(await text(foot())).toMatch(/Итого: 2 записи/);
    expect(await text(foot())).toMatch(/15/); // 12 + 3 volunteers
    // Three more records through the API: five in all.
    const org = { organization: 'Фонд «Новая волна»', organization_type: 'npo' };
    for (const [i, hours] of [100, 5, 50].entries()) {
      const r = await call('POST', '/api/activities', {
        region: REGION,
        period: MONTH,
        ...org,
        title: `Акция ${i + 1}`,
        area: 'saulyq',
        format: 'online',
        kind: 'event',
        start_date: `${MONTH}-12`,
        end_date: `${MONTH}-12`,
        volunteers: 10,
        hours,
      });
      expect(r.status).toBe(201);
    }
    await page.reload();
    await table().locator('tbody tr').nth(4).waitFor();
    expect(await text(foot())).toMatch(/Итого: 5 записей/);

    // Sorting: by hours, then the other way.
    const hoursHead = table().locator('thead th').filter({ hasText: 'Часы' });
    const titles = () => table().locator('tbody tr th, tbody tr td:first-child').allTextContents();
    await hoursHead.getByRole('button').click();
    expect(await hoursHead.getAttribute('aria-sort')).toBe('ascending');
    expect((await titles())[0]).toContain('Акция 2'); // 5 hours
    await hoursHead.getByRole('button').click();
    expect(await hoursHead.getAttribute('aria-sort')).toBe('descending');
    expect((await titles())[0]).toContain('Акция 1'); // 100 hours

    // Search: a word of the title; the totals follow what is shown.
    await page.getByLabel(/Поиск мероприятий/).fill('уборка');
    await expect.poll(() => table().locator('tbody tr').count()).toBe(1);
    expect(await text(foot())).toMatch(/Итого: 1 запись\b/);
    expect(await text(page.locator('.table-search [role=status]'))).toMatch(/Найдена 1 запись из 5/);
    await page.getByLabel(/Поиск мероприятий/).fill('акция');
    await expect.poll(() => table().locator('tbody tr').count()).toBe(3);
    expect(await text(page.locator('.table-search [role=status]'))).toMatch(/Найдены 3 записи из 5/);
    await page.getByLabel(/Поиск мероприятий/).fill('');
    expect(await seriousOnDesktopAndPhone(page, 'month page', 'main')).toEqual([]);
    await screenshot(page, 'activities-month');
  });

  it('opens the records of a submitted month read-only', async () => {
    const review = await call('GET', `/api/submissions/${REGION}/${MONTH}`);
    const version = (review.json.submission as { version: number }).version;
    const sent = await call('POST', `/api/submissions/${REGION}/${MONTH}/submit`, { version });
    expect(sent.status, JSON.stringify(sent.json)).toBeLessThan(300);
    await page.reload();
    await table().locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('add-activity').count()).toBe(0);
    await page.getByRole('button', { name: 'Просмотр: Уборка набережной' }).click();
    const f = form();
    await f.waitFor();
    expect(await f.locator('input[name=title]').inputValue()).toBe('Уборка набережной');
    expect(await f.locator('input[name=title]').getAttribute('readonly')).not.toBeNull();
    expect(await f.locator('input[name=hours]').getAttribute('readonly')).not.toBeNull();
    expect(await f.locator('select[name=area]').isDisabled()).toBe(true);
    expect(await f.locator('input[type=checkbox]').first().isDisabled()).toBe(true);
    expect(await f.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
    // It looks read-only: not the white of an editable field.
    const bg = await f.locator('input[name=title]').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgb(255, 255, 255)');
    expect(await seriousOnDesktopAndPhone(page, 'read-only record', 'main')).toEqual([]);
    await screenshot(page, 'activities-read-only');
    await f.getByRole('button', { name: 'Закрыть' }).click();
  });

  it('the audit trail without a filter: the latest changes first, in names', async () => {
    await page.goto(`${server.url}/audit`);
    const trail = page.getByTestId('audit-table');
    await trail.locator('tbody tr').first().waitFor();
    await screenshot(page, 'audit-unfiltered');
    const first = await text(trail.locator('tbody tr').first());
    // The latest change is the submission of the month: named by region and month, not by codes.
    expect(first).toMatch(/город Алматы|Алматы/);
    expect(first).toMatch(/май 2024/i);
    const all = await text(trail.locator('tbody'));
    expect(all).toContain('Уборка набережной');
    expect(all).toContain('Фонд «Новая волна»');
    expect(all).not.toMatch(/KZ-75/);
    // Filters narrow: the kind "activity" only.
    await page.getByLabel('Объект').selectOption('activity');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/entity=activity/);
    await expect
      .poll(async () =>
        (await trail.locator('tbody tr').allTextContents()).every((r) => /Мероприятие/.test(r)),
      )
      .toBe(true);
    expect(await seriousOnDesktopAndPhone(page, 'audit page', 'main')).toEqual([]);
    // Dates typed in the interface language's order (not the browser's date picker): a range in the
    // future leaves nothing; the filter went to the server as ISO dates.
    await page.getByLabel('С (дата)').fill('01.01.2099');
    await page.getByLabel('По (дата включительно)').fill('31.12.2099');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/from=2099-01-01.*to=2099-12-31|to=2099-12-31.*from=2099-01-01/);
    await expect.poll(() => text(trail.locator('tbody'))).not.toContain('Уборка набережной');
    expect(await trail.locator('tbody tr').count()).toBe(1); // the line that says there is none
    await page.goto(`${server.url}/audit?entity=activity`);
    await trail.locator('tbody tr').first().waitFor();
    // A user's name leads to that user's changes.
    await trail.locator('tbody tr').first().getByRole('link', { name: 'rfo.activities@e2e.kz' }).click();
    await page.waitForURL(/user=rfo\.activities/);
    await expect
      .poll(() => page.getByLabel('Пользователь').first().inputValue())
      .toBe('rfo.activities@e2e.kz');
  });

  it('the reference page names the code lists and their codes in the interface language', async () => {
    const admin = await createUser(server.database, 'admin.reference@e2e.kz', 'national_admin', null);
    await signOut(page, server.url);
    await signIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/national/reference`);
    const list = page.locator('section[aria-labelledby="cl-title"] select');
    await list.waitFor();
    await list.locator('option[value=format]').waitFor({ state: 'attached' });
    await list.selectOption('format');
    await expect.poll(() => list.locator('option:checked').textContent()).toBe('Форматы');
    const offline = await server.database.db
      .selectFrom('code_list_item')
      .select('name_ru')
      .where('list', '=', 'format')
      .where('code', '=', 'offline')
      .executeTakeFirstOrThrow();
    const row = page.locator('tbody tr').filter({ has: page.locator('code', { hasText: /^offline$/ }) });
    await row.first().waitFor();
    expect(await text(row.locator('th'))).toContain(offline.name_ru);
  });
});
