// Serving the built web application: deep links get index.html (no-cache), hashed assets get a
// long immutable cache and precompressed bodies, /api and missing files stay 404 JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { buildApp } from '../app.ts';

describe('web application serving', () => {
  let dir: string;
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><title>Birgemiz</title><div id="root"></div>',
    );
    const js = `console.log(${JSON.stringify('x'.repeat(2000))});`;
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), js);
    fs.writeFileSync(
      path.join(dir, 'assets', 'index-abc123.js.gz'),
      (await import('node:zlib')).gzipSync(js),
    );
    database = await createTestDatabase();
    app = await buildApp({ database, webRoot: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and deep links with index.html, not cached', async () => {
    for (const url of ['/', '/regions/KZ-75?year=2022', '/rfo/KZ-75/2022-03']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long immutable cache, gzipped when accepted', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toContain('javascript');
  });

  it('serves the configured boundary file at /geo/regions.geojson', async () => {
    const file = path.join(dir, 'kz.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [] }));
    process.env.BIRGEMIZ_GEOJSON = file;
    const withGeo = await buildApp({ database, webRoot: dir });
    try {
      const res = await withGeo.inject({ method: 'GET', url: '/geo/regions.geojson' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('json');
      expect(res.json().type).toBe('FeatureCollection');
      // The page tells the dashboard there is a boundary file to fetch …
      const page = await withGeo.inject({ method: 'GET', url: '/regions/KZ-75' });
      expect(page.body).toContain('<meta name="birgemiz-geojson" content="/geo/regions.geojson">');
    } finally {
      delete process.env.BIRGEMIZ_GEOJSON;
      await withGeo.close();
    }
  });

  it('marks the page when a boundary file is built into the application', async () => {
    fs.mkdirSync(path.join(dir, 'geo'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'geo', 'regions.geojson'), '{"type":"FeatureCollection","features":[]}');
    const builtIn = await buildApp({ database, webRoot: dir });
    try {
      const page = await builtIn.inject({ method: 'GET', url: '/' });
      expect(page.body).toContain('birgemiz-geojson');
    } finally {
      fs.rmSync(path.join(dir, 'geo'), { recursive: true, force: true });
      await builtIn.close();
    }
  });

  it('says nothing of a boundary file when none is configured (no request for it, no 404)', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('birgemiz-geojson');
  });

  it('keeps /api and missing files as JSON 404s', async () => {
    for (const url of ['/api/nothing-here', '/assets/missing-1.js', '/geo/regions.geojson']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error).toBe('not_found');
    }
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
