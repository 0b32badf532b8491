// The real server for browser tests: a temporary SQLite database, migrated and loaded with the
// demo data (2022, with its accounts), the web application built (if needed) and served, listening on a free port; and a
// headless Chromium with a fresh profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { hashPassword } from '../src/modules/users/passwords.ts';
import { buildApp } from '../src/server/app.ts';
import { ensureWebBuild } from '../src/web-build.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = path.join(root, 'test-results', 'screenshots');

export interface E2EServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/**
 * geojson: a boundary file configured as the operator does (BIRGEMIZ_GEOJSON), for the choropleth.
 * platformDemo: the platform's demo too (its organisations, volunteers and hours of recent months);
 * off by default, since the flows build their own platform data and count what they made.
 */
export async function startServer(
  opts: { geojson?: string; platformDemo?: boolean } = {},
): Promise<E2EServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-e2e-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'e2e.db')}`);
  await migrateToLatest(database);
  await loadDemo(database, { platform: opts.platformDemo === true });
  const webRoot = await ensureWebBuild(root);
  if (!webRoot) throw new Error('the web application was not built');
  const before = process.env.BIRGEMIZ_GEOJSON;
  if (opts.geojson) process.env.BIRGEMIZ_GEOJSON = opts.geojson;
  else delete process.env.BIRGEMIZ_GEOJSON;
  let app: FastifyInstance;
  try {
    app = await buildApp({ database, webRoot, loginRateLimit: 1000 });
  } finally {
    if (before === undefined) delete process.env.BIRGEMIZ_GEOJSON;
    else process.env.BIRGEMIZ_GEOJSON = before;
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Staff accounts of the tests' own, so the flow does not depend on the demo's passwords. */
export async function createUser(
  database: Database,
  email: string,
  role: string,
  region: string | null,
  password = 'e2e-password-2026',
  organizationId: number | null = null,
): Promise<{ email: string; password: string }> {
  await database.db
    .insertInto('app_user')
    .values({
      email,
      password_hash: await hashPassword(password),
      role: role as never,
      region,
      organization_id: organizationId,
      display_name: null,
      disabled: 0,
      is_demo: 0,
      created_at: new Date().toISOString(),
    })
    .execute();
  return { email, password };
}

export async function launchBrowser(locale = 'kk-KZ'): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale,
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

/** Chooses the interface language the way a user does: through the switch (remembered). */
export async function setLanguage(page: Page, lang: 'kk' | 'ru' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('bgz.lang', JSON.stringify(l)), lang);
}

export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
    page.locator('form button[type=submit]').click(),
  ]);
}

export async function signOut(page: Page, base: string): Promise<void> {
  await page.evaluate(async () => {
    const me = await fetch('/api/auth/me');
    if (!me.ok) return;
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    await fetch('/api/auth/logout', {
      method: 'POST',
      headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
  });
  await page.goto(`${base}/`);
}

/** Scrolls through the page so that lazily loaded charts render, then back to the top. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The text of an element ('' when it has none). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/**
 * axe-core's serious and critical findings on the page (or within `include`, a CSS selector), each
 * as "where: rule (impact) targets". Legacy mode: axe.run in the page (same-origin frames included),
 * the same findings as the default, which finishes every scan in a blank page, at twice the time.
 */
export async function serious(page: Page, where: string, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).setLegacyMode();
  if (include) builder.include(include);
  return (await builder.analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/**
 * The same findings at 1280 px and on a 360 px phone, where `include` (when given) must also fit
 * the screen's width: nothing of it cut off or reachable only by scrolling the page sideways.
 */
export async function seriousOnDesktopAndPhone(
  page: Page,
  where: string,
  include?: string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...(await serious(page, `${where} (${width} px)`, include)));
    if (include && width === 360) {
      const box = await page.locator(include).first().boundingBox();
      if (!box || box.x < 0 || box.x + box.width > 360)
        problems.push(`${where}: ${include} does not fit 360 px`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems;
}
