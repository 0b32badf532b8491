// The words of the reports and the reports under bad input, on the demo data (SQLite, or PostgreSQL
// with TEST_DATABASE_URL): every catalogue key exists in kk, ru and en and is translated; the
// rendered kk and ru pages hold no English sentence (only the data's own source names, which are
// quoted as recorded); years are never digit-grouped; an unknown figure reads as a dash or says why,
// never "–%"; the map of today's 20 units on 2022 compares like with like; and a year without data,
// a region without submissions, a half-year with some months, a missing wage or population, a zero
// denominator all still render in JSON and HTML, say what is missing, and never show NaN, Infinity,
// undefined or null.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/domain/lang.ts';
import { parsePeriod } from '../src/domain/periods.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { type AnnualOptions, buildAnnualReport } from '../src/modules/reports/annual.service.ts';
import { buildHalfYearReport } from '../src/modules/reports/halfyear.service.ts';
import { buildMonthlyReport } from '../src/modules/reports/monthly.service.ts';
import {
  renderAnnualDocx,
  renderAnnualHtml,
  renderAnnualXlsx,
  renderHalfYearHtml,
  renderMonthlyHtml,
} from '../src/modules/reports/render/index.ts';
import type { AnnualReport } from '../src/modules/reports/reports.schemas.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // The monitoring demo: these read its 2022 figures (the platform's demo: test/demo.test.ts).
  await loadDemo(t.database, { platform: false });
}, 180_000);
afterAll(async () => t?.close());

const BAD_WORDS = /\b(NaN|Infinity|undefined|null)\b/;
const annual = (year: number, lang: Lang, extra: Partial<AnnualOptions> = {}) =>
  buildAnnualReport(t.database.db, year, { lang, provisional: false, map: 'year', ...extra });

/** The visible text of a page: no markup, styles or chart geometry. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[\s\u00a0]+/g, ' ');
}

/** Strings the report quotes from the data as recorded (wage and working-time sources, programmes). */
function dataStrings(r: AnnualReport): string[] {
  const e = r.economic;
  return [
    ...e.wageTable.map((w) => w.source),
    ...e.unaccounted.flatMap((u) => [u.note ? `${u.source} (${u.note})` : u.source, u.source, u.note ?? '']),
    e.workingTime.source ?? '',
    e.workingTime.fteSource ?? '',
  ]
    .filter((s) => s.length > 0)
    .map((s) => s.replace(/[\s\u00a0]+/g, ' '))
    .sort((a, b) => b.length - a.length);
}

function flatten(o: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out[key] = String(v);
  }
  return out;
}
const catalogue = (lang: Lang) =>
  flatten(JSON.parse(fs.readFileSync(path.join('src', 'i18n', `reports.${lang}.json`), 'utf8')));

// Words that only an English sentence of the catalogue would bring into a kk or ru page.
const ENGLISH = [
  / the /i,
  / of the /i,
  / and /,
  /\bregions?\b/i,
  /\bhours\b/,
  /\bvolunteers\b/,
  /\bwage\b/,
  /\bnot computable\b/i,
  /\bunknown\b/,
  /\babroad\b/,
  /\bfull-time\b/i,
  /\bmissing\b/i,
];

describe('catalogues', () => {
  it('have every key in kk, ru and en, each translated', () => {
    const en = catalogue('en');
    for (const lang of ['kk', 'ru'] as const) {
      const c = catalogue(lang);
      expect(Object.keys(c).sort()).toEqual(Object.keys(en).sort());
      // A sentence left in English: the same text of two words or more as the en catalogue.
      const same = Object.keys(en).filter((k) => c[k] === en[k] && /\p{L}+\s+\p{L}+/u.test(en[k] as string));
      expect(same, `${lang}: keys still in English`).toEqual([]);
      // The same placeholders in every language, so no figure silently drops out of a sentence.
      for (const k of Object.keys(en)) {
        const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(vars(c[k] as string), `${lang}: ${k}`).toEqual(vars(en[k] as string));
      }
    }
  });
});

