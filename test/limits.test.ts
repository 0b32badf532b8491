// Inputs at the edges of what a number or a JSON body can be: each is refused with a clear 400,
// never a 500 (issue 9, defect 4). The fuzz tests (test/fuzz.*.test.ts) send the same families to
// every route; here the answers themselves are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  // An accepted month of 2022, so that the annual report computes an FTE and a value from it.
  const a = await t.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: admin.headers,
    payload: {
      region: 'KZ-75',
      period: '2022-03',
      organization: 'Limits NPO',
      organization_type: 'npo',
      title: 'Cleanup',
      area: 'umit',
      format: 'offline',
      kind: 'event',
      start_date: '2022-03-01',
      end_date: '2022-03-01',
      volunteers: 5,
      hours: 10,
    },
  });
  expect(a.statusCode, a.body).toBe(201);
  for (const [step, version] of [
    ['submit', 1],
    ['accept', 2],
  ] as const) {
    const s = await t.app.inject({
      method: 'POST',
      url: `/api/submissions/KZ-75/2022-03/${step}`,
      headers: admin.headers,
      payload: { version },
    });
    expect(s.statusCode, s.body).toBe(200);
  }
});
afterAll(async () => t?.close());

const send = (method: 'PUT' | 'POST', url: string, payload: string) =>
  t.app.inject({
    method,
    url,
    headers: { ...admin.headers, 'content-type': 'application/json' },
    payload,
  });

describe('the FTE hours of the annual report', () => {
  it('answers 400 naming the range for a tiny, huge or non-finite value, JSON and documents alike', async () => {
    for (const v of ['5e-324', '1e-320', '0.001', '99', '8785', '1e309', 'Infinity', 'NaN', '-1']) {
      for (const suffix of ['', '.html']) {
        const r = await t.app.inject(`/api/reports/annual/2022${suffix}?fteHours=${v}`);
        expect(r.statusCode, `${v}${suffix}: ${r.body}`).toBe(400);
        expect(r.json()).toMatchObject({ error: 'invalid_request', details: [{ column: 'fteHours' }] });
      }
    }
    const tiny = (await t.app.inject('/api/reports/annual/2022?fteHours=5e-324')).json();
    expect(tiny.details[0].message).toBe('at least 100 hours');
  });

  it('computes the FTE within the range', async () => {
    for (const v of ['100', '1816', '8784']) {
      const r = await t.app.inject(`/api/reports/annual/2022?fteHours=${v}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().economic.annualHoursNorm).toBe(Number(v));
    }
  });

  it('refuses working hours and wages that would make the valuation infinite', async () => {
    const wt = (annualHours: number) =>
      JSON.stringify({ year: 2022, monthlyHours: 150, annualHours, source: 's', fteHours: null });
    for (const h of [5e-324, 0.5, 99]) {
      const r = await send('PUT', '/api/reference/working-time', wt(h));
      expect(r.statusCode, `${h}: ${r.body}`).toBe(400);
    }
    const wage = JSON.stringify({ region: '', activity: '', year: 2022, monthlyWageKzt: 1e308, source: 's' });
    expect((await send('PUT', '/api/reference/wages', wage)).statusCode).toBe(400);
    expect((await t.app.inject('/api/reports/annual/2022')).statusCode).toBe(200);
  });
});

describe('deeply nested JSON', () => {
  const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const item = (attrs: string) => `{"nameKk":"Ә","nameRu":"А","nameEn":"A","attrs":${attrs}}`;

  it('is refused with 400 before any route sees it, whatever the route', async () => {
    const cases: [method: 'PUT' | 'POST', url: string, body: string][] = [
      ['PUT', '/api/reference/code-lists/area/umit', item(deepObject(10_000))],
      ['PUT', '/api/reference/code-lists/area/umit', item(`{"x":${deepArray(10_000)}}`)],
      ['POST', '/api/reference/code-lists/area', deepArray(10_000)],
      ['POST', '/api/activities', `{"title":${deepObject(10_000)}}`],
      ['PUT', '/api/reference/wages', `[${deepObject(40)}]`],
    ];
    for (const [method, url, body] of cases) {
      const r = await send(method, url, body);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(400);
      expect(r.json()).toMatchObject({
        error: 'bad_request',
        message: 'The body nests arrays and objects more than 32 levels deep',
        details: [{ rule: 'max_depth', value: 32 }],
      });
    }
  });

  it("caps a code's free-form attributes at 4 levels and 10,000 characters", async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    const ok = await send('PUT', '/api/reference/code-lists/area/umit', item(nested(4)));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().attrs).toEqual({ a: { a: { a: {} } } });
    const deep = await send('PUT', '/api/reference/code-lists/area/umit', item(nested(5)));
    expect(deep.statusCode).toBe(400);
    expect(deep.json().details).toEqual([
      expect.objectContaining({ column: 'attrs', message: 'at most 4 levels of nested objects and arrays' }),
    ]);
    const big = await send(
      'PUT',
      '/api/reference/code-lists/area/umit',
      item(`{"x":"${'y'.repeat(10_001)}"}`),
    );
    expect(big.statusCode).toBe(400);
    expect(big.json().details[0].message).toBe('at most 10,000 characters, no NUL');
  });
});
