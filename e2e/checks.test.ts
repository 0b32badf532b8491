// Checks before submitting and the half-year / annual returns in the matrix (issue 10 items 2 and 5),
// in a real browser in Russian: the region's officer sees the warnings of a month far from the same
// month last year in the submit confirmation, cannot confirm without saying they were checked, and
// submits; an empty month goes only as "nothing to report", which the reviewer reads; the national
// matrix has the H1, H2 and year columns, reviewable from it, and says every status in the same
// words as the region's year page. Axe at 1280 and 360 px.
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
const YEAR = 2023;

/** A JSON call of the signed-in page, with its CSRF token, as the web application makes it. */
async function call(page: Page, method: string, url: string, body?: unknown) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch(url, {
        method,
        headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, json: await r.json().catch(() => null) };
    },
    { method, url, body },
  );
}

describe('checks before submitting, in the browser', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };
  let admin: { email: string; password: string };

  beforeAll(async () => {
    server = await startServer();
    rfo = await createUser(server.database, 'rfo.checks@e2e.kz', 'rfo', REGION);
    admin = await createUser(server.database, 'national.checks@e2e.kz', 'national_admin', null);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const badge = () => page.locator('.submission-bar .badge').first();
  const openMonth = async (period: string) => {
    await page.goto(`${server.url}/rfo/${REGION}/${period}`);
    await badge().waitFor();
  };
  const askToSubmit = async () => {
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('submit-checks').waitFor();
    return dialog;
  };

  it('RFO: a month far from the same month last year shows the warnings; confirmed, it is submitted', async () => {
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.waitForURL(/\/rfo/);
    // One small event in March 2023, beside the demo's March 2022 of the region.
    const created = await call(page, 'POST', '/api/activities', {
      region: REGION,
      period: `${YEAR}-03`,
      organization: 'Жастар орталығы',
      organization_type: 'npo',
      title: 'Кітап жинау',
      area: 'bilim',
      format: 'offline',
      kind: 'event',
      start_date: `${YEAR}-03-06`,
      end_date: `${YEAR}-03-06`,
      volunteers: 1,
      hours: 2,
    });
    expect(created.status).toBe(201);
    const dry = await call(page, 'GET', `/api/submissions/${REGION}/${YEAR}-03/checks`);
    expect(dry.json.warnings.map((w: { rule: string }) => w.rule)).toContain('year_on_year_low');

    await openMonth(`${YEAR}-03`);
    expect(await badge().getAttribute('data-status')).toBe('draft');
    const dialog = await askToSubmit();
    const warnings = dialog.getByTestId('checks-warnings');
    await warnings.waitFor();
    // In Russian, naming the figure and last year's month.
    expect(await text(warnings)).toMatch(/Волонтёры: 1 — меньше трети от .+ за март 2022/i);
    expect(await text(warnings)).toMatch(/Часы: 2 — меньше трети/);
    expect(await seriousOnDesktopAndPhone(page, 'submit checks', 'dialog')).toEqual([]);
    await screenshot(page, 'submit-checks-warnings');
    // Not confirmed: the form is not sent (the checkbox is required).
    await dialog.getByRole('button', { name: 'Отправить на проверку' }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect(await badge().getAttribute('data-status')).toBe('draft');
    await dialog.getByLabel('Я проверил(а) эти предупреждения, данные верны').check();
    await dialog.getByRole('button', { name: 'Отправить на проверку' }).click();
    await expect.poll(async () => badge().getAttribute('data-status')).toBe('submitted');
  });

  it('RFO: an empty month is submitted only as "nothing to report"', async () => {
    await openMonth(`${YEAR}-04`);
    const dialog = await askToSubmit();
    expect(await text(dialog)).toContain('За этот период ничего не введено.');
    const nothing = dialog.getByLabel('В этом месяце нечего сообщить');
    await dialog.getByRole('button', { name: 'Отправить на проверку' }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect(await seriousOnDesktopAndPhone(page, 'empty month', 'dialog')).toEqual([]);
    await nothing.check();
    await dialog.getByRole('button', { name: 'Отправить на проверку' }).click();
    await expect.poll(async () => badge().getAttribute('data-status')).toBe('submitted');
    expect(await text(page.getByTestId('nothing-to-report'))).toBe('Отправлено как «нечего сообщить».');
  });

  it('the RFO year page and the national matrix say each status in the same words', async () => {
    await page.goto(`${server.url}/rfo?year=${YEAR}`);
    const card = (p: string) => page.locator(`.month-card[data-period="${p}"] .badge`);
    await card(`${YEAR}-05`).waitFor();
    // The cards are drawn at once and take their statuses when the submissions arrive.
    await expect.poll(() => card(`${YEAR}-03`).getAttribute('data-status')).toBe('submitted');
    const rfoWords: Record<string, string> = {};
    for (const p of [`${YEAR}-03`, `${YEAR}-04`, `${YEAR}-05`, `${YEAR}-H1`, String(YEAR)])
      rfoWords[p] = (await text(card(p))).replace(/^\S+\s/, '').trim();
    expect(rfoWords[`${YEAR}-05`]).toBe('Не начато · просрочено');
    expect(rfoWords[`${YEAR}-H1`]).toBe('Не начато · просрочено');
    expect(rfoWords[`${YEAR}-03`]).toBe('Отправлено · отправлено с опозданием');
    expect(await seriousOnDesktopAndPhone(page, 'rfo year')).toEqual([]);

    await signOut(page, server.url);
    await signIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/national?year=${YEAR}`);
    const matrix = page.locator('table.matrix');
    await matrix.waitFor();
    const heads = await matrix
      .locator('thead th')
      .evaluateAll((ths) => ths.map((th) => th.textContent?.trim()));
    expect(heads.slice(-5)).toEqual(['I пол.', 'II пол.', 'Год', 'Полнота', 'Своевременность']);
    for (const [p, words] of Object.entries(rfoWords)) {
      const cell = page.locator(`a.cell[href="/national/review/${REGION}/${p}"]`);
      expect(await cell.getAttribute('aria-label')).toMatch(new RegExp(`: ${words}$`));
    }
    expect(await seriousOnDesktopAndPhone(page, 'matrix with stocks')).toEqual([]);
    await screenshot(page, 'national-matrix-stocks');

    // Reviewable from the matrix: the half-year's review page, and the empty month's "nothing to report".
    await page.locator(`a.cell[href="/national/review/${REGION}/${YEAR}-H1"]`).click();
    await page.waitForURL(new RegExp(`/national/review/${REGION}/${YEAR}-H1$`));
    await page.locator('.submission-bar, section[aria-labelledby="rev-status"]').first().waitFor();
    expect(await text(page.locator('section[aria-labelledby="rev-status"] .badge'))).toContain('Не начато');
    await page.goto(`${server.url}/national/review/${REGION}/${YEAR}-04`);
    await page.getByTestId('nothing-to-report').waitFor();
    await page.goto(`${server.url}/national/review/${REGION}/${YEAR}-03`);
    expect(await text(page.getByTestId('confirmed-warnings'))).toMatch(/меньше трети/);
    expect(await seriousOnDesktopAndPhone(page, 'review with confirmed warnings')).toEqual([]);
  });
});
