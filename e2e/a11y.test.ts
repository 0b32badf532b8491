// axe-core on every page, in Kazakh and Russian: no serious or critical violation. Staff pages are
// scanned signed in as the role that uses them.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  screenshot,
  serious,
  setLanguage,
  settle,
  signIn,
  signOut,
  startServer,
} from './helpers.ts';

const PUBLIC = [
  '/?year=2022',
  '/regions/KZ-75?year=2022',
  '/reports',
  '/login',
  '/register',
  '/no-such-page',
];
// Every page of the front office, a month, a half-year and a year; every tab of each is scanned.
const RFO = ['/rfo?year=2022', '/rfo/KZ-75/2022-03', '/rfo/KZ-75/2022-H1', '/rfo/KZ-75/2022'];
const NATIONAL = [
  '/national?year=2022',
  '/national/inbox',
  '/national/review/KZ-75/2022-03',
  '/national/review/KZ-75/2022',
  '/national/reference',
  '/national/users',
  '/audit?entity=activity&entityId=1',
  '/audit?region=KZ-75&period=2022-03',
  // The demo's 2022 priority projects and their round (the first of each in a fresh database).
  '/grants',
  '/grants/projects/1',
  '/grants/rounds/1',
  '/competition',
];

/** Scans a page as loaded, then each of its tabs opened in turn; screenshots when asked. */
async function scan(page: Page, url: string, shot?: string): Promise<string[]> {
  await page.goto(url);
  await settle(page);
  // Open the collapsed tables too: they are part of the page.
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const problems = await serious(page, url);
  // And on a phone: wide tables scroll there, and must be reachable by keyboard.
  await page.setViewportSize({ width: 360, height: 800 });
  problems.push(...(await serious(page, `${url} (360 px)`)));
  await page.setViewportSize({ width: 1280, height: 900 });
  if (shot) await screenshot(page, shot);
  const tabs = page.getByRole('tab');
  for (let i = 1; i < (await tabs.count()); i++) {
    const tab = tabs.nth(i);
    const name = (await tab.textContent()) ?? String(i);
    await tab.click();
    await settle(page);
    problems.push(...(await serious(page, `${url} [${name}]`)));
    if (shot) await screenshot(page, `${shot}-${i}`);
  }
  return problems;
}

const shotName = (lang: string, url: string) =>
  lang === 'kk' ? `staff${url.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}` : undefined;

describe('accessibility (axe-core)', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };
  let admin: { email: string; password: string };

  beforeAll(async () => {
    server = await startServer();
    rfo = await createUser(server.database, 'a11y.rfo@e2e.kz', 'rfo', 'KZ-75');
    admin = await createUser(server.database, 'a11y.admin@e2e.kz', 'national_admin', null);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of ['kk', 'ru'] as const) {
    it(`public pages in ${lang}`, async () => {
      await page.goto(server.url);
      await setLanguage(page, lang);
      const problems: string[] = [];
      for (const url of PUBLIC) problems.push(...(await scan(page, server.url + url)));
      expect(problems).toEqual([]);
    });

    it(`regional front office pages in ${lang}`, async () => {
      await page.goto(server.url);
      await setLanguage(page, lang);
      await signIn(page, server.url, rfo.email, rfo.password);
      const problems: string[] = [];
      for (const url of RFO) problems.push(...(await scan(page, server.url + url, shotName(lang, url))));
      // The entry form opened, with its inline errors showing.
      await page.goto(`${server.url}/rfo/KZ-75/2024-03`);
      await page.getByTestId('add-activity').click();
      const form = page.locator('form[aria-labelledby="activity-form-title"]');
      await form.waitFor();
      await form.locator('button[type=submit]').click();
      await form.locator('.field-error').first().waitFor();
      problems.push(...(await serious(page, 'activity form with errors')));
      await signOut(page, server.url);
      expect(problems).toEqual([]);
    });

    it(`national office pages in ${lang}`, async () => {
      await page.goto(server.url);
      await setLanguage(page, lang);
      await signIn(page, server.url, admin.email, admin.password);
      const problems: string[] = [];
      for (const url of NATIONAL) problems.push(...(await scan(page, server.url + url, shotName(lang, url))));
      // The user form with the organisation picker (a coordinator's account) and its matches.
      await page.goto(`${server.url}/national/users`);
      await page.locator('select[name=role]').selectOption('org_coordinator');
      await page.getByRole('searchbox').fill('Волонтер');
      await page.getByTestId('org-options').waitFor();
      problems.push(...(await serious(page, 'users: organisation picker')));
      await signOut(page, server.url);
      expect(problems).toEqual([]);
    });
  }
});
