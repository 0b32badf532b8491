// The report command as a user runs it (main(argv, io), in-process, on the demo data): the annual report as
// JSON, HTML, .xlsx and .docx in each language, to stdout or --out; --provisional; "Volunteers in
// numbers" for a half-year; the monthly monitoring, national and for one region; and every bad
// argument refused with a message and exit code 2 (a wrong command line) or 1 (an unknown region).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { buildAnnualReport } from '../src/modules/reports/annual.service.ts';
import type { AnnualReport, HalfYearReport, MonthlyReport } from '../src/modules/reports/reports.schemas.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { type CliRun, runCli } from './helpers/cli.ts';

let t: TestApp;
let dir: string;
/** The accepted hours of 2022 once December of Almaty city is only submitted. */
let hours: number;

beforeAll(async () => {
  t = await createTestApp();
  // The monitoring demo: these read its 2022 figures (the platform's demo: test/demo.test.ts).
  await loadDemo(t.database, { platform: false });
  // One month left submitted (not accepted): only --provisional counts it.
  await t.database.db
    .updateTable('submission')
    .set({ status: 'submitted' })
    .where('region', '=', 'KZ-75')
    .where('period', '=', '2022-12')
    .execute();
  const r = await buildAnnualReport(t.database.db, 2022, { lang: 'en', provisional: false, map: 'year' });
  hours = r.totals.hours as number;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-report-cli-'));
}, 180_000);
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<CliRun> => runCli(['report', ...args], { env: t.database.cliEnv });

const BAD = /\b(NaN|Infinity|undefined)\b/;
const out = (name: string) => path.join(dir, name);

describe('report annual', () => {
  it('prints the JSON to stdout and writes it with --out; --provisional adds the submitted month', async () => {
    const [plain, file, prov] = await Promise.all([
      cli('annual', '--year', '2022'),
      cli('annual', '--year', '2022', '--format', 'json', '--lang', 'kk', '--out', out('a.json')),
      cli('annual', '--year', '2022', '--format', 'json', '--provisional'),
    ]);
    expect(plain.code, plain.stderr).toBe(0);
    const r = JSON.parse(plain.stdout) as AnnualReport;
    expect(r.provisional).toBe(false);
    expect(r.totals.hours).toBe(hours);
    expect(hours).toBeLessThan(1_088_387);
    expect(file.code, file.stderr).toBe(0);
    expect(file.stdout).toBe('');
    expect(file.stderr).toMatch(/Written .*a\.json/);
    const k = JSON.parse(fs.readFileSync(out('a.json'), 'utf8')) as AnnualReport;
    expect(k.lang).toBe('kk');
    expect(k.totals.hours).toBe(r.totals.hours);
    expect(prov.code, prov.stderr).toBe(0);
    const p = JSON.parse(prov.stdout) as AnnualReport;
    expect(p.provisional).toBe(true);
    expect(p.provisionalPartitions).toContainEqual({
      region: 'KZ-75',
      period: '2022-12',
      status: 'submitted',
    });
    expect(p.totals.hours as number).toBeGreaterThan(r.totals.hours as number);
    for (const x of [plain.stdout, prov.stdout]) expect(x).not.toMatch(BAD);
  }, 60_000);

  it('renders HTML in kk, ru and en with the 14 sections and the monthly dynamics', async () => {
    const runs = await Promise.all(
      (['kk', 'ru', 'en'] as const).map((lang) =>
        cli('annual', '--year', '2022', '--format', 'html', '--lang', lang, '--out', out(`a-${lang}.html`)),
      ),
    );
    for (const [i, lang] of (['kk', 'ru', 'en'] as const).entries()) {
      expect(runs[i]?.code, runs[i]?.stderr).toBe(0);
      const html = fs.readFileSync(out(`a-${lang}.html`), 'utf8');
      expect(html).toMatch(new RegExp(`<html lang="${lang}">`));
      expect(html.match(/<section\b/g)?.length ?? 0).toBeGreaterThanOrEqual(14);
      expect(html).toContain('<svg');
      expect(html).toContain('id="chart-monthly"');
      expect(html).toContain(new Intl.NumberFormat(lang === 'en' ? 'en-GB' : `${lang}-KZ`).format(hours));
      expect(html).not.toMatch(BAD);
    }
  }, 60_000);

  it('writes an .xlsx with numbers as numbers and a .docx (also to a pipe without --out)', async () => {
    const [x, d, piped] = await Promise.all([
      cli('annual', '--year', '2022', '--format', 'xlsx', '--lang', 'ru', '--out', out('a.xlsx')),
      cli('annual', '--year', '2022', '--format', 'docx', '--out', out('a.docx')),
      cli('annual', '--year', '2022', '--format', 'docx'),
    ]);
    expect(x.code, x.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out('a.xlsx'));
    expect(wb.worksheets.length).toBeGreaterThan(10);
    const numbers = wb.worksheets.flatMap((ws) => {
      const vals: number[] = [];
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          if (typeof cell.value === 'number') vals.push(cell.value);
        });
      });
      return vals;
    });
    expect(numbers).toContain(hours);
    expect(d.code, d.stderr).toBe(0);
    const docx = fs.readFileSync(out('a.docx'));
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.raw.subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('shows the year on the current map with --map current', async () => {
    const r = await cli('annual', '--year', '2022', '--map', 'current');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as AnnualReport;
    expect(j.territory).toBe('current');
    expect(j.map).toHaveLength(20);
  }, 60_000);
});

