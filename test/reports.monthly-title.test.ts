// The monthly report's title names the month as people say it ("декабрь 2022"), never the code
// (2022-12), in kk / ru / en: in the JSON answer and in the HTML document (its <title> and <h1>).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const expected = { kk: /2022 жылғы желтоқсан/, ru: /декабрь 2022/, en: /December 2022/ } as const;

describe('the monthly report title', () => {
  it.each(Object.keys(expected) as (keyof typeof expected)[])('names the month in %s', async (lang) => {
    const json = await t.app.inject(`/api/reports/monthly/2022-12?lang=${lang}`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().title).toMatch(expected[lang]);
    expect(json.json().title).not.toContain('2022-12');
    const html = await t.app.inject(`/api/reports/monthly/2022-12.html?lang=${lang}`);
    expect(html.statusCode).toBe(200);
    const title = /<title>([^<]*)<\/title>/.exec(html.body)?.[1] ?? '';
    const h1 = /<h1[^>]*>([^<]*)<\/h1>/.exec(html.body)?.[1] ?? '';
    for (const text of [title, h1]) {
      expect(text).toMatch(expected[lang]);
      expect(text).not.toContain('2022-12');
    }
  });
});
