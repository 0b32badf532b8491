// The renderers on a small report with awkward data: names that need escaping, figures not
// reported (null), a region missing from every figure, an empty year.
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatChange, formatInt, formatPercent } from '../../../domain/report/format.ts';
import { renderChartPng } from '../charts/png.ts';
import { renderChartSvg } from '../charts/svg.ts';
import { buildAnnualDocument, sheetName } from './annual.ts';
import {
  renderAnnualDocx,
  renderAnnualHtml,
  renderAnnualXlsx,
  renderHalfYearHtml,
  renderMonthlyHtml,
} from './index.ts';
import { sampleAnnual, sampleHalfYear, sampleMonthly } from './render.fixture.ts';

const BAD_WORDS = /\b(NaN|Infinity|undefined|null)\b/;

describe('number formats', () => {
  it('follows the language: a space and a decimal comma in kk and ru, a comma and a point in en', () => {
    expect(formatInt(1088387, 'kk')).toBe('1\u00a0088\u00a0387');
    expect(formatInt(1088387, 'ru')).toBe('1\u00a0088\u00a0387');
    expect(formatInt(1088387, 'en')).toBe('1,088,387');
    expect(formatPercent(38.35, 'kk')).toBe('38,35\u00a0%');
    expect(formatPercent(38.35, 'ru')).toBe('38,35\u00a0%');
    expect(formatPercent(38.35, 'en')).toBe('38.35%');
    expect(formatChange(201, 'en')).toBe('+201%');
    expect(formatChange(-12.5, 'ru')).toBe('−12,5\u00a0%');
  });

  it('shows a missing or impossible value as a dash, never as NaN or Infinity', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatInt(v, 'en')).toBe('–');
      expect(formatPercent(v, 'kk')).toBe('–');
      expect(formatChange(v, 'ru')).toBe('–');
    }
  });
});

