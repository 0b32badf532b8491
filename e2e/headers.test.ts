// The security headers in a real browser: the dashboard (with the operator's boundary file, so that
// the ECharts choropleth and its tooltip run too), the report shown in its frame, signed-in pages
// and the API documentation all work under their Content-Security-Policy, with no violation
// reported, and each page carries the headers.
import path from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type E2EServer, launchBrowser, root, settle, signIn, startServer } from './helpers.ts';

const FIXTURE = path.join(root, 'e2e', 'fixtures', 'kz-regions.geojson');

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

describe('security headers in the browser', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  /** Violations as the pages' own listeners saw them, and the console's CSP messages. */
  const violations: string[] = [];

  beforeAll(async () => {
    server = await startServer({ geojson: FIXTURE });
    browser = await launchBrowser('en-US');
    // In every frame, before the page's own scripts: record each violation on the console.
    await browser.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const seen = `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.documentURI}`;
        window.cspViolations = [...(window.cspViolations ?? []), seen];
        console.error(seen);
      });
    });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|CSP violation/i.test(m.text()))
        violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function expectHeaders(res: Response | null, csp: RegExp) {
    expect(res).not.toBeNull();
    const h = (res as Response).headers();
    expect(h['content-security-policy']).toMatch(csp);
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['x-content-type-options']).toBe('nosniff');
  }

  const APP = /script-src 'self';.*style-src 'self' 'unsafe-inline'/;

  it('notices a violation when there is one (the listener works)', async () => {
    await page.goto(`${server.url}/login`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.body.append(s);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan),
    ).toBeUndefined();
    violations.length = 0;
  });

  it('the dashboard, its charts and the choropleth run with no violation', async () => {
    const res = await page.goto(`${server.url}/?year=2022`);
    expectHeaders(res, APP);
    await page.locator('.cartogram a.tile').first().waitFor();
    await settle(page);
    // The server's SVG charts, cloned into the page.
    await expect.poll(() => page.locator('svg').count()).toBeGreaterThan(3);
    // ECharts' map and its tooltip (HTML it writes with inline styles).
    const map = page.getByTestId('choropleth');
    await map.waitFor();
    const shape = map.locator('svg path').first();
    await shape.waitFor();
    await map.scrollIntoViewIfNeeded();
    const box = await shape.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await map.locator('.choropleth-tooltip').waitFor({ state: 'visible' });
    expect(violations).toEqual([]);
    expect(await page.evaluate(() => window.cspViolations ?? [])).toEqual([]);
  });

  it('signed in: the month page and the report in its frame, with no violation', async () => {
    const admin = await createUser(server.database, 'headers.admin@e2e.kz', 'national_admin', null);
    await signIn(page, server.url, admin.email, admin.password);
    const month = await page.goto(`${server.url}/rfo/KZ-75/2022-03`);
    expectHeaders(month, APP);
    await page.locator('main h1').first().waitFor();
    await settle(page);

    await page.goto(`${server.url}/reports?year=2022`);
    const [report] = await Promise.all([
      page.waitForResponse((r) => /\/api\/reports\/annual\/2022\.html/.test(r.url())),
      page.getByRole('button', { name: /View/ }).click(),
    ]);
    expectHeaders(report, /default-src 'none'.*style-src 'unsafe-inline'/);
    const frame = page.frameLocator('iframe.report-frame');
    await frame.locator('h1').first().waitFor();
    // Its own stylesheet (an inline <style>) applied: the body's font and width are the report's.
    const body = await frame.locator('body').evaluate((b) => {
      const cs = getComputedStyle(b);
      return { font: cs.fontFamily, maxWidth: cs.maxWidth };
    });
    expect(body).toEqual({ font: 'Arial, Helvetica, sans-serif', maxWidth: '980px' });
    expect(violations).toEqual([]);
  });

  it('the API documentation renders under the same policy', async () => {
    const res = await page.goto(`${server.url}/api/docs`);
    expectHeaders(res, APP);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await page.locator('.swagger-ui .opblock-summary').first().click();
    await page.locator('.swagger-ui .opblock-body').first().waitFor();
    expect(violations).toEqual([]);
  });
});
