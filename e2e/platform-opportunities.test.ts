// Opportunities of the platform in the browser (issue 11 items 3 and 7): a verified organisation's
// coordinator creates an opportunity with two shifts and publishes it; a visitor finds it by a word
// of its Cyrillic title, opens it and reads its shifts in Kazakhstan time, with an Apply per shift;
// the page's HTML fetched by plain HTTP (as Telegram's crawler does) carries its Open Graph tags.
// Markup typed in the title stays text; axe at 1280 and 360 px on the three pages.
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

const TITLE = 'Субботник в парке <b>Первомайском</b>';
const COORDINATOR = { email: 'opp.coordinator@e2e.kz', password: 'e2e-password-2026' };

describe('the platform’s opportunities', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let opportunityId = 0;

  beforeAll(async () => {
    server = await startServer();
    let bin: string | null = null;
    for (let n = 1; !bin; n++) bin = withCheckDigit(`1004400${String(n).padStart(4, '0')}`);
    const reg = await server.app.inject({
      method: 'POST',
      url: '/api/platform/organizations',
      remoteAddress: '10.6.0.1',
      payload: {
        name: 'Таза Алматы',
        type: 'npo',
        bin,
        region: 'KZ-75',
        email: COORDINATOR.email,
        password: COORDINATOR.password,
        contactName: 'Айгүл',
        lang: 'ru',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    // The national office verifies it (the queue's own flow is e2e/platform-orgs.test.ts).
    const admin = await createUser(server.database, 'admin.opps@e2e.kz', 'national_admin', null);
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.6.0.2',
      payload: admin,
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const verify = await server.app.inject({
      method: 'POST',
      url: `/api/platform/organizations/${reg.json().organization.id}/verify`,
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      payload: { decision: 'verified' },
    });
    expect(verify.statusCode, verify.body).toBe(200);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a verified coordinator creates an opportunity with two shifts and publishes it', async () => {
    await signIn(page, server.url, COORDINATOR.email, COORDINATOR.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Мои возможности' }).click();
    await page.waitForURL(/\/platform\/my\/opportunities/);
    await expect.poll(() => text(page.getByTestId('my-opportunity-count'))).toBe('0 возможностей');
    const form = page.getByTestId('new-opportunity');
    await form.getByLabel('Название').fill(TITLE);
    await form.getByLabel('Описание').fill('Берите перчатки.\nСбор у главного входа.');
    await form.getByLabel('Направление').selectOption('bilim');
    await form.getByLabel('Регион').selectOption('KZ-75');
    await form.getByLabel('Формат').selectOption('offline');
    await form.getByLabel('Навыки', { exact: true }).fill('уборка, покраска');
    const first = form.getByTestId('shift-form').nth(0);
    await first.getByLabel('Дата', { exact: true }).fill('01.06.2030');
    await first.getByLabel('Начало').fill('10:00');
    await first.getByLabel('Окончание', { exact: true }).fill('14:00');
    await first.getByLabel('Мест').fill('20');
    await form.getByRole('button', { name: 'Добавить смену' }).click();
    // The second shift runs past midnight in Kazakhstan time.
    const second = form.getByTestId('shift-form').nth(1);
    await second.getByLabel('Дата', { exact: true }).fill('02.06.2030');
    await second.getByLabel('Начало').fill('22:00');
    await second.getByLabel('Дата окончания').fill('03.06.2030');
    await second.getByLabel('Окончание', { exact: true }).fill('02:00');
    await second.getByLabel('Мест').fill('5');
    expect(await seriousOnDesktopAndPhone(page, 'coordinator’s opportunities, form', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();

    const cards = page.getByTestId('my-opportunity');
    await expect.poll(() => cards.count()).toBe(1);
    const card = cards.nth(0);
    expect(await text(card.locator('h2'))).toBe(TITLE);
    expect(await card.locator('h2 b').count()).toBe(0);
    expect(await text(card.getByTestId('opportunity-status'))).toBe('черновик');
    expect(await text(card)).toContain('01.06.2030, 10:00–14:00');
    expect(await text(card)).toContain('02.06.2030, 22:00 – 03.06.2030, 02:00');
    opportunityId = Number((await card.locator('h2 a').getAttribute('href'))?.split('/').pop());
    expect(opportunityId).toBeGreaterThan(0);

    await card.getByRole('button', { name: 'Опубликовать' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'coordinator’s opportunities, confirm')).toEqual([]);
    await dialog.getByRole('button', { name: 'Опубликовать' }).click();
    await expect.poll(() => text(card.getByTestId('opportunity-status'))).toBe('опубликована');
    expect(await seriousOnDesktopAndPhone(page, 'coordinator’s opportunities', 'main')).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a visitor finds it by a Cyrillic word, opens it and reads its shifts in Kazakhstan time', async () => {
    await signOut(page, server.url);
    // The visitor's browser is in London: the shifts still read in Kazakhstan time.
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/London' });
    expect(await page.evaluate(() => new Date('2030-06-01T05:00:00Z').getHours())).toBe(6);
    await page.getByRole('navigation').getByRole('link', { name: 'Возможности', exact: true }).click();
    await page.waitForURL(/\/platform\/opportunities/);
    // Lower case: the search folds Cyrillic case.
    await page.getByLabel('Что искать').fill('субботник');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.waitForURL(/q=/);
    const results = page.getByTestId('opportunity');
    await expect.poll(() => text(page.getByTestId('opportunity-count'))).toBe('1–1 из 1');
    expect(await results.count()).toBe(1);
    const result = results.nth(0);
    expect(await text(result.locator('h2'))).toBe(TITLE);
    expect(await text(result)).toMatch(/Организатор\s*Таза Алматы/);
    expect(await text(result.getByTestId('next-shift'))).toBe('01.06.2030, 10:00–14:00');
    expect(await text(result)).toContain('20 свободно из 20');
    expect(await seriousOnDesktopAndPhone(page, 'opportunity search', 'main')).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
    // The filters live in the address: a reload keeps them.
    await page.reload();
    await expect.poll(() => results.count()).toBe(1);
    expect(await page.getByLabel('Что искать').inputValue()).toBe('субботник');
    // Another region finds nothing.
    await page.getByLabel('Регион').selectOption('KZ-79');
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect.poll(() => text(page.getByTestId('opportunity-count'))).toMatch(/Ничего не найдено/);
    await page.goBack();
    await page.goto(`${server.url}/platform/opportunities?q=${encodeURIComponent('Субботник')}`);
    await results.nth(0).locator('h2 a').click();
    await page.waitForURL(new RegExp(`/platform/opportunities/${opportunityId}$`));

    const opp = page.getByTestId('opportunity-page');
    await opp.waitFor();
    expect(await text(opp.locator('h1'))).toBe(TITLE);
    expect(await opp.locator('h1 b').count()).toBe(0);
    expect(await text(opp.getByTestId('description'))).toBe('Берите перчатки.\nСбор у главного входа.');
    expect(await text(opp)).toMatch(/Навыки\s*уборка, покраска/);
    expect(await text(opp)).toMatch(/Минимальный возраст\s*с 14 лет/);
    const shifts = opp.getByTestId('shift');
    expect(await shifts.count()).toBe(2);
    expect(await text(shifts.nth(0))).toContain('01.06.2030, 10:00–14:00');
    expect(await text(shifts.nth(1))).toContain('02.06.2030, 22:00 – 03.06.2030, 02:00');
    expect(await text(shifts.nth(1))).toContain('5 свободно из 5');
    // A visitor's Apply leads to signing in (and back); the sign-up is offered beside it.
    const apply = shifts.nth(0).getByTestId('apply');
    expect(await text(apply)).toBe('Откликнуться');
    expect(await apply.getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent(`/platform/opportunities/${opportunityId}`)}`,
    );
    expect(await shifts.nth(1).getByTestId('apply').count()).toBe(1);
    expect(await opp.getByRole('link', { name: 'зарегистрироваться волонтером' }).getAttribute('href')).toBe(
      '/platform/volunteers/register',
    );
    expect(await seriousOnDesktopAndPhone(page, 'opportunity page', 'main')).toEqual([]);
    // Nothing of the page pushes it wider than a phone (long labels wrap).
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a volunteer applies to a shift from its page; a second try is refused with the reason', async () => {
    const volunteer = { email: 'vol.opps@e2e.kz', password: 'e2e-password-2026' };
    const reg = await server.app.inject({
      method: 'POST',
      url: '/api/platform/volunteers',
      remoteAddress: '10.6.0.4',
      payload: {
        ...volunteer,
        name: 'Асель',
        birthDate: '1998-04-12',
        gender: 'female',
        region: 'KZ-75',
        employment: 'employed',
        consent: { personalData: true },
        lang: 'ru',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    await signIn(page, server.url, volunteer.email, volunteer.password);
    await page.goto(`${server.url}/platform/opportunities/${opportunityId}`);
    const shifts = page.getByTestId('shift');
    await expect.poll(() => shifts.count()).toBe(2);
    await shifts.nth(1).getByRole('button', { name: 'Откликнуться' }).click();
    await expect.poll(() => text(shifts.nth(1))).toContain('Заявка отправлена');
    expect(await shifts.nth(0).getByRole('button', { name: 'Откликнуться' }).count()).toBe(1);
    // The place is taken; applying again is refused, the reason shown.
    await page.reload();
    await expect.poll(() => text(shifts.nth(1))).toContain('4 свободно из 5');
    await shifts.nth(1).getByRole('button', { name: 'Откликнуться' }).click();
    await shifts.nth(1).locator('.alert-error').waitFor();
    expect(await seriousOnDesktopAndPhone(page, 'opportunity page, refused', 'main')).toEqual([]);
    await signOut(page, server.url);
  });

  it('a risk area’s training is confirmed before applying; the locality and training are shown', async () => {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.6.0.5',
      payload: COORDINATOR,
    });
    expect(login.statusCode, login.body).toBe(200);
    const headers = {
      cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': login.json().csrfToken,
    };
    const made = await server.app.inject({
      method: 'POST',
      url: '/api/platform/opportunities',
      headers,
      payload: {
        title: 'Поисковый выезд',
        description: 'Поиск в предгорьях',
        area: 'umit',
        region: 'KZ-75',
        format: 'offline',
        locality: 'Талгарский район',
        training: 'Курс первой помощи',
        shifts: [{ start: '2031-06-01T08:00:00+05:00', end: '2031-06-01T18:00:00+05:00', capacity: 3 }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    await server.app.inject({ method: 'POST', url: `/api/platform/opportunities/${id}/publish`, headers });
    await signIn(page, server.url, 'vol.opps@e2e.kz', 'e2e-password-2026');
    await page.goto(`${server.url}/platform/opportunities/${id}`);
    const about = page.locator('.facts');
    await expect.poll(() => text(about)).toContain('Талгарский район');
    expect(await text(about)).toContain('Курс первой помощи');
    const button = page.getByRole('button', { name: 'Откликнуться' });
    expect(await button.isDisabled()).toBe(true);
    await page.getByLabel(/Курс первой помощи/).check();
    await button.click();
    await expect.poll(() => text(page.getByTestId('shift').first())).toContain('Заявка отправлена');
    await signOut(page, server.url);
  });

  it('serves the opportunity’s Open Graph tags in its HTML', async () => {
    const res = await fetch(`${server.url}/platform/opportunities/${opportunityId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    const escaped = 'Субботник в парке &lt;b&gt;Первомайском&lt;/b&gt;';
    expect(html).toContain(`<meta property="og:title" content="${escaped}">`);
    expect(html).toContain(`<title>${escaped} · Birgemiz</title>`);
    expect(html).toContain(
      '<meta property="og:description" content="Таза Алматы · 01.06.2030 10:00 · г. Алматы">',
    );
    expect(html).toContain('<meta property="og:type" content="website">');
    expect(html).toMatch(
      new RegExp(`<meta property="og:url" content="https?://[^"]+/platform/opportunities/${opportunityId}">`),
    );
    // The application still starts from the same page.
    expect(html).toContain('<div id="root">');
  });

  it('pages the results, 20 at a time, the page in the address; in Kazakh too', async () => {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.6.0.3',
      payload: COORDINATOR,
    });
    expect(login.statusCode, login.body).toBe(200);
    const headers = {
      cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': login.json().csrfToken,
    };
    for (let i = 1; i <= 22; i++) {
      const made = await server.app.inject({
        method: 'POST',
        url: '/api/platform/opportunities',
        headers,
        payload: {
          title: `Пикник ${i}`,
          description: 'Помощь на празднике',
          area: 'bilim',
          region: 'KZ-75',
          format: 'offline',
          shifts: [
            {
              start: `2030-07-${String(i).padStart(2, '0')}T10:00:00+05:00`,
              end: `2030-07-${String(i).padStart(2, '0')}T12:00:00+05:00`,
              capacity: 3,
            },
          ],
        },
      });
      expect(made.statusCode, made.body).toBe(201);
      const published = await server.app.inject({
        method: 'POST',
        url: `/api/platform/opportunities/${made.json().id}/publish`,
        headers,
        payload: {},
      });
      expect(published.statusCode).toBe(200);
    }
    await page.goto(`${server.url}/platform/opportunities?q=${encodeURIComponent('пикник')}`);
    const results = page.getByTestId('opportunity');
    await expect.poll(() => text(page.getByTestId('opportunity-count'))).toBe('1–20 из 22');
    expect(await results.count()).toBe(20);
    expect(await text(results.nth(0).locator('h2'))).toBe('Пикник 1');
    await page.getByRole('button', { name: 'Дальше' }).click();
    await expect.poll(() => text(page.getByTestId('opportunity-count'))).toBe('21–22 из 22');
    expect(page.url()).toContain('offset=20');
    expect(await text(results.nth(0).locator('h2'))).toBe('Пикник 21');
    expect(await page.getByRole('button', { name: 'Дальше' }).isDisabled()).toBe(true);
    // The same page in Kazakh: the dates the same, the words Kazakh.
    await setLanguage(page, 'kk');
    await page.reload();
    await expect.poll(() => text(page.getByTestId('opportunity-count'))).toBe('22 ішінен 21–22');
    expect(await text(page.locator('main h1'))).toBe('Волонтерлік мүмкіндіктер');
    expect(await text(results.nth(0).getByTestId('next-shift'))).toBe('21.07.2030, 10:00–12:00');
    expect(await seriousOnDesktopAndPhone(page, 'opportunity search, kk', 'main')).toEqual([]);
    await setLanguage(page, 'ru');
  });

  it('the coordinator cancels it with a reason, after a confirmation; it leaves the search and loses its tags', async () => {
    await signIn(page, server.url, COORDINATOR.email, COORDINATOR.password);
    await page.goto(`${server.url}/platform/my/opportunities`);
    const card = page
      .getByTestId('my-opportunity')
      .filter({ has: page.getByRole('heading', { name: TITLE, exact: true }) });
    await card.waitFor();
    await card.getByRole('button', { name: 'Отменить возможность' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    // No reason, no cancellation: the confirming button waits for one.
    expect(await dialog.getByRole('button', { name: 'Отменить возможность' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Почему отменяется?').fill('Штормовое предупреждение');
    expect(await seriousOnDesktopAndPhone(page, 'coordinator’s opportunities, cancel')).toEqual([]);
    await dialog.getByRole('button', { name: 'Отменить возможность' }).click();
    await expect.poll(() => text(card.getByTestId('opportunity-status'))).toBe('отменена');
    expect(await text(card)).toMatch(/Причина отмены\s*Штормовое предупреждение/);
    expect(await card.getByRole('button').count()).toBe(0);
    await signOut(page, server.url);
    const search = await (await fetch(`${server.url}/api/platform/opportunities?q=субботник`)).json();
    expect(search.total).toBe(0);
    const html = await (await fetch(`${server.url}/platform/opportunities/${opportunityId}`)).text();
    expect(html).not.toContain('og:title');
    expect(html).toContain('<title>Birgemiz</title>');
  });
});
