import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { dialectUnderTest } from './helpers/db.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('system', () => {
  it('answers the health check on the database under test', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialectUnderTest });
  });

  it('publishes the OpenAPI document at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/health']).toBeDefined();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('not_found');
  });

  it('refuses a state-changing request with a session but without the CSRF token', async () => {
    const u = await signIn(t, 'national_admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { cookie: u.headers.cookie as string },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/CSRF/);
  });
});
