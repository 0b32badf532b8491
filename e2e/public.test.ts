// The public pages in a real browser: the dashboard shows the API's figures in the chosen locale,
// its charts are the server's SVG in that language (no chart library loaded), the cartogram leads
// to a region's page, the reports open and download; screenshots at 1280 and
// 360 px are kept in test-results/screenshots.
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import kk from '../src/i18n/kk.json' with { type: 'json' };
import ru from '../src/i18n/ru.json' with { type: 'json' };
import type { Dashboard } from '../src/modules/reports/reports.schemas.ts';
import { formatNumber, formatPercent } from '../src/web/lib/format.ts';
import {
  type E2EServer,
  launchBrowser,
  screenshot,
  setLanguage,
  settle,
  startServer,
  text,
} from './helpers.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('public pages', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser('kk-KZ');
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the same total hours and volunteers as GET /api/dashboard, in kk-KZ digits', async () => {
    const api = await page.request.get(`${server.url}/api/dashboard?year=2022`);
    expect(api.status()).toBe(200);
    const d = (await api.json()) as Dashboard;
    expect(d.key.hours).not.toBeNull();
    await page.goto(`${server.url}/?year=2022`);
    await setLanguage(page, 'kk');
    await page.reload();
    const hours = page.getByTestId('kf-hours').locator('.kf-value');
    await hours.waitFor();
    // The expectation is the app's own formatter (kk groups with a no-break space whatever ICU data
    // the browser has); the seed report's figure checks that formatter against the real thing.
    expect(await text(hours)).toBe(formatNumber(d.key.hours, 'kk'));
    expect(await text(page.getByTestId('kf-volunteers').locator('.kf-value'))).toBe(
      formatNumber(d.key.volunteers, 'kk'),
    );
    expect(await text(page.getByTestId('kf-activities').locator('.kf-value'))).toBe(
      formatNumber(d.key.activities, 'kk'),
    );
    expect(await text(page.getByTestId('kf-femaleShare').locator('.kf-value'))).toBe(
      formatPercent(d.key.femaleShare, 'kk'),
    );
    // The seed report's figures (the demo data), written as the national office writes them.
    expect(nbsp(await text(hours))).toBe('1 088 387');
    const area = d.hoursByArea.find((a) => a.area === 'other_social');
    expect(nbsp(formatPercent(area?.share, 'kk'))).toBe('38,35 %');
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');

    // A region's page shows the API's figures for that region.
    const r = (await (
      await page.request.get(`${server.url}/api/dashboard?year=2022&region=KZ-75`)
    ).json()) as Dashboard;
    await page.goto(`${server.url}/regions/KZ-75?year=2022`);
    await expect
      .poll(async () => text(page.getByTestId('kf-hours').locator('.kf-value')))
      .toBe(formatNumber(r.key.hours, 'kk'));
    expect(await text(page.getByTestId('kf-volunteers').locator('.kf-value'))).toBe(
      formatNumber(r.key.volunteers, 'kk'),
    );
  });

  it('draws one cartogram tile per region with data, and a tile opens the region page', async () => {
    await page.goto(`${server.url}/?year=2022`);
    const tiles = page.locator('.cartogram a.tile');
    await tiles.first().waitFor();
    const api = (await (await page.request.get(`${server.url}/api/dashboard?year=2022`)).json()) as Dashboard;
    const withData = api.byRegion.filter((r) => r.volunteers !== null || r.hours !== null).length;
    expect(withData).toBeGreaterThan(1);
    expect(await tiles.count()).toBe(withData);
    // The table alternative carries the same regions.
    expect(await page.locator('.region-table tbody tr').count()).toBe(api.byRegion.length);
    await tiles.first().click();
    await page.waitForURL(/\/regions\/KZ-\d\d/);
    await page.getByTestId('kf-hours').waitFor();
    expect(await text(page.locator('h1'))).toMatch(/2022/);
  });

  it("draws the charts as the server's SVG in the page's language, loading no chart library", async () => {
    const scripts: Promise<string>[] = [];
    const onResponse = (r: Response) => {
      if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => ''));
    };
    page.on('response', onResponse);
    await page.goto(`${server.url}/?year=2022`);
    await setLanguage(page, 'kk');
    await page.reload();
    await page.getByTestId('kf-hours').waitFor();
    await settle(page);
    const charts = page.locator('.chart svg[role="img"]');
    await expect.poll(() => charts.count()).toBe(5);
    const areas = page.locator('.chart[data-chart="hours-by-area"] svg[role="img"]');
    expect(await areas.getAttribute('aria-label')).toBe(
      `${kk.dashboard.hoursByArea}, ${kk.dashboard.national}, 2022`,
    );
    // The bars' names are the API's, in Kazakh (cut to the room they have, the table has them in full).
    const d = (await (
      await page.request.get(`${server.url}/api/dashboard?year=2022&lang=kk`)
    ).json()) as Dashboard;
    const top = [...d.hoursByArea].sort((a, b) => b.hours - a.hours)[0]?.name ?? '';
    expect(await text(areas)).toContain(top.slice(0, 8));
    // The table beside the chart is still there.
    expect(await page.locator('#areas-title ~ details table caption').textContent()).toBe(
      kk.dashboard.hoursByArea,
    );
    const bodies = await Promise.all(scripts);
    expect(bodies.length).toBeGreaterThan(0);
    for (const b of bodies) expect(/\bzrender\b|echarts/i.test(b)).toBe(false);
    page.off('response', onResponse);

    // Another language: the charts are asked again and speak it.
    await page.locator('.lang-switch select').selectOption('ru');
    await expect
      .poll(() => areas.getAttribute('aria-label'))
      .toBe(`${ru.dashboard.hoursByArea}, ${ru.dashboard.national}, 2022`);
    // A region's page: its own charts (no chart of the regions), named after it.
    await page.goto(`${server.url}/regions/KZ-75?year=2022`);
    await page.getByTestId('kf-hours').waitFor();
    await settle(page);
    await expect.poll(() => charts.count()).toBe(4);
    const name = (
      (await (
        await page.request.get(`${server.url}/api/dashboard?year=2022&region=KZ-75&lang=ru`)
      ).json()) as Dashboard
    ).byRegion[0]?.name;
    expect(await page.locator('.chart[data-chart="monthly"] svg').getAttribute('aria-label')).toBe(
      `${ru.dashboard.monthly}, ${name}, 2022`,
    );
    await setLanguage(page, 'kk');
  });

  it('switches the language and remembers it', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('.lang-switch select').selectOption('ru');
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    expect(await text(page.locator('nav[aria-label]').first())).toContain('Отчёты');
  });

  it('opens the annual report and downloads it as .xlsx, .docx and JSON', async () => {
    await page.goto(`${server.url}/reports?year=2022`);
    const html = await page.request.get(`${server.url}/api/reports/annual/2022.html?lang=ru`);
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toContain('text/html');
    for (const [id, magic] of [
      ['download-xlsx', 'PK'],
      ['download-docx', 'PK'],
      ['download-json', '{'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
      const file = await download.path();
      const fs = await import('node:fs');
      const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
      expect(head.startsWith(magic), `${id} starts with ${magic}`).toBe(true);
    }
    await page.getByRole('button', { name: /Просмотреть|Осы бетте|View/ }).click();
    const frame = page.frameLocator('iframe.report-frame');
    await frame.locator('h1, h2').first().waitFor();
  });

  it('keeps screenshots of the public pages at 1280 and 360 px', async () => {
    for (const [name, url] of [
      ['dashboard', '/?year=2022'],
      ['region', '/regions/KZ-75?year=2022'],
      ['reports', '/reports'],
      ['login', '/login'],
    ] as [string, string][]) {
      await page.goto(server.url + url);
      await settle(page);
      await screenshot(page, name);
    }
  });
});
