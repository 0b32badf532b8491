// Everything reachable by keyboard, with a visible focus: Tab from the top of the public dashboard
// reaches the skip link, the language switch, the year and region filters, the figure switch and the
// map; on a front-office month page Tab reaches the language switch, the section tabs (arrows move
// between them), the entry form's every field and its submit button, and submitting for review.
// Each focused control must show a focus indicator (outline or ring; the map's tiles a thick stroke).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COHORT_COLUMNS } from '../src/domain/activity-rules.ts';
import { createUser, type E2EServer, launchBrowser, setLanguage, signIn, startServer } from './helpers.ts';

interface Focused {
  tag: string;
  name: string | null;
  type: string | null;
  role: string | null;
  testid: string | null;
  label: string;
  classes: string;
  visible: boolean;
  why: string;
}

/** The focused element, described, and whether its focus can be seen. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body)
      return {
        tag: 'body',
        name: null,
        type: null,
        role: null,
        testid: null,
        label: '',
        classes: '',
        visible: false,
        why: 'nothing focused',
      };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) >= 2;
    const ring = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    const rect = el.querySelector('rect');
    const stroke = rect ? Number.parseFloat(getComputedStyle(rect).strokeWidth) >= 4 : false;
    const labels = (el as HTMLInputElement).labels;
    const label =
      el.getAttribute('aria-label') ??
      (labels?.length ? (labels[0]?.textContent ?? '') : (el.textContent ?? '')).trim();
    const box = el.getBoundingClientRect();
    const onScreen = box.bottom > 0 && box.top < window.innerHeight && box.width > 0 && box.height > 0;
    return {
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('name'),
      type: el.getAttribute('type'),
      role: el.getAttribute('role'),
      testid: el.getAttribute('data-testid'),
      label: label.replace(/\s+/g, ' ').slice(0, 80),
      classes: typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? ''),
      visible: (outline || ring || stroke) && onScreen,
      why: `outline ${cs.outlineStyle} ${cs.outlineWidth}, shadow ${cs.boxShadow}, box ${Math.round(box.top)}..${Math.round(box.bottom)} of ${window.innerHeight}`,
    };
  });
}

/** Presses Tab until `done` says so (or `max` presses), returning every element focused on the way. */
async function tabThrough(page: Page, done: (f: Focused) => boolean, max = 150): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(f);
    if (done(f)) break;
  }
  return seen;
}

const invisible = (seen: Focused[]) =>
  seen
    .filter((f) => !f.visible)
    .map((f) => `${f.tag}[${f.name ?? f.role ?? f.classes}] "${f.label}": ${f.why}`);

/**
 * Scrolls down the page so that every lazily drawn chart loads, waits for all five, and scrolls
 * back: a chart arriving while the test tabs through would move the focused control after the
 * browser scrolled it into view.
 */
