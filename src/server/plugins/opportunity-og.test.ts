// Open Graph tags served in the HTML of an opportunity's page (issue 11 item 3): title, organiser,
// first shift in Kazakhstan time and region; the address from PUBLIC_URL, never the Host header;
// every value escaped; nothing for a draft, an unknown id or a suspended organisation; index.html
// stays uncached.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from '../../../test/helpers/app.ts';
import { withCheckDigit } from '../../domain/ids.ts';
import { SESSION_COOKIE } from '../../modules/users/sessions.ts';

let dir: string;
let t: TestApp;
let admin: SignedIn;
let coordinator: Record<string, string>;
let orgId: number;
const before = process.env.PUBLIC_URL;

const TITLE = 'Субботник "><script>alert(1)</script> & co';
const ORG = 'Қамқор <b>NPO</b>';

async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

async function opportunity(publish: boolean, locality?: string): Promise<number> {
  const { id } = await call('POST', '/api/platform/opportunities', coordinator, {
    ...(locality ? { locality } : {}),
    title: TITLE,
    description: 'Bring gloves',
    area: 'bilim',
    region: 'KZ-75',
    format: 'offline',
    // 21:00 UTC on the 31st: 1 June in Kazakhstan time.
    shifts: [
      { start: '2030-05-31T21:00:00Z', end: '2030-06-01T01:00:00Z', capacity: 10 },
      { start: '2030-06-02T10:00:00+05:00', end: '2030-06-02T12:00:00+05:00', capacity: 5 },
    ],
  });
  if (publish) await call('POST', `/api/platform/opportunities/${id}/publish`, coordinator);
  return id;
}

const page = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  process.env.PUBLIC_URL = 'https://birgemiz.example.kz/';
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-og-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="UTF-8"><title>Birgemiz</title></head><body><div id="root"></div></body></html>',
  );
  t = await createTestApp({ webRoot: dir });
  admin = await signIn(t, 'national_admin');
  let bin: string | null = null;
  for (let n = 1; !bin; n++) bin = withCheckDigit(`0901600${String(n).padStart(4, '0')}`);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/platform/organizations',
    payload: {
      name: ORG,
      type: 'npo',
      bin,
      region: 'KZ-75',
      email: 'og-coordinator@example.kz',
      password: 'a long enough passphrase 7',
      contactName: 'Coordinator',
      lang: 'ru',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  orgId = res.json().organization.id;
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  coordinator = { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': res.json().csrfToken };
  await call('POST', `/api/platform/organizations/${orgId}/verify`, admin.headers, { decision: 'verified' });
});
afterAll(async () => {
  await t?.close();
  if (before === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = before;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Open Graph tags of an opportunity’s page', () => {
  it('names the title, organiser, first shift in Kazakhstan time and region, all escaped', async () => {
    const id = await opportunity(true);
    const res = await page(`/platform/opportunities/${id}`, { host: 'evil.example.com' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    const html = res.body;
    expect(html).toContain('<div id="root">');
    const title = 'Субботник &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co';
    expect(html).toContain(`<meta property="og:title" content="${title}">`);
    expect(html).toContain(`<title>${title} · Birgemiz</title>`);
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>NPO');
    // The first shift starts at 21:00 UTC on 31 May: 02:00 on 1 June in Kazakhstan time.
    expect(html).toContain(
      '<meta property="og:description" content="Қамқор &lt;b&gt;NPO&lt;/b&gt; · 01.06.2030 02:00 · г. Алматы">',
    );
    expect(html).toContain('<meta property="og:type" content="website">');
    expect(html).toContain(
      `<meta property="og:url" content="https://birgemiz.example.kz/platform/opportunities/${id}">`,
    );
    expect(html).not.toContain('evil.example.com');
  });

  it('names the locality before the region when the opportunity has one', async () => {
    const id = await opportunity(true, 'Медеуский район <i>');
    const res = await page(`/platform/opportunities/${id}`);
    expect(res.body).toMatch(
      /og:description" content="[^"]* · 01\.06\.2030 02:00 · Медеуский район &lt;i&gt;, г\. Алматы"/,
    );
  });

  it('names the region in Kazakh or English when asked', async () => {
    const id = await opportunity(true);
    const kk = await page(`/platform/opportunities/${id}?lang=kk`);
    expect(kk.body).toMatch(/og:description" content="[^"]* · 01\.06\.2030 02:00 · Алматы қаласы"/);
    expect(kk.body).toContain('content="kk_KZ"');
    const en = await page(`/platform/opportunities/${id}?lang=en`);
    expect(en.body).toMatch(/og:description" content="[^"]* · 01\/06\/2030 02:00 · Almaty city"/);
  });

  it('gives the plain page for a draft, an unknown or malformed id, and once the organisation is suspended', async () => {
    const draft = await opportunity(false);
    const published = await opportunity(true);
    for (const url of [
      `/platform/opportunities/${draft}`,
      '/platform/opportunities/999999',
      '/platform/opportunities/99999999999',
      '/platform/opportunities/abc',
    ]) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body, url).not.toContain('og:title');
      expect(res.body).toContain('<title>Birgemiz</title>');
    }
    await call('POST', `/api/platform/organizations/${orgId}/suspend`, admin.headers, { reason: 'Checks' });
    const hidden = await page(`/platform/opportunities/${published}`);
    expect(hidden.body).not.toContain('og:title');
    await call('POST', `/api/platform/organizations/${orgId}/verify`, admin.headers, {
      decision: 'verified',
    });
    expect((await page(`/platform/opportunities/${published}`)).body).toContain('og:title');
  });
});