describe('the 2022 annual report in kk and ru', () => {
  for (const lang of ['kk', 'ru'] as const)
    it(`holds no English sentence in ${lang} (only the sources' own names)`, async () => {
      const r = await annual(2022, lang);
      let text = visibleText(renderAnnualHtml(r));
      for (const s of dataStrings(r)) text = text.split(s).join(' ');
      for (const re of ENGLISH) {
        const m = re.exec(text);
        expect(m ? text.slice(Math.max(0, m.index - 80), m.index + 80) : null, `${lang}: ${re}`).toBeNull();
      }
      // No catalogue key or JSON field name printed instead of its label.
      expect(text).not.toMatch(/\b(initiativeGroups|ageBands|totals\.\w+|narrative\.\w+|economic\.\w+)\b/);
      // The method and its assumptions are in the report's language.
      expect(r.economic.method).not.toMatch(/Replacement cost/);
      for (const a of r.economic.assumptions)
        expect(a).not.toMatch(/^(Hourly wage|Full-time|Unaccounted|The 2022)/);
      expect(r.economic.reportRange).not.toMatch(/wage table/);
      expect(r.dataQuality.outlierRule).not.toMatch(/modified z-score/);
    });

  it('never groups the digits of a year and never prints "–%"', async () => {
    for (const lang of ['kk', 'ru', 'en'] as const)
      for (const year of [2022, 2031]) {
        const r = await annual(year, lang);
        const json = JSON.stringify(r);
        const html = visibleText(renderAnnualHtml(r));
        // "2 022", "2,021": a year written as a quantity (not part of a longer number).
        const grouped = new RegExp(
          `(?<!\\d[\\s\u00a0,.]?)(${[year, year - 1].map((y) => `2[\\s\u00a0,.]${String(y).slice(1)}`).join('|')})(?![\\s\u00a0,.]?\\d)`,
        );
        for (const text of [json, html]) {
          expect(text).not.toMatch(grouped);
          expect(text).not.toMatch(/[–—-]\s?%/);
          expect(text).not.toMatch(/—\s*–/);
        }
        expect(html).toContain(String(year));
      }
  });
});

describe('territory over time', () => {
  it('shows 2022 on the 17 units of its year, or on the current 20 where lineage allows', async () => {
    const own = await annual(2022, 'en');
    expect(own.territory).toBe('2022');
    expect(own.map).toHaveLength(17);
    const cur = await annual(2022, 'en', { map: 'current' });
    expect(cur.territory).toBe('current');
    expect(cur.map).toHaveLength(20);
    expect(cur.regions).toHaveLength(20);
    // The same national figures whatever the map: units are regrouped, nothing is lost or doubled.
    expect(cur.totals.hours).toBe(own.totals.hours);
    expect(cur.totals.volunteers).toBe(own.totals.volunteers);
    // Units created by the 2022 split have no figures of their own (their data are in their
    // predecessors'); they show null, never zero.
    for (const code of ['KZ-10', 'KZ-33', 'KZ-62']) {
      const row = cur.regions.find((x) => x.region === code);
      expect(row?.volunteers).toBeNull();
      expect(row?.volunteersChange).toBeNull();
    }
  });

  it('says that year-over-year change compares like with like, and which units it leaves out', async () => {
    const cur = await annual(2022, 'en', { map: 'current' });
    const like = cur.notes.find((n) => n.code === 'like_with_like');
    expect(like?.text).toMatch(/compare the same units/);
    const skipped = cur.notes.find((n) => n.code === 'change_not_comparable');
    expect(skipped?.regions).toEqual(expect.arrayContaining(['KZ-10', 'KZ-33', 'KZ-62', 'KZ-63', 'KZ-19']));
    for (const code of skipped?.regions ?? [])
      expect(cur.regions.find((x) => x.region === code)?.volunteersChange ?? null).toBeNull();
    // A unit whose territory did not change keeps its change against 2021.
    expect(cur.regions.find((x) => x.region === 'KZ-71')?.volunteersChange).toBeCloseTo(87.5, 1);
    const html = renderAnnualHtml(cur);
    expect(html).toContain('Abai');
    expect(html).toContain(like?.text as string);
    const ru = await annual(2022, 'ru', { map: 'current' });
    expect(ru.notes.find((n) => n.code === 'like_with_like')?.text).toMatch(/одни и те же единицы/);
  });
});

/** JSON with no non-finite number and no placeholder; HTML with none of the bad words. */
function expectClean(json: unknown, html: string) {
  const text = JSON.stringify(json, (_k, v) => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    return v;
  });
  expect(text).not.toMatch(/\b(NaN|Infinity|undefined)\b/);
  expect(text).not.toMatch(/[–—-]\s?%/);
  expect(html).not.toMatch(BAD_WORDS);
  expect(visibleText(html)).not.toMatch(/[–—-]\s?%/);
}

