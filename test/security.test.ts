// Security headers on every kind of answer, the API documentation on or off (API_DOCS, production),
// and no secret of a query string in the logs. Through HTTP on the database under test; the
// settings' parsing and the address keys as plain functions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoginLimit, waitMs } from '../src/modules/users/login-limits.ts';
import { buildApp } from '../src/server/app.ts';
import { redactUrl } from '../src/server/logging.ts';
import { APP_CSP, REPORT_CSP } from '../src/server/plugins/security-headers.ts';
import { parseApiDocs, parseTrustProxy } from '../src/server/settings.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let database: TestDatabase;
let webRoot: string;
beforeAll(async () => {
  database = await createTestDatabase();
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-headers-'));
  fs.writeFileSync(
    path.join(webRoot, 'index.html'),
    '<!doctype html><title>Birgemiz</title><div id="root"></div>',
  );
});
afterAll(async () => {
  await database.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

async function withEnv<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(env);
  try {
    return await run();
  } finally {
    set(saved);
  }
}

describe('security headers', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    app = await buildApp({ database, webRoot });
  });
  afterAll(async () => app.close());

  const common = (h: Record<string, unknown>) => {
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['strict-transport-security']).toBe('max-age=31536000');
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
  };

  it('the web application: scripts from this origin only, framed by this origin only', async () => {
    for (const url of ['/', '/rfo/KZ-75/2022-03']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      common(res.headers);
      expect(res.headers['content-security-policy']).toBe(APP_CSP);
    }
    expect(APP_CSP).toContain("script-src 'self';");
    expect(APP_CSP).toContain("script-src-attr 'none'");
    expect(APP_CSP).toContain("style-src 'self' 'unsafe-inline'");
    expect(APP_CSP).toContain("frame-ancestors 'self'");
    expect(APP_CSP).toContain("object-src 'none'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*(unsafe|data:|\*)/);
  });

  it('the API and its errors carry them too', async () => {
    for (const url of ['/api/health', '/api/nope']) {
      const res = await app.inject({ method: 'GET', url });
      common(res.headers);
      expect(res.headers['content-security-policy']).toBe(APP_CSP);
    }
  });

  it('a report document: no script at all, its inline styles allowed', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/reports/annual/2022.html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    common(res.headers);
    expect(res.headers['content-security-policy']).toBe(REPORT_CSP);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toContain('script-src');
  });

  it("the API documentation has the application's policy", async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(APP_CSP);
    common(res.headers);
  });
});

describe('API_DOCS', () => {
  const docs = async (env: Record<string, string | undefined>) =>
    withEnv(env, async () => {
      const app = await buildApp({ database });
      try {
        const ui = await app.inject({ method: 'GET', url: '/api/docs' });
        const json = await app.inject({ method: 'GET', url: '/api/docs/json' });
        return [ui.statusCode < 400, json.statusCode === 200];
      } finally {
        await app.close();
      }
    });

  it('is on by default outside production, off in production, and either when set', async () => {
    expect(await docs({ NODE_ENV: 'test', API_DOCS: undefined })).toEqual([true, true]);
    expect(await docs({ NODE_ENV: 'production', API_DOCS: undefined })).toEqual([false, false]);
    expect(await docs({ NODE_ENV: 'production', API_DOCS: 'on' })).toEqual([true, true]);
    expect(await docs({ NODE_ENV: 'development', API_DOCS: 'off' })).toEqual([false, false]);
  });

  it('an unreadable value stops the server with a message', async () => {
    await expect(withEnv({ API_DOCS: 'maybe' }, () => buildApp({ database }))).rejects.toThrow(
      /API_DOCS=maybe: use on or off/,
    );
  });
});

describe('request logs', () => {
  it('keep the path and harmless parameters, never a token, password or code', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ database, logger: { level: 'info', stream } });
    try {
      const secrets = ['s3cr3t-token-value', 'hunter2-password', '424242', 'reset-abc-123', 'csrf-xyz'];
      const url = `/api/health?year=2022&token=${secrets[0]}&password=${secrets[1]}&code=${secrets[2]}&reset_token=${secrets[3]}&csrfToken=${secrets[4]}&lang=kk`;
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
      await app.inject({ method: 'GET', url: `/api/nope?access_token=${secrets[0]}` });
      const logged = lines.join('\n');
      for (const s of secrets) expect(logged).not.toContain(s);
      const incoming = lines.map((l) => JSON.parse(l)).filter((l) => l.req?.url?.startsWith('/api/health'));
      expect(incoming).toHaveLength(1);
      expect(incoming[0].req.url).toBe(
        '/api/health?year=2022&token=[redacted]&password=[redacted]&code=[redacted]&reset_token=[redacted]&csrfToken=[redacted]&lang=kk',
      );
      expect(incoming[0].req.method).toBe('GET');
    } finally {
      await app.close();
    }
  });

  it('redactUrl: names matched whatever their case or escapes, the rest untouched', () => {
    expect(redactUrl('/a/b')).toBe('/a/b');
    expect(redactUrl('/a?x=1&y')).toBe('/a?x=1&y');
    expect(redactUrl('/a?Token=1&PASSWORD=2&new%5Fpassword=3&code&codes=4')).toBe(
      '/a?Token=[redacted]&PASSWORD=[redacted]&new%5Fpassword=[redacted]&code=[redacted]&codes=4',
    );
    expect(redactUrl('/a?%E0%A4%A=1&client_secret=2')).toBe('/a?%E0%A4%A=1&client_secret=[redacted]');
  });
});

describe('settings', () => {
  it('TRUST_PROXY: a number of proxies, or their addresses; never every hop', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' 2 ')).toBe(2);
    expect(parseTrustProxy('10.0.0.1')).toBe('10.0.0.1');
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.7 ,fd00::/8,loopback')).toBe(
      '10.0.0.0/8,192.168.1.7,fd00::/8,loopback',
    );
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.local', '1,2', '10.0.0.1/8/8', '::1/129'])
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
  });

  it('API_DOCS: on or off, else by NODE_ENV', () => {
    expect(parseApiDocs(undefined, 'production')).toBe(false);
    expect(parseApiDocs('', 'development')).toBe(true);
    expect(parseApiDocs('on', 'production')).toBe(true);
    expect(parseApiDocs('OFF', 'development')).toBe(false);
    expect(() => parseApiDocs('sometimes')).toThrow(/API_DOCS/);
  });
});

describe('login limit arithmetic', () => {
  it('the sliding window: how long until one more attempt fits', () => {
    const limit: LoginLimit = { max: 3, windowMs: 60_000 };
    // Under the limit: no wait.
    expect(waitMs(limit, 0, 0, 2, 10_000)).toBe(0);
    // Three in this window: in the next one they weigh (1 - g) × 3; one more fits at g = 1/3.
    expect(waitMs(limit, 0, 0, 3, 10_000)).toBeCloseTo(60_000 + 20_000 - 10_000);
    // Three in the previous window, none yet in this: one fits once a third of them slid out.
    expect(waitMs(limit, 60_000, 3, 0, 60_000)).toBeCloseTo(20_000);
    expect(waitMs(limit, 60_000, 3, 0, 80_000)).toBe(0);
    // No burst at the edge of a window: 3 at the end of one, then none fits at the start of the next.
    expect(waitMs(limit, 60_000, 3, 0, 60_001)).toBeGreaterThan(0);
  });
});