describe('annual HTML', () => {
  it('escapes every name from the data and prints the missing regions under the figures', () => {
    const html = renderAnnualHtml(sampleAnnual(), 'en');
    expect(html).not.toContain('<b>region</b>');
    expect(html).toContain('Mangystau &lt;b&gt;region&lt;/b&gt;');
    expect(html).not.toContain('<i>more</i>');
    expect(html).toContain('Initiative groups: Regions without data for this figure: Abai, Almaty.');
    expect(html).toContain('No data on priority projects.');
    expect(html).not.toMatch(BAD_WORDS);
  });

  it('has 15 sections with semantic headings, accessible tables and figures', () => {
    const doc = buildAnnualDocument(sampleAnnual(), 'en');
    expect(doc.sections).toHaveLength(15);
    const html = renderAnnualHtml(sampleAnnual(), 'en');
    expect(html.match(/<section id="s\d+-/g)).toHaveLength(15);
    expect(html).toMatch(/<figure id="chart-hours-by-area"><svg role="img" aria-label="Hours by area"/);
    expect(html).toContain('<figcaption>');
    expect(html).toContain('<th scope="row">');
  });

  it('says so when the year has no data, and marks provisional figures', () => {
    const empty = renderAnnualHtml(sampleAnnual({ empty: true }), 'ru');
    expect(empty).toContain('<p class="empty" role="status">Данных за 2022 год пока нет');
    expect(empty).not.toMatch(BAD_WORDS);
    const provisional = renderAnnualHtml(sampleAnnual({ provisional: true }), 'kk');
    expect(provisional).toContain('<strong>АЛДЫН АЛА</strong>');
    expect(provisional).not.toMatch(BAD_WORDS);
  });

  it('renders the half-year infographic and the monthly page without gaps showing as text', () => {
    const half = renderHalfYearHtml(sampleHalfYear(), 'en');
    expect(half).toContain('first half of 2022');
    expect(half).toContain('Volunteers: Regions without data for this figure: Mangystau.');
    expect(half).not.toMatch(BAD_WORDS);
    const month = renderMonthlyHtml(sampleMonthly(), 'ru');
    expect(month).toContain('март 2022');
    expect(month).toContain('<figure id="chart-monthly">');
    expect(month).not.toMatch(BAD_WORDS);
  });
});

describe('charts', () => {
  it('draws the same SVG for the same data', () => {
    const spec = {
      kind: 'pie' as const,
      donut: true,
      items: [
        { name: 'a', value: 3 },
        { name: 'b', value: 1 },
      ],
    };
    expect(renderChartSvg(spec, 'en', 'x', {}, 'c1')).toBe(renderChartSvg(spec, 'en', 'x', {}, 'c1'));
  });

  it('writes a valid PNG of the requested size', () => {
    const png = renderChartPng(
      { kind: 'bar', categories: ['a', 'b'], series: [{ name: 's', values: [1, null] }] },
      { width: 40, height: 20 },
    );
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(40);
    expect(png.readUInt32BE(20)).toBe(20);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe((40 * 3 + 1) * 20);
  });
});

describe('annual .xlsx and .docx', () => {
  it('keeps sheet names legal and unique, and numbers as numbers', async () => {
    expect(sheetName(12, 'Value by area: a/b [c]? and a very long tail')).toBe(
      '12 Value by area a b c and a ve',
    );
    expect(sheetName(12, 'x'.repeat(50)).length).toBe(31);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderAnnualXlsx(sampleAnnual(), 'en')) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    const areas = wb.getWorksheet('6 Hours by area') as ExcelJS.Worksheet;
    expect(areas.getRow(3).values).toEqual([undefined, 'Other social', 6000, 0.6, 25]);
    const totals = wb.getWorksheet('1 Key figures') as ExcelJS.Worksheet;
    // Not reported stays an empty cell, never 0.
    expect(totals.getRow(4).getCell(3).value).toBeNull();
  });

  it('writes a .docx for an empty year too', async () => {
    const buf = await renderAnnualDocx(sampleAnnual({ empty: true }), 'kk');
    expect(buf.subarray(0, 2).toString('ascii')).toBe('PK');
  });
});

describe('the impact section (15)', () => {
  it('prints each figure with its coverage, in every language, names escaped', async () => {
    const en = buildAnnualDocument(sampleAnnual(), 'en').sections.find((s) => s.id === 's15-impact');
    const retention = en?.figures?.find((f) => f.label === 'Retention');
    expect(retention).toMatchObject({ value: '40.00%', note: '2 of 5 volunteers active in 2021' });
    expect(en?.figures?.find((f) => f.label === 'Beneficiaries per 100 hours')?.note).toBe(
      '1 of 2 closed opportunities reported',
    );
    // A survey mean below the threshold is a dash, its coverage still stated.
    const areas = en?.tables?.find((x) => x.id === 'table-impact-results-areas');
    expect(areas?.rows[0]?.slice(5)).toEqual([null, 3.67, '2 of 7']);
    const html = renderAnnualHtml(sampleAnnual(), 'en');
    expect(html).toContain('<section id="s15-impact"');
    expect(html).toContain('Children &lt;i&gt;small&lt;/i&gt;');
    expect(html).not.toContain('<i>small</i>');
    expect(html).toMatch(/<figure id="chart-impact-regions"><svg role="img"/);
    const ru = renderAnnualHtml(sampleAnnual(), 'ru');
    expect(ru).toContain('2 из 5 волонтеров, активных в 2021 году');
    const kk = renderAnnualHtml(sampleAnnual(), 'kk');
    expect(kk).toContain('2021 жылы белсенді волонтерлер: 2 / 5');
    for (const page of [html, ru, kk]) expect(page).not.toMatch(BAD_WORDS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderAnnualXlsx(sampleAnnual(), 'en')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets.find((w) => w.name.startsWith('15 Volunteers'));
    expect(sheet?.getRow(3).values).toEqual([undefined, 'Mangystau <b>region</b>', 0.4, 5, 0.5, 6, 0.125, 8]);
  });

  it('a year without platform data says so instead of tables', () => {
    const doc = buildAnnualDocument(sampleAnnual({ empty: true }), 'en');
    const s = doc.sections.find((x) => x.id === 's15-impact');
    expect(s?.tables).toBeUndefined();
  });
});
