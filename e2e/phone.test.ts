// Layout facts measured in a real browser (issue 10, items 11, 12, 14 and 15): on a 360 px phone the
// dashboard fits or scrolls visibly (nothing wider than the screen outside a scroller that says it
// scrolls), no figure wraps or is cut, the monthly chart's month names do not overlap and the gender
// chart's legend shows whole names; the import's error table starts with what to fix. At 1280 px the
// RFO's year grid fits without scrolling sideways, its badges inside their cards, the menu on one
// line. Public pages log no error in the console (no 401 from "who am I", no 404 for a boundary
// file nobody configured). The dashboard opens on the complete year and labels a year in progress;
// a region created in 2022 asked for 2022 says whose figures it shows. Dates follow the interface
// language, not the browser's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json' with { type: 'json' };
import kk from '../src/i18n/kk.json' with { type: 'json' };
import ru from '../src/i18n/ru.json' with { type: 'json' };
import type { Dashboard } from '../src/modules/reports/reports.schemas.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  settle,
  signIn,
  startServer,
  text,
} from './helpers.ts';

/** Elements sticking out of the viewport that no scrolling wrapper (overflow-x auto/scroll) holds. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width + 1)
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    const scroller = (el: Element): boolean => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      if (
        (r.right > width + 1 || r.left < -1) &&
        !scroller(el) &&
        !el.closest('.visually-hidden, .skip-link')
      )
        out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

/** Figures that wrap onto a second line or are cut by their cell. */
async function brokenFigures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('td.num, .kf-value'))) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (tops.size > 1) out.push(`wraps: ${el.textContent}`);
      if (el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.textContent}`);
    }
    return out;
  });
}

/** Pairs of the monthly chart's month names whose boxes overlap. */
async function overlappingMonths(page: Page, months: string[]): Promise<string[]> {
  return page.evaluate((names) => {
    const labels = Array.from(document.querySelectorAll('[data-chart="monthly"] svg text'))
      .filter((t) => names.includes(t.textContent?.trim() ?? ''))
      .map((t) => ({ name: t.textContent, r: t.getBoundingClientRect() }));
    const out: string[] = [];
    if (labels.length < 12) out.push(`only ${labels.length} month names drawn`);
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i]?.r as DOMRect;
        const b = labels[j]?.r as DOMRect;
        if (
          a.left < b.right - 0.5 &&
          b.left < a.right - 0.5 &&
          a.top < b.bottom - 0.5 &&
          b.top < a.bottom - 0.5
        )
          out.push(`${labels[i]?.name} × ${labels[j]?.name}`);
      }
    return out;
  }, months);
}

describe('on a phone and on a desktop', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    // An accepted January of 2023 (KZ-75) beside the demo's complete 2022: a year in progress.
    const now = new Date().toISOString();
    await server.database.db
      .insertInto('submission')
      .values({
        region: 'KZ-75',
        period: '2023-01',
        status: 'accepted',
        version: 2,
        deadline: '2023-02-05',
        submitted_at: now,
        submitted_by: null,
        reviewed_at: now,
        reviewed_by: null,
        return_comment: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    // An English browser: the interface language, not the browser's, must decide the dates.
    browser = await launchBrowser('en-US');
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
      else if (m.text().includes('i18next')) errors.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-phone-'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a visit of the public pages logs no error: no 401 from "who am I", no 404 for a boundary file', async () => {
    errors.length = 0;
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      for (const url of ['/', '/regions/KZ-75?year=2022', '/regions/KZ-10?year=2022', '/reports']) {
        await page.goto(`${server.url}${url}`);
        await settle(page);
      }
    }
    expect(errors).toEqual([]);
  });

  it('opens on the complete year, labels the year in progress and says whose figures a 2022 region shows', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/`);
    await setLanguage(page, 'ru');
    await page.goto(`${server.url}/`);
    await page.getByTestId('kf-hours').waitFor();
    expect(await text(page.locator('h1'))).toContain('2022');
    const year = page.getByLabel(ru.dashboard.year);
    expect(await year.inputValue()).toBe('2022');
    const options = await year.locator('option').allTextContents();
    expect(options.find((o) => o.startsWith('2023'))).toMatch(/^2023 · в процессе \(0,4\s?%\)$/);
    await year.selectOption('2023');
    await page.getByTestId('year-note').waitFor();
    expect(await text(page.getByTestId('year-note'))).toContain('2023');

    const api = (await (
      await page.request.get(`${server.url}/api/dashboard?year=2022&region=KZ-10&lang=ru`)
    ).json()) as Dashboard;
    expect(api.predecessor).toMatchObject({ asked: 'KZ-10', region: 'KZ-63' });
    await page.goto(`${server.url}/regions/KZ-10?year=2022`);
    const note = page.getByTestId('predecessor-note');
    await note.waitFor();
    const said = await text(note);
    expect(said).toContain(api.predecessor?.askedName);
    expect(said).toContain(api.predecessor?.name);
    expect(said).toContain('2022');
    expect(await seriousOnDesktopAndPhone(page, 'region page, 2022 predecessor', 'main')).toEqual([]);
    // From 2023 on the region has figures of its own: no note.
    await page.goto(`${server.url}/regions/KZ-10?year=2023`);
    await page.getByTestId('kf-hours').waitFor();
    expect(await page.getByTestId('predecessor-note').count()).toBe(0);
  });

  it('the reports page names the month of a monthly report ("декабрь 2022", "2022 жылғы желтоқсан", not "2022-12")', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLanguage(page, 'ru');
    await page.goto(`${server.url}/reports?year=2022`);
    await page.locator('select:has(option[value=monthly])').selectOption('monthly');
    await page.locator('select:has(option[value="12"]):not(:has(option[value="2022"]))').selectOption('12');
    const heading = page.locator('#report-actions');
    await expect.poll(async () => text(heading)).toBe(`${ru.reports.monthly} · декабрь 2022`);
    await page.getByRole('button', { name: ru.reports.view }).click();
    expect(await page.locator('iframe.report-frame').getAttribute('title')).toContain('декабрь 2022');
    await setLanguage(page, 'en');
    await page.reload();
    await page.locator('select:has(option[value=monthly])').selectOption('monthly');
    await page.locator('select:has(option[value="12"]):not(:has(option[value="2022"]))').selectOption('3');
    await expect.poll(async () => text(heading)).toBe(`${en.reports.monthly} · March 2022`);
    await setLanguage(page, 'kk');
    await page.reload();
    await page.locator('select:has(option[value=monthly])').selectOption('monthly');
    await page.locator('select:has(option[value="12"]):not(:has(option[value="2022"]))').selectOption('12');
    await expect.poll(async () => text(heading)).toBe(`${kk.reports.monthly} · 2022 жылғы желтоқсан`);
  });

  it('at 360 px the dashboard fits or scrolls visibly, figures are whole, months do not overlap, the legend reads', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.url}/?year=2022`);
    await setLanguage(page, 'ru');
    await page.reload();
    await page.getByTestId('kf-hours').waitFor();
    await settle(page);
    await page.locator('[data-chart="monthly"] svg').waitFor();
    await page.locator('[data-chart="gender"] svg').waitFor();
    expect(await overflowing(page)).toEqual([]);
    expect(await brokenFigures(page)).toEqual([]);

    // The region table and the cartogram: they fit, or say they scroll (a line above, focusable).
    for (const wrap of await page.locator('.table-wrap').all()) {
      if (!(await wrap.isVisible())) continue;
      const scrolls = await wrap.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      if (!scrolls) continue;
      expect(await wrap.getAttribute('class')).toContain('scrolls');
      expect(await wrap.getAttribute('tabindex')).toBe('0');
      const hint = await wrap.evaluate((el) => el.previousElementSibling?.textContent ?? '');
      expect(hint).toBe(ru.dashboard.scrollHint);
    }

    const months = Object.values(ru.months.short);
    expect(await overlappingMonths(page, months)).toEqual([]);

    // The gender legend: every category's whole name, inside the chart.
    const d = (await (
      await page.request.get(`${server.url}/api/dashboard?year=2022&lang=ru`)
    ).json()) as Dashboard;
    const legend = await page.locator('[data-chart="gender"] svg text').allTextContents();
    for (const g of d.gender.filter((x) => x.volunteers)) {
      expect(legend.some((l) => l.includes(g.name))).toBe(true);
    }
    expect(legend.some((l) => l.includes('...') || l.includes('…'))).toBe(false);
    const chart = await page.locator('[data-chart="gender"] svg').boundingBox();
    expect(chart && chart.x + chart.width).toBeLessThanOrEqual(360);

    expect(await seriousOnDesktopAndPhone(page, 'dashboard', 'main')).toEqual([]);
  });

  it('at 1280 px the RFO year grid fits, badges stay in their cards, the menu keeps to one line', async () => {
    const admin = await createUser(server.database, 'phone-admin@test.kz', 'national_admin', null);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, server.url, admin.email, admin.password);
    for (const lang of ['kk', 'ru'] as const) {
      await setLanguage(page, lang);
      await page.goto(`${server.url}/rfo?year=2022&region=KZ-75`);
      await page.locator('.month-card .badge').first().waitFor();
      await settle(page);
      const facts = await page.evaluate(() => {
        const out: string[] = [];
        const root = document.documentElement;
        if (root.scrollWidth > root.clientWidth + 1)
          out.push(`page: ${root.scrollWidth} > ${root.clientWidth}`);
        for (const card of Array.from(document.querySelectorAll('.month-card'))) {
          const c = card.getBoundingClientRect();
          for (const b of Array.from(card.querySelectorAll('.badge'))) {
            const r = b.getBoundingClientRect();
            if (r.right > c.right + 0.5 || b.scrollWidth > b.clientWidth + 1)
              out.push(`badge cut: ${card.getAttribute('data-period')} ${b.textContent}`);
          }
        }
        const items = Array.from(document.querySelectorAll('.banner nav li')).map((li) =>
          Math.round(li.getBoundingClientRect().top),
        );
        if (new Set(items).size !== 1) out.push(`menu on ${new Set(items).size} lines`);
        if (items.length < 6) out.push(`only ${items.length} menu items`);
        return out;
      });
      expect(facts, lang).toEqual([]);
    }
  });

  it('the import error table puts what to fix first and fits a phone', async () => {
    await setLanguage(page, 'ru');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.url}/rfo/KZ-75/2025-03`);
    await page.getByRole('tab', { name: 'Загрузка файла' }).click();
    const panel = page.locator('section[aria-labelledby="import-activities"]');
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      [
        'region,period,organization,organization_type,title,area,format,kind,start_date,end_date,volunteers,hours',
        'KZ-75,2025-03,Қайырымдылар,npo,Тазалау,no_such_area,offline,event,2025-03-04,2025-03-04,5,-5',
      ].join('\n'),
    );
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.getByRole('button', { name: 'Проверить' }).click();
    const table = page.getByTestId('problem-table');
    await table.waitFor();
    expect(await text(table.locator('thead th').first())).toBe(ru.problems.message);
    // The first column, what to fix, is on the screen without scrolling.
    const first = await table.locator('tbody tr td').first().boundingBox();
    expect(first && first.x >= 0 && first.x + first.width <= 360).toBe(true);
    // The table scrolls inside its wrapper, which fits the screen.
    expect(
      await seriousOnDesktopAndPhone(page, 'import errors', '.table-wrap:has([data-testid="problem-table"])'),
    ).toEqual([]);
  });

  it('dates in the activity form follow the interface language, not the English browser', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLanguage(page, 'ru');
    await page.goto(`${server.url}/rfo/KZ-75/2025-03`);
    await page.getByRole('button', { name: ru.activity.add }).click();
    const start = page.getByLabel(ru.fields.start_date);
    await start.waitFor();
    expect(await start.getAttribute('type')).toBe('text');
    expect(await start.getAttribute('placeholder')).toBe('ДД.ММ.ГГГГ');
    await start.fill('4.3.2025');
    await start.blur();
    expect(await start.inputValue()).toBe('04.03.2025');
    // An ISO date typed or pasted is read too, and a day outside the month is refused in Russian.
    await start.fill('2025-04-01');
    await start.blur();
    expect(await start.inputValue()).toBe('01.04.2025');
    await page.getByText(ru.rules.date_outside_period).first().waitFor();
    await start.fill('04.03.2025');
    await start.blur();
    // The same field in English: day first with slashes, whatever the browser's en-US says.
    await setLanguage(page, 'en');
    await page.reload();
    await page.getByRole('button', { name: en.activity.add }).click();
    const again = page.getByLabel(en.fields.start_date);
    await again.waitFor();
    expect(await again.inputValue()).toBe('04/03/2025');
    expect(await seriousOnDesktopAndPhone(page, 'activity form', 'form')).toEqual([]);
  });
});