describe('bad input', () => {
  it('renders a year without data in every format and language, and says so', async () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const r = await annual(2031, lang);
      const html = renderAnnualHtml(r);
      expectClean(r, html);
      expect(r.totals.hours).toBeNull();
      expect(r.totals.volunteers).toBeNull();
      expect(r.economic.valueKzt).toBeNull();
      expect(html).toContain('class="empty"');
      expect((await renderAnnualXlsx(r)).length).toBeGreaterThan(1000);
      expect((await renderAnnualDocx(r)).length).toBeGreaterThan(1000);
    }
    const en = await annual(2031, 'en');
    expect(en.sections.find((s) => s.key === 'economic')?.reason).toMatch(/Not computable/);
    expect(en.sections.find((s) => s.key === 'dataQuality')?.narrative.join(' ')).toMatch(
      /timeliness not computable \(no month was submitted\)/,
    );
  });

  it('renders half-years and months without data, or with only some months', async () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      for (const p of ['2031-H1', '2022-H1']) {
        const r = await buildHalfYearReport(t.database.db, parsePeriod(p)!, {
          lang,
          provisional: false,
          map: 'year',
        });
        expectClean(r, renderHalfYearHtml(r));
        expect(JSON.stringify(r.title)).not.toContain(p);
      }
      for (const p of ['2031-01', '2022-05']) {
        const r = await buildMonthlyReport(t.database.db, parsePeriod(p)!, {
          lang,
          provisional: false,
          map: 'year',
          region: null,
        });
        expectClean(r, renderMonthlyHtml(r));
      }
    }
    const h = await buildHalfYearReport(t.database.db, parsePeriod('2022-H1')!, {
      lang: 'ru',
      provisional: false,
      map: 'year',
    });
    expect(h.title).toContain('первое полугодие 2022 года');
  });

  it('says what is missing when a region sends nothing and a wage or population is missing', async () => {
    const db = t.database.db;
    // Almaty city (KZ-75) sends nothing from May; Astana (KZ-71) has no wage and no population.
    await db
      .updateTable('submission')
      .set({ status: 'returned' })
      .where('region', '=', 'KZ-75')
      .where('period', '>=', '2022-05')
      .where('period', '<=', '2022-12')
      .execute();
    await db.deleteFrom('wage').where('region', '=', 'KZ-71').where('year', '=', 2022).execute();
    await db.deleteFrom('population').where('region', '=', 'KZ-71').where('year', '=', 2022).execute();
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const r = await annual(2022, lang);
      const html = renderAnnualHtml(r);
      expectClean(r, html);
      expect((await renderAnnualXlsx(r)).length).toBeGreaterThan(1000);
      expect((await renderAnnualDocx(r)).length).toBeGreaterThan(1000);
      // The wage: valued at the national wage, and said so.
      expect(r.economic.missingRegions.wage).toContain('KZ-71');
      expect(r.totals.missingRegions.population).toContain('KZ-71');
      expect(r.notes.some((n) => n.code === 'missing_population')).toBe(true);
      const astana = r.regions.find((x) => x.region === 'KZ-71')?.name as string;
      expect(r.economic.assumptions.join(' ')).toContain(astana);
      expect(html).toContain(astana);
      // The months Almaty did not send are not zero: its data-quality row says 4 of 12 accepted.
      const almaty = r.dataQuality.regions.find((x) => x.region === 'KZ-75');
      expect(almaty?.acceptedMonths).toBe(4);
    }
    const h2 = await buildHalfYearReport(t.database.db, parsePeriod('2022-H2')!, {
      lang: 'en',
      provisional: false,
      map: 'year',
    });
    const html = renderHalfYearHtml(h2);
    expectClean(h2, html);
    expect(h2.notes.some((n) => n.code === 'missing_regions' && n.regions?.includes('KZ-75'))).toBe(true);
    const almatyCity = h2.notes.find((n) => n.code === 'missing_regions')?.text as string;
    expect(html).toContain(almatyCity.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
  });

  it('says "not computable" for a zero denominator rather than a silent zero', async () => {
    const db = t.database.db;
    await db.updateTable('population').set({ population: 0 }).where('year', '=', 2022).execute();
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const r = await annual(2022, lang);
      expect(r.totals.populationShare).toBeNull();
      expect(r.totals.everyNth).toBeNull();
      const html = renderAnnualHtml(r);
      expectClean(r, html);
      const note = r.sections[0]?.notes.find((n) => n.code === 'zero_denominator');
      expect(note?.text).toBeTruthy();
      expect(note?.text).not.toContain('totals.');
      expect(html).toContain(note?.text as string);
    }
  });
});
