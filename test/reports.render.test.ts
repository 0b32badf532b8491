// The report documents over HTTP on the demo data (the 2022 report): the HTML page in kk, ru and
// en with its 14 section headings, inline SVG charts and the total hours in the language's number
// format; the .xlsx with the hours by area as numbers; the .docx as a Word zip with the headings;
// an empty year; provisional access; escaping; and never a NaN/Infinity/undefined/null in sight.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { parsePeriod } from '../src/domain/periods.ts';
import { escapeHtml } from '../src/domain/report/format.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { buildAnnualReport } from '../src/modules/reports/annual.service.ts';
import { buildHalfYearReport } from '../src/modules/reports/halfyear.service.ts';
import { buildMonthlyReport } from '../src/modules/reports/monthly.service.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // The monitoring demo: these read its 2022 figures (the platform's demo: test/demo.test.ts).
  await loadDemo(t.database, { platform: false });
}, 180_000);
afterAll(async () => t?.close());

const HOURS = { kk: '1\u00a0088\u00a0387', ru: '1\u00a0088\u00a0387', en: '1,088,387' } as const;
const BAD_WORDS = /\b(NaN|Infinity|undefined|null)\b/;

function unzipEntries(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('annual report as HTML', () => {
  for (const lang of ['kk', 'ru', 'en'] as const) {
    it(`renders the 14 sections in ${lang} with charts and the formatted total`, async () => {
      const res = await t.app.inject(`/api/reports/annual/2022.html?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-disposition']).toContain(`birgemiz-annual-2022-${lang}.html`);
      const html = res.body;
      expect(html).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${lang}">`));
      const report = await buildAnnualReport(t.database.db, 2022, { lang, provisional: false, map: 'year' });
      expect(report.sections).toHaveLength(15);
      const headings = [...html.matchAll(/<h2 id="h-s\d+-[^"]+">([^<]*)<\/h2>/g)].map((m) => m[1]);
      expect(headings).toEqual(report.sections.map((s) => escapeHtml(`${s.number}. ${s.title}`)));
      // Every section's narrative is printed.
      for (const s of report.sections) for (const p of s.narrative) expect(html).toContain(escapeHtml(p));
      expect(html).toContain('<svg role="img" aria-label=');
      expect((html.match(/<figure /g) ?? []).length).toBeGreaterThanOrEqual(5);
      expect(html).toContain(HOURS[lang]);
      expect(html).toContain('@page { size: A4');
      expect(html).toContain('break-before: page');
      expect(html).toMatch(/<th scope="col"/);
      for (const id of [
        'hours-by-area',
        'gender-by-region',
        'volunteers-by-region',
        'events-by-format',
        'monthly',
        'cohorts',
      ])
        expect(html).toContain(`<figure id="chart-${id}">`);
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length - new Set(ids).size).toBe(0);
      expect(html).not.toMatch(BAD_WORDS);
    });
  }

  it('formats shares for the language (38,35 % in ru, 38.35% in en)', async () => {
    const ru = await t.app.inject('/api/reports/annual/2022.html?lang=ru');
    expect(ru.body).toContain('38,35\u00a0%');
    const en = await t.app.inject('/api/reports/annual/2022.html?lang=en');
    expect(en.body).toContain('38.35%');
  });

  it('prints the method and assumptions beside the economic figure', async () => {
    const report = await buildAnnualReport(t.database.db, 2022, {
      lang: 'en',
      provisional: false,
      map: 'year',
    });
    const html = (await t.app.inject('/api/reports/annual/2022.html?lang=en')).body;
    const economic = html.slice(html.indexOf('<section id="s12-'), html.indexOf('<section id="s13-'));
    expect(economic).toContain('class="method"');
    expect(economic).toContain(escapeHtml(report.economic.method));
    for (const a of report.economic.assumptions) expect(economic).toContain(escapeHtml(a));
  });

  it('renders a year without data as a page that says so', async () => {
    const res = await t.app.inject('/api/reports/annual/2031.html?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="empty"');
    expect(res.body).toContain('There are no data for 2031');
    expect(res.body).not.toMatch(BAD_WORDS);
    for (const f of ['xlsx', 'docx'])
      expect((await t.app.inject(`/api/reports/annual/2031.${f}`)).statusCode).toBe(200);
  });

  it('refuses a malformed year and keeps provisional figures for staff', async () => {
    expect((await t.app.inject('/api/reports/annual/20x2.html')).statusCode).toBe(400);
    expect((await t.app.inject('/api/reports/annual/2022.html?lang=de')).statusCode).toBe(400);
    const anonymous = await t.app.inject('/api/reports/annual/2022.html?provisional=true');
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json().message).toMatch(/staff only/);
    const viewer = await signIn(t, 'viewer');
    const refused = await t.app.inject({
      url: '/api/reports/annual/2022.html?provisional=true',
      headers: viewer.headers,
    });
    expect(refused.statusCode).toBe(403);
    const analyst = await signIn(t, 'national_analyst');
    const res = await t.app.inject({
      url: '/api/reports/annual/2022.html?provisional=true&lang=en',
      headers: analyst.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="provisional"');
    expect(res.body).toContain('PROVISIONAL');
  });
});

describe('half-year and monthly pages', () => {
  it('renders "Volunteers in numbers" as a one-page infographic with small charts', async () => {
    const res = await t.app.inject('/api/reports/half-year/2022-H1.html?lang=ru');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-disposition']).toContain('birgemiz-volunteers-in-numbers-2022-H1-ru.html');
    const report = await buildHalfYearReport(t.database.db, parsePeriod('2022-H1')!, {
      lang: 'ru',
      provisional: false,
      map: 'year',
    });
    expect(report.totals.hours).toBeGreaterThan(0);
    expect(res.body).toContain('<body class="compact">');
    expect(res.body).toContain(new Intl.NumberFormat('ru-RU').format(report.totals.hours as number));
    expect((res.body.match(/<svg role="img"/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(res.body).not.toMatch(BAD_WORDS);
  });

  it('renders the monthly monitoring with the dynamics chart, nationally and for one region', async () => {
    const res = await t.app.inject('/api/reports/monthly/2022-03.html?lang=kk');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html>\s*<html lang="kk">/);
    expect(res.body).toContain('<figure id="chart-monthly">');
    const report = await buildMonthlyReport(t.database.db, parsePeriod('2022-03')!, {
      lang: 'kk',
      provisional: false,
      map: 'year',
    });
    for (const r of report.regions) expect(res.body).toContain(escapeHtml(r.name));
    expect(res.body).toContain(new Intl.NumberFormat('kk-KZ').format(report.national.ytd.hours as number));
    expect(res.body).not.toMatch(BAD_WORDS);
    const one = await t.app.inject('/api/reports/monthly/2022-03.html?lang=en&region=KZ-75');
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toContain('birgemiz-monthly-2022-03-KZ-75-en.html');
    expect((await t.app.inject('/api/reports/monthly/2022-03.html?region=KZ-99')).statusCode).toBe(404);
  });

  it('says so when the period has no data, and refuses malformed periods', async () => {
    const half = await t.app.inject('/api/reports/half-year/2031-H2.html?lang=en');
    expect(half.statusCode).toBe(200);
    expect(half.body).toContain('There are no data for');
    expect(half.body).not.toMatch(BAD_WORDS);
    const month = await t.app.inject('/api/reports/monthly/2031-05.html?lang=ru');
    expect(month.statusCode).toBe(200);
    expect(month.body).toContain('class="empty"');
    expect(month.body).not.toMatch(BAD_WORDS);
    expect((await t.app.inject('/api/reports/half-year/2022-H3.html')).statusCode).toBe(400);
    expect((await t.app.inject('/api/reports/monthly/2022-13.html')).statusCode).toBe(400);
  });

  it('gives the same bytes for the same data (no animation, no random ids)', async () => {
    const a = await t.app.inject('/api/reports/annual/2022.html?lang=kk');
    const b = await t.app.inject('/api/reports/annual/2022.html?lang=kk');
    expect(a.body).toBe(b.body);
  });
});

describe('annual report as .xlsx', () => {
  it('has a sheet per table, numbers as numbers, and the hours by area summing to the total', async () => {
    const res = await t.app.inject('/api/reports/annual/2022.xlsx?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="birgemiz-annual-2022-en.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(10);
    for (const ws of wb.worksheets) expect(ws.name.length).toBeLessThanOrEqual(31);
    const ws = wb.worksheets.find((w) => w.name === '6 Hours by area');
    expect(ws, wb.worksheets.map((w) => w.name).join(' | ')).toBeDefined();
    const sheet = ws as ExcelJS.Worksheet;
    expect(sheet.getRow(2).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const hours: number[] = [];
    let footer: unknown = null;
    sheet.eachRow((row, n) => {
      if (n <= 2) return;
      const v = row.getCell(2).value;
      if (row.getCell(1).value === 'Total') footer = v;
      else hours.push(v as number);
    });
    expect(hours.length).toBe(11);
    for (const h of hours) expect(typeof h).toBe('number');
    expect(hours.reduce((a, b) => a + b, 0)).toBe(1_088_387);
    expect(footer).toBe(1_088_387);
    const strings = (await unzipEntries(res.rawPayload)).get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
    expect(strings).toContain('Hours by area');
    expect(strings).not.toMatch(BAD_WORDS);
    // Shares are fractions under a percent format.
    expect(sheet.getRow(3).getCell(3).value).toBeCloseTo(0.3835, 4);
    expect(sheet.getRow(3).getCell(3).numFmt).toBe('0.00%');
  });
});

describe('annual report as .docx', () => {
  it('is a Word zip whose document holds every section heading and the charts as images', async () => {
    const res = await t.app.inject('/api/reports/annual/2022.docx?lang=ru');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toContain('birgemiz-annual-2022-ru.docx');
    const entries = await unzipEntries(res.rawPayload);
    const xml = entries.get('word/document.xml')?.toString('utf8') ?? '';
    const report = await buildAnnualReport(t.database.db, 2022, {
      lang: 'ru',
      provisional: false,
      map: 'year',
    });
    for (const s of report.sections)
      expect(xml).toContain(escapeHtml(`${s.number}. ${s.title}`).replace(/&#39;/g, '&apos;'));
    expect(xml).toContain('1\u00a0088\u00a0387');
    expect([...entries.keys()].filter((k) => /^word\/media\/.*\.svg$/.test(k)).length).toBeGreaterThanOrEqual(
      5,
    );
    const png = [...entries.entries()].find(([k]) => k.endsWith('.png'))?.[1];
    expect(png?.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(xml).not.toMatch(BAD_WORDS);
  });
});

describe('OpenAPI', () => {
  it('documents the document routes under their media types', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json() as {
      paths: Record<string, { get: { summary: string; responses: Record<string, { content?: object }> } }>;
    };
    const html = doc.paths['/api/reports/annual/{year}.html'];
    expect(html?.get.summary).toContain('/api/reports/annual/{year}.html');
    expect(Object.keys(html?.get.responses['200']?.content ?? {})).toEqual(['text/html']);
    expect(doc.paths['/api/reports/annual/{year}.xlsx']).toBeDefined();
    expect(doc.paths['/api/reports/annual/{year}.docx']).toBeDefined();
    expect(doc.paths['/api/reports/half-year/{period}.html']).toBeDefined();
    expect(doc.paths['/api/reports/monthly/{period}.html']).toBeDefined();
  });
});

describe('escaping', () => {
  it('never lets a name from the data into the page as markup', async () => {
    await t.database.db
      .updateTable('code_list_item')
      .set({ name_en: '<script>alert("x")</script> & co' })
      .where('list', '=', 'area')
      .where('code', '=', 'umit')
      .execute();
    const html = (await t.app.inject('/api/reports/annual/2022.html?lang=en')).body;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });
});
