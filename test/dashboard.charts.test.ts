// GET /api/dashboard/charts/:name: the public dashboard's charts drawn on the server as SVG, from the
// figures of GET /api/dashboard, on the demo data (2022): well-formed SVG with role="img" and a
// label, the names in the language asked, cached per data version, 400 / 403 / 404 on bad input,
// and every text escaped — a region or area name the admin typed as markup stays text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json' with { type: 'json' };
import kk from '../src/i18n/kk.json' with { type: 'json' };
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { DASHBOARD_CHARTS } from '../src/modules/reports/dashboard-charts.service.ts';
import type { Dashboard } from '../src/modules/reports/reports.schemas.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  // The monitoring demo: these read its 2022 figures (the platform's demo: test/demo.test.ts).
  await loadDemo(t.database, { platform: false });
  admin = await signIn(t, 'national_admin');
}, 180_000);
afterAll(async () => t?.close());

const inject = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

async function svg(url: string, headers: Record<string, string> = {}): Promise<string> {
  const r = await inject(url, headers);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  wellFormed(r.body);
  return r.body;
}

async function dashboard(query: string): Promise<Dashboard> {
  const r = await inject(`/api/dashboard?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Dashboard;
}

const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/i;

/**
 * A small XML well-formedness check: one <svg> root, every element closed in order, attributes
 * quoted, no bare '<' or '&' in text or attribute values, no <script> and no on* handler.
 */
function wellFormed(xml: string): void {
  expect(xml.startsWith('<svg ')).toBe(true);
  expect(xml.trimEnd().endsWith('</svg>')).toBe(true);
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  while (i < xml.length) {
    const c = xml[i];
    if (c === '&') {
      expect(ENTITY.test(xml.slice(i, i + 12)), `entity at ${i}: ${xml.slice(i, i + 12)}`).toBe(true);
      i++;
    } else if (xml.startsWith('<![CDATA[', i)) {
      // ECharts' hover styles, in a <style> element
      const end = xml.indexOf(']]>', i);
      expect(end, `unclosed CDATA at ${i}`).toBeGreaterThan(i);
      expect(xml.slice(i, end)).not.toMatch(/<\/?(style|script)/i);
      i = end + 3;
    } else if (c === '<') {
      const end = xml.indexOf('>', i);
      expect(end, `unclosed tag at ${i}`).toBeGreaterThan(i);
      const tag = xml.slice(i + 1, end);
      if (tag.startsWith('/')) {
        expect(stack.pop(), `closing ${tag} at ${i}`).toBe(tag.slice(1).trim());
      } else {
        const m = /^([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)$/.exec(tag);
        expect(m, `tag at ${i}: <${tag.slice(0, 80)}>`).not.toBeNull();
        const [, name, attrs, selfClosing] = m as RegExpExecArray;
        expect(name?.toLowerCase()).not.toBe('script');
        expect(attrs).not.toMatch(/\son\w+=/i);
        for (const [, value] of (attrs ?? '').matchAll(/="([^"]*)"/g))
          for (const amp of (value ?? '').matchAll(/&/g))
            expect(ENTITY.test((value ?? '').slice(amp.index)), value).toBe(true);
        if (stack.length === 0) roots++;
        if (!selfClosing) stack.push(name as string);
      }
      i = end + 1;
    } else i++;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

/** The texts of the SVG's <text> elements, entities decoded. */
function texts(xml: string): string[] {
  return [...xml.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, s]) =>
    (s ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** ECharts cuts long names to the room it has and ends them with an ellipsis: compare the start. */
const shown = (all: string[], name: string) =>
  all.some((s) => {
    const cut = s.replace(/(\.\.\.|…)$/, '');
    return s === name || (cut !== s && cut.length >= 10 && name.startsWith(cut));
  });

const ariaLabel = (xml: string) => /^<svg [^>]*?\brole="img" aria-label="([^"]+)"/.exec(xml)?.[1] ?? '';

describe('the dashboard charts as SVG', () => {
  it('draws every chart with the names of the figures in Kazakh', async () => {
    const d = await dashboard('year=2022&lang=kk');
    expect(d.hoursByArea.length).toBeGreaterThan(3);
    for (const name of DASHBOARD_CHARTS) {
      const body = await svg(`/api/dashboard/charts/${name}?year=2022&lang=kk`);
      expect(body).toMatch(/viewBox="0 0 560 \d+"/);
      expect(ariaLabel(body)).toContain(`${kk.dashboard.national}, 2022`);
    }
    const areas = texts(await svg('/api/dashboard/charts/hours-by-area?year=2022&lang=kk&width=1000'));
    for (const a of d.hoursByArea) expect(shown(areas, a.name), a.name).toBe(true);
    expect(areas.some((s) => /^[\d\u00a0 ]+$/.test(s))).toBe(true); // the values at the bars

    const regions = texts(await svg('/api/dashboard/charts/regions?year=2022&lang=kk&width=1000'));
    for (const r of d.byRegion.filter((x) => x.volunteers !== null))
      expect(shown(regions, r.name), r.name).toBe(true);

    const monthly = await svg('/api/dashboard/charts/monthly?year=2022&lang=kk');
    expect(ariaLabel(monthly)).toBe(`${kk.dashboard.monthly}, ${kk.dashboard.national}, 2022`);
    const months = texts(monthly);
    for (const m of Object.values(kk.months.short)) expect(months).toContain(m);
    expect(months).toContain(kk.dashboard.figure.hours);
    expect(months).toContain(kk.dashboard.figure.activities);
    expect(months).not.toContain(en.months.short['1']);

    const gender = texts(await svg('/api/dashboard/charts/gender?year=2022&lang=kk&width=1000'));
    const reported = d.gender.filter((g) => (g.volunteers ?? 0) > 0);
    expect(reported.length).toBeGreaterThan(1);
    // The legend: each category's share of the ring, then its name.
    for (const g of reported)
      expect(
        gender.some((s) => s.includes(g.name)),
        g.name,
      ).toBe(true);

    const age = texts(await svg('/api/dashboard/charts/age?year=2022&lang=kk&width=1000'));
    for (const g of d.ageBands) expect(shown(age, g.name), g.name).toBe(true);
  });

  it('speaks the language asked: English names from GET /api/dashboard?lang=en', async () => {
    const d = await dashboard('year=2022&lang=en');
    const monthly = texts(await svg('/api/dashboard/charts/monthly?year=2022&lang=en'));
    for (const m of Object.values(en.months.short)) expect(monthly).toContain(m);
    const areas = texts(await svg('/api/dashboard/charts/hours-by-area?year=2022&lang=en&width=1000'));
    for (const a of d.hoursByArea) expect(shown(areas, a.name), a.name).toBe(true);
  });

  it("draws a region's charts from that region's figures", async () => {
    const d = await dashboard('year=2022&region=KZ-75&lang=ru');
    const body = await svg('/api/dashboard/charts/hours-by-area?year=2022&region=kz-75&lang=ru');
    const place = d.byRegion.find((r) => r.region === 'KZ-75')?.name as string;
    expect(place.length).toBeGreaterThan(0);
    expect(ariaLabel(body)).toContain(`${place}, 2022`);
    // The largest area's hours of the region, as the bar's label.
    const top = [...d.hoursByArea].sort((a, b) => b.hours - a.hours)[0];
    const value = new Intl.NumberFormat('ru-RU').format(top?.hours ?? 0);
    expect(texts(body)).toContain(value);
  });

  it('answers a repeated query from the cache, with the same bytes', async () => {
    const url = '/api/dashboard/charts/gender?year=2022&lang=ru&width=400';
    const first = await svg(url);
    let hit = false;
    for (let i = 0; i < 20 && !hit; i++) {
      const again = await inject(url);
      expect(again.body).toBe(first);
      hit = again.headers['x-cache'] === 'hit';
    }
    expect(hit).toBe(true);
    expect(first).toMatch(/viewBox="0 0 400 \d+"/);
  });

  it('refuses bad input with 400, unknown charts and regions with 404, provisional to the public with 403', async () => {
    for (const q of [
      'year=abc',
      'year=1999',
      'lang=de',
      'width=10',
      'width=5000',
      'width=x',
      'provisional=maybe',
    ]) {
      const r = await inject(`/api/dashboard/charts/monthly?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    for (const url of [
      '/api/dashboard/charts/pie',
      '/api/dashboard/charts/%3Cscript%3E',
      '/api/dashboard/charts/constructor',
      '/api/dashboard/charts/monthly?region=KZ-99',
      '/api/dashboard/charts/monthly?region=%3Cb%3E',
    ]) {
      const r = await inject(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toContain('application/json');
    }
    const refused = await inject('/api/dashboard/charts/monthly?year=2022&provisional=true');
    expect(refused.statusCode).toBe(403);
    const rfo = await signIn(t, 'rfo');
    expect(
      (await inject('/api/dashboard/charts/monthly?year=2022&provisional=1', rfo.headers)).statusCode,
    ).toBe(200);
    const staff = await inject('/api/dashboard/charts/monthly?year=2022&provisional=true', admin.headers);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-store');
    // A year without data is drawn empty, not refused.
    wellFormed(await svg('/api/dashboard/charts/hours-by-area?year=2030'));
    wellFormed(await svg('/api/dashboard/charts/gender?year=2030'));
  });

  it('keeps markup typed into a region or area name as text', async () => {
    const put = async (url: string, payload: object) => {
      const r = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload });
      expect(r.statusCode, r.body).toBeLessThan(300);
    };
    const region = '<script>alert(1)</script>"&';
    const area = '<img src=x onerror=alert(2)>';
    await put('/api/reference/territories/KZ-75', { nameEn: region });
    await put('/api/reference/code-lists/area/taza_alem', {
      nameKk: 'Таза әлем',
      nameRu: 'Таза әлем',
      nameEn: area,
    });
    const d = await dashboard('year=2022&lang=en');
    expect(d.byRegion.find((r) => r.region === 'KZ-75')?.name).toBe(region);
    expect(d.hoursByArea.some((a) => a.name === area)).toBe(true);

    const regions = await svg('/api/dashboard/charts/regions?year=2022&lang=en&width=1000');
    expect(regions).not.toContain('<script');
    expect(regions).toContain('&lt;script&gt;');
    expect(texts(regions)).toContain(region);
    const areas = await svg('/api/dashboard/charts/hours-by-area?year=2022&lang=en&width=1000');
    expect(areas).not.toContain('<img');
    expect(texts(areas)).toContain(area);
    // The region's own charts carry its name in their label, escaped.
    const own = await svg('/api/dashboard/charts/monthly?year=2022&region=KZ-75&lang=en');
    expect(ariaLabel(own)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;');
  });
});
