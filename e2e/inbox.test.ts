// The review inbox and the conversation of a submission in a real browser (issue 10 items 3 and 4):
// the RFO submits; the reviewer finds the month in the inbox (a first submission: every row new),
// opens it, writes in its thread (markup shows as text) and returns it; the RFO reads the thread on
// its month page, answers, corrects and resubmits; the inbox then shows what changed since the
// return, and the reviewer accepts two submissions at once after a confirmation. axe finds nothing
// serious on the inbox, the thread and the dialog, at 1280 px and on a 360 px phone.
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
const OTHER = 'KZ-79';
const PERIOD = '2026-09';
const MARKUP = 'Проверьте <b>часы</b> & <script>alert(1)</script>';

const activity = (region: string, title: string, hours: number) => ({
  region,
  period: PERIOD,
  organization: `Inbox e2e NPO ${region}`,
  organization_type: 'npo',
  title,
  area: 'bilim',
  format: 'offline',
  kind: 'event',
  start_date: `${PERIOD}-10`,
  end_date: `${PERIOD}-10`,
  volunteers: 6,
  hours,
});

describe('review inbox and thread', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };
  let analyst: { email: string; password: string };
  let admin: { email: string; password: string };

  /** A request of the signed-in user, with the CSRF token, from the page. */
  const api = async (method: string, url: string, body?: unknown) =>
    page.evaluate(
      async ([m, u, b]) => {
        const me = await fetch('/api/auth/me');
        const { csrfToken } = (await me.json()) as { csrfToken: string };
        const r = await fetch(u as string, {
          method: m as string,
          headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          ...(b === undefined ? {} : { body: JSON.stringify(b) }),
        });
        return { status: r.status, body: r.status === 204 ? null : await r.json() };
      },
      [method, url, body] as const,
    );
  const as = async (who: { email: string; password: string }) => {
    await signOut(page, server.url);
    await signIn(page, server.url, who.email, who.password);
  };
  const row = () => page.locator(`[data-testid=inbox-row][data-key="${REGION}|${PERIOD}"]`);

  beforeAll(async () => {
    server = await startServer();
    rfo = await createUser(server.database, 'rfo.inbox@e2e.kz', 'rfo', REGION);
    analyst = await createUser(server.database, 'analyst.inbox@e2e.kz', 'national_analyst', null);
    admin = await createUser(server.database, 'admin.inbox@e2e.kz', 'national_admin', null);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('RFO submits; the reviewer finds it in the inbox as a first submission', async () => {
    await as(rfo);
    for (const [title, hours] of [
      ['Уроки чтения', 12],
      ['Уборка парка', 30],
    ] as const)
      expect((await api('POST', '/api/activities', activity(REGION, title, hours))).status).toBe(201);
    const sub = await api('POST', `/api/submissions/${REGION}/${PERIOD}/submit`, { version: 1 });
    expect(sub.status).toBe(200);

    await as(analyst);
    await page.goto(`${server.url}/national`);
    await page.getByRole('link', { name: 'Входящие' }).click();
    await page.waitForURL(/\/national\/inbox/);
    await row().waitFor();
    expect(await text(row())).toMatch(/Первая отправка: новых строк — 2/);
    expect(await text(row())).toMatch(/Часы: 42/);
    expect(await seriousOnDesktopAndPhone(page, 'inbox', 'main')).toEqual([]);
    await screenshot(page, 'national-inbox');
  });

  it('the reviewer writes in the thread (markup is text) and returns the month', async () => {
    await row().getByRole('link').click();
    await page.waitForURL(new RegExp(`/national/review/${REGION}/${PERIOD}`));
    const thread = page.getByTestId('thread');
    await thread.waitFor();
    await thread.getByLabel('Новый комментарий').fill(MARKUP);
    await thread.getByRole('button', { name: 'Отправить комментарий' }).click();
    await thread.getByText('Комментарий добавлен.').waitFor();
    const item = thread.getByTestId('thread-item').first();
    expect(await text(item.locator('.thread-body'))).toBe(MARKUP);
    expect(await item.locator('.thread-body b, .thread-body script').count()).toBe(0);

    await page.getByLabel('Комментарий для региона').fill('Часы «Уборка парка» завышены.');
    await page.getByRole('button', { name: 'Вернуть с комментарием' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Вернуть с комментарием' }).click();
    await page.getByText('Отчёт возвращён региону.').waitFor();
    await expect.poll(async () => thread.getByTestId('thread-item').count()).toBe(2);
    expect(await text(thread.getByTestId('thread-item').nth(1))).toMatch(
      /Возвращено.*Часы «Уборка парка» завышены/s,
    );
  });

  it('the RFO reads the thread on its month page, answers, corrects and resubmits', async () => {
    await as(rfo);
    await page.goto(`${server.url}/rfo/${REGION}/${PERIOD}`);
    const thread = page.getByTestId('thread');
    await expect.poll(async () => thread.getByTestId('thread-item').count()).toBe(2);
    expect(await text(thread)).toContain(MARKUP);
    expect(await text(thread)).toContain('Часы «Уборка парка» завышены.');
    await thread.getByLabel('Новый комментарий').fill('Исправили: было 30, стало 20.');
    await thread.getByRole('button', { name: 'Отправить комментарий' }).click();
    await expect.poll(async () => thread.getByTestId('thread-item').count()).toBe(3);
    expect(await seriousOnDesktopAndPhone(page, 'thread on the month page', '[data-testid=thread]')).toEqual(
      [],
    );
    await screenshot(page, 'rfo-thread');

    const list = await api('GET', `/api/activities?region=${REGION}&period=${PERIOD}`);
    const park = list.body.items.find((a: { title: string }) => a.title === 'Уборка парка');
    expect(
      (await api('PATCH', `/api/activities/${park.id}`, { hours: 20, version: park.version })).status,
    ).toBe(200);
    const view = (await api('GET', `/api/submissions/${REGION}/${PERIOD}`)).body.submission;
    expect(
      (await api('POST', `/api/submissions/${REGION}/${PERIOD}/submit`, { version: view.version })).status,
    ).toBe(200);
  });

  it('the inbox shows what changed since the return; two submissions are accepted at once', async () => {
    // another region's month waits too
    await as(admin);
    expect((await api('POST', '/api/activities', activity(OTHER, 'Донорская акция', 8))).status).toBe(201);
    expect((await api('POST', `/api/submissions/${OTHER}/${PERIOD}/submit`, { version: 1 })).status).toBe(
      200,
    );

    await as(analyst);
    await page.goto(`${server.url}/national/inbox`);
    await row().waitFor();
    const shown = await text(row());
    expect(shown).toMatch(/изменено 1/);
    expect(shown).toMatch(/последнее решение: возвращено/);
    expect(shown).toMatch(/Часы: 42 → 32/);
    const other = page.locator(`[data-testid=inbox-row][data-key="${OTHER}|${PERIOD}"]`);
    await row().getByRole('checkbox').check();
    await other.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Принять выбранные (2)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await text(dialog.getByRole('heading'))).toBe('Принять выбранные отчёты (2)?');
    expect(await text(dialog)).toMatch(/все или ни один/);
    expect(await seriousOnDesktopAndPhone(page, 'bulk accept confirmation', 'dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Принять выбранные (2)' }).click();
    await page.getByText('Принято отчётов: 2.').waitFor();
    await expect.poll(async () => row().count()).toBe(0);
    expect(await other.count()).toBe(0);

    // accepted: the old return comment is not shown as current; the thread keeps it
    await page.goto(`${server.url}/national/review/${REGION}/${PERIOD}`);
    const thread = page.getByTestId('thread');
    await expect.poll(async () => thread.getByTestId('thread-item').count()).toBe(3);
    expect(await page.locator('.alert-warning', { hasText: 'завышены' }).count()).toBe(0);
  });
});
