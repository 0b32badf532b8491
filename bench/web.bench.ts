// npm run bench:web — the web application's performance, measured on this machine:
//  1. the JavaScript the public dashboard loads, gzipped (first view, then after scrolling through
//     the charts), against the 150 KB budget for the dashboard's JavaScript as a whole. The charts are
//     SVG drawn by the server (GET /api/dashboard/charts/:name) and inlined: no chart library is
//     loaded, and the check fails if an ECharts chunk is. Only the optional boundary map (Choropleth,
//     when the operator configures BIRGEMIZ_GEOJSON; not here) loads ECharts, lazily;
//  2. the dashboard's largest contentful paint in headless Chromium on localhost (median of runs);
//  3. GET /api/dashboard under 50 concurrent clients (autocannon, in a child process) beside a bare
//     Fastify route answering a constant in the server's process, and the ratio of their medians;
//     answers are cached per query and data version (src/modules/reports/cache.ts), so also the
//     latency of an answer computed afresh (the first request of a query, or the first after a write).
// The server runs on a temporary SQLite database loaded with the demo data (2022).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { launchBrowser, root, startServer } from '../e2e/helpers.ts';

const BUDGET_KB = 150;
const LCP_RUNS = 5;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : Number.NaN;
};

const server = await startServer();
const dist = path.join(root, 'dist', 'web');
console.log(`Server ${server.url} (demo data loaded)`);

// 1. JavaScript of the dashboard route.
const browser = await launchBrowser('kk-KZ');
const gz = (urlPath: string) => {
  const file = path.join(dist, decodeURIComponent(urlPath));
  return fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : 0;
};
{
  const page = await browser.newPage();
  const scripts = new Set<string>();
  const charts: { path: string; bytes: number }[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  page.on('response', async (r) => {
    if (!new URL(r.url()).pathname.startsWith('/api/dashboard/charts/')) return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    charts.push({
      path: new URL(r.url()).pathname + new URL(r.url()).search,
      bytes: zlib.gzipSync(body).length,
    });
  });
  await page.goto(`${server.url}/?year=2022`, { waitUntil: 'networkidle' });
  const first = [...scripts];
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 500) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const all = [...scripts];
  const sum = (xs: string[]) => xs.reduce((s, p) => s + gz(p), 0);
  console.log('\nDashboard JavaScript (gzip -9 of the files served):');
  for (const p of all)
    console.log(`  ${first.includes(p) ? 'first view' : 'on scroll '}  ${kb(gz(p)).padStart(9)}  ${p}`);
  const firstSize = sum(first);
  const allSize = sum(all);
  console.log(
    `  first view (key figures, map, tables): ${kb(firstSize)} — budget ${BUDGET_KB} KB: ${firstSize <= BUDGET_KB * 1024 ? 'met' : 'MISSED'}`,
  );
  // A chunk that bundles ECharts carries its name (echarts, zrender) in its code.
  const withECharts = all.filter((p) => {
    const file = path.join(dist, decodeURIComponent(p));
    return fs.existsSync(file) && /\bzrender\b|echarts/i.test(fs.readFileSync(file, 'latin1'));
  });
  console.log(
    `  whole dashboard, charts scrolled to (server-drawn SVG, no chart library): ${kb(allSize)} — budget ${BUDGET_KB} KB: ${allSize <= BUDGET_KB * 1024 && withECharts.length === 0 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  ECharts in the chunks loaded: ${withECharts.length ? withECharts.join(', ') : 'none'} (the optional boundary map, BIRGEMIZ_GEOJSON, not configured here, is the only part that loads it)`,
  );
  console.log(
    `  the ${charts.length} chart SVGs fetched (not JavaScript): ${kb(charts.reduce((s, c) => s + c.bytes, 0))} gzipped in all`,
  );
  await page.close();
}

// 2. Largest contentful paint.
{
  const lcps: number[] = [];
  for (let i = 0; i < LCP_RUNS; i++) {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __lcp: number }).__lcp = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { __lcp: number }).__lcp = e.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${server.url}/?year=2022`, { waitUntil: 'networkidle' });
    await page
      .getByTestId('kf-hours')
      .waitFor({ timeout: 10_000 })
      .catch(() => console.log('  (key figures did not appear: is /api/dashboard there?)'));
    await page.waitForTimeout(300);
    lcps.push(await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp));
    await page.close();
  }
  console.log(
    `\nLargest contentful paint, dashboard, ${LCP_RUNS} loads: median ${median(lcps).toFixed(0)} ms (runs: ${lcps.map((x) => x.toFixed(0)).join(', ')}) — goal < 1000 ms: ${median(lcps) < 1000 ? 'met' : 'MISSED'}`,
  );
}
await browser.close();

// 3. API latency under load, beside a bare route.
const bare = Fastify();
bare.get('/bare', async () => ({ ok: true }));
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

/** autocannon in a child process, so that the load generator does not share the server's thread. */
async function load(
  url: string,
): Promise<{ p50: number; p99: number; rps: number; errors: number; non2xx: number }> {
  const cli = path.join(root, 'node_modules', 'autocannon', 'autocannon.js');
  const child = spawn(process.execPath, [cli, '-c', '50', '-d', String(DURATION_S), '--json', url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  await new Promise((resolve) => child.on('close', resolve));
  const r = JSON.parse(out.trim().split('\n').pop() as string);
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}
// Answers computed afresh: one request at a time, each a query not asked before (a region and a language).
const regions = (
  (await (await fetch(`${server.url}/api/dashboard?year=2022`)).json()) as { byRegion: { region: string }[] }
).byRegion.map((r) => r.region);
const fresh: number[] = [];
for (const lang of ['kk', 'ru']) {
  for (const region of regions) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/dashboard?year=2022&region=${region}&lang=${lang}`);
    await res.arrayBuffer();
    if (res.headers.get('x-cache') === 'miss') fresh.push(performance.now() - t0);
  }
}
console.log(
  `\nGET /api/dashboard computed afresh (not cached), one at a time: median ${median(fresh).toFixed(1)} ms over ${fresh.length} queries`,
);

const probe = await fetch(`${server.url}/api/dashboard?year=2022`);
console.log(
  `GET /api/dashboard?year=2022 answers ${probe.status}; autocannon, 50 connections, ${DURATION_S} s each:`,
);
const api = await load(`${server.url}/api/dashboard?year=2022`);
const base = await load(`${bareUrl}/bare`);
console.log(
  `  /api/dashboard  median ${api.p50} ms  p99 ${api.p99} ms  ${api.rps.toFixed(0)} req/s  (errors ${api.errors}, non-2xx ${api.non2xx})`,
);
console.log(`  bare route      median ${base.p50} ms  p99 ${base.p99} ms  ${base.rps.toFixed(0)} req/s`);
console.log(
  `  ratio of medians ${(api.p50 / Math.max(base.p50, 0.001)).toFixed(1)}×, throughput ratio ${(api.rps / base.rps).toFixed(2)} — goal median < 20 ms: ${api.p50 < 20 && probe.status === 200 ? 'met' : 'MISSED'}`,
);
console.log(
  `  (machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}; client and servers share them)`,
);

await bare.close();
await server.close();