describe('report half-year and monthly', () => {
  it('gives "Volunteers in numbers" for a half-year as JSON and a one-page HTML', async () => {
    const [j, h] = await Promise.all([
      cli('half-year', '--period', '2022-H1', '--lang', 'ru'),
      cli('half-year', '--period', '2022-H2', '--format', 'html', '--out', out('h2.html')),
    ]);
    expect(j.code, j.stderr).toBe(0);
    const r = JSON.parse(j.stdout) as HalfYearReport;
    expect(r.period).toBe('2022-H1');
    expect(r.months).toHaveLength(6);
    expect(r.totals.hours as number).toBeGreaterThan(0);
    expect(h.code, h.stderr).toBe(0);
    const html = fs.readFileSync(out('h2.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(BAD);
  }, 60_000);

  it('gives the monthly monitoring, national and for one region, as JSON and HTML', async () => {
    const [nat, reg, html] = await Promise.all([
      cli('monthly', '--period', '2022-06'),
      cli('monthly', '--period', '2022-06', '--region', 'kz-75', '--lang', 'kk'),
      cli('monthly', '--period', '2022-06', '--region', 'KZ-75', '--format', 'html', '--out', out('m.html')),
    ]);
    expect(nat.code, nat.stderr).toBe(0);
    const n = JSON.parse(nat.stdout) as MonthlyReport;
    expect(n.period).toBe('2022-06');
    expect(n.regions.length).toBe(17);
    expect(n.national.ytd.hours as number).toBeGreaterThan(n.national.month.hours as number);
    expect(reg.code, reg.stderr).toBe(0);
    const m = JSON.parse(reg.stdout) as MonthlyReport;
    expect(m.regions.map((x) => x.region)).toEqual(['KZ-75']);
    expect(html.code, html.stderr).toBe(0);
    expect(fs.readFileSync(out('m.html'), 'utf8')).toContain('<svg');
  }, 60_000);
});

describe('bad arguments', () => {
  const cases: [string[], RegExp, number][] = [
    [['annual'], /--year YYYY is required/, 2],
    [['annual', '--year', '20x2'], /--year YYYY is required \(got 20x2\)/, 2],
    [['annual', '--year', '2022-06'], /--year YYYY is required/, 2],
    [
      ['annual', '--year', '2022', '--format', 'pdf'],
      /--format of the annual report must be json, html, xlsx, docx/,
      2,
    ],
    [['annual', '--year', '2022', '--format'], /--format needs a value/, 2],
    [['annual', '--year', '2022', '--lang', 'de'], /--lang must be kk, ru or en/, 2],
    [['annual', '--year', '2022', '--map', '2020'], /--map must be 2022 or current/, 2],
    [['annual', '--year', '2022', '--fte-hours', '-5'], /--fte-hours must be a positive number/, 2],
    [['annual', '--year', '2022', '--region', 'KZ-75'], /--region is for the monthly report/, 2],
    [['half-year', '--period', '2022-H3'], /--period YYYY-H1\|YYYY-H2 is required/, 2],
    [['half-year', '--period', '2022-H1', '--format', 'xlsx'], /must be json, html/, 2],
    [['monthly', '--period', '2022-13'], /--period YYYY-MM is required/, 2],
    [['monthly', '--period', '2022-06', '--region', 'KZ-00'], /Unknown region: KZ-00/, 1],
    [['weekly', '--period', '2022-06'], /Usage: birgemiz report/, 2],
  ];
  it('refuses each with exit code 2 (a wrong command line) or 1 (an unknown region) and says why', async () => {
    const runs = await Promise.all(cases.map(([args]) => cli(...args)));
    for (const [i, [args, message, code]] of cases.entries()) {
      expect(runs[i]?.code, args.join(' ')).toBe(code);
      expect(runs[i]?.stderr, args.join(' ')).toMatch(message);
      expect(runs[i]?.stdout, args.join(' ')).toBe('');
    }
  }, 120_000);
});