async function loadAllCharts(page: Page): Promise<void> {
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await expect.poll(() => page.locator('[data-chart] svg').count(), { timeout: 15_000 }).toBe(5);
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe('keyboard', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };

  beforeAll(async () => {
    server = await startServer();
    rfo = await createUser(server.database, 'keyboard.rfo@e2e.kz', 'rfo', 'KZ-75');
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reaches the dashboard controls with Tab, every focus visible', async () => {
    await page.goto(`${server.url}/`);
    await setLanguage(page, 'ru');
    await page.goto(`${server.url}/?year=2022`);
    await page.locator('.cartogram a.tile').first().waitFor();
    await page.waitForLoadState('networkidle');

    // The first stop is the skip link; Enter on it moves focus to the main content.
    await page.keyboard.press('Tab');
    expect((await focused(page)).classes).toContain('skip-link');
    expect((await focused(page)).visible).toBe(true);

    const seen = await tabThrough(page, (f) => f.classes.includes('tile'));
    const labels = seen.map((f) => f.label);
    expect(seen.some((f) => f.tag === 'select' && f.label.includes('Язык'))).toBe(true);
    expect(labels.some((l) => l === 'Дашборд')).toBe(true);
    expect(seen.some((f) => f.tag === 'select' && f.label.startsWith('Год'))).toBe(true);
    expect(seen.some((f) => f.tag === 'select' && f.label.startsWith('Регион'))).toBe(true);
    expect(seen.some((f) => f.type === 'radio')).toBe(true);
    expect(seen.at(-1)?.classes).toContain('tile');
    expect(invisible(seen)).toEqual([]);

    // The filters work from the keyboard: the year select changes the page.
    await page.goto(`${server.url}/?year=2022`);
    await page.locator('.filters select').first().waitFor();
    await page.locator('.filters select').first().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.url()).toMatch(/year=2021$/);
    await page.locator('.cartogram a.tile').first().waitFor();
    await loadAllCharts(page);
    await page.locator('.filters select').first().focus();
    // Further on: the map's tiles, the tables' toggles, the link to the reports.
    const rest = await tabThrough(page, (f) => f.tag === 'a' && f.label.startsWith('Полные отчёты'), 250);
    expect(rest.some((f) => f.tag === 'summary')).toBe(true);
    expect(invisible(rest)).toEqual([]);

    // The skip link leads to the main content.
    await page.goto(`${server.url}/?year=2022`);
    await page.locator('.cartogram a.tile').first().waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const afterSkip = await focused(page);
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    expect(afterSkip.visible).toBe(true);
  });

  it('reaches every field of the RFO month page and its form with Tab, every focus visible', async () => {
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.goto(`${server.url}/rfo/KZ-75/2024-03`);
    const add = page.getByTestId('add-activity');
    await add.waitFor();

    // From the top of the page: the language switch, the section tabs, the add button.
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const top = await tabThrough(page, (f) => f.testid === 'add-activity');
    expect(top.some((f) => f.tag === 'select' && f.label.includes('Язык'))).toBe(true);
    expect(top.some((f) => f.role === 'tab')).toBe(true);
    expect(top.at(-1)?.testid).toBe('add-activity');
    expect(invisible(top)).toEqual([]);

    // Enter opens the form; Tab walks through every field to the submit button.
    await page.keyboard.press('Enter');
    const form = page.locator('form[aria-labelledby="activity-form-title"]');
    await form.waitFor();
    const fields = await form
      .locator('input[name], select[name], textarea[name]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('name') as string));
    expect(fields).toEqual(
      expect.arrayContaining(['organization', 'title', 'area', 'hours', ...COHORT_COLUMNS]),
    );
    const inForm = await tabThrough(
      page,
      (f) => f.tag === 'button' && f.type === 'submit',
      fields.length * 4 + 40,
    );
    const reached = new Set(inForm.map((f) => f.name).filter(Boolean));
    expect(fields.filter((n) => !reached.has(n))).toEqual([]);
    expect(inForm.some((f) => f.type === 'checkbox')).toBe(true);
    const submit = inForm.at(-1);
    expect(submit?.type).toBe('submit');
    expect(invisible(inForm)).toEqual([]);

    // Enter on the submit button checks the form: the errors show, focus goes to the first one.
    await page.keyboard.press('Enter');
    await form.locator('.field-error').first().waitFor();
    const first = await focused(page);
    expect(first.name).toBe('organization');
    expect(first.visible).toBe(true);

    // Escape the form (its cancel button) and move between the tabs with the arrow keys.
    await form.getByRole('button', { name: 'Отмена' }).focus();
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await page.getByRole('tab').first().focus();
    await page.keyboard.press('ArrowRight');
    const tab = await focused(page);
    expect(tab.role).toBe('tab');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe(tab.label);
    expect(tab.visible).toBe(true);
    // Into the tab's panel: the file input of the upload.
    const panel = await tabThrough(page, (f) => f.type === 'file', 20);
    expect(panel.at(-1)?.type).toBe('file');
    expect(invisible(panel)).toEqual([]);

    // And the submit-for-review button is reachable.
    await page.getByRole('tab').first().focus();
    await page.keyboard.press('Shift+Tab');
    const back = await tabThrough(page, (f) => f.role === 'tab', 1);
    expect(back.length).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.lang-switch select').focus();
    const bar = await tabThrough(page, (f) => f.tag === 'button' && /отправить/i.test(f.label), 40);
    expect(bar.at(-1)?.label).toMatch(/отправить/i);
    expect(invisible(bar)).toEqual([]);
  });
});
