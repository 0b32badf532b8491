// The pages a volunteer's e-mails link to (issue 11, item 2): a minor registers on the platform;
// the address confirmation and the guardian's consent are each used once from their e-mailed link,
// in Russian; a link used again says so in Russian, not in English; axe at 1280 and 360 px.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  startServer,
  text,
} from './helpers.ts';

const EMAIL = 'minor.links@e2e.kz';
const GUARDIAN = 'parent.links@e2e.kz';

describe("a volunteer's e-mailed links", () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  /** The path and query of the latest link e-mailed to an address, opened on the test server. */
  async function linkTo(to: string): Promise<string> {
    const m = await server.database.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', to)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/platform\/[a-z-]+\?token=[\w%-]+/.exec(m.body)?.[0];
    expect(link, m.body).toBeDefined();
    const url = new URL(link as string);
    return `${server.url}${url.pathname}${url.search}`;
  }

  beforeAll(async () => {
    server = await startServer();
    const year = new Date().getUTCFullYear();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/platform/volunteers',
      payload: {
        email: EMAIL,
        password: 'a long enough password',
        name: 'Айару <b>Б.</b>',
        birthDate: `${year - 15}-03-01`,
        gender: 'female',
        region: 'KZ-75',
        employment: 'schoolchild',
        consent: { personalData: true },
        guardian: { name: 'Сауле Б.', email: GUARDIAN },
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

  it('confirms the address once; the same link again says it was used', async () => {
    const link = await linkTo(EMAIL);
    await page.goto(link);
    await page.getByRole('button', { name: 'Подтвердить адрес' }).click();
    expect(await text(page.getByTestId('link-done'))).toBe('Ваш адрес подтверждён. Спасибо!');
    expect(await seriousOnDesktopAndPhone(page, 'address confirmed')).toEqual([]);
    await page.goto(link);
    await page.getByRole('button', { name: 'Подтвердить адрес' }).click();
    const alert = page.locator('.alert-error');
    await alert.waitFor();
    expect(await text(alert)).toMatch(/уже использована/);
  });

  it("records the guardian's consent from the guardian's link", async () => {
    await page.goto(await linkTo(GUARDIAN));
    expect(await text(page.locator('h1'))).toBe('Согласие родителя или законного представителя');
    expect(await seriousOnDesktopAndPhone(page, 'guardian consent')).toEqual([]);
    await page.getByRole('button', { name: 'Я даю согласие' }).click();
    expect(await text(page.getByTestId('link-done'))).toBe('Ваше согласие записано. Спасибо!');
    const profile = await server.database.db
      .selectFrom('volunteer_profile')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ guardian_status: 'confirmed' });
    expect(profile.email_confirmed_at).not.toBeNull();
  });
});
