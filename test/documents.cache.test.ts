// The report documents (.html, .xlsx, .docx) under load: each public document is built once per
// data version, requests that arrive while it is built wait for that build, a write is followed by
// a rebuild, and builds — not cached answers — are limited per caller: anonymous ones beyond the
// allowance get 429 with Retry-After, while documents already built still come (issue 9, defect 5).
// X-Cache says whether an answer was built for the request (miss) or not (hit); one miss is one build.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DOCUMENT_BUILDS_PER_MINUTE } from '../src/modules/reports/build-limit.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;

const activity = (period: string, hours: number) => ({
  region: 'KZ-75',
  period,
  organization: 'Documents NPO',
  organization_type: 'npo',
  title: `Cleanup ${period}`,
  area: 'umit',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-02`,
  end_date: `${period}-02`,
  volunteers: 4,
  hours,
});

async function post(url: string, payload: object) {
  const r = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

/** An accepted month, so that the documents have figures. */
async function accepted(period: string, hours: number) {
  await post('/api/activities', activity(period, hours));
  const s = await post(`/api/submissions/KZ-75/${period}/submit`, { version: 1 });
  await post(`/api/submissions/KZ-75/${period}/accept`, { version: s.version });
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  await accepted('2022-03', 10);
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers, remoteAddress: headers['x-test-ip'] ?? '127.0.0.1' });

/**
 * The allowance refills with time (one build every few seconds): with the clock stopped, the builds
 * a test makes, however slowly the machine makes them, all fall in the same instant.
 */
function stopTheClock() {
  vi.useFakeTimers({ toFake: ['Date'] });
}
afterEach(() => {
  vi.useRealTimers();
});

describe('the report documents', () => {
  it('are built once for requests that come together, then served from the cache', async () => {
    for (const format of ['docx', 'xlsx', 'html']) {
      const url = `/api/reports/annual/2022.${format}?lang=ru`;
      const answers = await Promise.all(Array.from({ length: 8 }, () => get(url)));
      for (const a of answers) expect(a.statusCode, a.body.slice(0, 200)).toBe(200);
      expect(answers.map((a) => a.headers['x-cache']).sort(), format).toEqual([
        'hit',
        'hit',
        'hit',
        'hit',
        'hit',
        'hit',
        'hit',
        'miss',
      ]);
      const bodies = new Set(answers.map((a) => a.rawPayload.toString('base64')));
      expect(bodies.size).toBe(1);
      const again = await get(url);
      expect(again.headers['x-cache']).toBe('hit');
      expect(again.rawPayload.equals(answers[0]?.rawPayload as Buffer)).toBe(true);
      expect(again.headers['content-disposition']).toContain(`birgemiz-annual-2022-ru.${format}`);
    }
    for (const url of [
      '/api/reports/half-year/2022-H1.html',
      '/api/reports/monthly/2022-03.html?region=kz-75',
    ]) {
      expect((await get(url)).headers['x-cache']).toBe('miss');
      expect((await get(url)).headers['x-cache']).toBe('hit');
    }
    // the region is normalised: one document for kz-75 and KZ-75
    expect((await get('/api/reports/monthly/2022-03.html?region=KZ-75')).headers['x-cache']).toBe('hit');
  });

  it('are built again after a write, with the new figures', async () => {
    const url = '/api/reports/annual/2022.html?lang=en';
    const before = await get(url);
    expect((await get(url)).headers['x-cache']).toBe('hit');
    await accepted('2022-04', 7);
    const after = await get(url);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body).not.toBe(before.body);
    expect((await get(url)).headers['x-cache']).toBe('hit');
  });

  it("refuses an anonymous caller's builds beyond the allowance (429), not its cached documents", async () => {
    stopTheClock();
    const ip = { 'x-test-ip': '203.0.113.7' };
    const cached = '/api/reports/annual/2022.html?lang=kk';
    expect((await get(cached, ip)).statusCode).toBe(200);
    // each FTE norm is another document, built for this caller
    const limit = DOCUMENT_BUILDS_PER_MINUTE.anonymous;
    for (let i = 1; i < limit; i++) {
      const r = await get(`/api/reports/annual/2022.html?fteHours=${1000 + i}`, ip);
      expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
      expect(r.headers['x-cache']).toBe('miss');
    }
    const refused = await get('/api/reports/annual/2022.docx?fteHours=1500', ip);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringContaining('Too many report documents built for you'),
      details: [{ rule: 'document_builds', limit, retryAfter: Number(refused.headers['retry-after']) }],
    });
    // what is built already still comes, to this caller too
    const hit = await get(cached, ip);
    expect(hit.statusCode).toBe(200);
    expect(hit.headers['x-cache']).toBe('hit');
    // another address, and a signed-in user, have allowances of their own
    expect(
      (await get('/api/reports/annual/2022.docx?fteHours=1500', { 'x-test-ip': '198.51.100.1' })).statusCode,
    ).toBe(200);
    const staff = await get('/api/reports/annual/2022.docx?fteHours=1501', { ...ip, ...admin.headers });
    expect(staff.statusCode).toBe(200);
    // a document another caller had built for the current data is served to this one
    expect((await get('/api/reports/annual/2022.docx?fteHours=1500', ip)).statusCode).toBe(200);
  });

  it('counts an IPv6 caller by its /64', async () => {
    stopTheClock();
    const limit = DOCUMENT_BUILDS_PER_MINUTE.anonymous;
    for (let i = 0; i < limit; i++) {
      const r = await get(`/api/reports/annual/2022.html?fteHours=${2000 + i}`, {
        'x-test-ip': `2001:db8:1:2::${i.toString(16)}`,
      });
      expect(r.statusCode).toBe(200);
    }
    const other = await get('/api/reports/annual/2022.html?fteHours=3000', {
      'x-test-ip': '2001:db8:1:2:ffff::1',
    });
    expect(other.statusCode).toBe(429);
  });
});
