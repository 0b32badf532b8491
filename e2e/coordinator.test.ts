// The organisation coordinator (DOMAIN.md §1): signing in lands on their organisation's records,
// the menu offers only what they may use, the page shows what the API gives them (their
// organisation's rows only), in the chosen language, with no serious axe-core violation.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../src/web/lib/format.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  serious,
  setLanguage,
  settle,
  signIn,
  startServer,
  text,
} from './helpers.ts';

describe('organisation coordinator', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let coordinator: { email: string; password: string };
  let orgName: string;

  beforeAll(async () => {
    server = await startServer();
    // The organisation with the most records in Almaty city.
    const org = await server.database.db
      .selectFrom('activity')
      .innerJoin('organization', 'organization.id', 'activity.organization_id')
      .select(['organization.id', 'organization.name', server.database.db.fn.countAll<number>().as('n')])
      .where('activity.region', '=', 'KZ-75')
      .groupBy(['organization.id', 'organization.name'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    orgName = org.name;
    coordinator = await createUser(
      server.database,
      'coordinator@e2e.kz',
      'org_coordinator',
      'KZ-75',
      undefined,
      org.id,
    );
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lands on the organisation's records, with a menu of what the role may use", async () => {
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, coordinator.email, coordinator.password);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/org');
    const h1 = page.locator('main h1');
    await expect.poll(async () => text(h1)).toContain(orgName);
    const nav = await page.locator('nav[aria-label] a').allTextContents();
    // Grants: a grantee reports its project there, and any organisation applies to the competition.
    expect(nav).toEqual(['Дашборд', 'Отчёты', 'Возможности', 'Моя организация', 'Мои возможности', 'Гранты']);
    expect(await page.locator('.alert-error').count()).toBe(0);

    // The figures are the API's: every row of the organisation, and only those.
    const api = (await (await page.request.get(`${server.url}/api/activities?limit=1000`)).json()) as {
      items: { organization: string; excluded: string | null; hours: number }[];
      total: number;
    };
    expect(api.total).toBeGreaterThan(0);
    expect(new Set(api.items.map((a) => a.organization))).toEqual(new Set([orgName]));
    await expect.poll(() => page.locator('main tbody tr').count()).toBe(api.total);
    const hours = api.items.filter((a) => !a.excluded).reduce((s, a) => s + a.hours, 0);
    expect(await text(page.getByTestId('org-totals'))).toContain(
      formatNumber(hours, 'ru', hours % 1 ? 1 : 0),
    );

    // A month at a time.
    await page.locator('input[name=month]').fill('2022-03');
    await expect.poll(async () => text(page.locator('#org-records'))).toContain('Март 2022');
    // Shown in the interface language's order, whatever the browser's locale.
    await page.locator('input[name=month]').blur();
    expect(await page.locator('input[name=month]').inputValue()).toBe('03.2022');
    await page.locator('input[name=month]').fill('4.2022');
    await expect.poll(async () => text(page.locator('#org-records'))).toContain('Апрель 2022');

    // Pages of other roles say so, without an error of the application.
    await page.goto(`${server.url}/rfo`);
    await expect.poll(async () => text(page.locator('main h1'))).toBe('Нет доступа');
  });

  for (const lang of ['kk', 'ru'] as const) {
    it(`has no serious accessibility violation (${lang})`, async () => {
      await setLanguage(page, lang);
      await page.goto(`${server.url}/org`);
      await page.locator('main tbody tr').first().waitFor();
      await settle(page);
      expect(await serious(page, `/org (${lang})`)).toEqual([]);
    });
  }
});
