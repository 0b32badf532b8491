// The report documents (.html, .xlsx, .docx) under load: each public document is built once per
// data version, requests that arrive while it is built wait for that build, a write is followed by
// a rebuild, and builds — not cached answers — are limited per caller: anonymous ones beyond the
// allowance get 429 with Retry-After, while documents already built still come (issue 9, defect 5).
// X-Cache says whether an answer was built for the request (miss) or not (hit); one miss is one build.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BuildAllowance, BuildQueue, DOCUMENT_BUILDS } from '../src/modules/reports/build-limit.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
/** The app's document build queue, which a test holds to see who waits. */
const queue = new BuildQueue();

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
  t = await createTestApp({ documentBuilds: queue });
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
    // each FTE norm is another document, built for this caller: an HTML page costs 1 unit
    const units = DOCUMENT_BUILDS.anonymous;
    for (let i = 1; i < units; i++) {
      const r = await get(`/api/reports/annual/2022.html?fteHours=${1000 + i}`, ip);
      expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
      expect(r.headers['x-cache']).toBe('miss');
    }
    const refused = await get('/api/reports/annual/2022.docx?fteHours=1500', ip);
    expect(refused.statusCode).toBe(429);
    const seconds = Number(refused.headers['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(refused.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringContaining('Too many report documents built for you'),
      details: [{ rule: 'document_builds', limit: units, retryAfter: seconds }],
    });
    // what is built already still comes, to this caller too
    const hit = await get(cached, ip);
    expect(hit.statusCode).toBe(200);
    expect(hit.headers['x-cache']).toBe('hit');
    // another address, and a signed-in user, have allowances of their own
    const other = await get('/api/reports/annual/2022.docx?fteHours=1500', { 'x-test-ip': '198.51.100.1' });
    expect(other.statusCode).toBe(200);
    const staff = await get('/api/reports/annual/2022.docx?fteHours=1501', { ...ip, ...admin.headers });
    expect(staff.statusCode).toBe(200);
    // a document another caller had built for the current data is served to this one
    const shared = await get('/api/reports/annual/2022.docx?fteHours=1500', ip);
    expect(shared.statusCode).toBe(200);
    expect(shared.headers['x-cache']).toBe('hit');
  });

  it('counts an IPv6 caller by its /64', async () => {
    stopTheClock();
    for (let i = 0; i < DOCUMENT_BUILDS.anonymous; i++) {
      const r = await get(`/api/reports/annual/2022.html?fteHours=${2000 + i}`, {
        'x-test-ip': `2001:db8:1:2::${i.toString(16)}`,
      });
      expect(r.statusCode).toBe(200);
    }
    const same64 = await get('/api/reports/annual/2022.html?fteHours=3000', {
      'x-test-ip': '2001:db8:1:2:ffff::1',
    });
    expect(same64.statusCode).toBe(429);
    const next64 = await get('/api/reports/annual/2022.html?fteHours=3000', {
      'x-test-ip': '2001:db8:1:3::1',
    });
    expect(next64.statusCode).toBe(200);
  });

  it('builds one at a time, refusing anonymous builds (503) beyond a short queue', async () => {
    // A build holds the server's queue; distinct documents for distinct addresses then arrive at
    // once: a few wait their turn, the rest are told to come back at once. Released, the waiting
    // ones are built, none twice, and every document comes in the end.
    let release = () => {};
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = queue.run(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          started();
        }),
    );
    await running; // after any build an earlier test left in the queue
    const n = DOCUMENT_BUILDS.maxWaiting + 4;
    const url = (i: number) => `/api/reports/annual/2022.html?lang=en&fteHours=${4000 + i}`;
    // Addresses no other test spends its allowance from.
    const ip = (i: number) => ({ 'x-test-ip': `198.51.100.${i + 1}` });
    const pending = Array.from({ length: n }, (_, i) => get(url(i), ip(i)));
    // Which requests reach the queue first is theirs to race; those beyond its room are answered
    // at once while the others wait for the held build.
    const answered: Awaited<(typeof pending)[number]>[] = [];
    const beyondRoom = n - DOCUMENT_BUILDS.maxWaiting;
    await new Promise<void>((resolve) => {
      for (const p of pending)
        void p.then((a) => {
          answered.push(a);
          if (answered.length === beyondRoom) resolve();
        });
    });
    const early = answered.slice();
    expect(queue.length).toBe(DOCUMENT_BUILDS.maxWaiting);
    for (const a of early) {
      expect(a.statusCode).toBe(503);
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(a.json()).toMatchObject({ error: 'busy', details: [{ rule: 'document_queue' }] });
    }
    release();
    await held;
    const all = await Promise.all(pending);
    const built = all.filter((a) => !early.includes(a));
    expect(built.map((a) => [a.statusCode, a.headers['x-cache']])).toEqual(
      Array(DOCUMENT_BUILDS.maxWaiting).fill([200, 'miss']),
    );
    for (let i = 0; i < n; i++) expect((await get(url(i), ip(i))).statusCode).toBe(200);
  });
});

describe('the bounds on builds', () => {
  it('an allowance refills over its window, and forgets the callers seen longest ago', () => {
    let now = 0;
    const a = new BuildAllowance(4, 60_000, 2, () => now);
    expect(a.take('x', 4)).toBe(0);
    expect(a.take('x', 1)).toBe(15); // one unit every 15 s
    now += 15_000;
    expect(a.take('x', 1)).toBe(0);
    expect(a.take('x', 4)).toBe(60);
    a.take('y', 1);
    a.take('z', 1); // x, seen longest ago, is forgotten: a full allowance again
    expect(a.take('x', 4)).toBe(0);
  });

  it('a queue runs its builds one after another, in order', async () => {
    const q = new BuildQueue();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setImmediate(r));
      log.push(`end ${name}`);
      return name;
    };
    const runs = [q.run(job('a')), q.run(job('b')), q.run(job('c'))];
    expect(q.length).toBe(2);
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    await expect(q.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run(job('d'))).toBe('d'); // a failure does not block the queue
    expect(q.length).toBe(0);
  });
});
